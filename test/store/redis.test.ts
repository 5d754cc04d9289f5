/** The store contract suite against a real Redis (127.0.0.1:6379 or REDIS_URL), one key prefix per store. */
import { describe, it, expect, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisStore } from '../../src/store/redis/index.js';
import { coreContract } from './contract-core.js';
import { activityContract } from './contract-activities.js';
import { ticketContract, ticketRatingTwinContract } from './contract-tickets.js';
import { redisUp } from '../helpers/redis.js';
import { personContract, personMigrationContract } from './contract-person.js';
import { rateLimitContract } from './contract-rate-limit.js';
import { migrateRedis, redisSchemaVersion } from '../../src/store/redis/migrate.js';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const runPrefix = `test:${randomUUID()}`;

/** Deletes every key under `prefix`. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

/** A store with a fresh prefix that deletes its keys when closed. */
async function freshStore(): Promise<RedisStore> {
  const prefix = `${runPrefix}:${randomUUID().slice(0, 8)}`;
  const store = await RedisStore.connect(url, prefix);
  const close = store.close.bind(store);
  store.close = async () => {
    await deleteKeys(store.redis, prefix);
    await close();
  };
  return store;
}

describe.runIf(redisUp)('RedisStore', () => {
  coreContract(freshStore);
  activityContract(freshStore);
  ticketContract(freshStore);
  personContract(freshStore);
  // the twin: another instance's connection on the same prefix (its keys go with the first store's)
  rateLimitContract(freshStore, async (store) => new RedisStore(new Redis(url), (store as RedisStore).prefix));
  ticketRatingTwinContract(freshStore, async (store) => new RedisStore(new Redis(url), (store as RedisStore).prefix));
  personMigrationContract({
    openOld: async () => {
      const store = await RedisStore.connect(url, `${runPrefix}:old-${randomUUID().slice(0, 8)}`);
      await store.redis.del(`${store.prefix}:schema`); // the keys as versions before person ids left them
      return store;
    },
    upgrade: async (old) => {
      const { prefix } = old as RedisStore;
      await old.close();
      return RedisStore.connect(url, prefix);
    },
    version: async (store) => redisSchemaVersion((store as RedisStore).redis, (store as RedisStore).prefix),
    destroy: async (store) => {
      await deleteKeys((store as RedisStore).redis, (store as RedisStore).prefix);
      await store.close();
    },
  });

  it('upgrades once when several instances start on old data at the same time', async () => {
    const prefix = `${runPrefix}:race-${randomUUID().slice(0, 8)}`;
    const old = await RedisStore.connect(url, prefix);
    await old.redis.del(`${prefix}:schema`);
    const t = new Date('2026-12-01T02:00:00Z');
    const a = await old.activities.create({ title: '象棋比赛', category: '棋牌', startAt: '2026-12-05T02:00:00Z', place: '活动中心', capacity: 50 }, t);
    for (let i = 0; i < 30; i++) {
      await old.activities.book({ activityId: a.id, userId: `u${i}`, seats: 1, chat: { channel: i % 2 ? 'wechat' : 'telegram', chatId: `u${i}`, userId: `u${i}` } }, t);
      await old.tickets.create({ userId: `u${i}`, chat: { channel: 'wechat', chatId: `u${i}` }, category: 'other', text: `第${i}件` }, t);
    }
    const results = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const redis = new Redis(url);
        const store = new RedisStore(redis, prefix);
        try {
          return await migrateRedis(store, { pollMs: 20 });
        } finally {
          await store.close();
        }
      }),
    );
    expect(results.map((r) => r.bookings).sort((x, y) => y - x)).toEqual([30, 0, 0, 0]);
    expect(results.map((r) => r.tickets).sort((x, y) => y - x)).toEqual([30, 0, 0, 0]);
    const { confirmed } = await old.activities.listByActivity(a.id);
    expect(confirmed.map((b) => b.userId)).toEqual(Array.from({ length: 30 }, (_, i) => `${i % 2 ? 'wechat' : 'telegram'}:u${i}`));
    expect((await old.activities.listByUser('wechat:u1')).map((b) => b.activityId)).toEqual([a.id]);
    expect(new Set((await old.tickets.list()).map((t) => t.userId))).toEqual(new Set(Array.from({ length: 30 }, (_, i) => `wechat:u${i}`)));
    expect(await old.redis.exists(`${prefix}:schema:lock`, `${prefix}:{tickets}:migrated:person`)).toBe(0);
    await deleteKeys(old.redis, prefix);
    await old.close();
  });

  afterAll(async () => {
    const redis = new Redis(url);
    await deleteKeys(redis, runPrefix);
    await redis.quit();
  });

  it('keeps every key of one activity in one Cluster slot (hash tag)', async () => {
    const store = await freshStore();
    const a = await store.activities.create({ title: '乒乓球赛', category: '球类', startAt: '2030-01-01T02:00:00Z', place: '体育馆', capacity: 2 }, new Date('2029-12-01T00:00:00Z'));
    await store.activities.book({ activityId: a.id, userId: 'u1', seats: 1, chat: { channel: 'http', chatId: 'u1' } }, new Date('2029-12-01T00:00:00Z'));
    const keys = await store.redis.keys(`${store.prefix}:{act:${a.id}}:*`);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(new Set(keys.map((k) => k.match(/\{(.+?)\}/)![1])).size).toBe(1);
    await store.close();
  });

  it('rate limit: two keys per person under the prefix, in one Cluster slot, gone a window after the last write', async () => {
    const store = await freshStore();
    const rule = { limit: 1, floodLimit: 5, windowMs: 60_000 };
    const now = new Date('2026-12-01T08:00:00Z');
    await store.hitRateLimit('wechat:wxid_a', rule, { inFlow: false, canNotify: true }, now);
    await store.hitRateLimit('wechat:wxid_a', rule, { inFlow: false, canNotify: true }, now);
    const keys = (await store.redis.keys(`${store.prefix}:*rate*`)).sort();
    expect(keys).toEqual([`${store.prefix}:{rate:wechat:wxid_a}:hits`, `${store.prefix}:{rate:wechat:wxid_a}:notice`]);
    for (const key of keys) {
      const ttl = await store.redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
    await store.close();
  });

  it('fails with a readable message when Redis does not answer', async () => {
    await expect(RedisStore.connect('redis://127.0.0.1:1', 'x')).rejects.toThrow(/REDIS_URL/);
  });
});
