/** Reminders survive a restart (SQLite file) and two instances on one Redis never send one twice. */
import { describe, it, expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { parseConfig } from '../../src/config.js';
import { buildServices } from '../../src/app.js';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { RedisStore } from '../../src/store/redis/index.js';
import type { Store } from '../../src/store/types.js';
import { runReminderTick } from '../../src/skills/activities/jobs.js';
import { redisUp } from '../helpers/redis.js';

const H = 3600_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

async function instance(store: Store, clock: ManualClock) {
  const services = await buildServices(config, { store, clock, logger: silentLogger(), llm: null, policy: null });
  const sent: string[] = [];
  // The sender is registered only to deliver (after the ticks), so no background drain outlives the test.
  const deliver = async () => {
    services.notifier.register({ name: 'wechat', sendText: async (to) => void sent.push(to.userId ?? to.chatId) });
    await services.notifier.drain();
  };
  return { services, sent, deliver };
}

async function seed(store: Store, clock: ManualClock, users: number): Promise<Date> {
  const start = new Date(clock.now().getTime() + 3 * 24 * H);
  const a = await store.activities.create({ title: '围棋赛', category: '棋牌', startAt: start.toISOString(), place: '棋室', capacity: users }, clock.now());
  for (let i = 0; i < users; i++) {
    await store.activities.book({ activityId: a.id, userId: `u${i}`, seats: 1, chat: { channel: 'wechat', chatId: 'room', chatType: 'group', userId: `u${i}` } }, clock.now());
  }
  return start;
}

describe('reminders', () => {
  it('are still sent after a restart (SQLite file)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'yinling-rem-')), 'store.db');
    const clock = new ManualClock('2026-12-01T02:00:00Z');
    const first = new SqliteStore(file);
    const start = await seed(first, clock, 3);
    await first.close();
    const again = await instance(new SqliteStore(file), clock);
    clock.set(start.getTime() - 24 * H);
    expect(await runReminderTick(again.services)).toBe(3);
    await again.deliver();
    expect(again.sent.sort()).toEqual(['u0', 'u1', 'u2']);
    await again.services.store.close();
  });

  it.runIf(redisUp)('are sent once by two instances ticking at the same time on one Redis', async () => {
    const prefix = `test:${randomUUID()}`;
    const clock = new ManualClock('2026-12-01T02:00:00Z');
    const a = await instance(await RedisStore.connect(REDIS_URL, prefix), clock);
    const b = await instance(await RedisStore.connect(REDIS_URL, prefix), clock);
    try {
      const start = await seed(a.services.store, clock, 40);
      clock.set(start.getTime() - H);
      const counts = await Promise.all([runReminderTick(a.services, 7), runReminderTick(b.services, 7), runReminderTick(a.services, 7)]);
      expect(counts.reduce((x, y) => x + y, 0)).toBe(80); // 40 day-before + 40 two-hours, each once
      await Promise.all([a.deliver(), b.deliver()]);
      const all = [...a.sent, ...b.sent];
      expect(all).toHaveLength(80);
      expect(new Set(all).size).toBe(40);
      expect(await runReminderTick(b.services)).toBe(0);
    } finally {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await a.services.store.close();
      await b.services.store.close();
    }
  });
});
