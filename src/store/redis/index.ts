/**
 * Redis store (ioredis) for several instances sharing one Redis. Every key starts with the
 * configured prefix; keys written together carry one hash tag (`{outbox}`, `{act:ID}`, …) so the
 * layout also works on Redis Cluster. Expiry is decided by the caller's clock (stored with the
 * value, so a test clock works); Redis TTLs only collect the garbage.
 */
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { AnswerRating, AuditEntry, DialogState, FailureCount, OutboxMessage, RateHit, RateRule, Store } from '../types.js';
import { LuaScript } from './lua.js';
import { RedisActivityRepo } from './activities.js';
import { RedisTicketRepo } from './tickets.js';
import { RedisStaffRepo } from './staff.js';
import { migrateRedis } from './migrate.js';
import { hitRateLimit } from './rate-limit.js';

type InboxItem = { text: string; options?: { key: string; label: string }[]; at: string };

/** SET key if absent or expired (by the caller's clock). ARGV: now, expiresAt, ttlMs. */
const MARK_SEEN = new LuaScript(`
local v = redis.call('GET', KEYS[1])
if v and tonumber(v) > tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`);

/** Counts a failure. KEYS[1] = hash (count, last, exp). ARGV: now, ttlMs. A lapsed count starts again at 1. */
const COUNT_FAILURE = new LuaScript(`
local now, ttl = tonumber(ARGV[1]), tonumber(ARGV[2])
local exp = tonumber(redis.call('HGET', KEYS[1], 'exp') or '0')
local c = 1
if exp > now then c = tonumber(redis.call('HGET', KEYS[1], 'count') or '0') + 1 end
redis.call('HSET', KEYS[1], 'count', c, 'last', now, 'exp', now + ttl)
redis.call('PEXPIRE', KEYS[1], ttl)
return c`);

/**
 * Claims a message id. KEYS[1] = claim hash. ARGV: owner, now, leaseMs, takeoverMs.
 * Free or expired -> pending for owner; done, or pending for owner -> 0; pending for another owner
 * older than takeoverMs (a process that died) -> taken over.
 */
const CLAIM_MESSAGE = new LuaScript(`
local owner, now, lease, takeover = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local c = redis.call('HMGET', KEYS[1], 'state', 'owner', 'since', 'exp')
if c[1] and tonumber(c[4]) > now then
  if c[1] == 'done' or c[2] == owner then return 0 end
  if now - tonumber(c[3]) < takeover then return 0 end
end
redis.call('HSET', KEYS[1], 'state', 'pending', 'owner', owner, 'since', now, 'exp', now + lease)
redis.call('PEXPIRE', KEYS[1], lease)
return 1`);

/** Marks a claim done for ARGV[2] ms (by the caller's clock ARGV[1]). */
const COMPLETE_MESSAGE = new LuaScript(`
redis.call('HSET', KEYS[1], 'state', 'done', 'exp', tonumber(ARGV[1]) + tonumber(ARGV[2]))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`);

/**
 * Claims up to ARGV[3] messages whose lease ended. KEYS[1] = message hash, KEYS[2] = attempts hash,
 * KEYS[3..] = one pending sorted set per channel (score: lease end; fresh messages sort first by seq).
 * ARGV[4..], when given: only messages to these chat ids are claimed; the others are left untouched.
 */
const CLAIM_OUTBOX = new LuaScript(`
local now = tonumber(ARGV[1])
local lease = tonumber(ARGV[2])
local left = tonumber(ARGV[3])
local only = nil
if #ARGV > 3 then
  only = {}
  for j = 4, #ARGV do only[ARGV[j]] = true end
end
local out = {}
for i = 3, #KEYS do
  if left <= 0 then break end
  local ids
  if only then
    ids = redis.call('ZRANGEBYSCORE', KEYS[i], '-inf', now)
  else
    ids = redis.call('ZRANGEBYSCORE', KEYS[i], '-inf', now, 'LIMIT', 0, left)
  end
  for _, id in ipairs(ids) do
    if left <= 0 then break end
    local body = redis.call('HGET', KEYS[1], id)
    if not body then
      redis.call('ZREM', KEYS[i], id)
    else
      local wanted = true
      if only then
        local ok, msg = pcall(cjson.decode, body)
        wanted = ok and type(msg) == 'table' and type(msg.to) == 'table' and only[tostring(msg.to.chatId)] == true
      end
      if wanted then
        redis.call('ZADD', KEYS[i], now + lease, id)
        out[#out + 1] = body
        out[#out + 1] = redis.call('HINCRBY', KEYS[2], id, 1)
        left = left - 1
      end
    end
  end
end
return out`);

/** Removes an acknowledged message. KEYS: message hash, attempts hash; ARGV: id, pending key prefix. */
const ACK_OUTBOX = new LuaScript(`
local body = redis.call('HGET', KEYS[1], ARGV[1])
if not body then return 0 end
-- the channel is read with a pattern, not cjson: one odd character must not block the ack forever
local channel = string.match(body, '"to":{"channel":"([%w_%-]+)"')
if channel then
  redis.call('ZREM', ARGV[2] .. channel, ARGV[1])
else
  for _, c in ipairs({'http', 'terminal', 'wechat', 'telegram'}) do redis.call('ZREM', ARGV[2] .. c, ARGV[1]) end
end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 1`);

export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly activities: RedisActivityRepo;
  readonly tickets: RedisTicketRepo;
  readonly staff: RedisStaffRepo;

  constructor(
    readonly redis: Redis,
    readonly prefix: string,
    timezone?: string,
  ) {
    this.activities = new RedisActivityRepo(redis, prefix);
    this.tickets = new RedisTicketRepo(redis, prefix, timezone);
    this.staff = new RedisStaffRepo(redis, prefix);
  }

  /**
   * Connects to Redis (fails fast with a readable message when it does not answer), brings stored
   * data up to this version (./migrate.ts) and returns the store.
   */
  static async connect(url: string, prefix: string, timezone?: string): Promise<RedisStore> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, enableAutoPipelining: true });
    try {
      await redis.connect();
      await redis.ping();
    } catch (err) {
      redis.disconnect();
      throw new Error(`Redis at ${url} does not answer (check REDIS_URL, or use STORE=sqlite): ${(err as Error).message}`);
    }
    const store = new RedisStore(redis, prefix, timezone);
    try {
      // Data written by older versions (e.g. bare user ids before person ids): see migrate.ts.
      await migrateRedis(store);
    } catch (err) {
      redis.disconnect();
      throw err;
    }
    return store;
  }

  private key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  async getDialog(key: string, now: Date): Promise<DialogState | null> {
    const raw = await this.redis.get(this.key('dialog', key));
    if (!raw) return null;
    const { state, expiresAt } = JSON.parse(raw) as { state: DialogState; expiresAt: number };
    return expiresAt > now.getTime() ? state : null;
  }

  async setDialog(key: string, state: DialogState, ttlMs: number, now: Date): Promise<void> {
    await this.redis.set(this.key('dialog', key), JSON.stringify({ state, expiresAt: now.getTime() + ttlMs }), 'PX', Math.max(1, ttlMs));
  }

  async clearDialog(key: string): Promise<void> {
    await this.redis.del(this.key('dialog', key));
  }

  async markSeen(id: string, ttlMs: number, now: Date): Promise<boolean> {
    const t = now.getTime();
    return (await MARK_SEEN.run(this.redis, [this.key('seen', id)], [t, t + ttlMs, Math.max(1, ttlMs)])) === 1;
  }

  async countFailure(key: string, ttlMs: number, now: Date): Promise<FailureCount> {
    const t = now.getTime();
    const count = Number(await COUNT_FAILURE.run(this.redis, [this.key('fail', key)], [t, Math.max(1, ttlMs)]));
    return { count, lastAt: t };
  }

  async getFailures(key: string, now: Date): Promise<FailureCount | null> {
    const [count, last, exp] = await this.redis.hmget(this.key('fail', key), 'count', 'last', 'exp');
    if (!count || !exp || Number(exp) <= now.getTime()) return null;
    return { count: Number(count), lastAt: Number(last) };
  }

  async clearFailures(key: string): Promise<void> {
    await this.redis.del(this.key('fail', key));
  }

  async hitRateLimit(key: string, rule: RateRule, opts: { inFlow: boolean; canNotify: boolean }, now: Date): Promise<RateHit> {
    return hitRateLimit(this.redis, (...parts) => this.key(...parts), key, rule, opts, now);
  }

  async claimMessage(id: string, owner: string, opts: { leaseMs: number; takeoverMs: number }, now: Date): Promise<boolean> {
    const args = [owner, now.getTime(), Math.max(1, opts.leaseMs), opts.takeoverMs];
    return (await CLAIM_MESSAGE.run(this.redis, [this.key('claim', id)], args)) === 1;
  }

  async completeMessage(id: string, ttlMs: number, now: Date): Promise<void> {
    await COMPLETE_MESSAGE.run(this.redis, [this.key('claim', id)], [now.getTime(), Math.max(1, ttlMs)]);
  }

  async releaseMessage(id: string): Promise<void> {
    await this.redis.del(this.key('claim', id));
  }

  async audit(entry: AuditEntry): Promise<void> {
    const body = JSON.stringify(entry);
    const multi = this.redis.multi().lpush(this.key('{audit}', 'all'), body);
    if (entry.subject) multi.lpush(this.key('{audit}', 's', entry.subject), body);
    await multi.exec();
  }

  async listAudit(filter: { subject?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const list = filter.subject ? this.key('{audit}', 's', filter.subject) : this.key('{audit}', 'all');
    const rows = await this.redis.lrange(list, 0, (filter.limit ?? 100) - 1);
    return rows.map((r) => JSON.parse(r) as AuditEntry);
  }

  private outboxKeys(): { messages: string; attempts: string; seq: string; pendingPrefix: string } {
    return {
      messages: this.key('{outbox}', 'msg'),
      attempts: this.key('{outbox}', 'attempts'),
      seq: this.key('{outbox}', 'seq'),
      pendingPrefix: this.key('{outbox}', 'pending', ''),
    };
  }

  async enqueueOutbox(msg: Omit<OutboxMessage, 'id' | 'createdAt'>, now: Date): Promise<OutboxMessage> {
    const full: OutboxMessage = { ...msg, id: randomUUID(), createdAt: now.toISOString(), attempts: 0 };
    const k = this.outboxKeys();
    const seq = await this.redis.incr(k.seq);
    // Fresh messages score below every lease end, in the order they were queued.
    await this.redis
      .multi()
      .hset(k.messages, full.id, JSON.stringify(full))
      .zadd(k.pendingPrefix + full.to.channel, seq - 1e15, full.id)
      .exec();
    return full;
  }

  async claimOutbox(channels: string[], limit: number, leaseMs: number, now: Date, chatIds?: readonly string[]): Promise<OutboxMessage[]> {
    if (channels.length === 0 || limit <= 0 || chatIds?.length === 0) return [];
    const k = this.outboxKeys();
    const flat = (await CLAIM_OUTBOX.run(
      this.redis,
      [k.messages, k.attempts, ...channels.map((c) => k.pendingPrefix + c)],
      [now.getTime(), leaseMs, limit, ...(chatIds ?? [])],
    )) as (string | number)[];
    const out: OutboxMessage[] = [];
    for (let i = 0; i < flat.length; i += 2) out.push({ ...(JSON.parse(String(flat[i])) as OutboxMessage), attempts: Number(flat[i + 1]) });
    return out;
  }

  async ackOutbox(id: string): Promise<void> {
    const k = this.outboxKeys();
    await ACK_OUTBOX.run(this.redis, [k.messages, k.attempts], [id, k.pendingPrefix]);
  }

  async pushInbox(chatKey: string, msg: { text: string; options?: { key: string; label: string }[] }, now: Date): Promise<void> {
    const key = this.key('inbox', chatKey);
    // Unread web chat messages are kept for a week.
    await this.redis.multi().rpush(key, JSON.stringify({ ...msg, at: now.toISOString() })).pexpire(key, 7 * 86_400_000).exec();
  }

  async takeInbox(chatKey: string): Promise<InboxItem[]> {
    const key = this.key('inbox', chatKey);
    const res = await this.redis.multi().lrange(key, 0, -1).del(key).exec();
    const rows = (res?.[0]?.[1] as string[] | undefined) ?? [];
    return rows.map((r) => JSON.parse(r) as InboxItem);
  }

  async rateAnswer(rating: AnswerRating): Promise<void> {
    await this.redis.lpush(this.key('ratings'), JSON.stringify(rating));
  }

  async listAnswerRatings(limit = 100): Promise<AnswerRating[]> {
    return (await this.redis.lrange(this.key('ratings'), 0, limit - 1)).map((r) => JSON.parse(r) as AnswerRating);
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
