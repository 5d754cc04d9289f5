/**
 * QA M5: staff stop sign-up ("停止报名 3" / "关闭报名 3", read by the router as a booking) and open it
 * again in their private chat, after a confirmation. Those booked stay booked, those waiting keep
 * their places, and nobody is told.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';

describe('staff stop and reopen sign-up in a private chat', () => {
  let app: TestApp;
  let id: string;
  let other: string;
  const staff = { userId: 'staff1' };

  beforeEach(async () => {
    app = await createTestApp({ config: { STAFF_IDS: 'http:staff1' } });
    const store = app.services.store.activities;
    id = (await store.create({ title: '书法班', category: '书画摄影', startAt: '2026-12-09T01:00:00Z', place: '书画室', capacity: 1 }, app.clock.now())).id;
    other = (await store.create({ title: '掼蛋比赛', category: '棋牌', startAt: '2026-12-05T06:00:00Z', place: '棋牌室', capacity: 16 }, app.clock.now())).id;
    for (const u of ['a', 'b']) {
      await app.say('报名书法班', { userId: u });
      await app.say('1', { userId: u });
    }
  });
  afterEach(async () => {
    await app.close();
  });

  for (const say of ['停止报名 {id}', '关闭报名 {id}', '关闭报名{id}', '截止报名 {id}号', '{id}号活动停止报名', '停止{id}号活动的报名', '停止报名 书法班', '书法班报名截止']) {
    it(`"${say}" stops sign-up after "1"; bookings and the waitlist are kept and nobody is told`, async () => {
      const summary = await app.say(say.replace('{id}', id), staff);
      const text = summary.replies.map((r) => r.text).join('\n');
      expect(text).toContain(`您要停止活动 ${id}「书法班」`);
      expect(text).toContain('已报名1人、候补1人都保留，不会通知任何人');
      expect(text).toContain('回复 1 确认停止报名');
      expect(text).not.toContain('近期全部活动');
      // nothing written before "1"
      expect((await app.services.store.activities.get(id))!.status).toBe('full');
      expect(await app.ask('1', staff)).toContain(`已停止活动 ${id}「书法班」的报名`);
      expect((await app.services.store.activities.get(id))!.status).toBe('closed');
      const { confirmed, waitlist } = await app.services.store.activities.listByActivity(id);
      expect(confirmed.map((b) => b.userId)).toEqual(['http:a']);
      expect(waitlist.map((b) => b.userId)).toEqual(['http:b']);
      await app.flush();
      expect(app.sent).toEqual([]);
      // retirees: no longer listed, booking by name says so, the booked one still sees the booking
      expect(await app.ask('最近有什么活动', { userId: 'c' })).not.toContain('书法班');
      expect(await app.ask('报名书法班', { userId: 'c' })).toContain('已停止报名');
      expect(await app.ask('我的报名', { userId: 'a' })).toContain('「书法班」');
      // the staff list shows it
      expect(await app.ask('活动管理', staff)).toMatch(new RegExp(`${id}\\. 「书法班」.*已停止报名`, 'u'));
    });
  }

  it('a cancellation after sign-up stopped still moves the waiting person up (and tells only them)', async () => {
    await app.say(`停止报名 ${id}`, staff);
    await app.say('1', staff);
    await app.say('取消书法班', { userId: 'a' });
    await app.say('1', { userId: 'a' });
    await app.flush();
    expect(app.sent.map((m) => m.to.chatId)).toEqual(['b']);
    expect(app.sent[0]!.reply.text).toContain('有空位了');
  });

  it('"2" keeps sign-up open; "恢复报名" opens it again after "1"', async () => {
    await app.say(`停止报名 ${id}`, staff);
    expect(await app.ask('2', staff)).toContain('报名照常进行');
    expect((await app.services.store.activities.get(id))!.status).not.toBe('closed');
    await app.say(`停止报名 ${id}`, staff);
    await app.say('1', staff);
    expect(await app.ask(`停止报名 ${id}`, staff)).toContain('已经停止报名了');
    expect(await app.ask(`恢复报名 ${id}`, staff)).toContain(`您要恢复活动 ${id}「书法班」`);
    expect(await app.ask('1', staff)).toContain('已恢复');
    expect(await app.ask('报名书法班', { userId: 'c' })).toContain('名额已满');
    expect(await app.ask(`恢复报名 ${id}`, staff)).toContain('没有停止，不用恢复');
  });

  it('without an id or with an unknown one, shows the list with ids and how to say it', async () => {
    const bare = await app.ask('关闭报名', staff);
    expect(bare).toContain('请说“停止报名 编号”');
    expect(bare).toContain(`${other}. 「掼蛋比赛」`);
    expect(await app.ask('停止报名 424242', staff)).toContain('没有编号为 424242 的活动');
    expect(await app.ask('停止报名 象棋', staff)).toContain('没有找到“象棋”这个活动');
  });

  it('a cancelled or started activity is not stopped', async () => {
    await app.services.store.activities.cancelActivity(other, app.clock.now());
    expect(await app.ask(`停止报名 ${other}`, staff)).toContain('已经取消了');
    app.clock.set(new Date('2026-12-09T02:00:00Z'));
    expect(await app.ask(`停止报名 ${id}`, staff)).toContain('已开始');
    expect((await app.services.store.activities.get(id))!.status).toBe('full');
  });

  it('from a retiree, "停止报名 1" stops nothing', async () => {
    await app.say(`停止报名 ${id}`, { userId: 'c' });
    await app.say('1', { userId: 'c' });
    expect((await app.services.store.activities.get(id))!.status).toBe('full');
  });

  it('another staff command at a confirmation starts afresh with that one', async () => {
    await app.say(`取消活动 ${other}`, staff);
    expect(await app.ask(`停止报名 ${id}`, staff)).toContain(`您要停止活动 ${id}「书法班」`);
    await app.say('1', staff);
    expect((await app.services.store.activities.get(id))!.status).toBe('closed');
    expect((await app.services.store.activities.get(other))!.status).toBe('open');
  });
});
