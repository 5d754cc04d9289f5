/**
 * Booking throughput: the store operation on SQLite (file, WAL) and on Redis (one Lua script per
 * booking), and end to end through POST /api/messages (summary + "1" per booking).
 * Run alone with `node bin/run-ts.js bench/booking.ts`; `npm run bench` includes it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import type { BenchFigure } from './types.js';
import type { Store } from '../src/store/types.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { RedisStore } from '../src/store/redis/index.js';
import { parseConfig } from '../src/config.js';
import { buildServices, createHandler } from '../src/app.js';
import { createHttpServer } from '../src/channels/http/server.js';
import { ManualClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/logger.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const NOW = new Date('2026-12-01T02:00:00Z');
const START = '2026-12-10T06:00:00Z';

/** Runs `task(i)` for i < n with at most `concurrency` in flight; resolves with elapsed seconds. */
async function timed(n: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await task(next++);
    }),
  );
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Bookings per second of `store.activities.book` (a 10%-capacity activity: confirmations then waitlist). */
async function storeRate(store: Store, n: number, concurrency: number): Promise<number> {
  const a = await store.activities.create({ title: '基准讲座', category: '讲座', startAt: START, place: '礼堂', capacity: Math.ceil(n / 10) }, NOW);
  await timed(200, concurrency, (i) => store.activities.book({ activityId: a.id, userId: `warm${i}`, seats: 1, chat: { channel: 'http', chatId: `warm${i}` } }, NOW));
  const secs = await timed(n, concurrency, (i) => store.activities.book({ activityId: a.id, userId: `u${i}`, seats: 1, chat: { channel: 'http', chatId: `u${i}` } }, NOW));
  return n / secs;
}

/** Bookings per second end to end: each booking is two requests (summary, then "1"). */
async function httpRate(store: Store, n: number, concurrency: number): Promise<number> {
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000', STORE: store.kind });
  const services = await buildServices(config, { store, clock: new ManualClock(NOW), logger: silentLogger(), llm: null, policy: null });
  const http = await createHttpServer(services, createHandler(services));
  await http.listen({ port: 0, host: '127.0.0.1' });
  const address = http.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/messages`;
  await store.activities.create({ title: '端到端讲座', category: '讲座', startAt: START, place: '礼堂', capacity: Math.ceil(n / 10) }, NOW);
  const post = async (userId: string, text: string) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId, text }) });
    const body = (await res.json()) as { data?: { booking?: string } };
    return body.data?.booking;
  };
  const book = async (userId: string) => {
    await post(userId, '报名端到端讲座');
    const outcome = await post(userId, '1');
    if (outcome !== 'confirmed' && outcome !== 'waitlisted') throw new Error(`unexpected booking outcome ${String(outcome)}`);
  };
  try {
    await timed(50, concurrency, (i) => book(`warm${i}`));
    const secs = await timed(n, concurrency, (i) => book(`h${i}`));
    return n / secs;
  } finally {
    await http.close();
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  await redis.quit();
}

/** The booking figures. */
export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'yinling-bench-'));
  try {
    const sqlite = new SqliteStore(join(dir, 'bench.db'));
    figures.push({ name: 'booking store op, SQLite (file, WAL)', value: Math.round(await storeRate(sqlite, 20_000, 1)), unit: 'bookings/s', note: 'target ≥ 2000; one IMMEDIATE transaction each' });
    figures.push({ name: 'booking end to end, HTTP on SQLite', value: Math.round(await httpRate(sqlite, 1000, 20)), unit: 'bookings/s', note: 'POST /api/messages: summary + "1", 20 clients' });
    await sqlite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const prefix = `bench:${randomUUID()}`;
  try {
    const redis = await RedisStore.connect(REDIS_URL, prefix);
    figures.push({ name: 'booking store op, Redis (Lua)', value: Math.round(await storeRate(redis, 20_000, 64)), unit: 'bookings/s', note: 'target ≥ 5000; one EVALSHA + one SADD each, 64 in flight' });
    figures.push({ name: 'booking end to end, HTTP on Redis', value: Math.round(await httpRate(redis, 1000, 20)), unit: 'bookings/s', note: 'POST /api/messages: summary + "1", 20 clients' });
    await redis.close();
  } catch (err) {
    figures.push({ name: 'booking on Redis', value: 0, unit: 'bookings/s', note: `skipped: ${(err as Error).message}` });
  } finally {
    await deleteKeys(prefix).catch(() => undefined);
  }
  return figures;
}

// Run directly (`node bin/run-ts.js bench/booking.ts`, not imported by `npm run bench`): print the figures.
const entry = process.argv[1] ?? '';
if (import.meta.url === pathToFileURL(entry).href || (entry.endsWith('run-ts.js') && process.env.npm_lifecycle_event !== 'bench')) {
  for (const f of await run()) console.log(`${f.name}: ${f.value} ${f.unit}${f.note ? `  (${f.note})` : ''}`);
}
