/**
 * A summary waiting for "1" steps aside at once for a question or another request: the router answers
 * it first, and the summary waits beside it (QA8 A-M1: it used to be dropped; now it is restated after
 * the answer, or said to be kept when the answer owns the digits). Switching and yes/no stay.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';

describe('confirm steps pass other requests to the router', () => {
  let app: TestApp;
  const W = { channel: 'wechat' as const };
  beforeEach(async () => {
    app = await createTestApp({ config: { STAFF_IDS: 'wechat:staff1' } as never });
    const now = app.clock.now();
    await app.services.store.activities.create({ title: '冬季健康讲座', category: '讲座', startAt: '2026-12-03T06:00:00Z', place: '报告厅', capacity: 40, maxSeatsPerBooking: 2 }, now);
    await app.services.store.activities.create({ title: '象棋比赛', category: '棋牌', startAt: '2026-12-09T06:00:00Z', place: '活动中心', capacity: 10, maxSeatsPerBooking: 2 }, now);
  });
  afterEach(async () => {
    await app.close();
  });
  const active = async (u: string) => (await app.services.store.activities.listByUser(`wechat:${u}`)).filter((b) => b.status !== 'cancelled').map((b) => b.activityId);
  const summary = async (u: string) => expect(await app.ask('报名健康讲座', { userId: u, ...W })).toContain('您要报名');
  const state = (u: string) => app.services.store.getDialog(`wechat:${u}:${u}`, app.clock.now());

  const WAITS = '「冬季健康讲座」1位还没有报上，回复 1 确认报名，回复 2 不报了。';
  const KEPT = '「冬季健康讲座」1位还没有报上，先给您留着';
  for (const [text, intent, answer, after] of [
    ['我的报名', 'my_bookings', '您目前没有待参加的活动报名', WAITS],
    ['What activities are there this week?', 'activity_list', '1. 冬季健康讲座', KEPT],
    ['这周末有什么活动', 'activity_list', '1. 冬季健康讲座', KEPT],
    ['取消象棋比赛', 'activity_cancel', '您目前没有待参加的活动报名，不需要取消', WAITS],
  ] as const) {
    it(`booking summary: "${text}" is answered by the router the first time, and the summary waits`, async () => {
      await summary('a');
      const r = await app.say(text, { userId: 'a', ...W });
      const out = r.replies.map((x) => x.text).join('\n');
      expect(r.intent).toBe(intent);
      expect(out).toContain(answer);
      expect(out).not.toContain('您要报名');
      // the booking is said to wait in one line: with 1/2 when the answer offers no digits, else without them
      expect(out).toContain(after);
      if (after === KEPT) expect(out).not.toContain('回复 1 确认报名');
      expect(await active('a')).toEqual([]);
    });
  }

  it('booking summary: a question is answered, not replaced by the summary, which is restated after it', async () => {
    await summary('q');
    const r = await app.say('离休干部住院了单位会来看望吗', { userId: 'q', ...W });
    const out = r.replies.map((x) => x.text).join('\n');
    expect(r.intent).toBe('policy_query');
    expect(out).not.toContain('您要报名');
    expect(out.indexOf(WAITS)).toBeGreaterThan(0); // after the answer, never instead of it
    expect(await active('q')).toEqual([]);
  });

  it('booking summary: a staff ticket command is executed', async () => {
    await app.ask('我要投诉，门口路灯坏了', { userId: 'r', ...W });
    expect(await app.ask('1', { userId: 'r', ...W })).toContain('FK20261201-0001');
    await summary('staff1');
    const r = await app.say('回复 FK20261201-0001 收到，马上处理', { userId: 'staff1', ...W });
    expect(r.intent).toBe('feedback');
    expect(r.replies.map((x) => x.text).join('\n')).toContain('已回复 FK20261201-0001');
    expect(await active('staff1')).toEqual([]);
  });

  it('booking summary: switching to another activity and yes still work', async () => {
    await summary('s');
    expect(await app.ask('还是报象棋比赛吧', { userId: 's', ...W })).toContain('「象棋比赛」');
    expect(await app.ask('1', { userId: 's', ...W })).toContain('报名成功');
    expect(await active('s')).toEqual(['2']);
  });

  it('cancel summary: "我要投诉" goes to feedback and the booking stays', async () => {
    await summary('c');
    expect(await app.ask('1', { userId: 'c', ...W })).toContain('报名成功');
    expect(await app.ask('取消健康讲座', { userId: 'c', ...W })).toContain('您要取消报名');
    const r = await app.say('我要投诉', { userId: 'c', ...W });
    expect(r.intent).toBe('feedback');
    expect(r.replies.map((x) => x.text).join('\n')).not.toContain('取消');
    expect(await app.ask('食堂饭菜太咸了', { userId: 'c', ...W })).toContain('请您核对');
    expect(await active('c')).toEqual(['1']);
  });

  it('cancel summary: a question is passed on, naming another booking still switches', async () => {
    await summary('d');
    await app.ask('1', { userId: 'd', ...W });
    await app.ask('报名象棋比赛', { userId: 'd', ...W });
    await app.ask('1', { userId: 'd', ...W });
    expect(await app.ask('取消健康讲座', { userId: 'd', ...W })).toContain('您要取消报名');
    const q = await app.say('这周末有什么活动', { userId: 'd', ...W });
    expect(q.intent).toBe('activity_list');
    expect((await state('d'))?.flow).not.toBe('activities.confirm');
    expect(await app.ask('取消健康讲座', { userId: 'd', ...W })).toContain('您要取消报名');
    expect(await app.ask('取消象棋比赛', { userId: 'd', ...W })).toContain('「象棋比赛」');
    expect(await app.ask('1', { userId: 'd', ...W })).toContain('已为您取消「象棋比赛」');
    expect(await active('d')).toEqual(['1']);
  });
});
