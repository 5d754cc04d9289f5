/**
 * The per-person rate limit on Redis (Store.hitRateLimit), shared by every instance: one Lua script
 * over a sorted set of handled times per key (member: a unique id, score: the time) and the key of
 * the last notice. Both carry the hash tag `{rate:KEY}` (one Cluster slot) and expire a window after
 * their last write, so nothing is kept for good. Times are the caller's clock, as elsewhere in the store.
 */
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { RateHit, RateRule } from '../types.js';
import { LuaScript } from './lua.js';

const VERDICTS = ['ok', 'first_over', 'over'] as const;

/**
 * KEYS: handled-times sorted set, notice key. ARGV: now, windowMs, limit, floodLimit, inFlow (1/0),
 * canNotify (1/0), member. Returns {verdict index, handled messages in the window before this one}.
 */
const HIT = new LuaScript(`
local now, win = tonumber(ARGV[1]), tonumber(ARGV[2])
local from = now - win
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', from)
local load = redis.call('ZCARD', KEYS[1])
local cap = tonumber(ARGV[3])
if ARGV[5] == '1' then cap = tonumber(ARGV[4]) end
if load < cap then
  redis.call('ZADD', KEYS[1], now, ARGV[7])
  redis.call('PEXPIRE', KEYS[1], win)
  return {0, load}
end
if ARGV[6] ~= '1' then return {2, load} end
local noticed = tonumber(redis.call('GET', KEYS[2]) or '')
if noticed and noticed > from then return {2, load} end
redis.call('SET', KEYS[2], ARGV[1], 'PX', win)
return {1, load}`);

/** Store.hitRateLimit; `keyOf` namespaces a key part under the store's prefix. */
export async function hitRateLimit(
  redis: Redis,
  keyOf: (...parts: string[]) => string,
  key: string,
  rule: RateRule,
  opts: { inFlow: boolean; canNotify: boolean },
  now: Date,
): Promise<RateHit> {
  const tag = `{rate:${key}}`;
  const t = now.getTime();
  const args = [t, Math.max(1, rule.windowMs), rule.limit, rule.floodLimit, opts.inFlow ? 1 : 0, opts.canNotify ? 1 : 0, `${t}:${randomUUID()}`];
  const [verdict, load] = (await HIT.run(redis, [keyOf(tag, 'hits'), keyOf(tag, 'notice')], args)) as [number, number];
  return { verdict: VERDICTS[verdict]!, load };
}
