/** SQLite staff console accounts (one small table, migrated here). */
import type Database from 'better-sqlite3';
import type { StaffAccount, StaffRepo } from '../types.js';

interface StaffRow {
  username: string;
  display_name: string | null;
  password_hash: string;
  created_at: string;
  disabled: number;
}

function fromRow(r: StaffRow): StaffAccount {
  return {
    username: r.username,
    ...(r.display_name !== null ? { displayName: r.display_name } : {}),
    passwordHash: r.password_hash,
    createdAt: r.created_at,
    ...(r.disabled ? { disabled: true } : {}),
  };
}

export class SqliteStaffRepo implements StaffRepo {
  /** Creates the staff_accounts table when missing. */
  constructor(readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS staff_accounts (username TEXT PRIMARY KEY, display_name TEXT, password_hash TEXT NOT NULL,
      created_at TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0)`);
  }

  async upsert(a: StaffAccount): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO staff_accounts (username, display_name, password_hash, created_at, disabled) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(username) DO UPDATE SET display_name = excluded.display_name, password_hash = excluded.password_hash,
         disabled = excluded.disabled`,
      )
      .run(a.username, a.displayName ?? null, a.passwordHash, a.createdAt, a.disabled ? 1 : 0);
  }

  async get(username: string): Promise<StaffAccount | null> {
    const row = this.db.prepare('SELECT * FROM staff_accounts WHERE username = ?').get(username) as StaffRow | undefined;
    return row ? fromRow(row) : null;
  }

  async list(): Promise<StaffAccount[]> {
    return (this.db.prepare('SELECT * FROM staff_accounts ORDER BY username').all() as StaffRow[]).map(fromRow);
  }
}
