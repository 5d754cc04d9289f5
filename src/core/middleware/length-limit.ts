/** Refuses messages longer than MAX_MESSAGE_CHARS with a kind reply (nothing is processed). */
import type { Middleware } from '../pipeline.js';
import { answer } from '../pipeline.js';
import { dropUnaddressed } from '../dispatch.js';

export const lengthLimit: Middleware = async (turn, next) => {
  const max = turn.services.config.MAX_MESSAGE_CHARS;
  const length = [...turn.text].length;
  if (length > max) {
    if (!turn.addressed) {
      dropUnaddressed(turn);
      return;
    }
    const { prompts } = turn.services;
    answer(turn, [{ text: prompts.t('core.too_long', { length, max }) }]);
    return;
  }
  await next();
};
