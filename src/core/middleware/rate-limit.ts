/**
 * Per-person (channel:userId) rate limit (sliding window, in memory per instance). Two rules:
 * - never silence: a message over the limit that is not handled gets an honest notice that it was NOT
 *   read and when to send it again; one notice per window covers every message skipped in that window
 *   (a flood is not answered with a flood, and the notice says the later ones are skipped too);
 * - nothing accepted is lost: a message that continues a flow in progress (a confirmation, the hospital
 *   question, a rating, a parked report's "1") is handled up to a much higher flood cap.
 * Only handled messages count toward the limit, so "一分钟后再发" is true once the minute has passed.
 */
import type { Middleware, Turn } from '../pipeline.js';
import { answer, dialogKey } from '../pipeline.js';
import { personId } from '../person.js';
import { ratingKey } from '../../skills/feedback/actions.js';
import { parkedKey } from '../../skills/feedback/parked-store.js';

/** The flood cap for messages inside a flow: this many times the normal limit. */
export const FLOOD_FACTOR = 5;

export type RateVerdict = 'ok' | 'first_over' | 'over';

interface Entry {
  /** When handled messages arrived (inside the window). */
  handled: number[];
  /** When the last "too fast" notice was given. */
  noticeAt?: number;
}

export class RateLimiter {
  private readonly entries = new Map<string, Entry>();
  readonly floodLimit: number;
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    floodLimit?: number,
  ) {
    this.floodLimit = Math.max(limit, floodLimit ?? limit * FLOOD_FACTOR);
  }

  /** Handled messages of `key` inside the window ending at `now`. */
  load(key: string, now: number): number {
    return this.recent(key, now).length;
  }

  /** True when a message of `key` now would be over the normal limit. */
  overLimit(key: string, now: number): boolean {
    return this.load(key, now) >= this.limit;
  }

  /**
   * Decides one message: 'ok' (handle it; counted), 'first_over' (not handled; tell the user now),
   * 'over' (not handled; the notice given less than a window ago already said so).
   * `inFlow`: the message continues a flow in progress, handled up to the flood cap.
   * `canNotify: false`: no notice can be shown for this one (un-addressed in a group), so none is used up.
   */
  hit(key: string, now: number, opts: { inFlow?: boolean; canNotify?: boolean } = {}): RateVerdict {
    const { inFlow = false, canNotify = true } = opts;
    const handled = this.recent(key, now);
    const entry = this.entries.get(key) ?? { handled };
    entry.handled = handled;
    this.entries.set(key, entry);
    if (this.entries.size > 10_000) this.sweep(now);
    if (handled.length < (inFlow ? this.floodLimit : this.limit)) {
      handled.push(now);
      return 'ok';
    }
    if (!canNotify || (entry.noticeAt !== undefined && entry.noticeAt > now - this.windowMs)) return 'over';
    entry.noticeAt = now;
    return 'first_over';
  }

  private recent(key: string, now: number): number[] {
    return (this.entries.get(key)?.handled ?? []).filter((t) => t > now - this.windowMs);
  }

  private sweep(now: number): void {
    for (const [key, e] of this.entries) {
      const live = e.handled.some((t) => t > now - this.windowMs) || (e.noticeAt !== undefined && e.noticeAt > now - this.windowMs);
      if (!live) this.entries.delete(key);
    }
  }
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

/** Middleware over a limiter (one limiter per service instance). */
export function rateLimit(limiter: RateLimiter): Middleware {
  return async (turn, next) => {
    const key = personId(turn.msg);
    const now = turn.services.clock.now().getTime();
    // The store is read only for someone already at the limit.
    const inFlow = limiter.overLimit(key, now) && (await flowInProgress(turn));
    const verdict = limiter.hit(key, now, { inFlow, canNotify: turn.addressed });
    if (verdict === 'ok') return next();
    if (verdict === 'first_over') {
      const seconds = Math.ceil(limiter.windowMs / 1000);
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
