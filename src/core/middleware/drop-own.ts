/** Drops the bot's own messages (echoes of what it sent). */
import type { Middleware } from '../pipeline.js';

export const dropOwnMessages: Middleware = async (turn, next) => {
  if (turn.msg.fromSelf) {
    turn.result = { replies: [], intent: 'dropped', dropped: 'self' };
    return;
  }
  await next();
};
