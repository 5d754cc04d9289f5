/**
 * Conversations a retiree actually has, found by playing the assistant as a 75-year-old: a name and a
 * date that disagree, typos, a change of mind at the confirmation, week ranges, seats after a number,
 * classifier guesses, chatty or emoji replies inside a flow. Real pipeline, SQLite, ManualClock.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';

// The harness clock starts at 2026-12-01T02:00:00Z = 12月1日（周二）上午10:00 in Shanghai.
const at = (localIso: string) => new Date(`${localIso}+08:00`).toISOString();

describe('activities, as a retiree says it', () => {
  let app: TestApp;
  const id: Record<string, string> = {};
  const confirmedUsers = async (key: string) => (await app.services.store.activities.listByActivity(id[key]!)).confirmed.map((b) => [b.userId, b.seats]);
  const bookingsOf = async (userId: string) => (await app.services.store.activities.listByUser(`http:${userId}`)).map((b) => b.activityId);

  beforeEach(async () => {
    app = await createTestApp();
    const now = app.clock.now();
    const acts = app.services.store.activities;
    const add = async (key: string, input: Parameters<typeof acts.create>[0]) => {
      id[key] = (await acts.create(input, now)).id;
    };
    await add('chess', { title: '象棋比赛', category: '棋牌', startAt: at('2026-12-03T14:00:00'), place: '老干部活动中心二楼', capacity: 30 });
    await add('gate', { title: '门球友谊赛', category: '球类', startAt: at('2026-12-04T09:00:00'), place: '城东门球场', capacity: 1 });
    await add('health', { title: '冬季健康养生讲座', category: '讲座', startAt: at('2026-12-09T09:30:00'), place: '三楼会议室', capacity: 50 });
    await add('fraud', { title: '防诈骗知识讲座', category: '讲座', startAt: at('2026-12-09T14:30:00'), place: '三楼会议室', capacity: 40 });
    await add('calli', { title: '书法班', category: '老年大学', startAt: at('2026-12-16T09:00:00'), place: '老年大学201教室', capacity: 20 });
    await add('guandan', { title: '掼蛋比赛', category: '棋牌', startAt: at('2026-12-18T14:00:00'), place: '老干部活动中心一楼', capacity: 24 });
    await add('expo', { title: '书画展参观', category: '参观', startAt: at('2026-12-02T09:00:00'), place: '市美术馆', capacity: 30, deadline: at('2026-12-01T08:00:00') });
    await add('go', { title: '围棋比赛', category: '棋牌', startAt: at('2026-12-11T14:00:00'), place: '老干部活动中心', capacity: 16 });
    await acts.book({ activityId: id.gate!, userId: 'http:x', seats: 1, chat: { channel: 'http', chatId: 'x', chatType: 'private', userId: 'x' } }, now);
    await acts.cancelActivity(id.go!, now);
  });
  afterEach(async () => {
    await app.close();
  });

  it('offers the 书法班 that exists when the day asked has none, and books it only after "1"', async () => {
    const s = await app.ask('下周三的书法班给我报个名');
    expect(s).not.toContain('没有找到');
    expect(s).toContain('12月9日（周三）没有书法班');
    expect(s).toContain('「书法班」在12月16日（周三）上午9:00');
    expect(s).toContain('回复 1 确认，回复 2 取消');
    expect(await confirmedUsers('calli')).toEqual([]);
    expect(await app.ask('1')).toContain('报名成功！「书法班」');
    expect(await confirmedUsers('calli')).toEqual([['http:u1', 1]]);
  });

  it('offers the chess contest on its own date when the date said is wrong', async () => {
    const s = await app.ask('报名12月10号的象棋比赛');
    expect(s).toContain('12月10日（周四）没有象棋比赛');
    expect(s).toContain('「象棋比赛」在12月3日（周四）下午2:00');
    expect(s).toContain('您要报名');
  });

  it('lists the lectures of other days, numbered, when this Wednesday has none', async () => {
    const s = await app.ask('周三的讲座报名');
    expect(s).toContain('12月2日（周三）没有讲座');
    expect(s).toContain('1. 冬季健康养生讲座');
    expect(s).toContain('2. 防诈骗知识讲座');
    expect(s).not.toContain('象棋比赛');
    expect(await app.ask('2')).toContain('「防诈骗知识讲座」');
  });

  it('"下周三的讲座给我报一个": "一个" is not item 1 of a list', async () => {
    const s = await app.ask('下周三的讲座给我报一个');
    expect(s).not.toContain('象棋比赛');
    expect(s).toContain('1. 冬季健康养生讲座');
    expect(s).toContain('2. 防诈骗知识讲座');
    expect(await app.ask('给我报一个', { userId: 'u2' })).toContain('近期活动');
    expect(await bookingsOf('u1')).toEqual([]);
  });

  it('follows a change of mind at the confirmation to another activity', async () => {
    await app.say('报名象棋比赛');
    const s = await app.ask('还是报掼蛋比赛吧');
    expect(s).toContain('「掼蛋比赛」');
    expect(s).toContain('回复 1 确认');
    expect(await app.ask('1')).toContain('报名成功！「掼蛋比赛」');
    expect(await bookingsOf('u1')).toEqual([id.guandan]);
    // and to a date
    await app.say('报名象棋比赛', { userId: 'u2' });
    expect(await app.ask('不对，是下周三的讲座', { userId: 'u2' })).toContain('1. 冬季健康养生讲座');
  });

  it('reads a typo as the nearest title and asks before booking', async () => {
    const s = await app.ask('报名象旗比赛');
    expect(s).toContain('您说的是不是「象棋比赛」');
    expect(s).toContain('回复 1 确认，回复 2 取消');
    expect(await bookingsOf('u1')).toEqual([]);
    expect(await app.ask('1')).toContain('报名成功');
    expect(await bookingsOf('u1')).toEqual([id.chess]);
    expect(await app.ask('报名跳舞比赛', { userId: 'u2' })).toContain('没有找到跳舞比赛的活动');
  });

  it('understands the ways a retiree says yes and no at the confirmation', async () => {
    for (const [user, yes] of [['a', '确认报名'], ['b', '对，报上吧'], ['c', '👍'], ['d', '好的，谢谢']] as const) {
      await app.say('报名象棋比赛', { userId: user });
      expect(await app.ask(yes, { userId: user })).toContain('报名成功');
    }
    for (const [user, no] of [['e', '不报了'], ['f', '算了算了'], ['g', '我再想想']] as const) {
      await app.say('报名象棋比赛', { userId: user });
      expect(await app.ask(no, { userId: user })).toContain('先不报名');
    }
    expect((await confirmedUsers('chess')).map(([u]) => u)).toEqual(['http:a', 'http:b', 'http:c', 'http:d']);
  });

  it('restates what is waiting when a reply inside the confirmation is chatty, and writes nothing', async () => {
    await app.say('报名象棋比赛');
    const story = '我跟你说啊我年轻的时候在部队里就喜欢下象棋，后来转业到地方工作了也一直没丢下，现在退休了天天在小区里跟老李头杀两盘';
    const r = await app.ask(story);
    expect(r).toContain('「象棋比赛」（12月3日（周四）下午2:00）还没有报上');
    expect(r).toContain('回复 1 确认报名');
    expect(await bookingsOf('u1')).toEqual([]);
    expect(await app.ask('1')).toContain('报名成功');
  });

  it('in a cancellation, "取消" confirms it and "不取消了" keeps the booking', async () => {
    await app.say('报名象棋比赛');
    await app.say('1');
    const s = await app.ask('取消象棋比赛');
    expect(s).toContain('回复 1 确认取消，回复 2 不取消（保留报名）');
    expect(await app.ask('不取消了')).toContain('报名保留不变');
    expect(await bookingsOf('u1')).toEqual([id.chess]);
    await app.say('取消象棋比赛');
    expect(await app.ask('取消')).toContain('已为您取消「象棋比赛」');
    expect(await bookingsOf('u1')).toEqual([]);
  });

  it('switches the cancellation to the booking named instead', async () => {
    for (const name of ['象棋比赛', '掼蛋比赛']) {
      await app.say(`报名${name}`);
      await app.say('1');
    }
    await app.say('取消象棋比赛');
    expect(await app.ask('不对，取消掼蛋比赛')).toContain('「掼蛋比赛」（12月18日（周五）下午2:00）');
    expect(await app.ask('1')).toContain('已为您取消「掼蛋比赛」');
    expect(await bookingsOf('u1')).toEqual([id.chess]);
  });

  it('reads week ranges ("下周", "这周末") and says plainly when a day has nothing', async () => {
    const week = await app.ask('下周的活动有哪些');
    expect(week).toContain('12月7日（周一）到12月13日（周日）的活动');
    expect(week).toContain('冬季健康养生讲座');
    expect(week).not.toContain('象棋比赛');
    expect(await app.ask('这周末有什么活动')).toContain('12月5日（周六）到12月6日（周日）没有活动');
    expect(await app.ask('12月5号有什么活动')).toContain('12月5日（周六）没有活动');
    const lecture = await app.ask('下周的讲座我想报名');
    expect(lecture).not.toContain('没看懂');
    expect(lecture).toContain('1. 冬季健康养生讲座');
  });

  it('explains why tomorrow has nothing to book (the deadline passed) and shows the rest', async () => {
    const s = await app.ask('明天的活动我要报名');
    expect(s).toContain('「书画展参观」（12月2日（周三）上午9:00）报名已经截止了');
    expect(s).toContain('12月2日（周三）没有可以报名的活动');
    expect(s).toContain('1. 象棋比赛');
    expect(await app.ask('报名明天的书画展', { userId: 'u2' })).toContain('报名已经截止了');
    expect(await app.ask('报名下周五的围棋比赛', { userId: 'u2' })).toContain('「围棋比赛」（12月11日（周五）下午2:00）已经取消了');
  });

  it('seats: names the limit, takes "算了", and reads "1，两个人" after a list', async () => {
    const s = await app.ask('我们三个人报名掼蛋比赛');
    expect(s).toContain('「掼蛋比赛」每次最多报2位，报不了3位');
    expect(await app.ask('算了')).toContain('先不报名');
    await app.say('最近有什么活动');
    const two = await app.ask('1，两个人');
    expect(two).toContain('「象棋比赛」');
    expect(two).toContain('人数：2位');
    await app.say('1');
    expect(await confirmedUsers('chess')).toEqual([['http:u1', 2]]);
  });

  it('picks from the last list with "帮我报第3个", a date or a kind instead of a number', async () => {
    await app.say('最近有什么活动');
    await app.say('谢谢');
    expect(await app.ask('帮我报第3个')).toContain('「冬季健康养生讲座」');
    await app.say('2');
    await app.say('最近有什么活动');
    const byDate = await app.ask('12月9号的');
    expect(byDate).toContain('1. 冬季健康养生讲座');
    expect(byDate).toContain('2. 防诈骗知识讲座');
    expect(byDate).not.toContain('象棋比赛');
    await app.say('最近有什么活动', { userId: 'u2' });
    const kind = await app.ask('下棋那个', { userId: 'u2' });
    expect(kind).toContain('1. 象棋比赛');
    expect(kind).not.toContain('讲座');
  });

  it('"周五那个" guessed as a cancellation by the classifier books instead', async () => {
    const r = await app.ask('周五那个');
    expect(r).not.toContain('不需要取消');
    expect(r).toContain('「门球友谊赛」');
    expect(r).toContain('回复 1 排队');
  });

  it('full: the waitlist offer names the activity, "排队" queues, the position is shown everywhere', async () => {
    expect(await app.ask('我想去打门球')).toContain('名额已满');
    expect(await app.ask('排队')).toContain('「门球友谊赛」名额已满，已为您排队候补，排第1位');
    expect(await app.ask('我的报名')).toContain('「门球友谊赛」12月4日（周五）上午9:00，候补第1位');
    expect(await app.ask('报名门球友谊赛')).toContain('候补名单里，排第1位');
    const { waitlist } = await app.services.store.activities.listByActivity(id.gate!);
    expect(waitlist.map((b) => b.userId)).toEqual(['http:u1']);
  });

  it('"0" and "9" leave the confirmation: nothing is booked and a later "1" is the menu', async () => {
    await app.say('报名象棋比赛');
    expect(await app.ask('0')).toContain('请回复数字选择');
    expect(await app.ask('1')).not.toContain('报名成功');
    await app.say('报名象棋比赛', { userId: 'u2' });
    expect((await app.say('9', { userId: 'u2' })).intent).toBe('human_handoff');
    expect(await confirmedUsers('chess')).toEqual([]);
  });

  it('after the activity has started it is no longer in my bookings nor cancellable', async () => {
    await app.say('报名象棋比赛');
    await app.say('1');
    app.clock.set(at('2026-12-03T15:00:00'));
    expect(await app.ask('我的报名')).toContain('没有待参加的活动报名');
    expect(await app.ask('取消象棋比赛')).toContain('没有待参加的活动报名');
    expect(await app.ask('报名象棋比赛', { userId: 'u2' })).toContain('已经开始或结束了');
    expect(await confirmedUsers('chess')).toEqual([['http:u1', 1]]);
  });
});
