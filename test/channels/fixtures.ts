/** Test services for the channel tests: real SQLite (temp file), real prompts, silent logger. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type Config } from '../../src/config.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { Prompts } from '../../src/core/prompts.js';
import { systemClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { Notifier } from '../../src/core/notifier.js';
import { Metrics } from '../../src/core/metrics.js';
import type { Services } from '../../src/services.js';
import type { Inbound, HandleResult } from '../../src/core/types.js';

/** Services over a fresh SQLite file; call `close()` afterwards. */
export function channelServices(env: Record<string, string> = {}): Services & { close(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'yinling-ch-'));
  const config: Config = parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
  const store = new SqliteStore(join(dir, 'test.db'));
  const logger = silentLogger();
  const services: Services = {
    instanceId: 'test-instance',
    config,
    store,
    clock: systemClock,
    prompts: Prompts.load('prompts'),
    logger,
    notifier: new Notifier(store, systemClock, logger, { pollMs: 50 }),
    metrics: new Metrics(),
  };
  return Object.assign(services, {
    async close() {
      services.notifier.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** A stand-in message handler: answers "答：<text>" in private chats and to mentions, with dedupe. */
export function fakeHandler(services: Services) {
  const received: Inbound[] = [];
  const handle = async (msg: Inbound): Promise<HandleResult> => {
    received.push(msg);
    if (msg.fromSelf) return { replies: [], intent: 'dropped', dropped: 'self' };
    if (msg.messageId && !(await services.store.markSeen(`${msg.channel}:${msg.messageId}`, 60_000, new Date()))) {
      return { replies: [], intent: 'dropped', dropped: 'duplicate' };
    }
    if (msg.chatType === 'group' && !msg.mentioned) return { replies: [], intent: 'dropped', dropped: 'not_addressed' };
    if (msg.text === '选') return { replies: [{ text: '请选择：', options: [{ key: '1', label: '确认' }, { key: '2', label: '取消' }] }], intent: 'help' };
    return { replies: [{ text: `答：${msg.text}` }], intent: 'smalltalk' };
  };
  return { handle, received };
}

/** Polls `check` until it returns true (or fails after `ms`). */
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
