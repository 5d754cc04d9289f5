/**
 * Done-when: 500 users book one 50-seat activity at once through POST /api/messages, each finishing
 * the confirm step -> exactly 50 confirmed, 450 waitlisted, nobody twice; then 10 cancellations ->
 * exactly the first 10 on the waitlist are promoted and told. Two instances on one Redis; one on SQLite.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { parseConfig } from '../../src/config.js';
import { buildServices, createHandler } from '../../src/app.js';
import { createHttpServer } from '../../src/channels/http/server.js';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { platformUserId } from '../../src/core/person.js';
import { RedisStore } from '../../src/store/redis/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { Services } from '../../src/services.js';
import type { Store } from '../../src/store/types.js';
import { redisUp } from '../helpers/redis.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const USERS = 500;
const SEATS = 50;

interface Instance {
  services: Services;
  http: FastifyInstance;
  url: string;
}

async function startInstance(store: Store, clock: ManualClock, extra: Record<string, string> = {}): Promise<Instance> {
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000', ...extra });
  const services = await buildServices(config, { store, clock, logger: silentLogger(), llm: null, policy: null });
  const http = await createHttpServer(services, createHandler(services));
  await http.listen({ port: 0, host: '127.0.0.1' });
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { services, http, url: `http://127.0.0.1:${port}` };
}

async function post(inst: Instance, userId: string, text: string): Promise<{ replies: { text: string }[]; intent: string; data?: Record<string, unknown> }> {
  const res = await fetch(`${inst.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, text, messageId: randomUUID() }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { replies: { text: string }[]; intent: string; data?: Record<string, unknown> };
}

/** Runs the whole scenario over the given instances (user i talks to instance i % n, confirms on the next one). */
async function scenario(instances: Instance[], store: Store): Promise<void> {
  const clock = instances[0]!.services.clock;
  const activity = await store.activities.create(
    { title: '智慧养老讲座', category: '讲座', startAt: '2026-12-10T06:00:00Z', place: '三楼会议室', capacity: SEATS, maxSeatsPerBooking: 1 },
    clock.now(),
  );
  const users = Array.from({ length: USERS }, (_, i) => `user${i}`);
  const outcomes = await Promise.all(
    users.map(async (u, i) => {
      const first = instances[i % instances.length]!;
      const second = instances[(i + 1) % instances.length]!;
      const summary = await post(first, u, '我要报名智慧养老讲座');
      expect(summary.data).toMatchObject({ booking: 'summary', activityId: activity.id });
      const done = await post(second, u, '1');
      return String(done.data?.booking);
    }),
  );
  expect(outcomes.filter((o) => o === 'confirmed')).toHaveLength(SEATS);
  expect(outcomes.filter((o) => o === 'waitlisted')).toHaveLength(USERS - SEATS);

  const before = await store.activities.listByActivity(activity.id);
  expect(before.confirmed).toHaveLength(SEATS);
  expect(before.waitlist).toHaveLength(USERS - SEATS);
  const everyone = [...before.confirmed, ...before.waitlist].map((b) => b.userId);
  expect(new Set(everyone).size).toBe(USERS);
  expect(everyone.every((p) => p.startsWith('http:user'))).toBe(true); // person ids: channel:userId
  expect((await store.activities.get(activity.id))!.seatsTaken).toBe(SEATS);
  for (const u of users) await store.takeInbox(u); // nothing proactive yet; start clean

  const leaving = before.confirmed.slice(0, 10).map((b) => platformUserId(b.userId));
  const firstTen = before.waitlist.slice(0, 10).map((b) => platformUserId(b.userId));
  await Promise.all(
    leaving.map(async (u, i) => {
      const inst = instances[i % instances.length]!;
      expect((await post(inst, u, '取消报名')).data).toMatchObject({ cancel: 'summary', activityId: activity.id });
      expect((await post(inst, u, '1')).data).toMatchObject({ cancel: 'cancelled' });
    }),
  );
  for (const inst of instances) await inst.services.notifier.drain();

  const after = await store.activities.listByActivity(activity.id);
  expect(after.confirmed).toHaveLength(SEATS);
  expect(after.waitlist).toHaveLength(USERS - SEATS - 10);
  const confirmedNow = new Set(after.confirmed.map((b) => platformUserId(b.userId)));
  for (const u of firstTen) expect(confirmedNow.has(u)).toBe(true);
  for (const u of leaving) expect(confirmedNow.has(u)).toBe(false);
  expect(after.waitlist.map((b) => b.userId)).toEqual(before.waitlist.slice(10).map((b) => b.userId));

  const told: string[] = [];
  for (const u of users) {
    const inbox = await store.takeInbox(u);
    if (inbox.some((m) => m.text.includes('有空位了'))) told.push(u);
    if (inbox.length) expect(inbox).toHaveLength(1);
  }
  expect(told.sort()).toEqual([...firstTen].sort());
}

describe('booking under concurrency through POST /api/messages', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it.runIf(redisUp)('two instances on one Redis: 500 users, 50 seats', async () => {
    const prefix = `test:${randomUUID()}`;
    const clock = new ManualClock('2026-12-01T02:00:00Z');
    const stores = [await RedisStore.connect(REDIS_URL, prefix), await RedisStore.connect(REDIS_URL, prefix)];
    const instances = [await startInstance(stores[0]!, clock, { STORE: 'redis' }), await startInstance(stores[1]!, clock, { STORE: 'redis' })];
    cleanups.push(async () => {
      for (const inst of instances) await inst.http.close();
      const redis = new Redis(REDIS_URL);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
      await redis.quit();
      for (const s of stores) await s.close();
    });
    await scenario(instances, stores[0]!);
  }, 120_000);

  it('one instance on SQLite: 500 users, 50 seats', async () => {
    const clock = new ManualClock('2026-12-01T02:00:00Z');
    const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'yinling-book-')), 'store.db'));
    const inst = await startInstance(store, clock);
    cleanups.push(async () => {
      await inst.http.close();
      await store.close();
    });
    await scenario([inst], store);
  }, 120_000);
});
