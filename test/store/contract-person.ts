/**
 * Store contract: a person is "channel:userId" (src/core/person.ts). The same platform user id on two
 * channels is two people: their bookings, waitlist places, reminders and tickets never mix; and data
 * written before person ids (bare user ids) is found under the person id after an upgrade.
 * Run against every Store.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { Store } from '../../src/store/types.js';
import type { ChannelName, ChatRef } from '../../src/core/types.js';
import type { StoreFactory } from './contract-core.js';

const H = 3600_000;
const now = new Date('2026-12-01T02:00:00Z');
const start = new Date(now.getTime() + 3 * 24 * H).toISOString();

function chatOf(channel: ChannelName, userId: string, chatId = userId): ChatRef {
  return { channel, chatId, chatType: chatId === userId ? 'private' : 'group', userId };
}

/** Registers the person-id contract (same id, different channels) for one implementation. */
export function personContract(makeStore: StoreFactory): void {
  describe('person ids', () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('books, lists and cancels the same platform id on two channels as two people', async () => {
      const a = await store.activities.create({ title: '象棋比赛', category: '棋牌', startAt: start, place: '活动中心', capacity: 3 }, now);
      const wx = await store.activities.book({ activityId: a.id, userId: 'wechat:123', seats: 1, chat: chatOf('wechat', '123') }, now);
      const tg = await store.activities.book({ activityId: a.id, userId: 'telegram:123', seats: 2, chat: chatOf('telegram', '123') }, now);
      expect([wx.status, tg.status]).toEqual(['confirmed', 'confirmed']); // not a duplicate of each other
      expect((await store.activities.listByUser('wechat:123')).map((b) => [b.activityId, b.seats])).toEqual([[a.id, 1]]);
      expect((await store.activities.listByUser('telegram:123')).map((b) => [b.activityId, b.seats])).toEqual([[a.id, 2]]);
      expect(await store.activities.listByUser('123')).toEqual([]);
      expect(await store.activities.listByUser('http:123')).toEqual([]);

      expect((await store.activities.cancel(a.id, 'http:123', now)).cancelled).toBeNull();
      expect((await store.activities.cancel(a.id, 'telegram:123', now)).cancelled).toMatchObject({ userId: 'telegram:123', seats: 2 });
      expect((await store.activities.listByUser('wechat:123')).map((b) => b.status)).toEqual(['confirmed']);
      expect(await store.activities.listByUser('telegram:123')).toEqual([]);
      expect((await store.activities.get(a.id))!.seatsTaken).toBe(1);
      const due = await store.activities.claimDueReminders(new Date(new Date(start).getTime() - H), 100);
      expect(due.map((r) => r.userId)).toEqual(['wechat:123', 'wechat:123']);
    });

    it('lists the tickets of one person, not of the same id on another channel', async () => {
      const base = { category: 'complaint' as const, text: '楼道灯坏了' };
      const wx = await store.tickets.create({ ...base, userId: 'wechat:123', chat: chatOf('wechat', '123') }, now);
      const tg = await store.tickets.create({ ...base, userId: 'telegram:123', chat: chatOf('telegram', '123') }, now);
      expect((await store.tickets.list({ userId: 'wechat:123' })).map((t) => t.no)).toEqual([wx.ticket.no]);
      expect((await store.tickets.list({ userId: 'telegram:123' })).map((t) => t.no)).toEqual([tg.ticket.no]);
      expect(await store.tickets.list({ userId: '123' })).toEqual([]);
    });
  });
}

/** A store whose data can be written the way versions before person ids wrote it, then upgraded. */
export interface Upgradable {
  /** Opens a store and sets it back to the version before person ids (so bare ids written now stay bare). */
  openOld(): Promise<Store>;
  /** Closes `old` and opens the same data with this version's code (which migrates it). */
  upgrade(old: Store): Promise<Store>;
  /** The store's data version (SQLite user_version, Redis <prefix>:schema). */
  version(store: Store): Promise<number>;
  /** Removes the data (after the test). */
  destroy(store: Store): Promise<void>;
}

/** Registers the upgrade tests: data written with bare user ids is found after the upgrade. */
export function personMigrationContract(u: Upgradable): void {
  describe('upgrade to person ids', () => {
    let store: Store;
    afterEach(async () => {
      await u.destroy(store);
    });

    it('finds bookings, waitlist places, reminders and tickets written with bare user ids under channel:userId', async () => {
      store = await u.openOld();
      expect(await u.version(store)).toBe(0);
      const acts = store.activities;
      // The way older versions wrote it: userId = the platform id alone.
      const small = await acts.create({ title: '门球友谊赛', category: '球类', startAt: start, place: '门球场', capacity: 1 }, now);
      const talk = await acts.create({ title: '健康讲座', category: '讲座', startAt: start, place: '报告厅', capacity: 30 }, now);
      const book = (activityId: string, channel: ChannelName, userId: string, chatId = userId) =>
        acts.book({ activityId, userId, userName: `名${userId}`, seats: 1, chat: chatOf(channel, userId, chatId) }, now);
      expect((await book(small.id, 'wechat', '123', 'room1')).status).toBe('confirmed');
      expect((await book(small.id, 'telegram', 'u2')).status).toBe('waitlisted');
      expect((await book(small.id, 'http', 'u3')).status).toBe('waitlisted');
      expect((await book(talk.id, 'telegram', '123')).status).toBe('confirmed'); // another person with the same id
      await book(talk.id, 'http', 'gone');
      await acts.cancel(talk.id, 'gone', now);
      const ticket = (channel: ChannelName, userId: string, text: string, messageId?: string) =>
        store.tickets.create(
          { userId, userName: `名${userId}`, chat: chatOf(channel, userId), category: 'hospitalization', text, details: { hospital: '市人民医院', mayCall: true }, ...(messageId ? { messageId } : {}) },
          now,
        );
      const wxTicket = (await ticket('wechat', '123', '我老伴住院了', `wechat:123:123:m1`)).ticket;
      const tgTicket = (await ticket('telegram', '123', '我住院了')).ticket;
      expect((await acts.listByUser('123')).map((b) => b.activityId).sort()).toEqual([small.id, talk.id].sort()); // the defect

      store = await u.upgrade(store);
      expect(await u.version(store)).toBeGreaterThanOrEqual(1);
      const mine = async (person: string) => (await store.activities.listByUser(person)).map((b) => [b.activityId, b.status, b.waitlistPosition ?? 0, b.chat.channel]);
      expect(await mine('wechat:123')).toEqual([[small.id, 'confirmed', 0, 'wechat']]);
      expect(await mine('telegram:123')).toEqual([[talk.id, 'confirmed', 0, 'telegram']]);
      expect(await mine('telegram:u2')).toEqual([[small.id, 'waitlisted', 1, 'telegram']]);
      expect(await mine('http:u3')).toEqual([[small.id, 'waitlisted', 2, 'http']]);
      expect(await mine('123')).toEqual([]);
      expect(await mine('http:gone')).toEqual([]);
      const roster = await store.activities.listByActivity(small.id);
      expect(roster.confirmed.map((b) => [b.userId, b.userName, b.chat.chatId])).toEqual([['wechat:123', '名123', 'room1']]);
      expect(roster.waitlist.map((b) => b.userId)).toEqual(['telegram:u2', 'http:u3']); // queue order kept

      // The migrated booking is the one the duplicate check, cancel and promotion see.
      expect((await store.activities.book({ activityId: small.id, userId: 'wechat:123', seats: 1, chat: chatOf('wechat', '123', 'room1') }, now)).status).toBe('duplicate');
      const out = await store.activities.cancel(small.id, 'wechat:123', now);
      expect(out.cancelled).toMatchObject({ userId: 'wechat:123', status: 'cancelled' });
      expect(out.promoted.map((b) => b.userId)).toEqual(['telegram:u2']);
      expect((await store.activities.listByActivity(small.id)).waitlist.map((b) => [b.userId, b.waitlistPosition])).toEqual([['http:u3', 1]]);
      // Reminders: the cancelled person's are gone with the booking; the others carry the person id.
      const due = await store.activities.claimDueReminders(new Date(new Date(start).getTime() - H), 100);
      expect(due.map((r) => `${r.activityId}:${r.userId}:${r.kind}:${r.chat.channel}`).sort()).toEqual(
        [`${small.id}:telegram:u2:day_before:telegram`, `${small.id}:telegram:u2:two_hours:telegram`, `${talk.id}:telegram:123:day_before:telegram`, `${talk.id}:telegram:123:two_hours:telegram`].sort(),
      );

      expect((await store.tickets.list({ userId: 'wechat:123' })).map((t) => t.no)).toEqual([wxTicket.no]);
      expect((await store.tickets.list({ userId: 'telegram:123' })).map((t) => t.no)).toEqual([tgTicket.no]);
      expect(await store.tickets.list({ userId: '123' })).toEqual([]);
      expect(await store.tickets.get(wxTicket.no)).toEqual({ ...wxTicket, userId: 'wechat:123' }); // nothing else changed
      const again = await store.tickets.create({ userId: 'wechat:123', chat: chatOf('wechat', '123'), category: 'other', text: '重发', messageId: 'wechat:123:123:m1' }, now);
      expect(again).toMatchObject({ duplicate: true, ticket: { no: wxTicket.no } });

      // Opened once more: migrated once, never twice.
      store = await u.upgrade(store);
      expect((await store.tickets.get(tgTicket.no))!.userId).toBe('telegram:123');
      expect(await mine('http:u3')).toEqual([[small.id, 'waitlisted', 1, 'http']]);
    });

    it('keeps apart an old bare id that already looks like a person id ("wechat:x" typed by an API caller)', async () => {
      store = await u.openOld();
      const a = await store.activities.create({ title: '书法班', category: '老年大学', startAt: start, place: '201教室', capacity: 5 }, now);
      await store.activities.book({ activityId: a.id, userId: 'x', seats: 1, chat: chatOf('wechat', 'x') }, now);
      await store.activities.book({ activityId: a.id, userId: 'wechat:x', seats: 2, chat: chatOf('http', 'wechat:x') }, now);
      store = await u.upgrade(store);
      expect((await store.activities.listByUser('wechat:x')).map((b) => [b.seats, b.chat.channel])).toEqual([[1, 'wechat']]);
      expect((await store.activities.listByUser('http:wechat:x')).map((b) => [b.seats, b.chat.channel])).toEqual([[2, 'http']]);
      expect((await store.activities.get(a.id))!.seatsTaken).toBe(3);
    });

    it('starts a new store at the current version', async () => {
      store = await u.openOld();
      store = await u.upgrade(store);
      const fresh = await u.version(store);
      store = await u.upgrade(store);
      expect(await u.version(store)).toBe(fresh);
      expect(fresh).toBeGreaterThanOrEqual(1);
    });
  });
}
