/**
 * HTTP channel (fastify): the JSON API, the web chat page, health and metrics, the staff console.
 * The only place that turns an HTTP request into an Inbound.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import type { MessageHandler } from '../../core/pipeline.js';
import type { Inbound } from '../../core/types.js';
import { registerConsoleRoutes } from './console/index.js';
import { HttpSender } from './sender.js';
import { renderWebChat } from './webchat.js';

const messageBody = z.object({
  userId: z.string().trim().min(1).max(128),
  chatId: z.string().trim().min(1).max(128).optional(),
  chatType: z.enum(['private', 'group']).optional(),
  userName: z.string().max(64).optional(),
  text: z.string(),
  messageId: z.string().min(1).max(200).optional(),
  mentioned: z.boolean().optional(),
});

export interface HttpServerOptions {
  /** Extra routes (e.g. the Telegram webhook) registered by other channels. */
  plugins?: ((app: FastifyInstance) => Promise<void> | void)[];
}

/** The web chat page's visitor ids: "web-" and a random part (the page makes a UUID). */
export function isWebChatId(id: string): boolean {
  return /^web-[A-Za-z0-9-]{8,64}$/.test(id);
}

/** True for 127.0.0.0/8 and ::1 (also as IPv4-mapped IPv6). */
export function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

/** Runs tasks one after another per key (in this instance), different keys in parallel. */
class SerialQueues {
  private readonly tails = new Map<string, Promise<unknown>>();
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

/** Builds the HTTP server (not listening yet) and registers the HTTP channel's sender. */
export async function createHttpServer(services: Services, handle: MessageHandler, options: HttpServerOptions = {}): Promise<FastifyInstance> {
  const { config, logger, metrics, store } = services;
  const app: FastifyInstance = Fastify({
    // Per-request lines are noise at this volume; warnings and errors still reach the log.
    loggerInstance: logger.child({ channel: 'http' }, { level: 'warn' }) as FastifyBaseLogger,
    bodyLimit: 256 * 1024,
    trustProxy: config.TRUST_PROXY,
  });
  services.notifier.register(new HttpSender(services));
  const serial = new SerialQueues();

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) {
      logger.error({ err }, 'http request failed');
      metrics.errors.inc({ where: 'http' });
    }
    const error =
      err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'body_too_large'
        : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported_media_type'
          : status === 400
            ? 'invalid_json'
            : status === 500
              ? 'internal_error'
              : 'bad_request';
    void reply.status(status).send({ error, message: status === 500 ? 'internal error' : err.message });
  });

  // Requests from outside this machine must carry the API token.
  const guard = async (req: FastifyRequest): Promise<{ status: number; body: object } | null> => {
    if (isLoopback(req.ip)) return null;
    const token = config.HTTP_API_TOKEN;
    if (token && req.headers.authorization === `Bearer ${token}`) return null;
    return { status: 401, body: { error: 'unauthorized', message: 'Authorization: Bearer <HTTP_API_TOKEN> required' } };
  };

  const handleBody = async (body: unknown, channelChat: (b: z.infer<typeof messageBody>) => Partial<Inbound>) => {
    const parsed = messageBody.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { status: 400, body: { error: 'invalid_request', field: issue.path.join('.') || 'body', message: issue.message } };
    }
    const b = parsed.data;
    const inbound: Inbound = {
      channel: 'http',
      chatId: b.chatId ?? b.userId,
      chatType: b.chatType ?? 'private',
      userId: b.userId,
      ...(b.userName ? { userName: b.userName } : {}),
      text: b.text,
      ...(b.messageId ? { messageId: b.messageId } : {}),
      ...(b.mentioned !== undefined ? { mentioned: b.mentioned } : {}),
      at: services.clock.now(),
      ...channelChat(b),
    };
    // One message at a time per person and chat (a double-tapped "1" must not run a step twice).
    const result = await serial.run(`${inbound.chatId}\u0000${inbound.userId}`, () => handle(inbound));
    if (result.duplicate) return { status: 200, body: { replies: [], duplicate: true } };
    return {
      status: 200,
      body: { replies: result.replies, intent: result.intent, ...(result.data ? { data: result.data } : {}) },
    };
  };

  app.post('/api/messages', async (req, reply) => {
    const denied = await guard(req);
    if (denied) return reply.status(denied.status).send(denied.body);
    const userId = (req.body as { userId?: unknown } | null)?.userId;
    if (typeof userId === 'string' && isWebChatId(userId)) {
      return reply.status(400).send({ error: 'invalid_request', field: 'userId', message: 'user ids starting with "web-" belong to the web chat page' });
    }
    const out = await handleBody(req.body, () => ({}));
    return reply.status(out.status).send(out.body);
  });

  // The web chat page: anonymous visitors with a random id; private chats only.
  app.post('/webchat/messages', async (req, reply) => {
    // Anonymous visitors: only their own random "web-…" id, never an API user's or a staff id.
    const userId = (req.body as { userId?: unknown } | null)?.userId;
    if (typeof userId !== 'string' || !isWebChatId(userId)) {
      return reply.status(400).send({ error: 'invalid_request', field: 'userId', message: 'expected the web chat id ("web-" and 8-64 letters, digits or dashes)' });
    }
    const out = await handleBody(req.body, (b) => ({ chatId: b.userId, chatType: 'private', mentioned: false }));
    return reply.status(out.status).send(out.body);
  });
  app.get('/webchat/inbox', async (req, reply) => {
    const userId = String((req.query as Record<string, unknown>).userId ?? '');
    if (!isWebChatId(userId)) return reply.status(400).send({ error: 'invalid_request', field: 'userId' });
    return { messages: await store.takeInbox(userId) };
  });
  app.get('/api/inbox', async (req, reply) => {
    const denied = await guard(req);
    if (denied) return reply.status(denied.status).send(denied.body);
    const chatId = String((req.query as Record<string, unknown>).chatId ?? '');
    if (!chatId) return reply.status(400).send({ error: 'invalid_request', field: 'chatId' });
    return { messages: await store.takeInbox(chatId) };
  });

  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(renderWebChat(services.prompts)));
  app.get('/healthz', async (_req, reply) => {
    const ok = await store.ping().catch(() => false);
    return reply.status(ok ? 200 : 503).send({ ok, store: store.kind, policy: Boolean(services.policy) });
  });
  app.get('/metrics', async (req, reply) => {
    const denied = await guard(req);
    if (denied) return reply.status(denied.status).send(denied.body);
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  await registerConsoleRoutes(app, services);
  for (const plugin of options.plugins ?? []) await plugin(app);
  return app;
}
