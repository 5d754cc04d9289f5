/** SQLite activities, bookings and reminders. Placeholder: the activities issue implements it. */
import type Database from 'better-sqlite3';
import type { ActivityRepo } from '../activity-types.js';

const pending = (): never => {
  throw new Error('activities store is not implemented yet');
};

export class SqliteActivityRepo implements ActivityRepo {
  constructor(readonly db: Database.Database) {}
  create = pending;
  get = pending;
  update = pending;
  list = pending;
  book = pending;
  cancel = pending;
  cancelActivity = pending;
  listByUser = pending;
  listByActivity = pending;
  claimDueReminders = pending;
}
