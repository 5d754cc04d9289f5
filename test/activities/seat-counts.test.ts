/** Seat counts are read whole ("100个人" is 100, not 0; "9999人" is not list item 99) and reported as written. */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { parseChoiceAndSeats, parseSeats } from '../../src/skills/activities/parse.js';

describe('large seat counts', () => {
  let app: TestApp;
  afterEach(async () => {
    await app?.close();
  });

  it('parses the whole number', () => {
    expect(['100个人', '报名 9999人', '3位', '12人', '两个人'].map(parseSeats)).toEqual([100, 9999, 3, 12, 2]);
    expect(parseChoiceAndSeats('报名 9999人')).toBeNull();
    expect(parseChoiceAndSeats('2，100个人')).toEqual({ choice: 2, seats: 100 });
  });

  it('says the number as written when it is too many', async () => {
    app = await createTestApp();
    await app.services.store.activities.create({ title: '象棋比赛', category: '棋牌', startAt: '2026-12-09T06:00:00Z', place: '活动中心', capacity: 10, maxSeatsPerBooking: 2 }, app.clock.now());
    await app.services.store.activities.create({ title: '门球赛', category: '球类', startAt: '2026-12-10T06:00:00Z', place: '活动中心', capacity: 10, maxSeatsPerBooking: 2 }, app.clock.now());
    const hundred = await app.ask('报名象棋比赛 100个人', { userId: 'a' });
    expect(hundred).toContain('报不了100位');
    expect(hundred).not.toContain('报不了0位');
    const many = await app.say('报名 9999人', { userId: 'b' });
    expect(many.data).not.toMatchObject({ booking: 'summary' });
    expect(many.replies.map((r) => r.text).join('\n')).not.toContain('1到');
    expect(await app.ask('1', { userId: 'b' })).toContain('报不了9999位');
    expect(await app.services.store.activities.listByUser('http:a')).toEqual([]);
    expect(await app.services.store.activities.listByUser('http:b')).toEqual([]);
  });
});
