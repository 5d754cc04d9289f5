/** The store contract suite against SQLite (in memory and on disk). */
import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { coreContract } from './contract-core.js';
import { ticketContract, ticketRatingTwinContract } from './contract-tickets.js';
import { activityContract } from './contract-activities.js';
import { personContract, personMigrationContract } from './contract-person.js';
import { rateLimitContract } from './contract-rate-limit.js';
import { schemaVersion } from '../../src/store/sqlite/migrate.js';
import type { Store } from '../../src/store/types.js';

/** The file behind each on-disk store of the upgrade tests. */
const files = new WeakMap<Store, string>();

/** A store on a new file (so a second store object can open the same data). */
function onDisk(): SqliteStore {
  const file = join(mkdtempSync(join(tmpdir(), 'yinling-')), 'store.db');
  const store = new SqliteStore(file);
  files.set(store, file);
  return store;
}

describe('SqliteStore', () => {
  coreContract(async () => new SqliteStore(':memory:'));
  ticketContract(async () => new SqliteStore(':memory:'));
  activityContract(async () => new SqliteStore(':memory:'));
  personContract(async () => new SqliteStore(':memory:'));
  rateLimitContract(async () => onDisk(), async (store) => new SqliteStore(files.get(store)!));
  ticketRatingTwinContract(async () => onDisk(), async (store) => new SqliteStore(files.get(store)!));
  personMigrationContract({
    openOld: async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'yinling-old-')), 'store.db');
      const store = new SqliteStore(file);
      store.db.pragma('user_version = 0'); // the file as versions before person ids left it
      files.set(store, file);
      return store;
    },
    upgrade: async (old) => {
      const file = files.get(old)!;
      await old.close();
      const store = new SqliteStore(file);
      files.set(store, file);
      return store;
    },
    version: async (store) => schemaVersion((store as SqliteStore).db),
    destroy: (store) => store.close(),
  });

  it('rate limit: sweeps the rows of people quiet for a window', async () => {
    const store = new SqliteStore(':memory:');
    const rule = { limit: 3, floodLimit: 15, windowMs: 60_000 };
    const t0 = Date.parse('2026-12-01T08:00:00Z');
    const rows = () => (store.db.prepare('SELECT key FROM rate_limit ORDER BY key').all() as { key: string }[]).map((r) => r.key);
    for (let i = 0; i < 5; i++) await store.hitRateLimit(`http:old${i}`, rule, { inFlow: false, canNotify: true }, new Date(t0));
    for (let i = 0; i < 1000; i++) await store.hitRateLimit('http:busy', { ...rule, limit: 1 }, { inFlow: false, canNotify: true }, new Date(t0 + 61_000 + i));
    expect(rows()).toEqual(['http:busy']);
    await store.close();
  });

  it('keeps dialog state across a reopen of the same file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'yinling-')), 'store.db');
    const now = new Date();
    const a = new SqliteStore(file);
    await a.setDialog('k', { flow: 'booking', step: 'confirm', data: { x: 1 }, updatedAt: now.toISOString() }, 60_000, now);
    await a.close();
    const b = new SqliteStore(file);
    expect((await b.getDialog('k', now))?.data).toEqual({ x: 1 });
    await b.close();
  });
});
