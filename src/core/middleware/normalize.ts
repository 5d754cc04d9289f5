/** Cleans the text (control characters, full-width digits, spaces); an empty message gets a kind reply. */
import type { Middleware } from '../pipeline.js';
import { answer } from '../pipeline.js';
import { dropUnaddressed } from '../dispatch.js';

/** Folds full-width digits, removes control and zero-width characters, trims; a lone Chinese numeral or circled digit becomes the digit. */
export function cleanText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\uFFFD/g, '')
    // lone UTF-16 surrogates (broken emoji) cannot be stored or sent as JSON
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u2005\u3000\u00A0]/g, ' ')
    .trim()
    // a numbered choice answered in a Chinese numeral or a circled digit ("一", "两", "②"): the digit
    .replace(/^([零一二两三四五六七八九]|[\u2460-\u2468])[。.！!]?$/u, (_m, c: string) => CHOICE_DIGIT[c] ?? String(c.charCodeAt(0) - 0x2460 + 1));
}

const CHOICE_DIGIT: Record<string, string> = { 零: '0', 一: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

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
