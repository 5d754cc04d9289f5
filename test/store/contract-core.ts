/** Store contract: dialog state, seen ids, audit, outbox, inbox, ratings. Run against every Store. */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { Store } from '../../src/store/types.js';

export type StoreFactory = () => Promise<Store>;

/** Registers the core contract tests for one implementation. */
export function coreContract(makeStore: StoreFactory): void {
  describe('core', () => {
    let store: Store;
    const t0 = new Date('2026-12-01T08:00:00Z');
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps dialog state until it expires', async () => {
      const state = { flow: 'booking', step: 'confirm', data: { activityId: 'a1', seats: 2 }, updatedAt: t0.toISOString() };
      await store.setDialog('http:c1:u1', state, 30 * 60_000, t0);
      expect(await store.getDialog('http:c1:u1', new Date(t0.getTime() + 29 * 60_000))).toEqual(state);
      expect(await store.getDialog('http:c1:u1', new Date(t0.getTime() + 31 * 60_000))).toBeNull();
      expect(await store.getDialog('http:c1:other', t0)).toBeNull();
    });

    it('clears dialog state', async () => {
      await store.setDialog('k', { flow: 'f', step: 's', data: {}, updatedAt: t0.toISOString() }, 60_000, t0);
      await store.clearDialog('k');
      expect(await store.getDialog('k', t0)).toBeNull();
    });

    it('reports a message id as new once, and again after it expires', async () => {
      expect(await store.markSeen('m1', 60_000, t0)).toBe(true);
      expect(await store.markSeen('m1', 60_000, t0)).toBe(false);
      expect(await store.markSeen('m2', 60_000, t0)).toBe(true);
      expect(await store.markSeen('m1', 60_000, new Date(t0.getTime() + 61_000))).toBe(true);
    });

    it('counts failures per key atomically, lapsing a while after the last one, and forgets them on request', async () => {
      const later = (ms: number) => new Date(t0.getTime() + ms);
      expect(await store.getFailures('login:user:li', t0)).toBeNull();
      expect(await store.countFailure('login:user:li', 60_000, t0)).toEqual({ count: 1, lastAt: t0.getTime() });
      expect((await store.countFailure('login:user:li', 60_000, later(30_000))).count).toBe(2);
      expect(await store.getFailures('login:user:li', later(80_000))).toEqual({ count: 2, lastAt: t0.getTime() + 30_000 });
      expect(await store.getFailures('login:user:li', later(90_001))).toBeNull(); // 60 s after the last one
      expect((await store.countFailure('login:user:li', 60_000, later(100_000))).count).toBe(1);
      const counts = await Promise.all(Array.from({ length: 20 }, () => store.countFailure('login:ip:1.2.3.4', 60_000, t0)));
      expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      await store.clearFailures('login:ip:1.2.3.4');
      expect(await store.getFailures('login:ip:1.2.3.4', t0)).toBeNull();
      expect(await store.getFailures('login:user:li', later(100_000))).not.toBeNull();
    });

    it('marks a message id as seen exactly once under concurrency', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => store.markSeen('race', 60_000, t0)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('claims a message id once; done ids stay refused until they expire', async () => {
      const opts = { leaseMs: 60_000, takeoverMs: 15_000 };
      expect(await store.claimMessage('c1', 'A', opts, t0)).toBe(true);
      expect(await store.claimMessage('c1', 'A', opts, t0)).toBe(false); // in flight here
      await store.completeMessage('c1', 120_000, t0);
      expect(await store.claimMessage('c1', 'B', opts, new Date(t0.getTime() + 60_000))).toBe(false);
      expect(await store.claimMessage('c1', 'A', opts, new Date(t0.getTime() + 121_000))).toBe(true);
    });

    it('a released claim can be claimed again', async () => {
      const opts = { leaseMs: 60_000, takeoverMs: 15_000 };
      expect(await store.claimMessage('c2', 'A', opts, t0)).toBe(true);
      await store.releaseMessage('c2');
      expect(await store.claimMessage('c2', 'A', opts, t0)).toBe(true);
    });

    it("takes over another owner's unfinished claim after takeoverMs at the latest", async () => {
      const opts = { leaseMs: 60_000, takeoverMs: 15_000 };
      expect(await store.claimMessage('c3', 'dead', opts, t0)).toBe(true);
      expect(await store.claimMessage('c3', 'alive', opts, new Date(t0.getTime() + 16_000))).toBe(true);
      expect(await store.claimMessage('c3', 'alive', opts, new Date(t0.getTime() + 17_000))).toBe(false);
    });

    it('one claim wins under concurrency', async () => {
      const opts = { leaseMs: 60_000, takeoverMs: 15_000 };
      const results = await Promise.all(Array.from({ length: 20 }, () => store.claimMessage('c4', 'A', opts, t0)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('keeps an audit log, newest first, filterable by subject', async () => {
      await store.audit({ at: t0.toISOString(), actor: 'staff:li', action: 'ticket.reply', subject: 'FK1', detail: { n: 1 } });
      await store.audit({ at: t0.toISOString(), actor: 'staff:wang', action: 'ticket.close', subject: 'FK2' });
      const all = await store.listAudit();
      expect(all.map((e) => e.action)).toEqual(['ticket.close', 'ticket.reply']);
      const one = await store.listAudit({ subject: 'FK1' });
      expect(one).toHaveLength(1);
      expect(one[0]!.detail).toEqual({ n: 1 });
    });

    it('delivers each outbox message to one claimer, and again after its lease runs out', async () => {
      const to = { channel: 'http' as const, chatId: 'c1' };
      const m1 = await store.enqueueOutbox({ to, text: '一' }, t0);
      await store.enqueueOutbox({ to: { channel: 'wechat', chatId: 'room' }, text: '二' }, t0);
      const first = await store.claimOutbox(['http'], 10, 1000, t0);
      expect(first.map((m) => m.text)).toEqual(['一']);
      expect(first[0]!.id).toBe(m1.id);
      expect(await store.claimOutbox(['http'], 10, 1000, t0)).toEqual([]);
      const again = await store.claimOutbox(['http'], 10, 1000, new Date(t0.getTime() + 1001));
      expect(again.map((m) => m.id)).toEqual([m1.id]);
      expect(again[0]!.attempts).toBe(2);
      await store.ackOutbox(m1.id);
      expect(await store.claimOutbox(['http'], 10, 1000, new Date(t0.getTime() + 5000))).toEqual([]);
      const wechat = await store.claimOutbox(['wechat', 'telegram'], 10, 1000, t0);
      expect(wechat.map((m) => m.text)).toEqual(['二']);
    });

    it('claims outbox messages once under concurrency', async () => {
      for (let i = 0; i < 10; i++) await store.enqueueOutbox({ to: { channel: 'http', chatId: 'c' }, text: String(i) }, t0);
      const claims = await Promise.all(Array.from({ length: 5 }, () => store.claimOutbox(['http'], 10, 60_000, t0)));
      const ids = claims.flat().map((m) => m.id);
      expect(ids).toHaveLength(10);
      expect(new Set(ids).size).toBe(10);
    });

    it('hands web chat inbox messages out once, in order', async () => {
      await store.pushInbox('u1', { text: 'a' }, t0);
      await store.pushInbox('u1', { text: 'b', options: [{ key: '1', label: '确认' }] }, t0);
      const got = await store.takeInbox('u1');
      expect(got.map((m) => m.text)).toEqual(['a', 'b']);
      expect(got[1]!.options).toEqual([{ key: '1', label: '确认' }]);
      expect(await store.takeInbox('u1')).toEqual([]);
    });

    it('stores answer ratings', async () => {
      await store.rateAnswer({ userId: 'u1', question: '体检', answerRef: 'faq:1', helpful: true, at: t0.toISOString() });
      await store.rateAnswer({ userId: 'u2', question: '报销', answerRef: 'doc:2', helpful: false, at: t0.toISOString() });
      const list = await store.listAnswerRatings();
      expect(list.map((r) => [r.userId, r.helpful])).toEqual([
        ['u2', false],
        ['u1', true],
      ]);
    });

    it('answers ping', async () => {
      expect(await store.ping()).toBe(true);
    });
  });
}
