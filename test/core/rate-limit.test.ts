/**
 * Rate limit (QA D1): never silence, nothing already accepted is lost. Over the limit, a message that
 * continues a flow is handled (up to a flood cap); any other gets one honest "not read, resend in a
 * minute" notice per window, never a false promise. Over the pipeline and over HTTP.
 */
import { describe, it, expect, afterEach } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { createHttpServer } from '../../src/channels/http/server.js';
import { RateLimiter } from '../../src/core/middleware/rate-limit.js';
import { closeTicket } from '../../src/skills/feedback/actions.js';

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

  it('limiter: flood cap for flows, a notice only when it can be shown', () => {
    const l = new RateLimiter(2, 1000, 4);
    expect([l.hit('a', 0), l.hit('a', 1), l.hit('a', 2, { inFlow: true }), l.hit('a', 3, { inFlow: true })]).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(l.hit('a', 4, { inFlow: true })).toBe('first_over');
    expect(l.hit('b', 0)).toBe('ok');
    expect(l.hit('b', 0)).toBe('ok');
    expect(l.hit('b', 1, { canNotify: false })).toBe('over');
    expect(l.hit('b', 2)).toBe('first_over'); // the un-shown one did not use the notice up
    expect(l.hit('b', 3)).toBe('over');
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
