/** Staff in a private chat: the activity list with ids and counts, and cancelling an activity (everyone told). */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';

describe('activities for staff in a private chat', () => {
  let app: TestApp;
  let id: string;
  const staff = { userId: 'staff1' };

  beforeEach(async () => {
    app = await createTestApp({ config: { STAFF_IDS: 'staff1' } });
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
});
