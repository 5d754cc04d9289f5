/** The store contract suite against SQLite (in memory and on disk). */
import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { coreContract } from './contract-core.js';
import { ticketContract } from './contract-tickets.js';
import { activityContract } from './contract-activities.js';

describe('SqliteStore', () => {
  coreContract(async () => new SqliteStore(':memory:'));
  ticketContract(async () => new SqliteStore(':memory:'));
  activityContract(async () => new SqliteStore(':memory:'));

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
