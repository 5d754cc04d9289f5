/**
 * QA L5: a booking cancelled less than 24 hours before the start gets a kind word on the rule
 * (《离退休干部文体活动报名和管理办法》第六条: cancel 24 hours before; two no-shows suspend booking).
 * Earlier cancellations, and leaving a waitlist, get no such word.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';

const H = 3600_000;

describe('late cancellation', () => {
  let app: TestApp;
  const book = async (user: string, title: string) => {
    await app.say(`报名${title}`, { userId: user });
    await app.say('1', { userId: user });
  };
  const cancel = async (user: string, what: string) => {
    await app.say(what, { userId: user });
    return app.say('1', { userId: user });
  };

  beforeEach(async () => {
    app = await createTestApp(); // clock 2026-12-01T02:00:00Z
    const at = (h: number) => new Date(app.clock.now().getTime() + h * H).toISOString();
    const store = app.services.store.activities;
    await store.create({ title: '合唱排练', category: '文艺', startAt: at(2), place: '三楼', capacity: 1 }, app.clock.now());
    await store.create({ title: '掼蛋比赛', category: '棋牌', startAt: at(23), place: '棋牌室', capacity: 10 }, app.clock.now());
    await store.create({ title: '健康讲座', category: '讲座', startAt: at(25), place: '报告厅', capacity: 10 }, app.clock.now());
  });
  afterEach(async () => {
    await app.close();
  });

  it('2 hours before: cancelled, with the rule and its source', async () => {
    await book('a', '合唱排练');
    const r = await cancel('a', '取消合唱排练');
    const text = r.replies.map((x) => x.text).join('\n');
    expect(text).toContain('已为您取消「合唱排练」的报名');
    expect(text).toContain('24小时前');
    expect(text).toContain('无故缺席累计两次');
    expect(text).toContain('《离退休干部文体活动报名和管理办法》第六条');
    expect(r.data).toMatchObject({ late: true });
  });

  it('23 hours before is late too; 25 hours before is not', async () => {
    await book('a', '掼蛋比赛');
    await book('a', '健康讲座');
    expect((await cancel('a', '取消掼蛋比赛')).replies[0]!.text).toContain('24小时前');
    const early = (await cancel('a', '取消健康讲座')).replies[0]!.text;
    expect(early).toContain('已为您取消「健康讲座」');
    expect(early).not.toContain('24小时前');
  });

  it('"全部取消" mentions it once when one of them is late', async () => {
    await book('a', '掼蛋比赛');
    await book('a', '健康讲座');
    const text = (await cancel('a', '全部取消')).replies[0]!.text;
    expect(text).toContain('已为您取消全部2个报名');
    expect(text.match(/24小时前/g)).toHaveLength(1);
  });

  it('leaving the waitlist late is no matter for the rule', async () => {
    await book('a', '合唱排练');
    await book('b', '合唱排练'); // waitlisted
    const text = (await cancel('b', '取消合唱排练')).replies[0]!.text;
    expect(text).toContain('已为您取消「合唱排练」');
    expect(text).not.toContain('24小时前');
  });
});
