/**
 * The two stores a conversation test runs on: an in-memory SQLite store, and a Redis store under a key
 * prefix of its own (when Redis answers; its keys are removed and its connection closed after all tests
 * of the file).
 */
import { afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { redisUp, REDIS_URL } from './redis.js';
import { RedisStore } from '../../src/store/redis/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';

export interface StoreKind {
  name: string;
  /** False when Redis does not answer (the tests on it are skipped; CI fails instead, see redis.ts). */
  up: boolean;
  open: () => Promise<Store>;
}

/** Both store kinds; call at the top level of a test file (it registers the Redis clean-up). */
export function storeKinds(): StoreKind[] {
  const redisStores: RedisStore[] = [];
  afterAll(async () => {
    for (const s of redisStores) {
      let cursor = '0';
      do {
        const [next, keys] = await s.redis.scan(cursor, 'MATCH', `${s.prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await s.redis.del(...keys);
      } while (cursor !== '0');
      await s.close();
    }
  });
  return [
    { name: 'SQLite', up: true, open: async () => new SqliteStore(':memory:') },
    {
      name: 'Redis',
      up: redisUp,
      open: async () => {
        const s = await RedisStore.connect(REDIS_URL, `test:${randomUUID()}`);
        redisStores.push(s);
        return s;
      },
    },
  ];
}
