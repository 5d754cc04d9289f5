/** The store contract suite against a real Redis (127.0.0.1:6379 or REDIS_URL), one key prefix per store. */
import { describe, it, expect, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisStore } from '../../src/store/redis/index.js';
import { coreContract } from './contract-core.js';
import { activityContract } from './contract-activities.js';
import { ticketContract } from './contract-tickets.js';
import { redisUp } from '../helpers/redis.js';

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

  it('fails with a readable message when Redis does not answer', async () => {
    await expect(RedisStore.connect('redis://127.0.0.1:1', 'x')).rejects.toThrow(/REDIS_URL/);
  });
});
