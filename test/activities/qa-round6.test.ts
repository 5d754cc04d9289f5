/**
 * QA round 6, activities: "去不了" in a question or about something else (通报会, 会议) is no cancellation
 * (PN-H1); "就我一个人去" with several bookings asks which one to lower and lowers it (A-N1); yes words
 * such as "好嘞" at a summary book, and small talk there restates the summary instead of dropping it (A-N2).
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { matchRules } from '../../src/core/router/rules.js';
import { yesNo } from '../../src/skills/activities/parse.js';

let app: TestApp;
const create = (title: string, category: string, startAt: string, capacity: number) =>
  app.services.store.activities.create({ title, category, startAt, place: '活动中心', capacity, maxSeatsPerBooking: 2 }, app.clock.now());
const active = async (u: string) => (await app.services.store.activities.listByUser(`http:${u}`)).map((b) => [b.activityId, b.seats, b.status]);
const book = async (u: string, text: string) => {
  await app.ask(text, { userId: u });
  expect(await app.ask('1', { userId: u })).toContain('报名成功');
};

beforeEach(async () => {
  app = await createTestApp();
  await create('迎新春象棋比赛', '棋牌', '2026-12-05T01:30:00Z', 10);
  await create('冬季健康讲座', '讲座', '2026-12-06T01:30:00Z', 30);
});
afterEach(async () => {
  await app.close();
});

describe('"去不了" that is not about a booking (QA PN-H1)', () => {
  it('the router does not read a question with only "去不了" as a cancellation', () => {
    for (const t of ['通报会去不了了咋办', '国庆招待会我身体不好去不了了咋办', '我腿脚不行了去不了阅文室 文件能送到家里看吗']) {
      expect(matchRules(t)?.intent, t).not.toBe('activity_cancel');
    }
    // asking to cancel, or saying one's booking is off, still is one
    expect(matchRules('象棋比赛去不了了')?.intent).toBe('activity_cancel');
    expect(matchRules('明天的讲座去不了了，帮我取消吗')?.intent).toBe('activity_cancel');
    expect(matchRules('老伴去不了了 就我一个人去')?.intent).toBe('activity_cancel');
  });

  it('a question about a 通报会 goes to the policy answers and leaves the 象棋 booking alone', async () => {
    await book('a1', '报名象棋比赛');
    for (const t of ['通报会去不了了咋办', '国庆招待会我身体不好去不了了咋办', '我腿脚不行了去不了阅文室 文件能送到家里看吗', '会议去不了了']) {
      const r = await app.say(t, { userId: 'a1' });
      const text = r.replies.map((x) => x.text).join('\n');
      expect(r.data?.intent, t).toBe('policy_query');
      expect(text, t).not.toContain('取消');
      expect(text, t).not.toContain('象棋');
      // a reflexive "1" afterwards cancels nothing
      await app.say('1', { userId: 'a1' });
      expect(await active('a1')).toEqual([['1', 1, 'confirmed']]);
    }
  });

  it('without bookings a policy question with "去不了" is not told "没有待参加的活动报名"', async () => {
    const text = await app.ask('国庆招待会我身体不好去不了了咋办', { userId: 'r1' });
    expect(text).not.toContain('没有待参加的活动报名');
  });

  it('naming the booked activity, or the companion of a single booking, still cancels or lowers it', async () => {
    await book('a1', '报名象棋比赛');
    const summary = await app.say('象棋比赛去不了了', { userId: 'a1' });
    expect(summary.data).toMatchObject({ cancel: 'summary', activityId: '1' });
    await app.say('2', { userId: 'a1' });
    await book('b1', '报名健康讲座 我和老伴');
    const lower = await app.say('老伴去不了了', { userId: 'b1' });
    expect(lower.data).toMatchObject({ cancel: 'summary_reduce', activityId: '2', from: 2, seats: 1 });
  });
});

describe('"老伴去不了了 就我一个人去" with several bookings (QA A-N1)', () => {
  beforeEach(async () => {
    await book('b1', '报名象棋比赛 我和老伴');
    await book('b1', '报名健康讲座 我和老伴');
  });

  it('asks which one to lower, then lowers that one to one seat', async () => {
    const list = await app.ask('老伴去不了了 就我一个人去', { userId: 'b1' });
    expect(list).toContain('要把哪一个的人数减下来');
    expect(list).not.toContain('要取消哪一个');
    expect(list).toContain('1. 「迎新春象棋比赛」');
    expect(list).toContain('2. 「冬季健康讲座」');
    const summary = await app.say('2', { userId: 'b1' });
    expect(summary.data).toMatchObject({ cancel: 'summary_reduce', activityId: '2', from: 2, seats: 1 });
    expect(summary.replies[0]!.text).toContain('从2位改成1位（您自己）');
    const done = await app.say('1', { userId: 'b1' });
    expect(done.data).toMatchObject({ cancel: 'reduced', seats: 1 });
    expect(await active('b1')).toEqual([
      ['1', 2, 'confirmed'],
      ['2', 1, 'confirmed'],
    ]);
  });

  it('only the booking of several seats can be lowered: with one such booking it is asked about at once', async () => {
    await app.ask('取消象棋比赛', { userId: 'b1' });
    await app.ask('1', { userId: 'b1' });
    await book('b1', '报名象棋比赛');
    const lower = await app.say('老伴去不了了', { userId: 'b1' });
    expect(lower.data).toMatchObject({ cancel: 'summary_reduce', activityId: '2', from: 2, seats: 1 });
  });
});

describe('yes and no words at a summary (QA A-N2)', () => {
  it('reads colloquial yes and no words', () => {
    for (const t of ['好嘞', '好滴', '中', '得嘞', '成', '行嘞', '妥', '妥了', '要得', '没毛病', '好嘞好嘞']) expect(yesNo(t), t).toBe(true);
    for (const t of ['甭报了', '拉倒吧', '不中', '不行']) expect(yesNo(t), t).toBe(false);
    for (const t of ['你好', '您好呀']) expect(yesNo(t), t).toBeNull();
    for (const t of ['好嘞', '中', '得嘞']) expect(yesNo(t, true), t).toBe(true);
  });

  it('"好嘞" at a booking summary books it', async () => {
    await app.ask('有啥活动', { userId: 'c1' });
    expect(await app.ask('第二个 两个人', { userId: 'c1' })).toContain('人数：2位');
    const done = await app.say('好嘞', { userId: 'c1' });
    expect(done.data).toMatchObject({ booking: 'confirmed', activityId: '2', seats: 2 });
    expect(await active('c1')).toEqual([['2', 2, 'confirmed']]);
  });

  it('small talk at a summary restates what is waiting, every time, and never drops it', async () => {
    await app.ask('报名健康讲座', { userId: 'c2' });
    for (const t of ['谢谢', '哈哈', '你好']) {
      const text = await app.ask(t, { userId: 'c2' });
      expect(text, t).toContain('「冬季健康讲座」');
      expect(text, t).toContain('还没有报上');
      expect(text, t).not.toContain('我在呢');
    }
    expect(await app.ask('1', { userId: 'c2' })).toContain('报名成功');
  });

  it('"好嘞" at a cancellation summary is a yes', async () => {
    await book('c3', '报名健康讲座');
    await app.ask('取消健康讲座', { userId: 'c3' });
    const done = await app.say('好嘞', { userId: 'c3' });
    expect(done.data).toMatchObject({ cancel: 'cancelled' });
  });
});

describe('more seats on a booking one holds (QA A-N3)', () => {
  beforeEach(async () => {
    await book('a1', '报名象棋比赛');
  });

  it('"象棋比赛老伴又能去了 再给加一个人" asks to raise 1 -> 2 and raises it at "1"', async () => {
    const summary = await app.say('象棋比赛老伴又能去了 再给加一个人', { userId: 'a1' });
    expect(summary.data).toMatchObject({ booking: 'summary_raise', activityId: '1', from: 1, seats: 2 });
    expect(summary.replies[0]!.text).toContain('从1位改成2位');
    expect(summary.replies[0]!.text).not.toContain('不用重复报名');
    const done = await app.say('1', { userId: 'a1' });
    expect(done.data).toMatchObject({ booking: 'raised', seats: 2 });
    expect(done.replies[0]!.text).toContain('现在是2位');
    expect(await active('a1')).toEqual([['1', 2, 'confirmed']]);
    expect((await app.services.store.activities.get('1'))!.seatsTaken).toBe(2);
  });

  it('"老伴也要去" with one booking, "象棋比赛再加一个人", and the party named again larger all ask the same; "2" keeps it', async () => {
    for (const t of ['老伴也要去', '象棋比赛再加一个人', '报名象棋比赛 我和老伴']) {
      const summary = await app.say(t, { userId: 'a1' });
      expect(summary.data, t).toMatchObject({ booking: 'summary_raise', from: 1, seats: 2 });
      expect(await app.ask('2', { userId: 'a1' }), t).toContain('还是1位');
    }
    expect(await active('a1')).toEqual([['1', 1, 'confirmed']]);
  });

  it('no seat free or over the limit: says so, and nothing changes', async () => {
    await create('书法班', '书画', '2026-12-07T01:30:00Z', 2);
    await book('a1', '报名书法班');
    await book('x1', '报名书法班');
    const full = await app.say('书法班再加一位', { userId: 'a1' });
    expect(full.data).toMatchObject({ booking: 'raise_no_room' });
    expect(full.replies[0]!.text).toContain('没有空余的名额');
    await app.ask('象棋比赛再加一位', { userId: 'a1' });
    await app.ask('1', { userId: 'a1' });
    const over = await app.say('象棋比赛再加一位', { userId: 'a1' });
    expect(over.data).toMatchObject({ booking: 'raise_too_many', max: 2 });
    expect(await active('a1')).toEqual([
      ['1', 2, 'confirmed'],
      ['3', 1, 'confirmed'],
    ]);
  });

  it('a plain repeated booking is still "不用重复报名", and leaving the raise summary with 0 says nothing changed', async () => {
    expect(await app.ask('报名象棋比赛', { userId: 'a1' })).toContain('不用重复报名');
    await app.ask('老伴也要去', { userId: 'a1' });
    expect(await app.ask('0', { userId: 'a1' })).toContain('人数没有改');
  });
});

describe('a companion dropping out of a one-seat booking (QA round 7 NA-H1)', () => {
  it('"老伴去不了了 就我一个人去" with one seat changes nothing and never offers a cancellation', async () => {
    await book('b1', '报名象棋比赛');
    const text = await app.ask('象棋比赛老伴去不了了 就我一个人去', { userId: 'b1' });
    expect(text).toContain('本来就是1位');
    expect(text).not.toContain('确认取消');
    await app.ask('1', { userId: 'b1' });
    expect(await active('b1')).toEqual([['1', 1, 'confirmed']]);
    // asking to cancel still cancels
    expect(await app.ask('取消象棋比赛', { userId: 'b1' })).toContain('取消');
  });
});
