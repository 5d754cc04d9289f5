/**
 * Drops a message whose id was already handled (duplicate deliveries, retries, several instances).
 * The id is claimed before handling and marked done after; if handling fails or the process dies
 * half-way, the claim is released or taken over, so a retry of that message is answered.
 */
import type { Middleware } from '../pipeline.js';
import { personInChat } from '../person.js';

/** Message ids are remembered for a day. */
const SEEN_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim lasts at most this long without completion. */
const CLAIM_LEASE_MS = 10 * 60 * 1000;
/** Another instance's unfinished claim is taken over after this (it probably died; a slow turn with two LLM calls takes well under it). */
const TAKEOVER_MS = 60_000;

export const dropDuplicates: Middleware = async (turn, next) => {
  const { messageId } = turn.msg;
  if (!messageId) return next();
  const { store, clock, instanceId } = turn.services;
  // Platform ids are unique per chat at best (Telegram), and API clients choose their own.
  const id = `${personInChat(turn.msg)}:${messageId}`;
  const claimed = await store.claimMessage(id, instanceId, { leaseMs: CLAIM_LEASE_MS, takeoverMs: TAKEOVER_MS }, clock.now());
  if (!claimed) {
    turn.result = { replies: [], intent: 'dropped', dropped: 'duplicate', duplicate: true };
    return;
  }
  try {
    await next();
  } catch (err) {
    await store.releaseMessage(id).catch(() => undefined);
    throw err;
  }
  await store.completeMessage(id, SEEN_TTL_MS, clock.now());
};
