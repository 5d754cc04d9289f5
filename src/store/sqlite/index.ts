/** The default store: one SQLite file (better-sqlite3, WAL). Synchronous calls wrapped as async. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AnswerRating, AuditEntry, DialogState, FailureCount, OutboxMessage, RateHit, RateRule, Store } from '../types.js';
import { SqliteActivityRepo } from './activities.js';
import { SqliteTicketRepo } from './tickets.js';
import { SqliteStaffRepo } from './staff.js';
import { SqliteRateLimit } from './rate-limit.js';
import { migrateData } from './migrate.js';

type Db = Database.Database;

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Db;
  readonly activities: SqliteActivityRepo;
  readonly tickets: SqliteTicketRepo;
  readonly staff: SqliteStaffRepo;
  private readonly rateLimit: SqliteRateLimit;

  /** Opens (and creates) the database file; ':memory:' for tests. `timezone` decides ticket-number days. */
  constructor(file: string, opts: { timezone?: string } = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    migrateCore(this.db);
    this.activities = new SqliteActivityRepo(this.db);
    this.tickets = new SqliteTicketRepo(this.db, opts.timezone);
    this.staff = new SqliteStaffRepo(this.db);
    this.rateLimit = new SqliteRateLimit(this.db);
    // Data written by older versions (e.g. bare user ids before person ids): see migrate.ts.
    migrateData(this.db);
  }

  async getDialog(key: string, now: Date): Promise<DialogState | null> {
    const row = this.db.prepare('SELECT state, expires_at FROM dialog WHERE key = ?').get(key) as
      | { state: string; expires_at: number }
      | undefined;
    if (!row) return null;
    if (row.expires_at <= now.getTime()) {
      this.db.prepare('DELETE FROM dialog WHERE key = ? AND expires_at <= ?').run(key, now.getTime());
      return null;
    }
    return JSON.parse(row.state) as DialogState;
  }

  async setDialog(key: string, state: DialogState, ttlMs: number, now: Date): Promise<void> {
    this.db
      .prepare('INSERT INTO dialog (key, state, expires_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at')
      .run(key, JSON.stringify(state), now.getTime() + ttlMs);
  }

  async clearDialog(key: string): Promise<void> {
    this.db.prepare('DELETE FROM dialog WHERE key = ?').run(key);
  }

  async markSeen(id: string, ttlMs: number, now: Date): Promise<boolean> {
    const t = now.getTime();
    const tx = this.db.transaction(() => {
      const row = this.db.prepare('SELECT expires_at FROM seen WHERE id = ?').get(id) as { expires_at: number } | undefined;
      if (row && row.expires_at > t) return false;
      this.db.prepare('INSERT OR REPLACE INTO seen (id, expires_at) VALUES (?, ?)').run(id, t + ttlMs);
      return true;
    });
    const fresh = tx.immediate();
    if (Math.random() < 0.001) this.db.prepare('DELETE FROM seen WHERE expires_at <= ?').run(t);
    return fresh;
  }

  async countFailure(key: string, ttlMs: number, now: Date): Promise<FailureCount> {
    const t = now.getTime();
    const tx = this.db.transaction(() => {
      const row = this.db.prepare('SELECT count, expires_at FROM failures WHERE key = ?').get(key) as { count: number; expires_at: number } | undefined;
      const count = row && row.expires_at > t ? row.count + 1 : 1;
      this.db.prepare('INSERT OR REPLACE INTO failures (key, count, last_at, expires_at) VALUES (?, ?, ?, ?)').run(key, count, t, t + ttlMs);
      return { count, lastAt: t };
    });
    const result = tx.immediate();
    if (Math.random() < 0.01) this.db.prepare('DELETE FROM failures WHERE expires_at <= ?').run(t);
    return result;
  }

  async getFailures(key: string, now: Date): Promise<FailureCount | null> {
    const row = this.db.prepare('SELECT count, last_at, expires_at FROM failures WHERE key = ?').get(key) as { count: number; last_at: number; expires_at: number } | undefined;
    return row && row.expires_at > now.getTime() ? { count: row.count, lastAt: row.last_at } : null;
  }

  async clearFailures(key: string): Promise<void> {
    this.db.prepare('DELETE FROM failures WHERE key = ?').run(key);
  }

  async hitRateLimit(key: string, rule: RateRule, opts: { inFlow: boolean; canNotify: boolean }, now: Date): Promise<RateHit> {
    return this.rateLimit.hit(key, rule, opts, now);
  }

  async claimMessage(id: string, owner: string, opts: { leaseMs: number; takeoverMs: number }, now: Date): Promise<boolean> {
    const t = now.getTime();
    const tx = this.db.transaction(() => {
      const row = this.db.prepare('SELECT owner, state, expires_at FROM message_claims WHERE id = ?').get(id) as
        | { owner: string; state: string; expires_at: number }
        | undefined;
      // A pending claim of another owner is a dead process's: one process serves a SQLite file.
      if (row && row.expires_at > t && (row.state === 'done' || row.owner === owner)) return false;
      this.db
        .prepare("INSERT OR REPLACE INTO message_claims (id, owner, state, since, expires_at) VALUES (?, ?, 'pending', ?, ?)")
        .run(id, owner, t, t + opts.leaseMs);
      return true;
    });
    const claimed = tx.immediate();
    if (Math.random() < 0.001) this.db.prepare('DELETE FROM message_claims WHERE expires_at <= ?').run(t);
    return claimed;
  }

  async completeMessage(id: string, ttlMs: number, now: Date): Promise<void> {
    this.db.prepare("UPDATE message_claims SET state = 'done', expires_at = ? WHERE id = ?").run(now.getTime() + ttlMs, id);
  }

  async releaseMessage(id: string): Promise<void> {
    this.db.prepare('DELETE FROM message_claims WHERE id = ?').run(id);
  }

  async audit(entry: AuditEntry): Promise<void> {
    this.db
      .prepare('INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)')
      .run(entry.at, entry.actor, entry.action, entry.subject ?? null, entry.detail ? JSON.stringify(entry.detail) : null);
  }

  async listAudit(filter: { subject?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const limit = filter.limit ?? 100;
    const rows = (
      filter.subject
        ? this.db.prepare('SELECT * FROM audit WHERE subject = ? ORDER BY seq DESC LIMIT ?').all(filter.subject, limit)
        : this.db.prepare('SELECT * FROM audit ORDER BY seq DESC LIMIT ?').all(limit)
    ) as { at: string; actor: string; action: string; subject: string | null; detail: string | null }[];
    return rows.map((r) => ({
      at: r.at,
      actor: r.actor,
      action: r.action,
      ...(r.subject ? { subject: r.subject } : {}),
      ...(r.detail ? { detail: JSON.parse(r.detail) as Record<string, unknown> } : {}),
    }));
  }

  async enqueueOutbox(msg: Omit<OutboxMessage, 'id' | 'createdAt'>, now: Date): Promise<OutboxMessage> {
    const full: OutboxMessage = { ...msg, id: randomUUID(), createdAt: now.toISOString(), attempts: 0 };
    this.db
      .prepare('INSERT INTO outbox (id, channel, body, created_at, lease_until, attempts, done) VALUES (?, ?, ?, ?, 0, 0, 0)')
      .run(full.id, full.to.channel, JSON.stringify(full), now.getTime());
    return full;
  }

  async claimOutbox(channels: string[], limit: number, leaseMs: number, now: Date, chatIds?: readonly string[]): Promise<OutboxMessage[]> {
    if (channels.length === 0 || chatIds?.length === 0) return [];
    const t = now.getTime();
    const marks = channels.map(() => '?').join(',');
    const chats = chatIds ? ` AND json_extract(body, '$.to.chatId') IN (${chatIds.map(() => '?').join(',')})` : '';
    const tx = this.db.transaction(() => {
      const rows = this.db
        .prepare(`SELECT id, body, attempts FROM outbox WHERE done = 0 AND lease_until <= ? AND channel IN (${marks})${chats} ORDER BY seq LIMIT ?`)
        .all(t, ...channels, ...(chatIds ?? []), limit) as { id: string; body: string; attempts: number }[];
      const lease = this.db.prepare('UPDATE outbox SET lease_until = ?, attempts = attempts + 1 WHERE id = ?');
      return rows.map((r) => {
        lease.run(t + leaseMs, r.id);
        return { ...(JSON.parse(r.body) as OutboxMessage), attempts: r.attempts + 1 };
      });
    });
    return tx.immediate();
  }

  async ackOutbox(id: string): Promise<void> {
    this.db.prepare('UPDATE outbox SET done = 1 WHERE id = ?').run(id);
    // Now and then, forget delivered messages and unread web chat messages older than a week.
    if (Math.random() < 0.01) {
      const weekAgo = Date.now() - 7 * 86_400_000;
      this.db.prepare('DELETE FROM outbox WHERE done = 1 AND created_at < ?').run(weekAgo);
      this.db.prepare('DELETE FROM inbox WHERE at < ?').run(new Date(weekAgo).toISOString());
    }
  }

  async pushInbox(chatKey: string, msg: { text: string; options?: { key: string; label: string }[] }, now: Date): Promise<void> {
    this.db.prepare('INSERT INTO inbox (chat_key, body, at) VALUES (?, ?, ?)').run(chatKey, JSON.stringify(msg), now.toISOString());
  }

  async takeInbox(chatKey: string): Promise<{ text: string; options?: { key: string; label: string }[]; at: string }[]> {
    const tx = this.db.transaction(() => {
      const rows = this.db.prepare('SELECT seq, body, at FROM inbox WHERE chat_key = ? ORDER BY seq').all(chatKey) as {
        seq: number;
        body: string;
        at: string;
      }[];
      if (rows.length) this.db.prepare('DELETE FROM inbox WHERE chat_key = ? AND seq <= ?').run(chatKey, rows[rows.length - 1]!.seq);
      return rows.map((r) => ({ ...(JSON.parse(r.body) as { text: string }), at: r.at }));
    });
    return tx.immediate();
  }

  async rateAnswer(rating: AnswerRating): Promise<void> {
    this.db
      .prepare('INSERT INTO answer_ratings (user_id, question, answer_ref, helpful, at) VALUES (?, ?, ?, ?, ?)')
      .run(rating.userId, rating.question, rating.answerRef, rating.helpful ? 1 : 0, rating.at);
  }

  async listAnswerRatings(limit = 100): Promise<AnswerRating[]> {
    const rows = this.db.prepare('SELECT * FROM answer_ratings ORDER BY seq DESC LIMIT ?').all(limit) as {
      user_id: string;
      question: string;
      answer_ref: string;
      helpful: number;
      at: string;
    }[];
    return rows.map((r) => ({ userId: r.user_id, question: r.question, answerRef: r.answer_ref, helpful: r.helpful === 1, at: r.at }));
  }

  async ping(): Promise<boolean> {
    return (this.db.prepare('SELECT 1 AS ok').get() as { ok: number }).ok === 1;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function migrateCore(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS dialog (key TEXT PRIMARY KEY, state TEXT NOT NULL, expires_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS failures (key TEXT PRIMARY KEY, count INTEGER NOT NULL, last_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS message_claims (id TEXT PRIMARY KEY, owner TEXT NOT NULL, state TEXT NOT NULL,
      since INTEGER NOT NULL, expires_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
      action TEXT NOT NULL, subject TEXT, detail TEXT);
    CREATE INDEX IF NOT EXISTS audit_subject ON audit (subject);
    CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, channel TEXT NOT NULL,
      body TEXT NOT NULL, created_at INTEGER NOT NULL, lease_until INTEGER NOT NULL, attempts INTEGER NOT NULL, done INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (done, channel, lease_until);
    CREATE TABLE IF NOT EXISTS inbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, chat_key TEXT NOT NULL, body TEXT NOT NULL, at TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS inbox_chat ON inbox (chat_key);
    CREATE TABLE IF NOT EXISTS answer_ratings (seq INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, question TEXT NOT NULL,
      answer_ref TEXT NOT NULL, helpful INTEGER NOT NULL, at TEXT NOT NULL);
  `);
}

/** Opens the store chosen by configuration. */
export type { Db };
