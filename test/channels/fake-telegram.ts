/** A fake Telegram Bot API on 127.0.0.1: getMe, getUpdates (long poll), sendMessage, answerCallbackQuery, (delete|set)Webhook. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
}

type Failure = { error_code: number; description: string; parameters?: { retry_after?: number } };

export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  readonly bot = { id: 4242, is_bot: true, first_name: '银龄助手', username: 'yinling_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
  private server: Server | null = null;
  private updates: Record<string, unknown>[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private waiters: (() => void)[] = [];
  private failures = new Map<string, Failure[]>();
  port = 0;

  /** Starts listening (on `port`, or a free one). */
  async start(port = this.port): Promise<void> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Stops listening and drops every open connection (a network drop, from the bot's side). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const wake of this.waiters.splice(0)) wake();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Makes the next call of `method` fail with this answer. */
  failNext(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  /** Queues an update as Telegram would deliver it. */
  push(update: Record<string, unknown>): void {
    this.updates.push({ update_id: this.nextUpdateId++, ...update });
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Queues a text message from a user in a chat. */
  pushText(opts: { chatId: number; chatType?: 'private' | 'group' | 'supergroup'; userId: number; name?: string; text: string; entities?: unknown[]; replyToBot?: boolean }): number {
    const message_id = this.nextMessageId++;
    const from = { id: opts.userId, is_bot: false, first_name: opts.name ?? '王' };
    const chatType = opts.chatType ?? 'private';
    this.push({
      message: {
        message_id,
        date: Math.floor(Date.now() / 1000),
        chat: chatType === 'private' ? { id: opts.chatId, type: 'private', first_name: from.first_name } : { id: opts.chatId, type: chatType, title: '老干部活动群' },
        from,
        text: opts.text,
        ...(opts.entities ? { entities: opts.entities } : {}),
        ...(opts.replyToBot ? { reply_to_message: { message_id: 1, date: 0, chat: { id: opts.chatId, type: chatType }, from: this.bot, text: '上一条' } } : {}),
      },
    });
    return message_id;
  }

  /** Sent messages (sendMessage calls), oldest first. */
  sent(): ApiCall[] {
    return this.calls.filter((c) => c.method === 'sendMessage');
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.url ?? '').split('/').pop()?.split('?')[0] ?? '';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    this.calls.push({ method, body, at: Date.now() });
    const failure = this.failures.get(method)?.shift();
    if (failure) return this.reply(res, { ok: false, ...failure }, failure.error_code);
    switch (method) {
      case 'getMe':
        return this.reply(res, { ok: true, result: this.bot });
      case 'deleteWebhook':
      case 'setWebhook':
      case 'answerCallbackQuery':
        return this.reply(res, { ok: true, result: true });
      case 'sendMessage':
        return this.reply(res, { ok: true, result: { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: body.chat_id, type: 'private' }, from: this.bot, text: body.text } });
      case 'getUpdates':
        return this.getUpdates(req, res, body);
      default:
        return this.reply(res, { ok: false, error_code: 404, description: 'Not Found' }, 404);
    }
  }

  private async getUpdates(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const offset = Number(body.offset ?? 0);
    this.updates = this.updates.filter((u) => Number(u.update_id) >= offset);
    const timeout = Number(body.timeout ?? 0);
    if (this.updates.length === 0 && timeout > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeout * 1000);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
        req.on('close', resolve);
      });
    }
    if (res.destroyed) return;
    const limit = Number(body.limit ?? 100);
    this.reply(res, { ok: true, result: this.updates.slice(0, limit) });
  }

  private reply(res: ServerResponse, payload: unknown, status = 200): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(payload));
  }
}
