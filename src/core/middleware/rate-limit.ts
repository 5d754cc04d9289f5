/**
 * Per-person (channel:userId) rate limit (sliding window), counted in the store (Store.hitRateLimit),
 * so every instance on one store shares one count and one notice. Two rules:
 * - never silence: a message over the limit that is not handled gets an honest notice that it was NOT
 *   read and when to send it again; one notice per window covers every message skipped in that window
 *   (a flood is not answered with a flood, and the notice says the later ones are skipped too);
 * - nothing accepted is lost: a message that continues a flow in progress (a confirmation, the hospital
 *   question, a rating, a parked report's "1") is handled up to a much higher flood cap.
 * Only handled messages count toward the limit, so "一分钟后再发" is true once the minute has passed.
 */
import type { Middleware, Turn } from '../pipeline.js';
import type { RateRule } from '../../store/types.js';
import { answer, dialogKey } from '../pipeline.js';
import { personId } from '../person.js';
import { parkedKey, ratingKey } from '../keys.js';

/** The flood cap for messages inside a flow: this many times the normal limit. */
export const FLOOD_FACTOR = 5;

/** `limit` handled messages per `windowMs`; a flow goes on up to `floodLimit` (FLOOD_FACTOR × the limit). */
export function rateRule(limit: number, windowMs: number, floodLimit = limit * FLOOD_FACTOR): RateRule {
  return { limit, windowMs, floodLimit: Math.max(limit, floodLimit) };
}

/**
 * True when the sender is in the middle of something with the bot: a dialog step in this chat, a
 * rating question, or a parked report whose "回复 1 提交" offer stands.
 */
export async function flowInProgress(turn: Turn): Promise<boolean> {
  const { store, clock } = turn.services;
  const now = clock.now();
  if (await store.getDialog(dialogKey(turn.msg), now)) return true;
  if (await store.getDialog(ratingKey(turn.msg), now)) return true;
  const parked = await store.getDialog(parkedKey(turn.msg), now);
  return Boolean(parked && (parked.data as { offeredAt?: string }).offeredAt);
}

/** Middleware over the store's shared count (one rule for the service). */
export function rateLimit(rule: RateRule): Middleware {
  return async (turn, next) => {
    const { store, clock } = turn.services;
    const key = personId(turn.msg);
    const now = clock.now();
    // Under the limit (nearly always) one atomic step counts it; at the limit this step changes nothing.
    let hit = await store.hitRateLimit(key, rule, { inFlow: false, canNotify: false }, now);
    if (hit.verdict !== 'ok') {
      // At the limit: the flow state is read only now, and only while the flood cap leaves room.
      const inFlow = hit.load < rule.floodLimit && (await flowInProgress(turn));
      // Un-addressed and in no flow: dropped without a notice, as the store would decide.
      if (inFlow || turn.addressed) hit = await store.hitRateLimit(key, rule, { inFlow, canNotify: turn.addressed }, now);
    }
    if (hit.verdict === 'ok') return next();
    if (hit.verdict === 'first_over') {
      const seconds = Math.ceil(rule.windowMs / 1000);
      answer(turn, [{ text: turn.services.prompts.t('core.rate_limited', { wait: waitWords(seconds) }) }]);
      // Not processed: API clients may resend it after retryAfterSeconds.
      turn.result = { ...turn.result, data: { notProcessed: 'rate_limited', retryAfterSeconds: seconds } };
      return;
    }
    turn.result = { replies: [], intent: 'dropped', dropped: 'rate_limited' };
  };
}

/** "一分钟" for 60 s, "2分钟" for 120 s, "30秒" otherwise. */
function waitWords(seconds: number): string {
  if (seconds === 60) return '一分钟';
  if (seconds % 60 === 0) return `${seconds / 60}分钟`;
  return `${seconds}秒`;
}
