/**
 * SQLite feedback tickets: numbers FK<yyyymmdd>-<nnnn> allocated per local day inside one
 * IMMEDIATE transaction, messageId dedupe by a UNIQUE index, every change kept in ticket_events.
 * The rules both stores share (numbering, transitions, filters) are in ../ticket-logic.ts.
 */
import type Database from 'better-sqlite3';
import type { ChatRef } from '../../core/types.js';
import type { Ticket, TicketCategory, TicketEvent, TicketFilter, TicketRepo, TicketStatus } from '../ticket-types.js';
import { TicketChanges, applyTicketChange, localDay, matchesFilter, ticketNumber, type ChangeOutcome, type NewTicket, type TicketChange } from '../ticket-logic.js';

type Db = Database.Database;
interface TicketRow {
  no: string;
  user_id: string;
  user_name: string | null;
  chat: string;
  category: string;
  status: string;
  text: string;
  details: string | null;
  message_id: string | null;
  created_at: string;
  updated_at: string;
  first_reply_at: string | null;
  closed_at: string | null;
  rating: number | null;
  summary: string | null;
  suggested_category: string | null;
}

function fromRow(r: TicketRow): Ticket {
  return {
    no: r.no,
    userId: r.user_id,
    ...(r.user_name !== null ? { userName: r.user_name } : {}),
    chat: JSON.parse(r.chat) as ChatRef,
    category: r.category as TicketCategory,
    status: r.status as TicketStatus,
    text: r.text,
    ...(r.details !== null ? { details: JSON.parse(r.details) as Record<string, unknown> } : {}),
    ...(r.message_id !== null ? { messageId: r.message_id } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.first_reply_at !== null ? { firstReplyAt: r.first_reply_at } : {}),
    ...(r.closed_at !== null ? { closedAt: r.closed_at } : {}),
    ...(r.rating !== null ? { rating: r.rating } : {}),
    ...(r.summary !== null ? { summary: r.summary } : {}),
    ...(r.suggested_category !== null ? { suggestedCategory: r.suggested_category as TicketCategory } : {}),
  };
}

function toParams(t: Ticket): Record<string, string | number | null> {
  return {
    no: t.no,
    user_id: t.userId,
    user_name: t.userName ?? null,
    chat: JSON.stringify(t.chat),
    category: t.category,
    status: t.status,
    text: t.text,
    details: t.details ? JSON.stringify(t.details) : null,
    message_id: t.messageId ?? null,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    first_reply_at: t.firstReplyAt ?? null,
    closed_at: t.closedAt ?? null,
    rating: t.rating ?? null,
    summary: t.summary ?? null,
    suggested_category: t.suggestedCategory ?? null,
  };
}

const COLUMNS = [
  'no', 'user_id', 'user_name', 'chat', 'category', 'status', 'text', 'details', 'message_id', 'created_at',
  'updated_at', 'first_reply_at', 'closed_at', 'rating', 'summary', 'suggested_category',
] as const;

export class SqliteTicketRepo extends TicketChanges implements TicketRepo {
  /** Creates the ticket tables when missing; `timezone` decides which day a number belongs to. */
  constructor(
    readonly db: Db,
    readonly timezone = 'Asia/Shanghai',
  ) {
    super();
    db.exec(`
      CREATE TABLE IF NOT EXISTS tickets (seq INTEGER PRIMARY KEY AUTOINCREMENT, no TEXT UNIQUE NOT NULL, user_id TEXT NOT NULL,
        user_name TEXT, chat TEXT NOT NULL, category TEXT NOT NULL, status TEXT NOT NULL, text TEXT NOT NULL, details TEXT,
        message_id TEXT UNIQUE, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, first_reply_at TEXT, closed_at TEXT,
        rating INTEGER, summary TEXT, suggested_category TEXT);
      CREATE INDEX IF NOT EXISTS tickets_status ON tickets (status);
      CREATE INDEX IF NOT EXISTS tickets_user ON tickets (user_id);
      CREATE TABLE IF NOT EXISTS ticket_counters (day TEXT PRIMARY KEY, last INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS ticket_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, ticket_no TEXT NOT NULL, at TEXT NOT NULL,
        actor TEXT NOT NULL, kind TEXT NOT NULL, from_value TEXT, to_value TEXT, text TEXT);
      CREATE INDEX IF NOT EXISTS ticket_events_no ON ticket_events (ticket_no);
    `);
  }

  async create(input: NewTicket, now: Date): Promise<{ ticket: Ticket; duplicate: boolean }> {
    const at = now.toISOString();
    const day = localDay(now, this.timezone);
    const tx = this.db.transaction((): { ticket: Ticket; duplicate: boolean } => {
      if (input.messageId) {
        const row = this.db.prepare('SELECT * FROM tickets WHERE message_id = ?').get(input.messageId) as TicketRow | undefined;
        if (row) return { ticket: fromRow(row), duplicate: true };
      }
      const { last } = this.db
        .prepare('INSERT INTO ticket_counters (day, last) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET last = last + 1 RETURNING last')
        .get(day) as { last: number };
      const ticket: Ticket = { ...input, no: ticketNumber(day, last), status: 'new', createdAt: at, updatedAt: at };
      this.db.prepare(`INSERT INTO tickets (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')})`).run(toParams(ticket));
      this.insertEvents([{ ticketNo: ticket.no, at, actor: `user:${input.userId}`, kind: 'created', to: ticket.category }]);
      return { ticket, duplicate: false };
    });
    return tx.immediate();
  }

  async get(no: string): Promise<Ticket | null> {
    const row = this.db.prepare('SELECT * FROM tickets WHERE no = ?').get(no) as TicketRow | undefined;
    return row ? fromRow(row) : null;
  }

  async list(filter: TicketFilter = {}): Promise<Ticket[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.status !== undefined) {
      const wanted = Array.isArray(filter.status) ? filter.status : [filter.status];
      if (wanted.length === 0) return [];
      where.push(`status IN (${wanted.map(() => '?').join(',')})`);
      params.push(...wanted);
    }
    if (filter.category) {
      where.push('category = ?');
      params.push(filter.category);
    }
    if (filter.userId) {
      where.push('user_id = ?');
      params.push(filter.userId);
    }
    const sql = `SELECT * FROM tickets ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC, seq DESC`;
    const rows = (this.db.prepare(sql).all(...params) as TicketRow[]).map(fromRow).filter((t) => matchesFilter(t, filter));
    return filter.limit !== undefined ? rows.slice(0, filter.limit) : rows;
  }

  async update(no: string, patch: Partial<Pick<Ticket, 'details' | 'summary' | 'suggestedCategory'>>): Promise<Ticket | null> {
    const tx = this.db.transaction((): Ticket | null => {
      const current = this.getSync(no);
      if (!current) return null;
      const next: Ticket = { ...current, ...patch };
      this.write(next);
      return next;
    });
    return tx.immediate();
  }

  async history(no: string): Promise<TicketEvent[]> {
    const rows = this.db.prepare('SELECT * FROM ticket_events WHERE ticket_no = ? ORDER BY seq').all(no) as {
      ticket_no: string;
      at: string;
      actor: string;
      kind: TicketEvent['kind'];
      from_value: string | null;
      to_value: string | null;
      text: string | null;
    }[];
    return rows.map((r) => ({
      ticketNo: r.ticket_no,
      at: r.at,
      actor: r.actor,
      kind: r.kind,
      ...(r.from_value !== null ? { from: r.from_value } : {}),
      ...(r.to_value !== null ? { to: r.to_value } : {}),
      ...(r.text !== null ? { text: r.text } : {}),
    }));
  }

  protected change(no: string, change: TicketChange, actor: string, now: Date): Promise<ChangeOutcome | null> {
    const tx = this.db.transaction((): ChangeOutcome | null => {
      const current = this.getSync(no);
      if (!current) return null;
      const { ticket, events } = applyTicketChange(current, change, actor, now.toISOString());
      if (events.length === 0) return { ticket, changed: false };
      // A rating is written only where none is (the condition in the UPDATE itself): never a second one.
      const written = this.write(ticket, change.type === 'rating' ? 'rating IS NULL' : undefined);
      if (written === 0) return { ticket: this.getSync(no) ?? current, changed: false };
      this.insertEvents(events);
      return { ticket, changed: true };
    });
    try {
      return Promise.resolve(tx.immediate());
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private getSync(no: string): Ticket | null {
    const row = this.db.prepare('SELECT * FROM tickets WHERE no = ?').get(no) as TicketRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** Writes the ticket's row (only where `condition` holds too); returns the number of rows written. */
  private write(t: Ticket, condition?: string): number {
    const sets = COLUMNS.filter((c) => c !== 'no').map((c) => `${c} = @${c}`).join(', ');
    return this.db.prepare(`UPDATE tickets SET ${sets} WHERE no = @no${condition ? ` AND ${condition}` : ''}`).run(toParams(t)).changes;
  }

  private insertEvents(events: TicketEvent[]): void {
    const stmt = this.db.prepare(
      'INSERT INTO ticket_events (ticket_no, at, actor, kind, from_value, to_value, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const e of events) stmt.run(e.ticketNo, e.at, e.actor, e.kind, e.from ?? null, e.to ?? null, e.text ?? null);
  }
}
