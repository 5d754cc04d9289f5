/**
 * Proactive messages (reminders, ticket replies, broadcasts). Every message goes through the
 * store's outbox first, so none is lost across a restart and, on Redis, exactly one instance that
 * holds the channel delivers it.
 */
import type { ChannelName, ChatRef, Reply } from './types.js';
import type { OutboxMessage, Store } from '../store/types.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

/** What a channel adapter implements to receive proactive messages. */
export interface ChannelSender {
  readonly name: ChannelName;
  /**
   * Set when this sender reaches only some chats of its channel (a terminal chat is one person's):
   * messages to other chats stay queued for whoever opens them.
   */
  readonly chatIds?: readonly string[];
  /** Delivers one message to a chat; throws when the platform refuses (it will be retried). */
  sendText(to: ChatRef, reply: Reply): Promise<void>;
}

/** Messages claimed at once. */
const BATCH = 5;

export class Notifier {
  private readonly senders = new Map<ChannelName, ChannelSender>();
  private draining: Promise<number> | null = null;
  private again: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: { leaseMs?: number; pollMs?: number; maxAttempts?: number } = {},
  ) {}

  /** Makes this instance deliver messages for `sender.name`. */
  register(sender: ChannelSender): void {
    this.senders.set(sender.name, sender);
  }

  /** Stops delivering for a channel (adapter shut down or logged out). */
  unregister(name: ChannelName): void {
    this.senders.delete(name);
  }

  /** Channels this instance can deliver to. */
  channels(): ChannelName[] {
    return [...this.senders.keys()];
  }

  /** Queues a proactive message and, when this instance holds the channel, delivers it now. */
  async send(to: ChatRef, reply: Reply, origin?: string): Promise<OutboxMessage> {
    const queued = await this.store.enqueueOutbox(
      { to, text: reply.text, ...(reply.options ? { options: reply.options } : {}), ...(origin ? { origin } : {}) },
      this.clock.now(),
    );
    if (this.senders.has(to.channel)) {
      this.drain().catch((err: unknown) => this.logger.warn({ err }, 'outbox delivery failed; the poller will retry'));
    }
    return queued;
  }

  /**
   * Delivers everything queued for this instance's channels; resolves with the number sent.
   * Calls while a drain runs are merged into one more pass after it, never a chain of drains.
   */
  drain(): Promise<number> {
    if (this.draining) {
      this.again ??= this.draining.then(
        () => this.drain(),
        () => this.drain(),
      );
      return this.again;
    }
    this.draining = this.drainOnce().finally(() => {
      this.draining = null;
      this.again = null;
    });
    return this.draining;
  }

  private async drainOnce(): Promise<number> {
    const whole = [...this.senders.values()].filter((s) => !s.chatIds).map((s) => s.name);
    let sent = whole.length > 0 ? await this.drainScope(whole) : 0;
    for (const sender of this.senders.values()) {
      if (sender.chatIds) sent += await this.drainScope([sender.name], sender.chatIds);
    }
    return sent;
  }

  /** Delivers what is queued for `channels` (only to `chatIds` when given); resolves with the number sent. */
  private async drainScope(channels: ChannelName[], chatIds?: readonly string[]): Promise<number> {
    let sent = 0;
    for (;;) {
      if (!channels.some((c) => this.senders.has(c))) return sent;
      // Small batches: sends are throttled (20 a minute per Telegram group), and a claim must not
      // outlive its lease while earlier messages of the batch are still being sent.
      const batch = await this.store.claimOutbox(channels, BATCH, this.options.leaseMs ?? 60_000, this.clock.now(), chatIds);
      if (batch.length === 0) return sent;
      for (const msg of batch) {
        const sender = this.senders.get(msg.to.channel);
        if (!sender) continue; // lease expires and another instance takes it
        try {
          await sender.sendText(msg.to, { text: msg.text, ...(msg.options ? { options: msg.options } : {}) });
          await this.store.ackOutbox(msg.id);
          sent++;
        } catch (err) {
          const attempts = msg.attempts ?? 1; // claims so far, this one included
          this.logger.warn({ err, outbox: msg.id, attempts }, 'proactive message not delivered; will retry');
          if (attempts >= (this.options.maxAttempts ?? 20)) {
            this.logger.error({ outbox: msg.id, to: `${msg.to.channel}:${msg.to.chatId}` }, 'proactive message dropped after retries');
            await this.store.ackOutbox(msg.id).catch((e: unknown) => this.logger.error({ err: e, outbox: msg.id }, 'could not drop a failed proactive message'));
          }
        }
      }
      if (batch.length < BATCH) return sent;
    }
  }

  /** Polls the outbox periodically (messages queued by the CLI or other instances). */
  startPolling(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.drain().catch((err: unknown) => this.logger.error({ err }, 'outbox poll failed'));
    }, this.options.pollMs ?? 1000);
    this.timer.unref();
  }

  /** Stops polling. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
