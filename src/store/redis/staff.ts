/** Redis staff console accounts: one hash `<prefix>:{staff}:accounts`, field = username, value = JSON. */
import type { Redis } from 'ioredis';
import type { StaffAccount, StaffRepo } from '../types.js';

export class RedisStaffRepo implements StaffRepo {
  private readonly key: string;

  constructor(
    readonly redis: Redis,
    readonly prefix: string,
  ) {
    this.key = `${prefix}:{staff}:accounts`;
  }

  async upsert(a: StaffAccount): Promise<void> {
    const current = await this.get(a.username);
    await this.redis.hset(this.key, a.username, JSON.stringify({ ...a, createdAt: current?.createdAt ?? a.createdAt }));
  }

  async get(username: string): Promise<StaffAccount | null> {
    const raw = await this.redis.hget(this.key, username);
    return raw ? (JSON.parse(raw) as StaffAccount) : null;
  }

  async list(): Promise<StaffAccount[]> {
    const all = await this.redis.hgetall(this.key);
    return Object.values(all)
      .map((v) => JSON.parse(v) as StaffAccount)
      .sort((a, b) => a.username.localeCompare(b.username));
  }
}
