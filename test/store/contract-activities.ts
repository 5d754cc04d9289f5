/** Store contract: activities, bookings, waitlist, cancellation, reminders. Run against every Store. */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { Store } from '../../src/store/types.js';
import type { ChatRef } from '../../src/core/types.js';
import type { StoreFactory } from './contract-core.js';

const H = 3600_000;

/** Registers the activity contract tests for one implementation. */
export function activityContract(makeStore: StoreFactory): void {
  describe('activities', () => {
    let store: Store;
    const now = new Date('2026-12-01T02:00:00Z');
    const start = new Date(now.getTime() + 3 * 24 * H).toISOString();
    const chat = (u: string): ChatRef => ({ channel: 'http', chatId: `c-${u}`, chatType: 'private', userId: u });
    const book = (activityId: string, userId: string, seats = 1, at = now) =>
      store.activities.book({ activityId, userId, userName: `名${userId}`, seats, chat: chat(userId) }, at);
    const make = (capacity: number, extra: Record<string, unknown> = {}) =>
      store.activities.create({ title: '象棋比赛', category: '棋牌', startAt: start, place: '活动中心', capacity, ...extra }, now);

    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates, reads, updates and lists activities soonest first', async () => {
      const later = await store.activities.create(
        { title: '书法展', category: '书画摄影', startAt: new Date(now.getTime() + 9 * 24 * H).toISOString(), place: '老年大学', capacity: 30, notes: '带老花镜' },
        now,
      );
      const sooner = await make(10, { maxSeatsPerBooking: 3, deadline: new Date(now.getTime() + 2 * 24 * H).toISOString() });
      expect(sooner).toMatchObject({ title: '象棋比赛', capacity: 10, seatsTaken: 0, status: 'open', maxSeatsPerBooking: 3 });
      expect(later.maxSeatsPerBooking).toBe(2);
      expect(await store.activities.get(later.id)).toMatchObject({ title: '书法展', notes: '带老花镜', place: '老年大学' });
      expect(await store.activities.get('999999')).toBeNull();
      expect((await store.activities.list()).map((a) => a.id)).toEqual([sooner.id, later.id]);
      expect((await store.activities.list({ from: new Date(now.getTime() + 5 * 24 * H) })).map((a) => a.id)).toEqual([later.id]);
      const updated = await store.activities.update(later.id, { place: '第二活动室', capacity: 40 });
      expect(updated).toMatchObject({ place: '第二活动室', capacity: 40, title: '书法展' });
      expect(await store.activities.update('999999', { place: 'x' })).toBeNull();
    });

    it('confirms while seats last, then waitlists in order, and refuses duplicates', async () => {
      const a = await make(3);
      expect((await book(a.id, 'u1', 2)).status).toBe('confirmed');
      expect((await book(a.id, 'u2', 1)).status).toBe('confirmed');
      const w = await book(a.id, 'u3', 1);
      expect(w).toMatchObject({ status: 'waitlisted', position: 1 });
      expect(await book(a.id, 'u4', 2)).toMatchObject({ status: 'waitlisted', position: 2 });
      expect(await book(a.id, 'u1', 1)).toMatchObject({ status: 'duplicate', booking: { status: 'confirmed', seats: 2 } });
      expect(await book(a.id, 'u3', 1)).toMatchObject({ status: 'duplicate', booking: { status: 'waitlisted', waitlistPosition: 1 } });
      const got = await store.activities.get(a.id);
      expect(got).toMatchObject({ seatsTaken: 3, status: 'full', waitlistCount: 2 });
      const lists = await store.activities.listByActivity(a.id);
      expect(lists.confirmed.map((b) => [b.userId, b.seats])).toEqual([
        ['u1', 2],
        ['u2', 1],
      ]);
      expect(lists.waitlist.map((b) => [b.userId, b.waitlistPosition])).toEqual([
        ['u3', 1],
        ['u4', 2],
      ]);
      expect(lists.confirmed[0]!.chat).toEqual(chat('u1'));
      expect(lists.confirmed[0]!.userName).toBe('名u1');
    });

    it('refuses unknown, cancelled, closed, past and after-deadline activities, and too many seats', async () => {
      expect(await book('424242', 'u1')).toEqual({ status: 'not_found' });
      const a = await make(5, { deadline: new Date(now.getTime() + 24 * H).toISOString() });
      expect(await book(a.id, 'u1', 3)).toEqual({ status: 'too_many_seats', max: 2 });
      expect(await book(a.id, 'u1', 0)).toEqual({ status: 'too_many_seats', max: 2 });
      expect(await book(a.id, 'u1', 1, new Date(now.getTime() + 25 * H))).toEqual({ status: 'closed', reason: 'deadline' });
      expect(await book(a.id, 'u1', 1, new Date(now.getTime() + 4 * 24 * H))).toEqual({ status: 'closed', reason: 'past' });
      const b = await make(5);
      await store.activities.update(b.id, { status: 'closed' });
      expect(await book(b.id, 'u1')).toEqual({ status: 'closed', reason: 'closed' });
      await store.activities.cancelActivity(b.id, now);
      expect(await book(b.id, 'u1')).toEqual({ status: 'closed', reason: 'cancelled' });
      expect((await store.activities.listByActivity(a.id)).confirmed).toEqual([]);
    });

    it('stops sign-up and opens it again without touching bookings or the waitlist; a cancelled activity stays cancelled', async () => {
      const a = await make(1);
      await book(a.id, 'u1');
      await book(a.id, 'u2');
      const closed = await store.activities.setSignupOpen(a.id, false);
      expect(closed).toMatchObject({ status: 'changed', activity: { id: a.id, status: 'closed', seatsTaken: 1, waitlistCount: 1, title: '象棋比赛' } });
      expect(await store.activities.setSignupOpen(a.id, false)).toMatchObject({ status: 'unchanged', activity: { status: 'closed' } });
      expect(await book(a.id, 'u3')).toEqual({ status: 'closed', reason: 'closed' });
      expect(await store.activities.listByUser('u1')).toMatchObject([{ status: 'confirmed' }]);
      // Those already in keep their places: a cancellation still promotes the head of the queue, with reminders.
      expect((await store.activities.cancel(a.id, 'u1', now)).promoted.map((b) => b.userId)).toEqual(['u2']);
      expect((await store.activities.claimDueReminders(new Date(Date.parse(start) - H), 100)).map((r) => r.userId)).toEqual(['u2', 'u2']);
      const reopened = await store.activities.setSignupOpen(a.id, true);
      expect(reopened).toMatchObject({ status: 'changed', activity: { status: 'full', seatsTaken: 1 } });
      expect(await book(a.id, 'u3')).toMatchObject({ status: 'waitlisted', position: 1 });
      expect(await store.activities.setSignupOpen(a.id, true)).toMatchObject({ status: 'unchanged' });
      await store.activities.cancelActivity(a.id, now);
      expect(await store.activities.setSignupOpen(a.id, true)).toEqual({ status: 'cancelled' });
      expect(await store.activities.setSignupOpen(a.id, false)).toEqual({ status: 'cancelled' });
      expect(await store.activities.get(a.id)).toMatchObject({ status: 'cancelled' });
      expect(await store.activities.setSignupOpen('424242', false)).toEqual({ status: 'not_found' });
    });

    it('books exactly the capacity under concurrency, nobody twice', async () => {
      const a = await make(20);
      const users = Array.from({ length: 60 }, (_, i) => `p${i}`);
      const outcomes = await Promise.all([...users, ...users.slice(0, 10)].map((u) => book(a.id, u)));
      expect(outcomes.filter((o) => o.status === 'confirmed')).toHaveLength(20);
      expect(outcomes.filter((o) => o.status === 'waitlisted')).toHaveLength(40);
      expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(10);
      const lists = await store.activities.listByActivity(a.id);
      expect(lists.confirmed).toHaveLength(20);
      expect(lists.waitlist.map((b) => b.waitlistPosition)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(new Set([...lists.confirmed, ...lists.waitlist].map((b) => b.userId)).size).toBe(60);
      expect((await store.activities.get(a.id))!.seatsTaken).toBe(20);
    });

    it('promotes on cancellation in queue order; a waiting booking that does not fit keeps its place without blocking a smaller one', async () => {
      const a = await make(3);
      await book(a.id, 'u1', 2);
      await book(a.id, 'u2', 1);
      await book(a.id, 'w1', 2); // head needs 2
      await book(a.id, 'w2', 1);
      const c1 = await store.activities.cancel(a.id, 'u2', now); // frees 1: head needs 2, w2 (1) fits -> w2
      expect(c1.cancelled).toMatchObject({ userId: 'u2', status: 'cancelled' });
      expect(c1.promoted.map((b) => [b.userId, b.status, b.seats])).toEqual([['w2', 'confirmed', 1]]);
      expect(c1.promoted[0]!.chat).toEqual(chat('w2'));
      expect((await store.activities.listByActivity(a.id)).waitlist.map((b) => [b.userId, b.waitlistPosition])).toEqual([['w1', 1]]);
      expect((await book(a.id, 'late', 1)).status).toBe('waitlisted'); // no seat free
      const c2 = await store.activities.cancel(a.id, 'u1', now); // frees 2: the head w1 (2) first, nothing left for late
      expect(c2.promoted.map((b) => [b.userId, b.status])).toEqual([['w1', 'confirmed']]);
      expect(c2.promoted[0]!.chat).toEqual(chat('w1'));
      const lists = await store.activities.listByActivity(a.id);
      expect(lists.confirmed.map((b) => b.userId).sort()).toEqual(['w1', 'w2']);
      expect(lists.waitlist.map((b) => [b.userId, b.waitlistPosition])).toEqual([['late', 1]]);
      expect((await store.activities.get(a.id))!.seatsTaken).toBe(3);
    });

    it('gives the last free seat to a one-seat booking while a two-seat booking waits, and never reads as full with a seat free', async () => {
      const a = await make(2);
      await book(a.id, 'u1', 1);
      expect(await book(a.id, 'pair', 2)).toMatchObject({ status: 'waitlisted', position: 1 });
      // One seat is still free: the activity is open, not full, although someone waits.
      expect(await store.activities.get(a.id)).toMatchObject({ seatsTaken: 1, waitlistCount: 1, status: 'open' });
      expect((await book(a.id, 'single', 1)).status).toBe('confirmed');
      expect(await store.activities.get(a.id)).toMatchObject({ seatsTaken: 2, waitlistCount: 1, status: 'full' });
      expect((await book(a.id, 'next', 1)).status).toBe('waitlisted'); // now nothing is free
      // u1 cancels: 1 seat, the pair (2) still does not fit, the one-seat booking behind it does.
      const c1 = await store.activities.cancel(a.id, 'u1', now);
      expect(c1.promoted.map((b) => b.userId)).toEqual(['next']);
      expect((await store.activities.listByActivity(a.id)).waitlist.map((b) => [b.userId, b.waitlistPosition])).toEqual([['pair', 1]]);
      // Both others cancel: 2 free, the pair is promoted at once.
      await store.activities.cancel(a.id, 'single', now);
      const c2 = await store.activities.cancel(a.id, 'next', now);
      expect(c2.promoted.map((b) => [b.userId, b.seats])).toEqual([['pair', 2]]);
      expect(await store.activities.get(a.id)).toMatchObject({ seatsTaken: 2, waitlistCount: 0, status: 'full' });
      expect((await store.activities.listByUser('pair')).map((b) => b.status)).toEqual(['confirmed']);
    });

    it('does not let a new booking take a free seat that a waiting booking fits into', async () => {
      const a = await make(1);
      await book(a.id, 'u1');
      await book(a.id, 'w1');
      // Staff raise the capacity: the seat is free, but w1 waited for it first.
      await store.activities.update(a.id, { capacity: 2 });
      expect((await book(a.id, 'late')).status).toBe('waitlisted');
      const c = await store.activities.cancel(a.id, 'u1', now);
      expect(c.promoted.map((b) => b.userId)).toEqual(['w1', 'late']);
    });

    it('gives the one seat left to exactly one of many one-seat bookings at once while a pair waits', async () => {
      const a = await make(3);
      await book(a.id, 'u1', 2);
      await book(a.id, 'pair', 2);
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => book(a.id, `s${i}`, 1)));
      expect(outcomes.filter((o) => o.status === 'confirmed')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'waitlisted').map((o) => (o as { position: number }).position).sort((x, y) => x - y)).toEqual(
        Array.from({ length: 11 }, (_, i) => i + 2),
      );
      expect(await store.activities.get(a.id)).toMatchObject({ seatsTaken: 3, waitlistCount: 12, status: 'full' });
      // u1 cancels 2: the pair heads the queue and fits -> promoted before the singles.
      const c = await store.activities.cancel(a.id, 'u1', now);
      expect(c.promoted.map((b) => b.userId)).toEqual(['pair']);
    });

    it('reduces a confirmed booking to fewer seats, promoting the waitlist with the seat freed; keeps its reminders', async () => {
      const a = await make(3);
      await book(a.id, 'u1', 2);
      await book(a.id, 'u2', 1);
      await book(a.id, 'w1', 2); // needs 2: does not fit the one seat freed
      await book(a.id, 'w2', 1);
      const r = await store.activities.reduceSeats(a.id, 'u1', 1, now);
      expect(r).toMatchObject({ status: 'reduced', from: 2, booking: { userId: 'u1', seats: 1, status: 'confirmed' } });
      if (r.status !== 'reduced') throw new Error('not reduced');
      expect(r.promoted.map((b) => [b.userId, b.status, b.seats])).toEqual([['w2', 'confirmed', 1]]);
      expect(r.promoted[0]!.chat).toEqual(chat('w2'));
      expect((await store.activities.get(a.id))!.seatsTaken).toBe(3);
      const lists = await store.activities.listByActivity(a.id);
      expect(lists.confirmed.map((b) => [b.userId, b.seats])).toEqual([['u1', 1], ['u2', 1], ['w2', 1]]);
      expect(lists.waitlist.map((b) => [b.userId, b.waitlistPosition])).toEqual([['w1', 1]]);
      expect((await store.activities.listByUser('u1')).map((b) => [b.activityId, b.seats, b.status])).toEqual([[a.id, 1, 'confirmed']]);
      // the reduced booking keeps its reminders
      const startMs = new Date(start).getTime();
      const due = await store.activities.claimDueReminders(new Date(startMs - H), 100);
      expect(due.filter((x) => x.userId === 'u1').map((x) => x.kind).sort()).toEqual(['day_before', 'two_hours']);
    });

    it('reduces a waiting booking in its place (promoted when it now fits), and refuses what is no reduction', async () => {
      const a = await make(2);
      await book(a.id, 'u1', 1);
      await book(a.id, 'w1', 2); // 1 seat free, needs 2
      await book(a.id, 'w2', 2);
      expect((await store.activities.listByActivity(a.id)).waitlist.map((b) => b.userId)).toEqual(['w1', 'w2']);
      const w2 = await store.activities.reduceSeats(a.id, 'w2', 1, now); // fits the free seat now; w1 still does not
      expect(w2).toMatchObject({ status: 'reduced', from: 2, booking: { userId: 'w2', seats: 1, status: 'confirmed' }, promoted: [] });
      expect((await store.activities.get(a.id))!.seatsTaken).toBe(2);
      const w1 = await store.activities.reduceSeats(a.id, 'w1', 1, now); // nothing free: waits, first in line
      expect(w1).toMatchObject({ status: 'reduced', booking: { userId: 'w1', seats: 1, status: 'waitlisted', waitlistPosition: 1 }, promoted: [] });
      expect(await store.activities.reduceSeats(a.id, 'u1', 1, now)).toMatchObject({ status: 'invalid', booking: { userId: 'u1', seats: 1 } });
      expect(await store.activities.reduceSeats(a.id, 'w1', 0, now)).toMatchObject({ status: 'invalid' });
      expect(await store.activities.reduceSeats(a.id, 'nobody', 1, now)).toEqual({ status: 'not_found' });
      expect(await store.activities.reduceSeats('424242', 'u1', 1, now)).toEqual({ status: 'not_found' });
      await store.activities.cancel(a.id, 'u1', now);
      expect(await store.activities.reduceSeats(a.id, 'u1', 1, now)).toEqual({ status: 'not_found' });
    });

    it('raises a confirmed booking when the extra seats are free, keeping its reminders; refuses what does not fit', async () => {
      const a = await make(4, { maxSeatsPerBooking: 3 });
      await book(a.id, 'u1', 1);
      await book(a.id, 'u2', 2);
      const r = await store.activities.raiseSeats(a.id, 'u1', 2, now);
      expect(r).toMatchObject({ status: 'raised', from: 1, booking: { userId: 'u1', seats: 2, status: 'confirmed' } });
      expect((await store.activities.get(a.id))!.seatsTaken).toBe(4);
      expect((await store.activities.listByUser('u1')).map((b) => [b.activityId, b.seats, b.status])).toEqual([[a.id, 2, 'confirmed']]);
      // nothing free now: no room, nothing changed
      expect(await store.activities.raiseSeats(a.id, 'u2', 3, now)).toMatchObject({ status: 'no_room', free: 0, booking: { userId: 'u2', seats: 2 } });
      expect(await store.activities.raiseSeats(a.id, 'u1', 4, now)).toMatchObject({ status: 'too_many_seats', max: 3 });
      expect(await store.activities.raiseSeats(a.id, 'u1', 2, now)).toMatchObject({ status: 'invalid', booking: { seats: 2 } });
      expect(await store.activities.raiseSeats(a.id, 'nobody', 2, now)).toEqual({ status: 'not_found' });
      expect(await store.activities.raiseSeats('424242', 'u1', 2, now)).toEqual({ status: 'not_found' });
      expect((await store.activities.get(a.id))!.seatsTaken).toBe(4);
      const due = await store.activities.claimDueReminders(new Date(new Date(start).getTime() - H), 100);
      expect(due.filter((x) => x.userId === 'u1').map((x) => x.kind).sort()).toEqual(['day_before', 'two_hours']);
      await store.activities.setSignupOpen(a.id, false);
      await store.activities.cancel(a.id, 'u2', now);
      expect(await store.activities.raiseSeats(a.id, 'u1', 3, now)).toMatchObject({ status: 'closed', reason: 'closed' });
    });

    it('a waiting booking that fits the free seats goes before a raise', async () => {
      const a = await make(2);
      await book(a.id, 'u1', 1);
      await book(a.id, 'u2', 1);
      await book(a.id, 'w1', 1); // waits
      await store.activities.update(a.id, { capacity: 3 }); // one seat more, nobody promoted yet
      expect(await store.activities.raiseSeats(a.id, 'u1', 2, now)).toMatchObject({ status: 'no_room', free: 1, booking: { seats: 1 } });
      expect((await store.activities.get(a.id))!.seatsTaken).toBe(2);
    });

    it('a waiting booking is raised in its place; one too big for the free seats does not block a raise', async () => {
      const a = await make(3);
      await book(a.id, 'u1', 1);
      await book(a.id, 'u2', 1);
      await book(a.id, 'w1', 2); // 1 free, needs 2: waits
      await store.activities.cancel(a.id, 'u2', now); // 2 free: w1 is promoted
      await book(a.id, 'w2', 1); // nothing free: waits
      await store.activities.reduceSeats(a.id, 'w1', 1, now); // 1 free again: w2 (fits) is promoted
      expect((await store.activities.get(a.id))!.seatsTaken).toBe(3);
      await book(a.id, 'w3', 1); // waits, first in line
      expect(await store.activities.raiseSeats(a.id, 'w3', 2, now)).toMatchObject({ status: 'raised', from: 1, booking: { seats: 2, status: 'waitlisted', waitlistPosition: 1 } });
      await store.activities.cancel(a.id, 'w2', now); // 1 free: w3 now needs 2 and keeps waiting
      expect((await store.activities.listByActivity(a.id)).waitlist.map((b) => [b.userId, b.seats])).toEqual([['w3', 2]]);
      await book(a.id, 'w4', 1); // 1 free, w3 does not fit it: w4 is confirmed
      expect((await store.activities.get(a.id))!.seatsTaken).toBe(3);
      await store.activities.cancel(a.id, 'w4', now); // 1 free, w3 still waits
      await book(a.id, 'w5', 1); // w5 fits: confirmed; nothing free
      await store.activities.cancel(a.id, 'w5', now);
      // 1 free and the waiting w3 needs 2: it does not fit, so u1 may take the free seat
      expect(await store.activities.raiseSeats(a.id, 'u1', 2, now)).toMatchObject({ status: 'raised', booking: { seats: 2, status: 'confirmed' } });
      expect((await store.activities.get(a.id))!.seatsTaken).toBe(3);
    });

    it('cancels a waitlisted booking, reports nothing to cancel, and allows booking again', async () => {
      const a = await make(1);
      await book(a.id, 'u1');
      await book(a.id, 'w1');
      await book(a.id, 'w2');
      const c = await store.activities.cancel(a.id, 'w1', now);
      expect(c.cancelled?.status).toBe('cancelled');
      expect(c.promoted).toEqual([]);
      expect((await store.activities.listByActivity(a.id)).waitlist.map((b) => [b.userId, b.waitlistPosition])).toEqual([['w2', 1]]);
      expect(await store.activities.cancel(a.id, 'nobody', now)).toEqual({ cancelled: null, promoted: [] });
      expect(await store.activities.cancel('424242', 'u1', now)).toEqual({ cancelled: null, promoted: [] });
      expect(await book(a.id, 'w1')).toMatchObject({ status: 'waitlisted', position: 2 });
    });

    it('lists the active bookings of a user with waitlist positions', async () => {
      const a = await make(1);
      const b = await store.activities.create({ title: '健康讲座', category: '讲座', startAt: new Date(now.getTime() + 24 * 5 * H).toISOString(), place: '礼堂', capacity: 5 }, now);
      await book(a.id, 'x');
      await book(a.id, 'y');
      await book(a.id, 'me');
      await book(b.id, 'me', 2);
      const mine = await store.activities.listByUser('me');
      expect(mine.map((m) => [m.activityId, m.status, m.waitlistPosition ?? null, m.seats])).toEqual([
        [a.id, 'waitlisted', 2, 1],
        [b.id, 'confirmed', null, 2],
      ]);
      await store.activities.cancel(b.id, 'me', now);
      expect((await store.activities.listByUser('me')).map((m) => m.activityId)).toEqual([a.id]);
      expect(await store.activities.listByUser('ghost')).toEqual([]);
    });

    it('cancels an activity and returns everyone who was booked', async () => {
      const a = await make(1);
      await book(a.id, 'u1');
      await book(a.id, 'u2');
      const told = await store.activities.cancelActivity(a.id, now);
      expect(told.map((b) => [b.userId, b.status])).toEqual([
        ['u1', 'confirmed'],
        ['u2', 'waitlisted'],
      ]);
      expect(await store.activities.get(a.id)).toMatchObject({ status: 'cancelled', seatsTaken: 0 });
      expect(await store.activities.listByUser('u1')).toEqual([]);
      expect((await store.activities.list()).map((x) => x.id)).not.toContain(a.id);
      expect((await store.activities.list({ includeCancelled: true })).map((x) => x.id)).toContain(a.id);
      expect(await store.activities.claimDueReminders(new Date(now.getTime() + 10 * 24 * H), 100)).toEqual([]);
    });

    it('creates reminders a day and two hours before, claims each once, removes them on cancel', async () => {
      const a = await make(2);
      await book(a.id, 'u1');
      await book(a.id, 'u2');
      await book(a.id, 'w1');
      const startMs = new Date(start).getTime();
      expect(await store.activities.claimDueReminders(new Date(startMs - 25 * H), 100)).toEqual([]);
      const day = await store.activities.claimDueReminders(new Date(startMs - 24 * H), 100);
      expect(day.map((r) => [r.userId, r.kind]).sort()).toEqual([
        ['u1', 'day_before'],
        ['u2', 'day_before'],
      ]);
      expect(day[0]).toMatchObject({ activityId: a.id, dueAt: new Date(startMs - 24 * H).toISOString() });
      expect(day.find((r) => r.userId === 'u1')!.chat).toEqual(chat('u1'));
      expect(await store.activities.claimDueReminders(new Date(startMs - 24 * H), 100)).toEqual([]);
      const c = await store.activities.cancel(a.id, 'u2', new Date(startMs - 5 * H));
      expect(c.promoted.map((b) => b.userId)).toEqual(['w1']);
      const claims = await Promise.all(Array.from({ length: 4 }, () => store.activities.claimDueReminders(new Date(startMs - H), 100)));
      expect(claims.flat().map((r) => [r.userId, r.kind]).sort()).toEqual([
        ['u1', 'two_hours'],
        ['w1', 'two_hours'],
      ]);
    });

    it('skips reminders whose time has already passed when the booking is made', async () => {
      const a = await make(2);
      const startMs = new Date(start).getTime();
      await book(a.id, 'u1', 1, new Date(startMs - 3 * H));
      const due = await store.activities.claimDueReminders(new Date(startMs - 1), 100);
      expect(due.map((r) => r.kind)).toEqual(['two_hours']);
    });

    it('drops reminders of an activity that has already started', async () => {
      const a = await make(2);
      await book(a.id, 'u1');
      expect(await store.activities.claimDueReminders(new Date(new Date(start).getTime() + 1), 100)).toEqual([]);
    });

    it('claims at most `limit` reminders per call', async () => {
      const a = await make(5);
      for (const u of ['a', 'b', 'c']) await book(a.id, u);
      const startMs = new Date(start).getTime();
      const first = await store.activities.claimDueReminders(new Date(startMs - H), 4);
      const second = await store.activities.claimDueReminders(new Date(startMs - H), 4);
      expect(first).toHaveLength(4);
      expect(second).toHaveLength(2);
      expect(new Set([...first, ...second].map((r) => r.id)).size).toBe(6);
    });
  });
}
