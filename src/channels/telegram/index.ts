/** The Telegram channel (grammY). The only place that imports grammY (channel.ts, inbound.ts). */
import { TelegramChannel, type TelegramChannelOptions } from './channel.js';

export { TelegramChannel, keyboardFor, type TelegramChannelOptions } from './channel.js';
export { readTelegramMessage, readTelegramButton } from './inbound.js';
export { startTelegram, registerTelegramWebhook, webhookSecret } from './start.js';

/** Builds the channel (tests pass a fake TELEGRAM_API_ROOT and short limits). */
export function createTelegramChannel(options: TelegramChannelOptions): TelegramChannel {
  return new TelegramChannel(options);
}
