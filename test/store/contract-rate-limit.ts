/**
 * Store contract: the per-person rate limit (Store.hitRateLimit). A sliding window of handled
 * messages per key, a flood cap for messages continuing a flow, one notice per window (none used up
 * when it cannot be shown), atomic under concurrency, and one count for every store object on the
 * same data (= every service instance). Run against every Store.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { RateRule, RateVerdict, Store } from '../../src/store/types.js';
import type { StoreFactory } from './contract-core.js';

const t0 = new Date('2026-12-01T08:00:00Z').getTime();
const at = (ms: number) => new Date(t0 + ms);
const MINUTE = 60_000;
const rule = (limit: number, floodLimit = limit * 5): RateRule => ({ limit, floodLimit, windowMs: MINUTE });
const plain = { inFlow: false, canNotify: true };
const inFlow = { inFlow: true, canNotify: true };

/**
 * Registers the rate-limit contract. `openTwin(store)` opens a second store object on the same data
 * (another service instance); it is closed by the suite.
 */
export function rateLimitContract(makeStore: StoreFactory, openTwin: (store: Store) => Promise<Store>): void {
  describe('rate limit', () => {
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

    /** The verdicts of `times` (ms after t0), one after another. */
    async function verdicts(key: string, r: RateRule, times: number[], opts = plain): Promise<RateVerdict[]> {
      const out: RateVerdict[] = [];
      for (const ms of times) out.push((await store.hitRateLimit(key, r, opts, at(ms))).verdict);
      return out;
    }

    it('handles up to the limit in a window, then tells once and stays quiet', async () => {
      const hits = [];
      for (let i = 0; i < 5; i++) hits.push(await store.hitRateLimit('http:u1', rule(3), plain, at(i * 1000)));
      expect(hits.map((h) => h.verdict)).toEqual(['ok', 'ok', 'ok', 'first_over', 'over']);
      expect(hits.map((h) => h.load)).toEqual([0, 1, 2, 3, 3]); // handled before each; refused ones do not count
    });

    it('lets a message continuing a flow through up to the flood cap, not beyond', async () => {
      expect(await verdicts('http:u1', rule(2, 4), [0, 1])).toEqual(['ok', 'ok']);
      expect(await verdicts('http:u1', rule(2, 4), [2, 3], inFlow)).toEqual(['ok', 'ok']);
      const capped = await store.hitRateLimit('http:u1', rule(2, 4), inFlow, at(4));
      expect(capped).toEqual({ verdict: 'first_over', load: 4 });
      expect(await verdicts('http:u1', rule(2, 4), [5], inFlow)).toEqual(['over']);
      expect(await verdicts('http:u1', rule(2, 4), [6])).toEqual(['over']);
    });

    it('a message outside a flow is refused at the limit while flows still fit under the cap', async () => {
      expect(await verdicts('http:u1', rule(2, 10), [0, 1])).toEqual(['ok', 'ok']);
      expect(await verdicts('http:u1', rule(2, 10), [2])).toEqual(['first_over']);
      expect(await verdicts('http:u1', rule(2, 10), [3], inFlow)).toEqual(['ok']);
      expect(await verdicts('http:u1', rule(2, 10), [4])).toEqual(['over']);
    });

    it('gives one notice per window, counted from the notice', async () => {
      expect(await verdicts('http:u1', rule(1), [0, 50_000])).toEqual(['ok', 'first_over']);
      // the handled one slid out: handled again; the notice at 50 s still covers 62 s
      expect(await verdicts('http:u1', rule(1), [61_000, 62_000, 109_000])).toEqual(['ok', 'over', 'over']);
      // 110.5 s: the notice is a window old, the handled one at 61 s is not: a second notice
      expect(await verdicts('http:u1', rule(1), [110_500, 111_000])).toEqual(['first_over', 'over']);
    });

    it('uses no notice up when none can be shown', async () => {
      expect(await verdicts('http:u1', rule(1), [0])).toEqual(['ok']);
      expect(await verdicts('http:u1', rule(1), [1, 2], { inFlow: false, canNotify: false })).toEqual(['over', 'over']);
      expect(await verdicts('http:u1', rule(1), [3, 4])).toEqual(['first_over', 'over']);
    });

    it('slides the window over handled messages only', async () => {
      expect(await verdicts('http:u1', rule(2), [0, 30_000, 45_000])).toEqual(['ok', 'ok', 'first_over']);
      for (let ms = 46_000; ms < 60_000; ms += 2000) expect((await store.hitRateLimit('http:u1', rule(2), plain, at(ms))).verdict).toBe('over');
      // the message of 0 s is in the window until a full window has passed
      expect(await verdicts('http:u1', rule(2), [59_999])).toEqual(['over']);
      const slid = await store.hitRateLimit('http:u1', rule(2), plain, at(60_000));
      expect(slid).toEqual({ verdict: 'ok', load: 1 }); // only 30 s is left: not a fixed minute
      expect(await verdicts('http:u1', rule(2), [61_000])).toEqual(['over']); // the notice of 45 s still covers it
      expect(await verdicts('http:u1', rule(2), [90_001])).toEqual(['ok']);
    });

    it('counts every key apart', async () => {
      expect(await verdicts('wechat:123', rule(1), [0, 1])).toEqual(['ok', 'first_over']);
      expect(await verdicts('telegram:123', rule(1), [2, 3])).toEqual(['ok', 'first_over']);
      expect(await verdicts('http:123', rule(1), [4], { inFlow: false, canNotify: false })).toEqual(['ok']);
      expect(await verdicts('wechat:123', rule(1), [5])).toEqual(['over']);
    });

    it('decides concurrent messages of one key atomically', async () => {
      const hits = await Promise.all(Array.from({ length: 20 }, () => store.hitRateLimit('http:busy', rule(5), plain, at(0))));
      const count = (v: RateVerdict) => hits.filter((h) => h.verdict === v).length;
      expect([count('ok'), count('first_over'), count('over')]).toEqual([5, 1, 14]);
      expect(hits.filter((h) => h.verdict === 'ok').map((h) => h.load).sort()).toEqual([0, 1, 2, 3, 4]);
    });

    it('shares one count and one notice between two store objects on the same data (two instances)', async () => {
      twin = await openTwin(store);
      const b = twin;
      const seq: [Store, number][] = [
        [store, 0],
        [b, 1],
        [store, 2],
      ];
      for (const [s, ms] of seq) expect((await s.hitRateLimit('wechat:wxid_a', rule(3), plain, at(ms))).verdict).toBe('ok');
      expect((await b.hitRateLimit('wechat:wxid_a', rule(3), plain, at(3))).verdict).toBe('first_over');
      expect((await store.hitRateLimit('wechat:wxid_a', rule(3), plain, at(4))).verdict).toBe('over');
      expect((await b.hitRateLimit('wechat:wxid_a', rule(3), inFlow, at(5))).load).toBe(3);
      // concurrent messages spread over both instances: still the limit in all
      const hits = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? store : b).hitRateLimit('wechat:wxid_b', rule(4), plain, at(0))));
      expect(hits.filter((h) => h.verdict === 'ok')).toHaveLength(4);
      expect(hits.filter((h) => h.verdict === 'first_over')).toHaveLength(1);
    });
  });
}
