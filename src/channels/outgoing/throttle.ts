/**
 * Outgoing rate limits: a minimum gap and a per-minute cap per chat, and a minimum gap plus a
 * per-second cap over all chats. WeChat bans accounts that burst; Telegram allows about 30
 * messages a second overall and 20 a minute per group.
 */

export interface ThrottleLimits {
  /** Minimum milliseconds between two messages to the same chat. */
  perChatGapMs: number;
  /** At most this many messages to one chat in any 60 s window. */
  perChatPerMinute: number;
  /** Minimum milliseconds between any two messages. */
  globalGapMs: number;
  /** At most this many messages in any 1 s window, over all chats. */
  globalPerSecond: number;
}

/** Limits for WeChat: slow and human-like (accounts are banned for bursts). */
export function wechatLimits(gapMs: number): ThrottleLimits {
  return { perChatGapMs: gapMs, perChatPerMinute: 20, globalGapMs: gapMs, globalPerSecond: 5 };
}

/** Limits for Telegram (Bot API: ~30/s overall, 20/min per group, ~1/s per chat). */
export function telegramLimits(): ThrottleLimits {
  return { perChatGapMs: 1000, perChatPerMinute: 20, globalGapMs: 0, globalPerSecond: 25 };
}

export type Sleep = (ms: number) => Promise<void>;

/** Real sleep. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until sending one more message to a chat is within the limits, then records it. */
export class Throttle {
  private readonly chatSends = new Map<string, number[]>();
  private globalSends: number[] = [];
  /** How many acquisitions had to wait, and for how long in total (for tests and logs). */
  readonly stats = { sent: 0, waited: 0, waitedMs: 0 };

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number = Date.now,
    private readonly sleep: Sleep = realSleep,
  ) {}

  /** Resolves when a message to `chatKey` may go out; the slot is taken on return. */
  async acquire(chatKey: string): Promise<void> {
    let waited = false;
    for (;;) {
      const wait = this.waitFor(chatKey);
      if (wait <= 0) break;
      waited = true;
      this.stats.waitedMs += wait;
      await this.sleep(wait);
    }
    if (waited) this.stats.waited++;
    this.record(chatKey);
  }

  /** Milliseconds until a message to `chatKey` is allowed (0 = now). */
  waitFor(chatKey: string): number {
    const t = this.now();
    const chat = (this.chatSends.get(chatKey) ?? []).filter((s) => s > t - 60_000);
    if (chat.length > 0) this.chatSends.set(chatKey, chat);
    else this.chatSends.delete(chatKey); // keeps the map as small as the chats active this minute
    this.globalSends = this.globalSends.filter((s) => s > t - 1000);
    let wait = 0;
    const lastChat = chat[chat.length - 1];
    if (lastChat !== undefined) wait = Math.max(wait, lastChat + this.limits.perChatGapMs - t);
    if (chat.length >= this.limits.perChatPerMinute) wait = Math.max(wait, chat[0]! + 60_000 - t);
    const lastGlobal = this.globalSends[this.globalSends.length - 1];
    if (lastGlobal !== undefined) wait = Math.max(wait, lastGlobal + this.limits.globalGapMs - t);
    if (this.globalSends.length >= this.limits.globalPerSecond) wait = Math.max(wait, this.globalSends[0]! + 1000 - t);
    return wait;
  }

  private record(chatKey: string): void {
    const t = this.now();
    this.chatSends.get(chatKey)?.push(t) ?? this.chatSends.set(chatKey, [t]);
    this.globalSends.push(t);
    this.stats.sent++;
  }
}
