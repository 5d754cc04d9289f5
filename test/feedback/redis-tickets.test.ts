/** The ticket contract against the Redis ticket and staff repos (real Redis, unique key prefix). */
import { describe, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisTicketRepo } from '../../src/store/redis/tickets.js';
import { RedisStaffRepo } from '../../src/store/redis/staff.js';
import type { Store } from '../../src/store/types.js';
import { ticketContract } from '../store/contract-tickets.js';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: false, maxRetriesPerRequest: 2 });
const run = `test:${randomUUID()}`;
let n = 0;

async function deleteKeys(pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

describe('Redis ticket repo', () => {
  ticketContract(async () => {
    const prefix = `${run}:${n++}`;
    return {
      kind: 'redis',
      tickets: new RedisTicketRepo(redis, prefix),
      staff: new RedisStaffRepo(redis, prefix),
      close: async () => {},
    } as unknown as Store;
  });
  afterAll(async () => {
    await deleteKeys(`${run}:*`);
    await redis.quit();
  });
});
