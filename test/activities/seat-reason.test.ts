/**
 * QA L4: asking for more seats than can be had names the true reason: the seats the activity has
 * left ("只剩1个名额"), or the per-booking limit only when it really applies (每人每次最多2个名额).
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';

describe('too many seats: the reason given is the true one', () => {
  let app: TestApp;
  const create = (title: string, capacity: number, maxSeatsPerBooking?: number) =>
    app.services.store.activities.create(
      { title, category: '其他', startAt: '2026-12-09T01:00:00Z', place: '活动中心', capacity, ...(maxSeatsPerBooking ? { maxSeatsPerBooking } : {}) },
      app.clock.now(),
    );

  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('one seat in all (capacity 1), two asked: "只剩1个名额", not a per-booking rule; "1" then books one', async () => {
    await create('书法班', 1);
    const text = await app.ask('报名书法班 我和老伴两个人', { userId: 'a' });
    expect(text).toContain('「书法班」只剩1个名额，报不了2位');
    expect(text).not.toContain('每次最多');
    expect(await app.ask('1', { userId: 'a' })).toContain('人数：1位');
    expect(await app.ask('1', { userId: 'a' })).toContain('报名成功');
  });

  it('three seats in all, two taken, per-booking limit 3, three asked: the seats left', async () => {
    const a = await create('合唱排练', 3, 3);
    await app.services.store.activities.book({ activityId: a.id, userId: 'http:x', seats: 2, chat: { channel: 'http', chatId: 'x' } }, app.clock.now());
    const text = await app.ask('报名合唱排练 三个人', { userId: 'a' });
    expect(text).toContain('只剩1个名额');
    expect(text).not.toContain('每次最多');
  });

  it('no seat left and fewer seats in all than asked: says so and offers the waitlist for what fits', async () => {
    const a = await create('书法班', 1);
    await app.services.store.activities.book({ activityId: a.id, userId: 'http:x', seats: 1, chat: { channel: 'http', chatId: 'x' } }, app.clock.now());
    const text = await app.ask('报名书法班 我和老伴两个人', { userId: 'a' });
    expect(text).toContain('一共只有1个名额，已经报满了，报不了2位');
    expect(text).not.toContain('每次最多');
    expect(await app.ask('1', { userId: 'a' })).toContain('回复 1 排队');
  });

  it('the per-booking limit is named only when it applies', async () => {
    await create('参观规划馆', 30);
    const text = await app.ask('报名参观规划馆 我们三个人', { userId: 'a' });
    expect(text).toContain('每次最多报2位，报不了3位');
  });
});
