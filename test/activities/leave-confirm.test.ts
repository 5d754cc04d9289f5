/**
 * QA M8: "0" / "9" at a confirmation leave it (as always), and the reply says in one line what was
 * NOT done — a booking not made, a cancellation not made — before the menu or the staff contact.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';

describe('leaving an activity confirmation with 0 or 9', () => {
  let app: TestApp;
  const me = { userId: 'u1' };

  beforeEach(async () => {
    app = await createTestApp({ config: { STAFF_IDS: 'http:staff1' } });
    const store = app.services.store.activities;
    await store.create({ title: '掼蛋比赛', category: '棋牌', startAt: '2026-12-05T06:00:00Z', place: '棋牌室', capacity: 16 }, app.clock.now());
    await store.create({ title: '书法班', category: '书画摄影', startAt: '2026-12-09T01:00:00Z', place: '书画室', capacity: 1 }, app.clock.now());
  });
  afterEach(async () => {
    await app.close();
  });

  const leave = async (key: '0' | '9') => {
    const r = await app.say(key, me);
    return r.replies.map((x) => x.text);
  };

  for (const key of ['0', '9'] as const) {
    it(`"${key}" at a booking summary: says it was not booked, then the ${key === '0' ? 'menu' : 'staff contact'}; nothing is written`, async () => {
      expect(await app.ask('报名掼蛋比赛', me)).toContain('回复 1 确认');
      const [first, ...rest] = await leave(key);
      expect(first).toContain('「掼蛋比赛」还没有报上');
      expect(first!.split('\n').length).toBe(1);
      expect(rest.join('\n')).toContain(key === '0' ? '1. 政策咨询' : '工作人员');
      expect(await app.services.store.activities.listByUser('http:u1')).toEqual([]);
      // the flow is left: "1" is the menu's choice now, not a booking
      await app.say('1', me);
      expect(await app.services.store.activities.listByUser('http:u1')).toEqual([]);
    });
  }

  it('at the seats question and at the "只剩N个名额" choice too', async () => {
    await app.say('报名掼蛋比赛 我们五个人', me);
    expect((await leave('0'))[0]).toContain('「掼蛋比赛」还没有报上');
    await app.say('报名书法班', { userId: 'u2' });
    await app.say('1', { userId: 'u2' });
    await app.services.store.activities.update((await app.services.store.activities.list()).find((a) => a.title === '书法班')!.id, { capacity: 2 });
    expect(await app.ask('报名书法班 我和老伴两个人', me)).toContain('只剩1个名额');
    expect((await leave('9'))[0]).toContain('「书法班」还没有报上');
  });

  it('at a cancellation summary: says the booking is kept', async () => {
    await app.say('报名掼蛋比赛', me);
    await app.say('1', me);
    expect(await app.ask('取消掼蛋比赛', me)).toContain('回复 1 确认取消');
    expect((await leave('0'))[0]).toContain('「掼蛋比赛」没有取消，报名还保留着');
    expect(await app.services.store.activities.listByUser('http:u1')).toMatchObject([{ status: 'confirmed' }]);
  });

  it('says nothing extra when no confirmation was waiting (a list, or no flow at all)', async () => {
    await app.say('最近有什么活动', me);
    expect(await leave('0')).toHaveLength(1);
    expect(await leave('0')).toHaveLength(1);
  });

  it('staff leaving a confirmation hear what was not done', async () => {
    const id = (await app.services.store.activities.list())[0]!.id;
    await app.say(`停止报名 ${id}`, { userId: 'staff1' });
    expect((await app.say('0', { userId: 'staff1' })).replies[0]!.text).toContain(`活动 ${id}「掼蛋比赛」没有停止报名`);
    await app.say(`取消活动 ${id}`, { userId: 'staff1' });
    expect((await app.say('9', { userId: 'staff1' })).replies[0]!.text).toContain(`活动 ${id}「掼蛋比赛」没有取消`);
    expect((await app.services.store.activities.get(id))!.status).toBe('open');
  });
});
