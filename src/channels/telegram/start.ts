/**
 * Starting the Telegram channel and its webhook route. grammY (about 0.1 s to load) is imported only
 * when TELEGRAM_BOT_TOKEN is set, so a service without Telegram starts faster.
 */
import type { FastifyInstance } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Update } from 'grammy/types';
import type { Services } from '../../services.js';
import type { MessageHandler } from '../../core/pipeline.js';
import type { TelegramChannel } from './channel.js';

let active: TelegramChannel | null = null;

/** Starts the channel when TELEGRAM_BOT_TOKEN is set; null when not configured. */
export async function startTelegram(services: Services, handle: MessageHandler): Promise<{ stop(): Promise<void> } | null> {
  const { config } = services;
  if (!config.TELEGRAM_BOT_TOKEN) return null;
  const { TelegramChannel } = await import('./channel.js');
  const channel = new TelegramChannel({
    services,
    handle,
    token: config.TELEGRAM_BOT_TOKEN,
    ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, '') } : {}),
    ...(config.TELEGRAM_WEBHOOK_URL ? { webhookUrl: config.TELEGRAM_WEBHOOK_URL } : {}),
    ...(config.TELEGRAM_WEBHOOK_URL ? { webhookSecret: webhookSecret(config) } : {}),
  });
  await channel.start();
  active = channel;
  return {
    stop: async () => {
      if (active === channel) active = null;
      await channel.stop();
    },
  };
}

/**
 * Adds `POST <path of TELEGRAM_WEBHOOK_URL>` to the HTTP server when a webhook is configured.
 * Updates go to the channel started by `startTelegram` (503 until it has started).
 */
export function registerTelegramWebhook(app: FastifyInstance, services: Services): void {
  const url = services.config.TELEGRAM_WEBHOOK_URL;
  if (!url) return;
  const secret = webhookSecret(services.config);
  app.post(new URL(url).pathname, async (request, reply) => {
    if (!sameSecret(request.headers['x-telegram-bot-api-secret-token'], secret)) return reply.code(401).send('');
    if (!active) return reply.code(503).send('');
    // handled in the background so Telegram gets its 200 at once and does not redeliver
    void active.handleWebhookUpdate(request.body as Update).catch((err: unknown) => services.logger.error({ err }, 'telegram webhook update failed'));
    return reply.send('');
  });
}

/**
 * The webhook's secret token: TELEGRAM_WEBHOOK_SECRET, or one derived from the bot token, so a
 * webhook never runs without one (a forged update could otherwise pose as staff).
 */
export function webhookSecret(config: Pick<Services['config'], 'TELEGRAM_WEBHOOK_SECRET' | 'TELEGRAM_BOT_TOKEN'>): string {
  return config.TELEGRAM_WEBHOOK_SECRET || createHash('sha256').update(`yinling-webhook:${config.TELEGRAM_BOT_TOKEN ?? ''}`).digest('hex').slice(0, 48);
}

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
