/**
 * Versioned SQLite data migrations, counted in `PRAGMA user_version`. Tables are created by each
 * repo (CREATE … IF NOT EXISTS); changes to data already stored are steps here, each run once, in
 * one IMMEDIATE transaction with the version bump (so a crash leaves the old version and the step
 * runs again in full, and two processes opening one file never both run it).
 *
 *   1  person ids: bookings, reminders and tickets written with a bare platform user id ("wxid_abc")
 *      get the channel of the chat they were made in ("wechat:wxid_abc", core/person.ts). Staff
 *      audit actors and ticket history keep the text they were written with.
 */
import type Database from 'better-sqlite3';

/** The newest version this code writes. */
export const SQLITE_SCHEMA_VERSION = 1;

/** The channel of a row's `chat` JSON (NULL when it has none), as SQL. */
const CHANNEL = "(CASE WHEN json_valid(chat) THEN json_extract(chat, '$.channel') END)";

/** "channel:" + user_id for rows with a channel, marked with char(1) so nothing collides mid-update. */
function prefixUserIds(db: Database.Database, table: 'bookings' | 'tickets'): void {
  db.prepare(`UPDATE ${table} SET user_id = char(1) || ${CHANNEL} || ':' || user_id WHERE ${CHANNEL} IS NOT NULL`).run();
  db.prepare(`UPDATE ${table} SET user_id = substr(user_id, 2) WHERE substr(user_id, 1, 1) = char(1)`).run();
}

const STEPS: Record<number, (db: Database.Database) => void> = {
  1: (db) => {
    prefixUserIds(db, 'bookings');
    prefixUserIds(db, 'tickets');
    // Reminder ids are "<activity>:<user>:<kind>": both the id and user_id carry the person.
    db.prepare(
      `UPDATE reminders SET id = char(1) || activity_id || ':' || ${CHANNEL} || ':' || user_id || ':' || kind,
         user_id = ${CHANNEL} || ':' || user_id WHERE ${CHANNEL} IS NOT NULL`,
    ).run();
    db.prepare('UPDATE reminders SET id = substr(id, 2) WHERE substr(id, 1, 1) = char(1)').run();
  },
};

/** The version the file is at (0: written before versioning, or new). */
export function schemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Runs every step above the file's version (call after every table exists). */
export function migrateData(db: Database.Database): void {
  if (schemaVersion(db) >= SQLITE_SCHEMA_VERSION) return;
  db.transaction(() => {
    const from = schemaVersion(db);
    for (let v = from + 1; v <= SQLITE_SCHEMA_VERSION; v++) STEPS[v]!(db);
    if (from < SQLITE_SCHEMA_VERSION) db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
  }).immediate();
}
