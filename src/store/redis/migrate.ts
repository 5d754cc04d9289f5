/**
 * Versioned Redis data migrations, the counterpart of ../sqlite/migrate.ts. The version is the key
 * `<prefix>:schema`; `RedisStore.connect` runs every step above it before the store is used. Several
 * instances may start at once: one takes the lock `<prefix>:schema:lock` (SET NX with a lease) and
 * migrates, the others wait until the version is written (or the lease of a crashed migrator ends,
 * and then one of them takes over). Each step is safe to run again after a crash: it marks what it
 * has done (see the repos' `migratePersonIds`).
 *
 *   1  person ids: bookings (hash fields, confirmed / waitlist members, user index sets), reminders
 *      and tickets written with a bare platform user id get the channel of their chat
 *      ("wxid_abc" -> "wechat:wxid_abc", core/person.ts).
 *
 * Stop instances of older versions before starting this one: they would keep writing bare ids.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RedisActivityRepo } from './activities.js';
import type { RedisTicketRepo } from './tickets.js';

/** The newest version this code writes. */
export const REDIS_SCHEMA_VERSION = 1;

/** Deletes the lock only when it is still ours. */
const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface MigrationTarget {
  redis: Redis;
  prefix: string;
  activities: RedisActivityRepo;
  tickets: RedisTicketRepo;
}

export interface MigrateOptions {
  /** How long the lock is held before another instance may take over (default 5 minutes). */
  leaseMs?: number;
  /** How long to wait for another instance's migration (default: two leases). */
  waitMs?: number;
  /** Poll interval while waiting (default 200 ms). */
  pollMs?: number;
}

/** The version stored under `prefix` (0: written before versioning, or empty). */
export async function redisSchemaVersion(redis: Redis, prefix: string): Promise<number> {
  return Number((await redis.get(`${prefix}:schema`)) ?? 0);
}

/** Brings the data under the store's prefix to REDIS_SCHEMA_VERSION; returns what was changed. */
export async function migrateRedis(store: MigrationTarget, opts: MigrateOptions = {}): Promise<{ from: number; bookings: number; tickets: number }> {
  const { redis, prefix } = store;
  const versionKey = `${prefix}:schema`;
  const lockKey = `${prefix}:schema:lock`;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const deadline = Date.now() + (opts.waitMs ?? 2 * leaseMs);
  const nothing = { from: REDIS_SCHEMA_VERSION, bookings: 0, tickets: 0 };
  const token = randomUUID();
  for (;;) {
    if ((await redisSchemaVersion(redis, prefix)) >= REDIS_SCHEMA_VERSION) return nothing;
    if ((await redis.set(lockKey, token, 'PX', leaseMs, 'NX')) === 'OK') break;
    if (Date.now() > deadline) throw new Error(`Redis data under "${prefix}" is being migrated by another instance for too long (lock ${lockKey})`);
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 200));
  }
  try {
    const from = await redisSchemaVersion(redis, prefix);
    if (from >= REDIS_SCHEMA_VERSION) return nothing;
    let bookings = 0;
    let tickets = 0;
    if (from < 1) {
      bookings = await store.activities.migratePersonIds();
      tickets = await store.tickets.migratePersonIds();
    }
    await redis.set(versionKey, String(REDIS_SCHEMA_VERSION));
    await store.tickets.finishPersonIds();
    return { from, bookings, tickets };
  } finally {
    await redis.eval(UNLOCK, 1, lockKey, token);
  }
}
