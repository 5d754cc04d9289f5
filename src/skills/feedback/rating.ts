/**
 * The retiree's 1-5 rating of a closed ticket. closeTicket stores the question under its own key
 * (ratingKey), never over the user's dialog; this pipeline middleware (just before dispatch) takes an
 * answer only when the user is in no other flow and the message is nothing but a rating:
 * "5分" / "五星" within a week of the question, a bare "5" only as the user's first message after the
 * question and within a day (after any other message, or later, it is a menu choice).
 */
import type { Middleware } from '../../core/pipeline.js';
import { answer, dialogKey } from '../../core/pipeline.js';
import type { Services } from '../../services.js';
import type { Inbound } from '../../core/types.js';
import type { DialogState } from '../../store/types.js';
import { BARE_RATING_MS, RATING_TTL_MS, ratingKey } from './actions.js';
import { personId } from '../../core/person.js';

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
const RATING = /^(打|给)?\s*([1-5一二两三四五])\s*(分|星|颗星)?$/u;

function bare(text: string): string {
  return text.trim().replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

/** "5", "5分", "五星", "打5分" -> { value: 5, bare: whether it was a digit alone }; anything else -> null. */
export function readRating(text: string): { value: number; bare: boolean } | null {
  const m = RATING.exec(bare(text));
  if (!m) return null;
  const value = /\d/.test(m[2]!) ? Number(m[2]) : CHINESE_DIGITS[m[2]!];
  if (!value) return null;
  return { value, bare: !m[1] && !m[3] };
}

/** "5", "5分", "五星", "打5分" -> 5; anything else -> null. */
export function parseRating(text: string): number | null {
  return readRating(text)?.value ?? null;
}

/** The rating a message gives to the pending question, or null (not a rating, or a bare digit too late). */
export function ratingAnswer(text: string, pending: DialogState, now: Date): number | null {
  const r = readRating(text);
  if (!r) return null;
  // "2" after "你好" / "0" is a menu choice: a bare digit is the rating only as the first answer.
  if (r.bare && pending.data.bareClosed === true) return null;
  const askedAt = Date.parse(String(pending.data.askedAt ?? pending.updatedAt));
  const age = Number.isFinite(askedAt) ? now.getTime() - askedAt : Infinity;
  if (age > (r.bare ? BARE_RATING_MS : RATING_TTL_MS)) return null;
  return r.value;
}

/** Stores the rating (a low one reopens the ticket) and returns the thank-you text; null when the ticket is gone. */
export async function recordRating(services: Services, msg: Pick<Inbound, 'channel' | 'userId'>, no: string, value: number): Promise<string | null> {
  const actor = `user:${personId(msg)}`;
  const ticket = await services.store.tickets.setRating(no, value, actor, services.clock.now());
  if (!ticket) return null;
  if (value <= 2) await services.store.tickets.setStatus(no, 'accepted', actor, services.clock.now()); // low score: reopen
  // 1-2: reopened; 3: room to improve; 4-5: a thank-you that promises no "改进".
  const key = value <= 2 ? 'feedback.rating_low_thanks' : value >= 4 ? 'feedback.rating_high_thanks' : 'feedback.rating_thanks';
  return services.prompts.t(key, { rating: value });
}

/**
 * Marks the pending question so that a later bare digit is no longer read as the rating (the user has
 * moved on: "你好", "0", then "2" is the menu). "5分" still counts until the question expires.
 */
async function closeBareWindow(services: Services, key: string, pending: DialogState): Promise<void> {
  if (pending.data.bareClosed === true) return;
  const now = services.clock.now();
  const askedAtText = String(pending.data.askedAt ?? pending.updatedAt);
  const askedAt = Date.parse(askedAtText);
  const left = Number.isFinite(askedAt) ? RATING_TTL_MS - (now.getTime() - askedAt) : 0;
  if (left <= 0) return;
  await services.store.setDialog(key, { ...pending, data: { ...pending.data, askedAt: askedAtText, bareClosed: true } }, left, now);
}

/**
 * Pipeline middleware (before dispatch): a bare rating from a user with a pending rating question and
 * no active flow is recorded; everything else goes on to dispatch (which drops un-addressed group chatter).
 */
export const ticketRatingAnswer: Middleware = async (turn, next) => {
  const { store, clock } = turn.services;
  const now = clock.now();
  const key = ratingKey(turn.msg);
  const pending = await store.getDialog(key, now);
  if (!pending) return next();
  if (await store.getDialog(dialogKey(turn.msg), now)) {
    await closeBareWindow(turn.services, key, pending);
    return next();
  }
  const no = pending.data.ticketNo;
  const value = ratingAnswer(turn.text, pending, now);
  if (value === null || typeof no !== 'string') {
    await closeBareWindow(turn.services, key, pending);
    // Let in by group-trigger only for the rating: other un-addressed group talk is not for us.
    if (!turn.addressed) {
      turn.result = { replies: [], intent: 'dropped', dropped: 'not_addressed' };
      return;
    }
    return next();
  }
  await store.clearDialog(key);
  const text = await recordRating(turn.services, turn.msg, no, value);
  if (text === null) return next();
  answer(turn, [{ text }], 'feedback');
  turn.result.data = { intent: 'feedback', ticketNo: no, rating: value };
};
