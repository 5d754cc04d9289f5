/** Notifier: proactive messages go through the outbox, are delivered once, and retried on failure. */
import { describe, it, expect } from 'vitest';
import { Notifier } from '../../src/core/notifier.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import type { ChatRef, Reply } from '../../src/core/types.js';

describe('Notifier', () => {
  it('delivers many sends once each, in order, with merged drains', async () => {
    const store = new SqliteStore(':memory:');
    const notifier = new Notifier(store, new ManualClock(), silentLogger());
    const got: string[] = [];
    notifier.register({ name: 'http', sendText: async (_to: ChatRef, r: Reply) => void got.push(r.text) });
    await Promise.all(Array.from({ length: 50 }, (_, i) => notifier.send({ channel: 'http', chatId: 'c' }, { text: String(i) })));
    await notifier.drain();
    expect(got).toHaveLength(50);
    expect(new Set(got).size).toBe(50);
    await store.close();
  });

  it('keeps a message whose channel is not held here for an instance that holds it', async () => {
    const store = new SqliteStore(':memory:');
    const clock = new ManualClock();
    const a = new Notifier(store, clock, silentLogger());
    await a.send({ channel: 'wechat', chatId: 'room' }, { text: '通知' });
    expect(await a.drain()).toBe(0);
    const b = new Notifier(store, clock, silentLogger());
    const got: string[] = [];
    b.register({ name: 'wechat', sendText: async (_to, r) => void got.push(r.text) });
    expect(await b.drain()).toBe(1);
    expect(got).toEqual(['通知']);
    await store.close();
  });

  it('retries a failed send after the lease and gives up after the attempt limit', async () => {
    const store = new SqliteStore(':memory:');
    const clock = new ManualClock();
    const n = new Notifier(store, clock, silentLogger(), { leaseMs: 1000, maxAttempts: 3 });
    let calls = 0;
    n.register({
      name: 'telegram',
      sendText: async () => {
        calls++;
        throw new Error('network down');
      },
    });
    await n.send({ channel: 'telegram', chatId: '1' }, { text: 'x' });
    await n.drain();
    expect(calls).toBe(1);
    await n.drain(); // still leased
    expect(calls).toBe(1);
    clock.advance(1001);
    await n.drain();
    clock.advance(1001);
    await n.drain();
    expect(calls).toBe(3);
    clock.advance(1001);
    await n.drain();
    expect(calls).toBe(3); // dropped (and logged) after three attempts
    await store.close();
  });
});
