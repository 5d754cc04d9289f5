/**
 * Two instances on one Redis: tickets numbered without gaps or clashes whichever instance takes the
 * message, and a reply written on an instance without the chat channel (like the CLI) is delivered
 * once by the instance that holds it.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { RedisStore } from '../../src/store/redis/index.js';
import { parseConfig } from '../../src/config.js';
import { buildServices } from '../../src/app.js';
import { silentLogger } from '../../src/core/logger.js';
import { createTestApp } from '../helpers/harness.js';
import { closeTicket, replyToTicket } from '../../src/skills/feedback/actions.js';
import { redisUp } from '../helpers/redis.js';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test:${randomUUID()}`;
const stores: RedisStore[] = [];

async function connect(): Promise<RedisStore> {
  const s = await RedisStore.connect(url, prefix);
  stores.push(s);
  return s;
}

afterAll(async () => {
  const s = stores[0]!;
  let cursor = '0';
  do {
    const [next, keys] = await s.redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await s.redis.del(...keys);
  } while (cursor !== '0');
  for (const x of stores) await x.close();
});

describe.runIf(redisUp)('feedback on Redis with two instances', () => {
  it('numbers tickets from both instances uniquely and delivers a cross-instance reply once', async () => {
    const a = await createTestApp({ store: await connect(), config: { STORE: 'redis', STAFF_IDS: 'wechat:wxid_staff' } });
    const b = await createTestApp({ store: await connect(), config: { STORE: 'redis' }, clock: a.clock });
    const users = Array.from({ length: 10 }, (_, i) => `r${i}`);
    await Promise.all(users.map((u, i) => (i % 2 ? a : b).say(`投诉：${u} 家楼道灯坏了`, { userId: u, channel: 'wechat' })));
    const done = await Promise.all(users.map((u, i) => (i % 2 ? b : a).say('1', { userId: u, channel: 'wechat' })));
    const nos = done.map((r) => String(r.data?.ticketNo));
    expect(new Set(nos).size).toBe(10);
    expect(nos.every((n) => /^FK20261201-00(0[1-9]|10)$/.test(n))).toBe(true);

    // A CLI-like instance: the same store, no channel senders at all.
    const cliServices = await buildServices(parseConfig({ NODE_ENV: 'test', STORE: 'redis', LOG_LEVEL: 'silent' }), {
      store: await connect(),
      clock: a.clock,
      logger: silentLogger(),
      llm: null,
      policy: null,
    });
    const no = nos[3]!;
    await replyToTicket(cliServices, no, '电工明天上午到', 'cli:li');
    await closeTicket(cliServices, no, 'cli:li');
    await Promise.all([a.flush(), b.flush()]);
    const delivered = [...a.sent, ...b.sent].filter((s) => s.reply.text.includes(no));
    expect(delivered.map((d) => d.reply.text.includes('电工明天上午到') ? 'reply' : 'rating')).toEqual(['reply', 'rating']);
    expect(delivered[0]!.to).toMatchObject({ channel: 'wechat', chatId: 'r3' });

    const rated = await b.say('5', { userId: 'r3', channel: 'wechat' });
    expect(rated.data).toMatchObject({ ticketNo: no, rating: 5 });
    expect((await cliServices.store.tickets.get(no))?.rating).toBe(5);
  });
});
