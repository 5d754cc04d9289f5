/** Drops a message whose id was already handled (duplicate deliveries, retries, several instances). */
import type { Middleware } from '../pipeline.js';

/** Message ids are remembered for a day. */
const SEEN_TTL_MS = 24 * 60 * 60 * 1000;

export const dropDuplicates: Middleware = async (turn, next) => {
  const { messageId, channel } = turn.msg;
  if (messageId) {
    const fresh = await turn.services.store.markSeen(`${channel}:${messageId}`, SEEN_TTL_MS, turn.services.clock.now());
    if (!fresh) {
      turn.result = { replies: [], intent: 'dropped', dropped: 'duplicate', duplicate: true };
      return;
    }
  }
  await next();
};
