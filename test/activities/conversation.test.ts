/** Conversation tests in Chinese for every activity path, through the whole pipeline (SQLite, ManualClock). */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { runReminderTick } from '../../src/skills/activities/jobs.js';

const H = 3600_000;
// The harness clock starts at 2026-12-01T02:00:00Z = 12月1日（周二）上午10:00 in Shanghai.
const at = (localIso: string) => new Date(`${localIso}+08:00`).toISOString();

describe('activities in conversation', () => {
  let app: TestApp;
  let chess: string;
  let lecture: string;
  let lecture2: string;
  let small: string;

  beforeEach(async () => {
    app = await createTestApp();
    const now = app.clock.now();
    const acts = app.services.store.activities;
    chess = (await acts.create({ title: '象棋比赛', category: '棋牌', startAt: at('2026-12-03T14:00:00'), place: '老干部活动中心', capacity: 30 }, now)).id;
    lecture = (await acts.create({ title: '健康养生讲座', category: '讲座', startAt: at('2026-12-09T09:30:00'), place: '三楼会议室', capacity: 50 }, now)).id;
    lecture2 = (await acts.create({ title: '智慧养老讲座', category: '讲座', startAt: at('2026-12-10T15:00:00'), place: '三楼会议室', capacity: 50 }, now)).id;
    small = (await acts.create({ title: '书法展参观', category: '参观', startAt: at('2026-12-05T09:00:00'), place: '市美术馆', capacity: 1 }, now)).id;
  });
  afterEach(async () => {
    await app.close();
  });

  it('lists upcoming activities, numbered, with seats left and the date in elderly format', async () => {
    const r = await app.say('最近有什么活动');
    expect(r.intent).toBe('activity_list');
    const text = r.replies[0]!.text;
    expect(text).toContain('1. 象棋比赛');
    expect(text).toContain('12月3日（周四）下午2:00');
    expect(text).toContain('剩30个名额');
    expect(text.indexOf('象棋比赛')).toBeLessThan(text.indexOf('书法展参观'));
    expect(r.replies.at(-1)!.text).toContain('回复 0 回主菜单');
  });

  it('books by number from the list, after a summary and "1"', async () => {
    await app.say('最近有什么活动');
    const summary = await app.ask('1');
    expect(summary).toContain('您要报名');
    expect(summary).toContain('象棋比赛');
    expect(summary).toContain('回复 1 确认，回复 2 取消');
    expect((await app.services.store.activities.listByActivity(chess)).confirmed).toHaveLength(0);
    const done = await app.say('1');
    expect(done.replies[0]!.text).toContain('报名成功');
    expect(done.intent).toBe('activity_book');
    expect((await app.services.store.activities.listByActivity(chess)).confirmed.map((b) => b.userId)).toEqual(['http:u1']);
  });

  it('books by name, with seats for the spouse ("我和老伴两个人")', async () => {
    const summary = await app.ask('我和老伴两个人报名象棋比赛');
    expect(summary).toContain('象棋比赛');
    expect(summary).toContain('人数：2位');
    expect(await app.ask('确认')).toContain('报名成功');
    const { confirmed } = await app.services.store.activities.listByActivity(chess);
    expect(confirmed.map((b) => [b.userId, b.seats])).toEqual([['http:u1', 2]]);
  });

  it('books by a Chinese date ("12月3号"), and by "下周三的讲座"', async () => {
    expect(await app.ask('我要报名12月3号的活动')).toContain('象棋比赛');
    expect(await app.ask('1')).toContain('报名成功');
    // 下周三 from 12月1日（周二） is 12月9日: the 健康养生讲座.
    const s = await app.ask('我想报名下周三的讲座', { userId: 'u2' });
    expect(s).toContain('健康养生讲座');
    expect(s).not.toContain('智慧养老讲座');
    expect(await app.ask('1', { userId: 'u2' })).toContain('报名成功');
    expect((await app.services.store.activities.listByActivity(lecture)).confirmed.map((b) => b.userId)).toEqual(['http:u2']);
  });

  it('lists the candidates when the request is ambiguous, then books the one picked', async () => {
    const r = await app.ask('报名讲座');
    expect(r).toContain('找到几个活动');
    expect(r).toContain('1. 健康养生讲座');
    expect(r).toContain('2. 智慧养老讲座');
    expect(await app.ask('2')).toContain('智慧养老讲座');
    expect(await app.ask('1')).toContain('报名成功');
    expect((await app.services.store.activities.listByActivity(lecture2)).confirmed).toHaveLength(1);
  });

  it('"报名2号" after a list refers to that list, even outside the pick step', async () => {
    await app.say('最近有什么活动');
    await app.say('谢谢'); // leaves the pick step
    const s = await app.ask('报名第2个');
    expect(s).toContain('书法展参观');
  });

  it('writes nothing when the user answers "2" to the summary', async () => {
    await app.say('报名象棋比赛');
    expect(await app.ask('2')).toContain('先不报名');
    expect((await app.services.store.activities.listByActivity(chess)).confirmed).toHaveLength(0);
  });

  it('offers the waitlist when full, queues on "1", and tells the head when a seat frees up', async () => {
    await app.say('报名书法展参观', { userId: 'a' });
    await app.say('1', { userId: 'a' });
    const offer = await app.ask('报名书法展参观', { userId: 'b', userName: '王老' });
    expect(offer).toContain('名额已满');
    expect(offer).toContain('回复 1 排队');
    const queued = await app.say('1', { userId: 'b', userName: '王老' });
    expect(queued.replies[0]!.text).toContain('「书法展参观」名额已满，已为您排队候补，排第1位');
    expect(queued.data).toMatchObject({ booking: 'waitlisted', position: 1 });
    expect(await app.ask('我的报名', { userId: 'b' })).toContain('候补第1位');

    expect(await app.ask('取消报名', { userId: 'a' })).toContain('书法展参观');
    expect(await app.ask('1', { userId: 'a' })).toContain('已为您取消');
    await app.flush();
    const told = app.sent.filter((m) => m.to.userId === 'b');
    expect(told).toHaveLength(1);
    expect(told[0]!.reply.text).toContain('有空位了');
    expect(told[0]!.to).toMatchObject({ channel: 'http', chatId: 'b' });
    expect(await app.ask('我的报名', { userId: 'b' })).toContain('已报上');
  });

  it('cancels everything with "全部取消" after a confirmation', async () => {
    for (const name of ['象棋比赛', '健康养生讲座']) {
      await app.say(`报名${name}`);
      await app.say('1');
    }
    const s = await app.ask('全部取消');
    expect(s).toContain('取消全部2个报名');
    expect(s).toContain('回复 1 确认全部取消，回复 2 不取消（保留报名）');
    expect(await app.ask('1')).toContain('已为您取消全部2个报名');
    expect(await app.services.store.activities.listByUser('http:u1')).toEqual([]);
  });

  it('asks which booking to cancel when there are several, and keeps it on "2"', async () => {
    for (const name of ['象棋比赛', '健康养生讲座']) {
      await app.say(`报名${name}`);
      await app.say('1');
    }
    const pick = await app.ask('我不去了，取消报名');
    expect(pick).toContain('要取消哪一个');
    expect(await app.ask('2')).toContain('健康养生讲座');
    expect(await app.ask('2')).toContain('报名保留不变');
    expect(await app.ask('取消象棋比赛')).toContain('象棋比赛');
    expect(await app.ask('1')).toContain('已为您取消「象棋比赛」');
    expect((await app.services.store.activities.listByUser('http:u1')).map((b) => b.activityId)).toEqual([lecture]);
  });

  it('answers a cancellation of nothing kindly', async () => {
    expect(await app.ask('取消报名')).toContain('没有待参加的活动报名');
  });

  it('lists my bookings, and says so when there are none', async () => {
    expect(await app.ask('我的报名')).toContain('没有待参加的活动报名');
    await app.say('报名象棋比赛');
    await app.say('1');
    const mine = await app.say('我报了哪些活动');
    expect(mine.intent).toBe('my_bookings');
    expect(mine.replies[0]!.text).toContain('「象棋比赛」12月3日（周四）下午2:00');
  });

  it('refuses a double booking, too many seats, a past and a cancelled activity, an unparsable date — changing nothing', async () => {
    await app.say('报名象棋比赛');
    await app.say('1');
    expect(await app.ask('报名象棋比赛')).toContain('已经报过');
    expect(await app.ask('我们三个人报名健康养生讲座')).toContain('最多报2位');
    expect(await app.ask('2位')).toContain('人数：2位');
    await app.say('2');
    await app.services.store.activities.cancelActivity(lecture2, app.clock.now());
    await app.say('最近有什么活动');
    expect(await app.ask('报名13月45号的活动')).toContain('没看懂日期');
    app.clock.set(at('2026-12-03T15:00:00'));
    expect(await app.ask('报名象棋比赛', { userId: 'late' })).toContain('已经开始或结束');
    expect(await app.ask('报名智慧养老讲座', { userId: 'late' })).toContain('已经取消了');
    expect(await app.ask('报名跳舞比赛', { userId: 'late' })).toContain('没有找到');
    expect((await app.services.store.activities.listByActivity(chess)).confirmed).toHaveLength(1);
    expect((await app.services.store.activities.listByActivity(lecture)).confirmed).toHaveLength(0);
  });

  it('tells the user when the activity was cancelled between the summary and "1"', async () => {
    await app.say('报名智慧养老讲座');
    await app.services.store.activities.cancelActivity(lecture2, app.clock.now());
    expect(await app.ask('1')).toContain('已经取消了');
  });

  it('sends reminders the day before and two hours before, to the chat of the booking, once', async () => {
    await app.say('@银龄助手 报名象棋比赛', { chatType: 'group', chatId: 'room1', mentioned: true, userName: '李老' });
    const r = await app.say('@银龄助手 1', { chatType: 'group', chatId: 'room1', mentioned: true, userName: '李老' });
    expect(r.replies[0]!.text).toContain('报名成功');
    app.clock.set(at('2026-12-02T13:59:00'));
    expect(await runReminderTick(app.services)).toBe(0);
    app.clock.set(at('2026-12-02T14:00:00'));
    expect(await runReminderTick(app.services)).toBe(1);
    expect(await runReminderTick(app.services)).toBe(0);
    await app.flush();
    expect(app.sent).toHaveLength(1);
    expect(app.sent[0]!.to).toMatchObject({ chatId: 'room1', chatType: 'group', userId: 'u1', userName: '李老' });
    expect(app.sent[0]!.reply.text).toContain('明天12月3日（周四）下午2:00');
    app.clock.set(at('2026-12-03T12:00:00'));
    expect(await runReminderTick(app.services)).toBe(1);
    await app.flush();
    expect(app.sent[1]!.reply.text).toContain('下午2:00在老干部活动中心开始');
  });

  it('sends no reminder after a cancellation', async () => {
    await app.say('报名象棋比赛');
    await app.say('1');
    await app.say('取消象棋比赛');
    await app.say('1');
    app.clock.set(at('2026-12-03T13:00:00'));
    expect(await runReminderTick(app.services)).toBe(0);
  });
});
