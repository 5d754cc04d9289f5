/** Proactive messages for HTTP users: the web chat inbox, and HTTP_CALLBACK_URL when set. */
import type { ChannelSender } from '../../core/notifier.js';
import type { ChatRef, Reply } from '../../core/types.js';
import type { Services } from '../../services.js';

export class HttpSender implements ChannelSender {
  readonly name = 'http' as const;
  constructor(private readonly services: Services) {}

  async sendText(to: ChatRef, reply: Reply): Promise<void> {
    const { store, clock, config, logger } = this.services;
    await store.pushInbox(to.chatId, { text: reply.text, ...(reply.options ? { options: reply.options } : {}) }, clock.now());
    if (!config.HTTP_CALLBACK_URL) return;
    try {
      const res = await fetch(config.HTTP_CALLBACK_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: to.userId ?? to.chatId, chatId: to.chatId, text: reply.text, ...(reply.options ? { options: reply.options } : {}) }),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) logger.warn({ status: res.status }, 'HTTP callback refused a proactive message');
    } catch (err) {
      // The message is in the web chat inbox already; the callback is best effort.
      logger.warn({ err }, 'HTTP callback failed');
    }
  }
}
