/** The rating question after closing a ticket never takes over the user's dialog (review t1). */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { closeTicket } from '../../src/skills/feedback/actions.js';

let app: TestApp;
afterEach(async () => app?.close());

async function openAndClose(userId: string, opts: Record<string, unknown> = {}): Promise<string> {
  await app.say('我要反映个问题，楼道灯坏了好几天了', { userId, ...opts, mentioned: true });
  const done = await app.say('1', { userId, ...opts, mentioned: true });
  const no = String(done.data?.ticketNo);
  expect(no).toMatch(/^FK\d{8}-\d{4}$/);
  await closeTicket(app.services, no, 'staff:x');
  return no;
}

describe('ticket rating after closing', () => {
  it('a booking summary being answered is not replaced: "1" books, the rating is given later', async () => {
    app = await createTestApp();
    const now = app.clock.now();
    await app.services.store.activities.create(
      { title: '象棋比赛', category: '棋牌', startAt: '2026-12-09T06:00:00Z', place: '活动中心', capacity: 10, maxSeatsPerBooking: 2 },
      now,
    );
    await app.say('我要反映个问题，楼道灯坏了好几天了');
    const no = String((await app.say('1')).data?.ticketNo);
    const summary = await app.say('报名象棋比赛');
    expect(summary.intent).toBe('activity_book');
    await closeTicket(app.services, no, 'staff:x');
    const booked = await app.say('1');
    expect(booked.intent).toBe('activity_book');
    expect(booked.replies[0]!.text).toContain('报名成功');
    expect(await app.services.store.activities.listByUser('http:u1')).toHaveLength(1);
    let t = await app.services.store.tickets.get(no);
    expect(t?.rating).toBeUndefined();
    expect(t?.status).toBe('closed');
    // the question still waits: a rating now is recorded
    const rated = await app.say('5分');
    expect(rated.data).toMatchObject({ ticketNo: no, rating: 5 });
    t = await app.services.store.tickets.get(no);
    expect(t?.rating).toBe(5);
    expect(t?.status).toBe('closed');
  });

  it('a bare digit counts only within a day; "N分" within a week; later digits are menu choices', async () => {
    app = await createTestApp();
    const no = await openAndClose('u2');
    app.clock.advance(3 * 86_400_000);
    const menu = await app.say('2', { userId: 'u2' });
    expect(menu.intent).toBe('activity_list');
    let t = await app.services.store.tickets.get(no);
    expect(t?.rating).toBeUndefined();
    expect(t?.status).toBe('closed');
    const rated = await app.say('四分。', { userId: 'u2' });
    expect(rated.replies[0]!.text).toContain('4 分');
    t = await app.services.store.tickets.get(no);
    expect(t?.rating).toBe(4);
    // answered once: a later "5分" is not a second rating
    const again = await app.say('5分', { userId: 'u2' });
    expect(again.data?.rating).toBeUndefined();
    expect((await app.services.store.tickets.get(no))?.rating).toBe(4);
  });

  it('a bare "2" the same day is a (low) rating and reopens the ticket; after a week nothing is pending', async () => {
    app = await createTestApp();
    const no = await openAndClose('u3');
    const rated = await app.say('2', { userId: 'u3' });
    expect(rated.data).toMatchObject({ ticketNo: no, rating: 2 });
    expect((await app.services.store.tickets.get(no))?.status).toBe('accepted');

    const no2 = await openAndClose('u4');
    app.clock.advance(8 * 86_400_000);
    const late = await app.say('5分', { userId: 'u4' });
    expect(late.data?.rating).toBeUndefined();
    expect((await app.services.store.tickets.get(no2))?.rating).toBeUndefined();
  });

  it('a rating question does not take a rating-like answer while another flow is active', async () => {
    app = await createTestApp();
    const no = await openAndClose('u5');
    const ask = await app.say('我要反映问题', { userId: 'u5' }); // waits for the feedback text
    expect(ask.replies[0]!.text).toContain('具体');
    const r = await app.say('5', { userId: 'u5' });
    expect(r.data?.rating).toBeUndefined();
    expect((await app.services.store.tickets.get(no))?.rating).toBeUndefined();
  });

  it('in a group: an un-addressed rating from the person asked is taken, other un-addressed talk is dropped', async () => {
    app = await createTestApp();
    const group = { chatId: 'room1', chatType: 'group', channel: 'wechat' } as const;
    const no = await openAndClose('r1', group);
    app.clock.advance(10 * 60_000); // past the few minutes in which the person just answered may reply with a bare 0 / 9
    const chatter = await app.say('今天天气不错', { userId: 'r1', ...group });
    expect(chatter.dropped).toBe('not_addressed');
    const zero = await app.say('0', { userId: 'r1', ...group });
    expect(zero.dropped).toBe('not_addressed');
    const other = await app.say('5', { userId: 'someone', ...group });
    expect(other.dropped).toBe('not_addressed');
    expect((await app.services.store.tickets.get(no))?.rating).toBeUndefined();
    const rated = await app.say('5星！', { userId: 'r1', ...group });
    expect(rated.data).toMatchObject({ ticketNo: no, rating: 5 });
    // nothing pending any more: the next un-addressed "5" is dropped
    const after = await app.say('5', { userId: 'r1', ...group });
    expect(after.dropped).toBe('not_addressed');
  });

  it('a bare digit is the rating only as the first message after the question: "你好", "0", "2" is the menu', async () => {
    app = await createTestApp();
    const no = await openAndClose('u6');
    app.clock.advance(3 * 3_600_000);
    await app.say('你好', { userId: 'u6' });
    await app.say('0', { userId: 'u6' });
    const two = await app.say('2', { userId: 'u6' });
    expect(two.data?.rating).toBeUndefined();
    expect(two.intent).not.toBe('feedback');
    let t = await app.services.store.tickets.get(no);
    expect(t?.rating).toBeUndefined();
    expect(t?.status).toBe('closed');
    // an explicit "4分" is still taken within the week
    const rated = await app.say('4分', { userId: 'u6' });
    expect(rated.data).toMatchObject({ ticketNo: no, rating: 4 });
    t = await app.services.store.tickets.get(no);
    expect(t?.rating).toBe(4);
  });
});
