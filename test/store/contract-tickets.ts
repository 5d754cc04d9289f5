/** Store contract: feedback tickets and staff accounts. Run against every Store (SQLite, Redis). */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { Store } from '../../src/store/types.js';
import type { Ticket } from '../../src/store/ticket-types.js';

export type StoreFactory = () => Promise<Store>;

const chat = { channel: 'http' as const, chatId: 'c1', chatType: 'private' as const };

function input(overrides: Partial<Ticket> = {}): Omit<Ticket, 'no' | 'status' | 'createdAt' | 'updatedAt'> {
  return { userId: 'u1', userName: '张老', chat, category: 'complaint', text: '楼道灯坏了', ...overrides };
}

/** Registers the ticket contract tests for one implementation. */
export function ticketContract(makeStore: StoreFactory): void {
  describe('tickets', () => {
    let store: Store;
    // 2026-11-27 23:30 in Shanghai is 15:30 UTC; the number counts by the Shanghai day.
    const t0 = new Date('2026-11-27T15:30:00Z');
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('numbers tickets per Shanghai day, starting at 0001', async () => {
      const a = await store.tickets.create(input(), t0);
      const b = await store.tickets.create(input({ text: '第二件' }), new Date(t0.getTime() + 60_000));
      const c = await store.tickets.create(input({ text: '次日' }), new Date('2026-11-27T16:00:00Z')); // 00:00 on the 28th
      expect(a.ticket.no).toBe('FK20261127-0001');
      expect(b.ticket.no).toBe('FK20261127-0002');
      expect(c.ticket.no).toBe('FK20261128-0001');
      expect(a.duplicate).toBe(false);
      expect(a.ticket.status).toBe('new');
      expect(await store.tickets.get('FK20261127-0001')).toEqual(a.ticket);
      expect(await store.tickets.get('FK20990101-0001')).toBeNull();
    });

    it('keeps every field it was given', async () => {
      const { ticket } = await store.tickets.create(
        input({ category: 'hospitalization', details: { hospital: '市人民医院', mayCall: true }, messageId: 'm-keep' }),
        t0,
      );
      const read = await store.tickets.get(ticket.no);
      expect(read).toMatchObject({
        userId: 'u1',
        userName: '张老',
        chat,
        category: 'hospitalization',
        text: '楼道灯坏了',
        details: { hospital: '市人民医院', mayCall: true },
        messageId: 'm-keep',
        createdAt: t0.toISOString(),
      });
    });

    it('returns the existing ticket for a repeated messageId', async () => {
      const first = await store.tickets.create(input({ messageId: 'm1' }), t0);
      const again = await store.tickets.create(input({ messageId: 'm1', text: '重发' }), t0);
      expect(again.duplicate).toBe(true);
      expect(again.ticket.no).toBe(first.ticket.no);
      expect(again.ticket.text).toBe('楼道灯坏了');
      expect(await store.tickets.list()).toHaveLength(1);
    });

    it('allocates distinct numbers and dedupes under concurrency', async () => {
      const made = await Promise.all(
        Array.from({ length: 30 }, (_, i) => store.tickets.create(input({ messageId: `m${i % 10}`, text: `t${i}` }), t0)),
      );
      const fresh = made.filter((m) => !m.duplicate);
      expect(fresh).toHaveLength(10);
      expect(new Set(made.map((m) => m.ticket.no)).size).toBe(10);
      const nos = fresh.map((m) => m.ticket.no).sort();
      expect(nos[0]).toBe('FK20261127-0001');
      expect(nos[9]).toBe('FK20261127-0010');
    });

    it('lists newest first and filters by status, category and user', async () => {
      const a = (await store.tickets.create(input({ category: 'suggestion' }), t0)).ticket;
      const b = (await store.tickets.create(input({ userId: 'u2' }), new Date(t0.getTime() + 1000))).ticket;
      const c = (await store.tickets.create(input({ category: 'hospitalization' }), new Date(t0.getTime() + 2000))).ticket;
      await store.tickets.setStatus(b.no, 'accepted', 'staff:li', t0);
      expect((await store.tickets.list()).map((t) => t.no)).toEqual([c.no, b.no, a.no]);
      expect((await store.tickets.list({ status: 'new' })).map((t) => t.no)).toEqual([c.no, a.no]);
      expect((await store.tickets.list({ status: ['accepted', 'closed'] })).map((t) => t.no)).toEqual([b.no]);
      expect((await store.tickets.list({ category: 'suggestion' })).map((t) => t.no)).toEqual([a.no]);
      expect((await store.tickets.list({ userId: 'u2' })).map((t) => t.no)).toEqual([b.no]);
      expect((await store.tickets.list({ since: new Date(t0.getTime() + 1500) })).map((t) => t.no)).toEqual([c.no]);
      expect(await store.tickets.list({ limit: 2 })).toHaveLength(2);
    });

    it('moves through the lifecycle and keeps every change in the history', async () => {
      const { ticket } = await store.tickets.create(input(), t0);
      const at = (min: number) => new Date(t0.getTime() + min * 60_000);
      await store.tickets.setStatus(ticket.no, 'accepted', 'staff:li', at(1));
      await store.tickets.setStatus(ticket.no, 'in_progress', 'staff:li', at(2));
      const replied = await store.tickets.addReply(ticket.no, '已安排电工明天上门', 'staff:li', at(3));
      expect(replied?.status).toBe('replied');
      expect(replied?.firstReplyAt).toBe(at(3).toISOString());
      await store.tickets.addReply(ticket.no, '电工已修好', 'staff:wang', at(4));
      expect((await store.tickets.get(ticket.no))?.firstReplyAt).toBe(at(3).toISOString());
      const closed = await store.tickets.setStatus(ticket.no, 'closed', 'staff:li', at(5));
      expect(closed?.closedAt).toBe(at(5).toISOString());
      const rated = await store.tickets.setRating(ticket.no, 5, 'user:u1', at(6));
      expect(rated?.ticket.rating).toBe(5);
      expect(rated?.rated).toBe(true);
      const reopened = await store.tickets.setStatus(ticket.no, 'accepted', 'staff:wang', at(7));
      expect(reopened?.closedAt).toBeUndefined();
      expect(reopened?.updatedAt).toBe(at(7).toISOString());

      const h = await store.tickets.history(ticket.no);
      expect(h.map((e) => [e.kind, e.actor, e.from ?? null, e.to ?? null])).toEqual([
        ['created', 'user:u1', null, 'complaint'],
        ['status', 'staff:li', 'new', 'accepted'],
        ['status', 'staff:li', 'accepted', 'in_progress'],
        ['reply', 'staff:li', null, null],
        ['status', 'staff:li', 'in_progress', 'replied'],
        ['reply', 'staff:wang', null, null],
        ['status', 'staff:li', 'replied', 'closed'],
        ['rating', 'user:u1', null, '5'],
        ['status', 'staff:wang', 'closed', 'accepted'],
      ]);
      expect(h[3]!.text).toBe('已安排电工明天上门');
      expect(h[3]!.at).toBe(at(3).toISOString());
    });

    it('logs a re-categorisation, and records nothing for a no-op change', async () => {
      const { ticket } = await store.tickets.create(input(), t0);
      await store.tickets.setStatus(ticket.no, 'new', 'staff:li', t0);
      await store.tickets.setCategory(ticket.no, 'complaint', 'staff:li', t0);
      const moved = await store.tickets.setCategory(ticket.no, 'help_request', 'staff:li', t0);
      expect(moved?.category).toBe('help_request');
      const h = await store.tickets.history(ticket.no);
      expect(h.map((e) => [e.kind, e.from ?? null, e.to ?? null])).toEqual([
        ['created', null, 'complaint'],
        ['category', 'complaint', 'help_request'],
      ]);
    });

    it('refuses ratings outside 1-5 and returns null for unknown tickets', async () => {
      const { ticket } = await store.tickets.create(input(), t0);
      await expect(store.tickets.setRating(ticket.no, 6, 'user:u1', t0)).rejects.toThrow();
      await expect(store.tickets.setRating(ticket.no, 0, 'user:u1', t0)).rejects.toThrow();
      expect((await store.tickets.get(ticket.no))?.rating).toBeUndefined();
      expect(await store.tickets.setStatus('FK20000101-0001', 'closed', 'x', t0)).toBeNull();
      expect(await store.tickets.addReply('FK20000101-0001', 'x', 'x', t0)).toBeNull();
      expect(await store.tickets.history('FK20000101-0001')).toEqual([]);
    });

    it('updates details and summary without touching the history', async () => {
      const { ticket } = await store.tickets.create(input(), t0);
      const u = await store.tickets.update(ticket.no, { details: { phone: '13800000000' }, summary: '灯坏' });
      expect(u?.details).toEqual({ phone: '13800000000' });
      expect((await store.tickets.get(ticket.no))?.summary).toBe('灯坏');
      expect(await store.tickets.history(ticket.no)).toHaveLength(1);
    });

    it('keeps no lost update when replies race', async () => {
      const { ticket } = await store.tickets.create(input(), t0);
      await Promise.all(Array.from({ length: 8 }, (_, i) => store.tickets.addReply(ticket.no, `r${i}`, `staff:${i}`, t0)));
      const replies = (await store.tickets.history(ticket.no)).filter((e) => e.kind === 'reply');
      expect(replies).toHaveLength(8);
    });

    it('rates a ticket once: a second rating changes nothing and says it did not rate', async () => {
      const { ticket } = await store.tickets.create(input(), t0);
      const at = (min: number) => new Date(t0.getTime() + min * 60_000);
      await store.tickets.setStatus(ticket.no, 'closed', 'staff:li', at(1));
      const first = await store.tickets.setRating(ticket.no, 4, 'user:u1', at(2));
      expect(first).toMatchObject({ rated: true, ticket: { rating: 4, updatedAt: at(2).toISOString() } });
      const second = await store.tickets.setRating(ticket.no, 5, 'user:u1', at(3));
      expect(second?.rated).toBe(false);
      expect(second?.ticket.rating).toBe(4);
      const stored = await store.tickets.get(ticket.no);
      expect(stored).toMatchObject({ rating: 4, updatedAt: at(2).toISOString() });
      expect((await store.tickets.history(ticket.no)).filter((e) => e.kind === 'rating').map((e) => [e.from ?? null, e.to])).toEqual([[null, '4']]);
      // reopened by a low score or by staff, the ticket keeps its one rating
      await store.tickets.setStatus(ticket.no, 'accepted', 'staff:li', at(4));
      expect((await store.tickets.setRating(ticket.no, 1, 'user:u1', at(5)))?.rated).toBe(false);
      expect((await store.tickets.get(ticket.no))?.rating).toBe(4);
      expect(await store.tickets.setRating('FK20000101-0001', 3, 'user:u1', at(6))).toBeNull();
    });

    it('of ratings sent at the same time exactly one is recorded', async () => {
      const { ticket } = await store.tickets.create(input(), t0);
      await store.tickets.setStatus(ticket.no, 'closed', 'staff:li', t0);
      const outcomes = await Promise.all([1, 2, 3, 4, 5].map((r) => store.tickets.setRating(ticket.no, r, `user:u${r}`, t0)));
      const winners = outcomes.filter((o) => o?.rated === true);
      expect(winners).toHaveLength(1);
      const value = winners[0]!.ticket.rating;
      expect((await store.tickets.get(ticket.no))?.rating).toBe(value);
      for (const o of outcomes) expect(o?.ticket.rating).toBe(value);
      const events = (await store.tickets.history(ticket.no)).filter((e) => e.kind === 'rating');
      expect(events.map((e) => e.to)).toEqual([String(value)]);
    });

    it('stores staff accounts', async () => {
      const at = t0.toISOString();
      await store.staff.upsert({ username: 'li', displayName: '李干事', passwordHash: 'scrypt$a', createdAt: at });
      await store.staff.upsert({ username: 'wang', passwordHash: 'scrypt$b', createdAt: at });
      await store.staff.upsert({ username: 'li', displayName: '李干事', passwordHash: 'scrypt$c', createdAt: new Date().toISOString() });
      expect((await store.staff.get('li'))?.passwordHash).toBe('scrypt$c');
      expect((await store.staff.get('li'))?.createdAt).toBe(at);
      expect(await store.staff.get('nobody')).toBeNull();
      expect((await store.staff.list()).map((a) => a.username)).toEqual(['li', 'wang']);
    });
  });
}

/**
 * Registers the rating race between service instances: `openTwin(store)` opens a second store object on
 * the same data (closed by the suite). Ratings sent through both at once: one is recorded.
 */
export function ticketRatingTwinContract(makeStore: StoreFactory, openTwin: (store: Store) => Promise<Store>): void {
  describe('ticket rating on two instances', () => {
    let store: Store;
    let twin: Store | undefined;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await twin?.close();
      twin = undefined;
      await store.close();
    });

    it('two instances rating the same ticket at once record one rating', async () => {
      const t0 = new Date('2026-11-27T15:30:00Z');
      twin = await openTwin(store);
      for (let round = 0; round < 5; round++) {
        const { ticket } = await store.tickets.create(input({ text: `第${round}件` }), t0);
        await store.tickets.setStatus(ticket.no, 'closed', 'staff:li', t0);
        const [a, b] = await Promise.all([store.tickets.setRating(ticket.no, 5, 'user:u1', t0), twin.tickets.setRating(ticket.no, 2, 'user:u1', t0)]);
        expect([a?.rated, b?.rated].filter(Boolean)).toHaveLength(1);
        const value = a?.rated ? 5 : 2;
        expect((await twin.tickets.get(ticket.no))?.rating).toBe(value);
        expect((await store.tickets.history(ticket.no)).filter((e) => e.kind === 'rating')).toHaveLength(1);
      }
    });
  });
}
