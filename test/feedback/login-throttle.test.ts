/** The console's failed-login delay lives in the store: every instance sees the same counts. */
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoginThrottle } from '../../src/channels/http/console/throttle.js';
import { RedisStore } from '../../src/store/redis/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';
import { redisUp } from '../helpers/redis.js';

const t0 = new Date('2026-12-01T02:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const opened: Store[] = [];
afterAll(async () => {
  for (const s of opened) await s.close();
});

async function twoInstances(store: () => Promise<Store>) {
  const a = new LoginThrottle(await store());
  const b = new LoginThrottle(await store());
  const keys = ['user:li', 'ip:10.0.0.9'];
  // two free failures on instance A, the third on B: the delay starts, and A sees it
  expect(await a.fail(keys, at(0))).toBe(0);
  expect(await a.fail(keys, at(1))).toBe(0);
  expect(await b.fail(keys, at(2))).toBe(1000);
  expect(await a.waitMs(keys, at(2.5))).toBe(500);
  expect(await b.waitMs(['user:li'], at(3))).toBe(0);
  expect(await a.fail(['user:li'], at(3))).toBe(2000); // doubles
  expect(await b.waitMs(['user:zhang', 'ip:10.0.0.9'], at(3))).toBe(0); // another name from that address: its own count (3, waited out)
  await b.succeed(['user:li']);
  expect(await a.waitMs(['user:li'], at(3.5))).toBe(0);
}

describe('login throttle shared through the store', () => {
  it('SQLite: two throttles on one database file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'yl-throttle-')), 'db.sqlite');
    await twoInstances(async () => {
      const s = new SqliteStore(file);
      opened.push(s);
      return s;
    });
  });

  it.runIf(redisUp)('Redis: two instances on one Redis', async () => {
    const prefix = `test:${randomUUID()}`;
    await twoInstances(async () => {
      const s = await RedisStore.connect(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
      opened.push(s);
      return s;
    });
    const r = opened[opened.length - 1] as RedisStore;
    const keys = await r.redis.keys(`${prefix}:*`);
    if (keys.length) await r.redis.del(...keys);
  });
});
