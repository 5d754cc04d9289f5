/** The Telegram channel: grammY long polling (or webhook) -> pipeline -> throttled replies with buttons. */
import { Bot, GrammyError, InlineKeyboard } from 'grammy';
import type { Message, Update } from 'grammy/types';
import type { ChatRef, Reply } from '../../core/types.js';
import type { ChannelSender } from '../../core/notifier.js';
import type { MessageHandler } from '../../core/pipeline.js';
import type { Services } from '../../services.js';
import { OutgoingQueue } from '../outgoing/sender.js';
import { telegramLimits, realSleep, type Sleep, type ThrottleLimits } from '../outgoing/throttle.js';
import { KeyedSerial } from '../outgoing/serial.js';
import { readTelegramButton, readTelegramMessage } from './inbound.js';

export interface TelegramChannelOptions {
  services: Services;
  handle: MessageHandler;
  token: string;
  /** Bot API address (a local Bot API server, or a fake one in tests). */
  apiRoot?: string;
  /** Public HTTPS address Telegram posts updates to; long polling when absent. */
  webhookUrl?: string;
  webhookSecret?: string;
  limits?: ThrottleLimits;
  retryBaseDelayMs?: number;
  /** getUpdates long-poll timeout, seconds (Telegram default 30). */
  pollTimeoutSeconds?: number;
  sleep?: Sleep;
}

/** How many times one API call waits out a 429 before giving up to the caller's retry. */
const MAX_429_WAITS = 5;

/** Wires one grammY Bot to the message handler and the notifier. */
export class TelegramChannel implements ChannelSender {
  readonly name = 'telegram' as const;
  readonly bot: Bot;
  readonly outgoing: OutgoingQueue;
  private readonly work = new KeyedSerial();
  private readonly sleep: Sleep;
  private startedAt = Date.now();
  private connectionLost = false;
  private polling: Promise<void> | null = null;

  constructor(private readonly options: TelegramChannelOptions) {
    const { services } = options;
    this.sleep = options.sleep ?? realSleep;
    this.bot = new Bot(options.token, options.apiRoot ? { client: { apiRoot: options.apiRoot } } : {});
    this.outgoing = new OutgoingQueue({
      channel: 'telegram',
      limits: options.limits ?? telegramLimits(),
      maxChars: Math.min(services.config.OUTGOING_SPLIT_CHARS, 4000),
      logger: services.logger,
      metrics: services.metrics,
      retry: {
        attempts: 4,
        baseDelayMs: options.retryBaseDelayMs ?? 1000,
        // 400 (bad request) and 403 (bot blocked / kicked) will not get better by retrying
        isPermanent: (err) => err instanceof GrammyError && (err.error_code === 400 || err.error_code === 403),
      },
      sleep: this.sleep,
    });
    this.bot.api.config.use(async (prev, method, payload, signal) => {
      for (let waits = 0; ; waits++) {
        let res;
        try {
          res = await prev(method, payload, signal);
        } catch (err) {
          if (method === 'getUpdates' && !this.connectionLost && !signal?.aborted) {
            this.connectionLost = true;
            services.logger.warn({ err }, 'telegram connection lost; polling retries every few seconds');
          }
          throw err;
        }
        if (method === 'getUpdates' && this.connectionLost) {
          this.connectionLost = false;
          services.logger.info('telegram connection restored');
        }
        const retryAfter = res.ok ? undefined : res.parameters?.retry_after;
        if (res.ok || res.error_code !== 429 || retryAfter === undefined || waits >= MAX_429_WAITS || method === 'getUpdates') return res;
        services.logger.warn({ method, retryAfter }, 'telegram asked us to slow down; waiting as told');
        await this.sleep(retryAfter * 1000);
      }
    });
    this.bot.on('message', (ctx) => void this.onMessage(ctx.message));
    this.bot.on('callback_query:data', (ctx) => {
      ctx.answerCallbackQuery().catch((err: unknown) => services.logger.warn({ err }, 'answerCallbackQuery failed'));
      const inbound = readTelegramButton(ctx.callbackQuery, new Date());
      if (inbound) void this.process(inbound.chatId, () => this.answer(inbound, undefined));
    });
    this.bot.catch((err) => {
      services.metrics.errors.inc({ where: 'telegram' });
      services.logger.error({ err: err.error }, 'telegram update failed');
    });
  }

  /** Long polling (default) or webhook registration; registers with the notifier. */
  async start(): Promise<void> {
    const { services, webhookUrl, webhookSecret } = this.options;
    this.startedAt = Date.now();
    await this.bot.init();
    services.notifier.register(this);
    if (webhookUrl) {
      await this.bot.api.setWebhook(webhookUrl, { allowed_updates: ['message', 'callback_query'], ...(webhookSecret ? { secret_token: webhookSecret } : {}) });
      services.logger.info({ bot: this.bot.botInfo.username, webhookUrl }, 'telegram webhook set');
      return;
    }
    this.polling = this.bot
      .start({
        allowed_updates: ['message', 'callback_query'],
        ...(this.options.pollTimeoutSeconds !== undefined ? { timeout: this.options.pollTimeoutSeconds } : {}),
        onStart: (me) => services.logger.info({ bot: me.username }, 'telegram polling started'),
      })
      .catch((err: unknown) => {
        services.metrics.errors.inc({ where: 'telegram' });
        services.logger.error({ err }, 'telegram polling stopped (bad token, or another instance polls the same bot)');
      });
  }

  /** Stops polling, waits for queued replies, unregisters from the notifier. */
  async stop(): Promise<void> {
    this.options.services.notifier.unregister('telegram');
    if (this.polling) {
      await this.bot.stop().catch(() => undefined);
      await this.polling;
    }
    await this.idle();
  }

  /** Resolves when every received message has been answered and every reply sent. */
  async idle(): Promise<void> {
    await this.work.idle();
    await this.outgoing.idle();
  }

  /** Feeds one update received by the webhook route. */
  handleWebhookUpdate(update: Update): Promise<void> {
    return this.bot.handleUpdate(update);
  }

  private onMessage(msg: Message): Promise<void> {
    const { services } = this.options;
    const event = readTelegramMessage(msg, this.bot.botInfo, this.startedAt);
    if (event.kind === 'ignore') {
      services.logger.debug({ chat: msg.chat.id, reason: event.reason }, 'telegram message ignored');
      return Promise.resolve();
    }
    if (event.kind === 'unsupported') {
      const { inbound } = event;
      if (inbound.chatType === 'group' && !inbound.mentioned) return Promise.resolve();
      return this.process(inbound.chatId, async () => {
        const fresh = await services.store.markSeen(`telegram:${inbound.messageId}`, 24 * 3600_000, services.clock.now());
        if (fresh) await this.send(inbound.chatId, [{ text: services.prompts.t(`channels.unsupported.${event.what}`) }], event.replyTo);
      });
    }
    return this.process(event.inbound.chatId, () => this.answer(event.inbound, event.replyTo));
  }

  private process(chatId: string, task: () => Promise<void>): Promise<void> {
    const { services } = this.options;
    return this.work.run(chatId, task, (err) => {
      services.metrics.errors.inc({ where: 'telegram_inbound' });
      services.logger.error({ err, chat: chatId }, 'telegram message not handled');
    });
  }

  private async answer(inbound: Parameters<MessageHandler>[0], replyTo: number | undefined): Promise<void> {
    const result = await this.options.handle(inbound);
    if (result.replies.length > 0) await this.send(inbound.chatId, result.replies, replyTo);
  }

  /** Sends replies in order; options become an inline keyboard on the last part of their reply. */
  private async send(chatId: string, replies: Reply[], replyTo?: number): Promise<void> {
    let first = true;
    for (const reply of replies) {
      if (!reply.text.trim()) continue;
      const keyboard = keyboardFor(reply);
      const quote = first && replyTo !== undefined ? replyTo : undefined;
      first = false;
      await this.outgoing.deliver(chatId, [reply.text], async (part) => {
        await this.bot.api.sendMessage(chatId, part.text, {
          ...(part.last && keyboard ? { reply_markup: keyboard } : {}),
          ...(part.first && quote !== undefined ? { reply_parameters: { message_id: quote, allow_sending_without_reply: true } } : {}),
        });
      });
    }
  }

  /** Notifier entry point: delivers a proactive message (throws so the outbox retries). */
  async sendText(to: ChatRef, reply: Reply): Promise<void> {
    await this.send(to.chatId, [reply]);
  }
}

/** One button per row ("1. 确认"), big enough for unsteady fingers; pressing sends the key. */
export function keyboardFor(reply: Reply): InlineKeyboard | undefined {
  if (!reply.options?.length) return undefined;
  return InlineKeyboard.from(reply.options.map((o) => [InlineKeyboard.text(`${o.key}. ${o.label}`, o.key)]));
}
