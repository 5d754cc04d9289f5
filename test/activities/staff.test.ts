/** Staff in a private chat: the activity list with ids and counts, and cancelling an activity (everyone told). */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';

describe('activities for staff in a private chat', () => {
  let app: TestApp;
  let id: string;
  const staff = { userId: 'staff1' };

  beforeEach(async () => {
    app = await createTestApp({ config: { STAFF_IDS: 'http:staff1' } });
    id = (await app.services.store.activities.create({ title: '太极拳展示', category: '球类', startAt: '2026-12-04T01:00:00Z', place: '广场', capacity: 1 }, app.clock.now())).id;
    for (const u of ['a', 'b']) {
      await app.say('报名太极拳展示', { userId: u });
      await app.say('1', { userId: u });
    }
  });
  afterEach(async () => {
    await app.close();
  });

  it('lists activities with ids, seats taken and the waitlist', async () => {
    const text = await app.ask('活动列表', staff);
    expect(text).toContain(`${id}. 「太极拳展示」`);
    expect(text).toContain('已报1/1，候补1');
    // A retiree saying the same gets the ordinary list.
    expect(await app.ask('活动列表', { userId: 'a' })).toContain('1. 太极拳展示');
  });

  it('cancels an activity after a confirmation and tells everyone booked', async () => {
    const s = await app.ask(`取消活动 ${id}`, staff);
    expect(s).toContain('已报名2人');
    expect(s).toContain('回复 1 确认取消活动，回复 2 不取消');
    expect(await app.ask('1', staff)).toContain('已通知2位');
    await app.flush();
    expect(app.sent.map((m) => m.to.chatId).sort()).toEqual(['a', 'b']);
    expect(await app.ask(`取消活动 ${id}`, staff)).toContain('没有编号为');
    // Not staff: "取消活动 1" is an ordinary cancellation of one's own booking.
    expect(await app.ask(`取消活动 ${id}`, { userId: 'c' })).toContain('没有待参加的活动报名');
  });

  it('adds an activity from the chat after a confirmation; retirees can then book it', async () => {
    // harness clock: 2026-12-01 10:00 Beijing
    const summary = await app.ask('新增活动 冬季健康讲座，12月10日下午2点，活动中心二楼，50', staff);
    expect(summary).toContain('「冬季健康讲座」（讲座）');
    expect(summary).toContain('12月10日（周四）下午2:00');
    expect(summary).toContain('名额：50人');
    expect((await app.services.store.activities.list()).some((a) => a.title === '冬季健康讲座')).toBe(false);
    expect(await app.ask('1', staff)).toContain('已新增活动');
    const added = (await app.services.store.activities.list()).find((a) => a.title === '冬季健康讲座')!;
    expect(added).toMatchObject({ capacity: 50, place: '活动中心二楼', category: '讲座', startAt: '2026-12-10T06:00:00.000Z' });
    expect(await app.ask('报名冬季健康讲座', { userId: 'c' })).toContain('冬季健康讲座');
  });

  it('explains the format when something is missing, and refuses retirees', async () => {
    expect(await app.ask('新增活动 讲座，明天', staff)).toContain('请这样写');
    expect(await app.ask('新增活动 讲座，昨天下午，礼堂，20', staff)).toContain('时间没看懂');
    expect(await app.ask('新增活动 讲座，12月20日上午9点，礼堂，很多', staff)).toContain('名额要写一个数字');
    const retiree = await app.ask('新增活动 讲座，12月20日上午9点，礼堂，20', { userId: 'a' });
    expect(retiree).not.toContain('您要新增活动');
  });
});

