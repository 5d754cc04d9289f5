/**
 * The per-person rate limit on SQLite (Store.hitRateLimit): one row per key with the handled times
 * inside the window and the last notice, decided and written in one IMMEDIATE transaction, so two
 * processes on one file never both take the last place. Rows quiet for a window are swept now and then.
 */
import type Database from 'better-sqlite3';
import type { RateHit, RateRule, RateVerdict } from '../types.js';

/** Rows of keys quiet for a whole window are deleted once every this many messages. */
const SWEEP_EVERY = 1000;

interface Row {
  hits: string;
  notice_at: number | null;
}

export class SqliteRateLimit {
  private readonly decide: Database.Transaction<(key: string, rule: RateRule, opts: { inFlow: boolean; canNotify: boolean }, t: number) => RateHit>;
  private readonly sweep: Database.Statement<[number]>;
  private untilSweep = SWEEP_EVERY;

  constructor(db: Database.Database) {
    // No index on expires_at: it would about double the cost of every message's write, while the
    // sweep scans a table of only the people who wrote in the last while.
    db.exec('CREATE TABLE IF NOT EXISTS rate_limit (key TEXT PRIMARY KEY, hits TEXT NOT NULL, notice_at INTEGER, expires_at INTEGER NOT NULL) WITHOUT ROWID');
    const read = db.prepare<[string], Row>('SELECT hits, notice_at FROM rate_limit WHERE key = ?');
    const write = db.prepare<[string, string, number | null, number]>(
      'INSERT INTO rate_limit (key, hits, notice_at, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET hits = excluded.hits, notice_at = excluded.notice_at, expires_at = excluded.expires_at',
    );
    this.sweep = db.prepare<[number]>('DELETE FROM rate_limit WHERE expires_at <= ?');
    this.decide = db.transaction((key: string, rule: RateRule, opts: { inFlow: boolean; canNotify: boolean }, t: number): RateHit => {
      const from = t - rule.windowMs;
      const row = read.get(key);
      const hits = row ? (JSON.parse(row.hits) as number[]).filter((at) => at > from) : [];
      let noticeAt = row?.notice_at ?? null;
      const load = hits.length;
      let verdict: RateVerdict;
      if (load < (opts.inFlow ? rule.floodLimit : rule.limit)) {
        hits.push(t);
        verdict = 'ok';
      } else if (!opts.canNotify || (noticeAt !== null && noticeAt > from)) {
        return { verdict: 'over', load }; // nothing to write
      } else {
        noticeAt = t;
        verdict = 'first_over';
      }
      write.run(key, JSON.stringify(hits), noticeAt, Math.max(t, noticeAt ?? 0) + rule.windowMs);
      return { verdict, load };
    });
  }

  /** Store.hitRateLimit for one SQLite file. */
  hit(key: string, rule: RateRule, opts: { inFlow: boolean; canNotify: boolean }, now: Date): RateHit {
    const t = now.getTime();
    const result = this.decide.immediate(key, rule, opts, t);
    if (--this.untilSweep <= 0) {
      this.untilSweep = SWEEP_EVERY;
      this.sweep.run(t);
    }
    return result;
  }
}
