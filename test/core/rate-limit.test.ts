/**
 * Rate limit (QA D1): never silence, nothing already accepted is lost. Over the limit, a message that
 * continues a flow is handled (up to a flood cap); any other gets one honest "not read, resend in a
 * minute" notice per window, never a false promise. Over the pipeline and over HTTP.
 */
import { describe, it, expect, afterEach } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { createHttpServer } from '../../src/channels/http/server.js';
import { FLOOD_FACTOR, rateRule } from '../../src/core/middleware/rate-limit.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { closeTicket } from '../../src/skills/feedback/actions.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Store } from '../../src/store/types.js';
import { RedisStore } from '../../src/store/redis/index.js';
import { REDIS_URL, redisUp } from '../helpers/redis.js';

let app: TestApp;
let http: FastifyInstance | undefined;
afterEach(async () => {
  await http?.close();
  http = undefined;
  await app?.close();
});

const text = (r: { replies: { text: string }[] }): string => r.replies.map((x) => x.text).join('\n');

/** Uses up the limit of u1 with small talk. */
async function fill(n: number, userId = 'u1'): Promise<void> {
  for (let i = 0; i < n; i++) expect((await app.say('你好', { userId })).intent).toBe('smalltalk');
}

describe('rate limit: a flow in progress is never dropped', () => {
  it('E12b: a hospital report started at the limit is finished and submitted', async () => {
    app = await createTestApp({ config: { RATE_LIMIT_PER_MINUTE: '3' } });
    await fill(2);
    const asked = await app.say('我老伴住院了');
    expect(asked.intent).toBe('feedback');
    const summary = await app.say('市人民医院，可以');
    expect(summary.intent).toBe('feedback');
    expect(text(summary)).toContain('市人民医院');
    const done = await app.say('1');
    expect(done.intent).toBe('feedback');
    expect(String(done.data?.ticketNo)).toMatch(/^FK\d{8}-\d{4}$/);
    const tickets = await app.services.store.tickets.list({});
    expect(tickets.map((t) => t.category)).toContain('hospitalization');
  });

  it('a complaint confirmation over the limit is submitted (variant)', async () => {
    app = await createTestApp({ config: { RATE_LIMIT_PER_MINUTE: '2' } });
    await fill(1);
    expect((await app.say('投诉：食堂饭菜太咸了')).intent).toBe('feedback');
    const done = await app.say('1');
    expect(String(done.data?.ticketNo)).toMatch(/^FK/);
  });

  it('a rating asked for after closing is taken over the limit (variant)', async () => {
    app = await createTestApp({ config: { RATE_LIMIT_PER_MINUTE: '2' } });
    await app.say('我要反映个问题，楼道灯坏了好几天了');
    const no = String((await app.say('1')).data?.ticketNo);
    await closeTicket(app.services, no, 'staff:x');
    const rated = await app.say('5分');
    expect(rated.data).toMatchObject({ ticketNo: no, rating: 5 });
  });

  it('a flood inside a flow still stops at the flood cap, with the honest notice', async () => {
    app = await createTestApp({ config: { RATE_LIMIT_PER_MINUTE: '2' } });
    await app.say('我老伴住院了');
    let handled = 1;
    let notice = '';
    for (let i = 0; i < 30 && !notice; i++) {
      // "市人民医院" again and again: a correction at the summary, the flow stays open
      const r = await app.say(i === 0 ? '市人民医院，可以' : `不是市人民医院是市中医院${i}`);
      if (r.data?.notProcessed) notice = text(r);
      else handled++;
    }
    expect(handled).toBe(10); // 5 × the limit
    expect(notice).toContain('没有看');
  });
});

describe('rate limit: what is not handled is said so, once per minute', () => {
  it('over the limit outside a flow: one honest notice, no false promise, then quiet; a minute later all is well', async () => {
    app = await createTestApp({ config: { RATE_LIMIT_PER_MINUTE: '3' } });
    await fill(3);
    const notice = await app.say('体检多少钱');
    expect(text(notice)).toContain('没有看');
    expect(text(notice)).toContain('一分钟');
    expect(text(notice)).not.toContain('一条一条');
    expect(text(notice)).not.toMatch(/会.*回复您/);
    expect(notice.data).toMatchObject({ notProcessed: 'rate_limited', retryAfterSeconds: 60 });
    // the next ones in that minute: the notice already said they are not read (no flood of notices)
    app.clock.advance(10_000);
    expect((await app.say('你好')).dropped).toBe('rate_limited');
    expect((await app.say('我要投诉')).dropped).toBe('rate_limited');
    // a minute after the notice, as promised, a message is handled
    app.clock.advance(51_000);
    expect((await app.say('你好')).intent).toBe('smalltalk');
  });

  it('messages that were refused do not keep the sender locked out', async () => {
    app = await createTestApp({ config: { RATE_LIMIT_PER_MINUTE: '2' } });
    await fill(2);
    for (let i = 0; i < 10; i++) {
      app.clock.advance(5_000);
      await app.say('在吗');
    }
    app.clock.advance(11_000); // 61 s after the last handled message
    expect((await app.say('你好')).intent).toBe('smalltalk');
  });

  it('a second minute of flooding gets a second notice', async () => {
    app = await createTestApp({ config: { RATE_LIMIT_PER_MINUTE: '1' } });
    await fill(1);
    expect(text(await app.say('你好'))).toContain('没有看');
    app.clock.advance(30_000);
    expect((await app.say('你好')).dropped).toBe('rate_limited');
    app.clock.advance(31_000); // the handled message is out of the window: handled again
    expect((await app.say('你好')).intent).toBe('smalltalk');
    expect(text(await app.say('你好'))).toContain('没有看');
  });

  it('rule and store: flood cap for flows, a notice only when it can be shown', async () => {
    expect(rateRule(3, 60_000)).toEqual({ limit: 3, floodLimit: 3 * FLOOD_FACTOR, windowMs: 60_000 });
    expect(rateRule(3, 60_000, 1).floodLimit).toBe(3); // never below the limit
    const store = new SqliteStore(':memory:');
    const rule = rateRule(2, 1000, 4);
    const hit = async (key: string, ms: number, opts: { inFlow?: boolean; canNotify?: boolean } = {}) =>
      (await store.hitRateLimit(key, rule, { inFlow: false, canNotify: true, ...opts }, new Date(ms))).verdict;
    expect([await hit('a', 0), await hit('a', 1), await hit('a', 2, { inFlow: true }), await hit('a', 3, { inFlow: true })]).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(await hit('a', 4, { inFlow: true })).toBe('first_over');
    expect(await hit('b', 0)).toBe('ok');
    expect(await hit('b', 0)).toBe('ok');
    expect(await hit('b', 1, { canNotify: false })).toBe('over');
    expect(await hit('b', 2)).toBe('first_over'); // the un-shown one did not use the notice up
    expect(await hit('b', 3)).toBe('over');
    await store.close();
  });
});

describe('rate limit: one count for every instance on the store', () => {
  let other: TestApp | undefined;
  afterEach(async () => {
    await other?.close();
    other = undefined;
  });

  /** Two service instances (two handlers, two store objects on the same data) take turns with one person. */
  async function sharedLimit(open: () => Promise<Store>): Promise<void> {
    app = await createTestApp({ store: await open(), config: { RATE_LIMIT_PER_MINUTE: '3' } });
    other = await createTestApp({ store: await open(), config: { RATE_LIMIT_PER_MINUTE: '3' }, clock: app.clock });
    const b = other;
    expect((await app.say('你好', { channel: 'wechat', userId: 'wxid_a' })).intent).toBe('smalltalk');
    expect((await b.say('你好', { channel: 'wechat', userId: 'wxid_a' })).intent).toBe('smalltalk');
    expect((await app.say('你好', { channel: 'wechat', userId: 'wxid_a' })).intent).toBe('smalltalk');
    const notice = await b.say('体检多少钱', { channel: 'wechat', userId: 'wxid_a' });
    expect(notice.data).toMatchObject({ notProcessed: 'rate_limited' });
    // the notice given by B covers A too: no second notice in that minute
    expect((await app.say('你好', { channel: 'wechat', userId: 'wxid_a' })).dropped).toBe('rate_limited');
    expect((await b.say('你好', { channel: 'wechat', userId: 'wxid_b' })).intent).toBe('smalltalk'); // others unaffected
    app.clock.advance(61_000);
    expect((await b.say('你好', { channel: 'wechat', userId: 'wxid_a' })).intent).toBe('smalltalk');
  }

  it('SQLite: two instances on one database file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'yl-rate-')), 'store.db');
    await sharedLimit(async () => new SqliteStore(file));
  });

  it.runIf(redisUp)('Redis: two instances on one Redis', async () => {
    const prefix = `test:${randomUUID()}`;
    try {
      await sharedLimit(() => RedisStore.connect(REDIS_URL, prefix));
    } finally {
      const redis = (app.services.store as RedisStore).redis;
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
    }
  });

  it('in a group, messages of a flow without @ pass up to the flood cap; past it, quiet, and the notice is kept for an addressed message', async () => {
    app = await createTestApp({ config: { RATE_LIMIT_PER_MINUTE: '1' } });
    const group = { chatType: 'group' as const, chatId: 'room1' };
    expect((await app.say('投诉：食堂饭菜太咸了', { ...group, mentioned: true })).intent).toBe('feedback');
    let passed = 1;
    let quiet: Awaited<ReturnType<TestApp['say']>> | undefined;
    for (let i = 0; i < 10 && !quiet; i++) {
      // not an answer to the confirmation: past the limiter, the flow does not take it (dropped, not addressed)
      const r = await app.say(`改成：食堂饭菜太淡了${i}`, group);
      if (r.dropped === 'rate_limited') quiet = r;
      else passed++;
    }
    expect(passed).toBe(5); // the flood cap: 5 × the limit
    expect(quiet?.replies).toEqual([]); // un-addressed: no notice shown, none used up
    const addressed = await app.say('小银，你好', group);
    expect(addressed.data).toMatchObject({ notProcessed: 'rate_limited' });
    expect((await app.say('小银，1', group)).dropped).toBe('rate_limited');
  });
});

describe('rate limit over HTTP', () => {
  it('E12b over POST /api/messages: the hospital report is submitted; an over-limit question is told it was not read', async () => {
    app = await createTestApp({ config: { RATE_LIMIT_PER_MINUTE: '3' } });
    http = await createHttpServer(app.services, app.handle);
    await http.listen({ port: 0, host: '127.0.0.1' });
    const addr = http.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const post = async (t: string) => {
      const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'e12b', text: t }) });
      expect(res.status).toBe(200);
      return (await res.json()) as { replies: { text: string }[]; intent: string; data?: Record<string, unknown> };
    };
    expect((await post('你好')).intent).toBe('smalltalk');
    expect((await post('体检多少钱')).replies.length).toBeGreaterThan(0);
    expect((await post('我老伴住院了')).intent).toBe('feedback');
    const summary = await post('市人民医院，可以');
    expect(summary.intent).toBe('feedback');
    const done = await post('1');
    expect(done.intent).toBe('feedback');
    expect(text(done)).toMatch(/FK\d{8}-\d{4}/);
    const over = await post('你好');
    expect(text(over)).toContain('没有看');
    expect(over.data).toMatchObject({ notProcessed: 'rate_limited', retryAfterSeconds: 60 });
  });
});
