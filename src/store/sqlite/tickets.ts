/** SQLite feedback tickets. Placeholder: the feedback issue implements it. */
import type Database from 'better-sqlite3';
import type { TicketRepo } from '../ticket-types.js';

const pending = (): never => {
  throw new Error('ticket store is not implemented yet');
};

export class SqliteTicketRepo implements TicketRepo {
  constructor(readonly db: Database.Database) {}
  create = pending;
  get = pending;
  list = pending;
  setStatus = pending;
  setCategory = pending;
  addReply = pending;
  setRating = pending;
  update = pending;
  history = pending;
}
