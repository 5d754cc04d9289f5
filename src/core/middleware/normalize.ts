/** Cleans the text (control characters, full-width digits, spaces); an empty message gets a kind reply. */
import type { Middleware } from '../pipeline.js';
import { answer } from '../pipeline.js';
import { dropUnaddressed } from '../dispatch.js';

/** Folds full-width digits/letters, removes control and zero-width characters, trims. */
export function cleanText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\uFFFD/g, '')
    // lone UTF-16 surrogates (broken emoji) cannot be stored or sent as JSON
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u2005\u3000\u00A0]/g, ' ')
    .trim();
}

export const normalizeInput: Middleware = async (turn, next) => {
  turn.text = cleanText(turn.text);
  if (!turn.text) {
    if (!turn.addressed) {
      dropUnaddressed(turn);
      return;
    }
    answer(turn, [{ text: turn.services.prompts.t('core.empty_message') }]);
    return;
  }
  await next();
};
