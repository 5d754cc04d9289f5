/**
 * A whole assistant in-process for conversation tests: real SQLite (in memory unless a store is
 * given), real router and skills, a ManualClock, and every proactive message captured.
 */
import type { Config } from '../../src/config.js';
import { parseConfig } from '../../src/config.js';
import type { ChatRef, ChannelName, HandleResult, Inbound, Reply } from '../../src/core/types.js';
import type { Store } from '../../src/store/types.js';
import type { Services } from '../../src/services.js';
import type { Llm } from '../../src/llm/types.js';
import type { PolicyService } from '../../src/retrieval/policy-service.js';
import type { MessageHandler } from '../../src/core/pipeline.js';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { buildServices, createHandler } from '../../src/app.js';

export interface TestAppOptions {
  config?: Partial<Record<keyof Config, string>>;
  clock?: ManualClock;
  store?: Store;
  /** null: no LLM (default); an Llm: use it. */
  llm?: Llm | null;
  /** null: no policy service (default, fast); 'load': build from knowledge/; or a service. */
  policy?: PolicyService | null | 'load';
}

export interface SayOptions {
  userId?: string;
  chatId?: string;
  chatType?: 'private' | 'group';
  channel?: ChannelName;
  userName?: string;
  messageId?: string;
  mentioned?: boolean;
}

export interface TestApp {
  services: Services;
  clock: ManualClock;
  handle: MessageHandler;
  /** Sends one message as a user (defaults: http, private chat u1). */
  say(text: string, opts?: SayOptions): Promise<HandleResult>;
  /** Sends and returns all reply texts joined by newlines. */
  ask(text: string, opts?: SayOptions): Promise<string>;
  /** Proactive messages delivered so far (after flush). */
  sent: { to: ChatRef; reply: Reply }[];
  /** Delivers queued proactive messages to `sent`. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

/** Builds the test app; close() it in afterEach/afterAll. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.config });
  const clock = options.clock ?? new ManualClock('2026-12-01T02:00:00Z');
  const store = options.store ?? new SqliteStore(':memory:');
  const services = await buildServices(config, {
    store,
    clock,
    logger: silentLogger(),
    llm: options.llm ?? null,
    ...(options.policy === 'load' ? {} : { policy: options.policy ?? null }),
  });
  const sent: { to: ChatRef; reply: Reply }[] = [];
  for (const name of ['http', 'terminal', 'wechat', 'telegram'] as const) {
    services.notifier.register({ name, sendText: async (to, reply) => void sent.push({ to, reply }) });
  }
  const handle = createHandler(services);
  const say = (text: string, opts: SayOptions = {}): Promise<HandleResult> => {
    const userId = opts.userId ?? 'u1';
    const msg: Inbound = {
      channel: opts.channel ?? 'http',
      chatId: opts.chatId ?? userId,
      chatType: opts.chatType ?? 'private',
      userId,
      text,
      messageId: opts.messageId ?? `m${++counter}`,
      at: clock.now(),
      ...(opts.userName ? { userName: opts.userName } : {}),
      ...(opts.mentioned !== undefined ? { mentioned: opts.mentioned } : {}),
    };
    return handle(msg);
  };
  return {
    services,
    clock,
    handle,
    say,
    ask: async (text, opts) => (await say(text, opts)).replies.map((r) => r.text).join('\n'),
    sent,
    flush: async () => {
      await services.notifier.drain();
    },
    close: () => store.close(),
  };
}
