/**
 * SQLite activities, bookings, waitlist and reminders. Every write that checks and changes seats
 * runs in one IMMEDIATE transaction, so concurrent bookings (even from several processes on one
 * file) never oversell. Waitlist rule (docs/activities.md): queue order among those that fit — a
 * cancellation promotes, in queue order, every waiting booking that fits into the seats still free;
 * one needing more seats keeps its place without blocking smaller ones behind it. A new booking is
 * confirmed when it fits and no waiting booking that fits is ahead of it.
 */
import type Database from 'better-sqlite3';
import type { ChatRef } from '../../core/types.js';
import {
  REMINDER_OFFSETS,
  effectiveStatus,
  type Activity,
  type ActivityRepo,
  type ActivityStatus,
  type BookOutcome,
  type Booking,
  type CancelOutcome,
  type NewActivity,
  type ReduceOutcome,
  type RaiseOutcome,
  type Reminder,
  type SignupChange,
} from '../activity-types.js';
import { ms, iso } from '../dates.js';

interface ActivityRow {
  id: number;
  title: string;
  category: string;
  start_at: string;
  start_ms: number;
  end_at: string | null;
  place: string;
  capacity: number;
  deadline: string | null;
  deadline_ms: number | null;
  notes: string | null;
  status: ActivityStatus;
  max_seats: number;
  seats_taken: number;
  waiting: number;
  created_at: string;
  waitlist_count?: number;
}

interface BookingRow {
  seq: number;
  activity_id: number;
  user_id: string;
  user_name: string | null;
  seats: number;
  status: Booking['status'];
  chat: string;
  created_at: string;
}

const WAITLIST_COUNT = 'a.waiting AS waitlist_count';

export class SqliteActivityRepo implements ActivityRepo {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {
    migrateActivities(db);
  }

  /** A prepared statement, compiled once (preparing on every call costs more than running it). */
  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  async create(input: NewActivity, now: Date): Promise<Activity> {
    const info = this.db
      .prepare(
        `INSERT INTO activities (title, category, start_at, start_ms, end_at, place, capacity, deadline, deadline_ms, notes, status, max_seats, seats_taken, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, 0, ?)`,
      )
      .run(
        input.title,
        input.category,
        iso(input.startAt),
        ms(input.startAt),
        input.endAt ? iso(input.endAt) : null,
        input.place,
        input.capacity,
        input.deadline ? iso(input.deadline) : null,
        input.deadline ? ms(input.deadline) : null,
        input.notes ?? null,
        input.maxSeatsPerBooking ?? 2,
        now.toISOString(),
      );
    return (await this.get(String(info.lastInsertRowid)))!;
  }

  async get(id: string): Promise<Activity | null> {
    if (!/^\d+$/.test(id)) return null;
    const row = this.sql(`SELECT a.*, ${WAITLIST_COUNT} FROM activities a WHERE a.id = ?`).get(Number(id)) as ActivityRow | undefined;
    return row ? toActivity(row) : null;
  }

  async update(id: string, patch: Partial<NewActivity & { status: ActivityStatus }>): Promise<Activity | null> {
    const current = await this.get(id);
    if (!current) return null;
    const next = { ...current, ...patch };
    const status = patch.status === 'full' ? 'open' : (patch.status ?? this.storedStatus(id));
    this.db
      .prepare(
        `UPDATE activities SET title = ?, category = ?, start_at = ?, start_ms = ?, end_at = ?, place = ?, capacity = ?, deadline = ?,
         deadline_ms = ?, notes = ?, status = ?, max_seats = ? WHERE id = ?`,
      )
      .run(
        next.title,
        next.category,
        iso(next.startAt),
        ms(next.startAt),
        next.endAt ? iso(next.endAt) : null,
        next.place,
        next.capacity,
        next.deadline ? iso(next.deadline) : null,
        next.deadline ? ms(next.deadline) : null,
        next.notes ?? null,
        status,
        next.maxSeatsPerBooking,
        Number(id),
      );
    return this.get(id);
  }

  async list(filter: { from?: Date; includeCancelled?: boolean } = {}): Promise<Activity[]> {
    const rows = this.db
      .prepare(
        `SELECT a.*, ${WAITLIST_COUNT} FROM activities a WHERE a.start_ms >= ? ${filter.includeCancelled ? '' : "AND a.status != 'cancelled'"}
         ORDER BY a.start_ms, a.id`,
      )
      .all(filter.from ? filter.from.getTime() : -8.64e15) as ActivityRow[];
    return rows.map(toActivity);
  }

  async book(input: { activityId: string; userId: string; userName?: string; seats: number; chat: ChatRef }, now: Date): Promise<BookOutcome> {
    const tx = this.db.transaction((): BookOutcome => {
      if (!/^\d+$/.test(input.activityId)) return { status: 'not_found' };
      const a = this.sql('SELECT * FROM activities WHERE id = ?').get(Number(input.activityId)) as ActivityRow | undefined;
      if (!a) return { status: 'not_found' };
      const t = now.getTime();
      if (a.status === 'cancelled') return { status: 'closed', reason: 'cancelled' };
      if (a.status === 'closed') return { status: 'closed', reason: 'closed' };
      if (t >= a.start_ms) return { status: 'closed', reason: 'past' };
      if (a.deadline_ms !== null && t > a.deadline_ms) return { status: 'closed', reason: 'deadline' };
      const max = Math.min(a.max_seats, a.capacity);
      if (!Number.isInteger(input.seats) || input.seats < 1 || input.seats > max) return { status: 'too_many_seats', max };
      const existing = this.db
        .prepare("SELECT * FROM bookings WHERE activity_id = ? AND user_id = ? AND status != 'cancelled'")
        .get(a.id, input.userId) as BookingRow | undefined;
      if (existing) return { status: 'duplicate', booking: this.withPosition(toBooking(existing)) };
      const waiting = a.waiting;
      const free = a.capacity - a.seats_taken;
      // A waiting booking that fits the free seats goes first; one that does not fit blocks nobody.
      const fits =
        input.seats <= free &&
        (waiting === 0 || !this.sql("SELECT 1 FROM bookings WHERE activity_id = ? AND status = 'waitlisted' AND seats <= ? LIMIT 1").get(a.id, free));
      const status = fits ? 'confirmed' : 'waitlisted';
      const info = this.db
        .prepare('INSERT INTO bookings (activity_id, user_id, user_name, seats, status, chat, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(a.id, input.userId, input.userName ?? null, input.seats, status, JSON.stringify(input.chat), now.toISOString());
      const booking = toBooking(this.sql('SELECT * FROM bookings WHERE seq = ?').get(info.lastInsertRowid) as BookingRow);
      if (fits) {
        this.sql('UPDATE activities SET seats_taken = seats_taken + ? WHERE id = ?').run(input.seats, a.id);
        this.addReminders(booking, a.start_ms, t);
        return { status: 'confirmed', booking };
      }
      this.sql('UPDATE activities SET waiting = waiting + 1 WHERE id = ?').run(a.id);
      const position = waiting + 1;
      return { status: 'waitlisted', booking: { ...booking, waitlistPosition: position }, position };
    });
    return tx.immediate();
  }

  async cancel(activityId: string, userId: string, now: Date): Promise<CancelOutcome> {
    const tx = this.db.transaction((): CancelOutcome => {
      if (!/^\d+$/.test(activityId)) return { cancelled: null, promoted: [] };
      const row = this.activeBooking(activityId, userId);
      if (!row) return { cancelled: null, promoted: [] };
      this.sql("UPDATE bookings SET status = 'cancelled' WHERE seq = ?").run(row.seq);
      this.sql('DELETE FROM reminders WHERE activity_id = ? AND user_id = ?').run(row.activity_id, userId);
      if (row.status === 'confirmed') this.sql('UPDATE activities SET seats_taken = seats_taken - ? WHERE id = ?').run(row.seats, row.activity_id);
      else this.sql('UPDATE activities SET waiting = waiting - 1 WHERE id = ?').run(row.activity_id);
      const promoted = this.promote(row.activity_id, now.getTime());
      return { cancelled: { ...toBooking(row), status: 'cancelled' }, promoted };
    });
    return tx.immediate();
  }

  /** The person's booking of an activity that is not cancelled (inside a transaction). */
  private activeBooking(activityId: string, userId: string): BookingRow | undefined {
    return this.db.prepare("SELECT * FROM bookings WHERE activity_id = ? AND user_id = ? AND status != 'cancelled'").get(Number(activityId), userId) as BookingRow | undefined;
  }

  async reduceSeats(activityId: string, userId: string, seats: number, now: Date): Promise<ReduceOutcome> {
    const tx = this.db.transaction((): ReduceOutcome => {
      if (!/^\d+$/.test(activityId)) return { status: 'not_found' };
      const row = this.activeBooking(activityId, userId);
      if (!row) return { status: 'not_found' };
      if (!Number.isInteger(seats) || seats < 1 || seats >= row.seats) return { status: 'invalid', booking: this.withPosition(toBooking(row)) };
      this.sql('UPDATE bookings SET seats = ? WHERE seq = ?').run(seats, row.seq);
      if (row.status === 'confirmed') this.sql('UPDATE activities SET seats_taken = seats_taken - ? WHERE id = ?').run(row.seats - seats, row.activity_id);
      const promoted = this.promote(row.activity_id, now.getTime());
      const after = this.sql('SELECT * FROM bookings WHERE seq = ?').get(row.seq) as BookingRow;
      return { status: 'reduced', booking: this.withPosition(toBooking(after)), from: row.seats, promoted: promoted.filter((b) => b.userId !== userId) };
    });
    return tx.immediate();
  }

  async raiseSeats(activityId: string, userId: string, seats: number, now: Date): Promise<RaiseOutcome> {
    const tx = this.db.transaction((): RaiseOutcome => {
      if (!/^\d+$/.test(activityId)) return { status: 'not_found' };
      const row = this.activeBooking(activityId, userId);
      if (!row) return { status: 'not_found' };
      const booking = this.withPosition(toBooking(row));
      if (!Number.isInteger(seats) || seats <= row.seats) return { status: 'invalid', booking };
      const a = this.sql('SELECT * FROM activities WHERE id = ?').get(row.activity_id) as ActivityRow;
      const t = now.getTime();
      if (a.status === 'cancelled') return { status: 'not_found' };
      if (a.status === 'closed') return { status: 'closed', booking, reason: 'closed' };
      if (t >= a.start_ms) return { status: 'closed', booking, reason: 'past' };
      if (a.deadline_ms !== null && t > a.deadline_ms) return { status: 'closed', booking, reason: 'deadline' };
      const max = Math.min(a.max_seats, a.capacity);
      if (seats > max) return { status: 'too_many_seats', booking, max };
      if (row.status === 'confirmed') {
        const extra = seats - row.seats;
        const free = a.capacity - a.seats_taken;
        // As a new booking: a waiting booking that fits the free seats goes first.
        const ahead = this.sql("SELECT 1 FROM bookings WHERE activity_id = ? AND status = 'waitlisted' AND seats <= ? LIMIT 1").get(a.id, free);
        if (extra > free || ahead) return { status: 'no_room', booking, free: Math.max(0, free) };
        this.sql('UPDATE activities SET seats_taken = seats_taken + ? WHERE id = ?').run(extra, a.id);
      }
      this.sql('UPDATE bookings SET seats = ? WHERE seq = ?').run(seats, row.seq);
      const after = this.sql('SELECT * FROM bookings WHERE seq = ?').get(row.seq) as BookingRow;
      return { status: 'raised', booking: this.withPosition(toBooking(after)), from: row.seats };
    });
    return tx.immediate();
  }

  async setSignupOpen(id: string, open: boolean): Promise<SignupChange> {
    if (!/^\d+$/.test(id)) return { status: 'not_found' };
    const tx = this.db.transaction((): SignupChange['status'] => {
      const row = this.sql('SELECT status FROM activities WHERE id = ?').get(Number(id)) as { status: ActivityStatus } | undefined;
      if (!row) return 'not_found';
      if (row.status === 'cancelled') return 'cancelled';
      const target: ActivityStatus = open ? 'open' : 'closed';
      if ((row.status === 'full' ? 'open' : row.status) === target) return 'unchanged';
      this.sql('UPDATE activities SET status = ? WHERE id = ?').run(target, Number(id));
      return 'changed';
    });
    const status = tx.immediate();
    if (status === 'not_found' || status === 'cancelled') return { status };
    return { status, activity: (await this.get(id))! };
  }

  async cancelActivity(id: string, _now: Date): Promise<Booking[]> {
    const tx = this.db.transaction((): Booking[] => {
      if (!/^\d+$/.test(id)) return [];
      const rows = this.db
        .prepare("SELECT * FROM bookings WHERE activity_id = ? AND status != 'cancelled' ORDER BY seq")
        .all(Number(id)) as BookingRow[];
      this.sql("UPDATE activities SET status = 'cancelled', seats_taken = 0, waiting = 0 WHERE id = ?").run(Number(id));
      this.sql("UPDATE bookings SET status = 'cancelled' WHERE activity_id = ? AND status != 'cancelled'").run(Number(id));
      this.sql('DELETE FROM reminders WHERE activity_id = ?').run(Number(id));
      return rows.map(toBooking);
    });
    return tx.immediate();
  }

  async listByUser(userId: string): Promise<Booking[]> {
    const rows = this.db
      .prepare(
        `SELECT b.* FROM bookings b JOIN activities a ON a.id = b.activity_id
         WHERE b.user_id = ? AND b.status != 'cancelled' ORDER BY a.start_ms, a.id`,
      )
      .all(userId) as BookingRow[];
    return rows.map((r) => this.withPosition(toBooking(r)));
  }

  async listByActivity(activityId: string): Promise<{ confirmed: Booking[]; waitlist: Booking[] }> {
    if (!/^\d+$/.test(activityId)) return { confirmed: [], waitlist: [] };
    const rows = this.db
      .prepare("SELECT * FROM bookings WHERE activity_id = ? AND status != 'cancelled' ORDER BY seq")
      .all(Number(activityId)) as BookingRow[];
    const confirmed = rows.filter((r) => r.status === 'confirmed').map(toBooking);
    const waitlist = rows.filter((r) => r.status === 'waitlisted').map((r, i) => ({ ...toBooking(r), waitlistPosition: i + 1 }));
    return { confirmed, waitlist };
  }

  async claimDueReminders(now: Date, limit: number): Promise<Reminder[]> {
    const tx = this.db.transaction((): Reminder[] => {
      // Reminders of activities that have already started are dropped, never sent late.
      this.db
        .prepare('DELETE FROM reminders WHERE due_ms <= ? AND activity_id IN (SELECT id FROM activities WHERE start_ms <= ?)')
        .run(now.getTime(), now.getTime());
      const rows = this.sql('SELECT * FROM reminders WHERE due_ms <= ? ORDER BY due_ms, id LIMIT ?').all(now.getTime(), limit) as {
        id: string;
        activity_id: number;
        user_id: string;
        kind: Reminder['kind'];
        due_ms: number;
        chat: string;
      }[];
      const del = this.sql('DELETE FROM reminders WHERE id = ?');
      for (const r of rows) del.run(r.id);
      return rows.map((r) => ({
        id: r.id,
        activityId: String(r.activity_id),
        userId: r.user_id,
        kind: r.kind,
        dueAt: new Date(r.due_ms).toISOString(),
        chat: JSON.parse(r.chat) as ChatRef,
      }));
    });
    return tx.immediate();
  }

  /** Confirms, in queue order, every waitlisted booking that fits the seats still free (inside the caller's transaction). */
  private promote(activityId: number, t: number): Booking[] {
    const a = this.sql('SELECT * FROM activities WHERE id = ?').get(activityId) as ActivityRow;
    // Stopped sign-up ('closed') keeps the queue moving: those waiting signed up before it stopped.
    if (a.status === 'cancelled' || t >= a.start_ms) return [];
    const queue = this.db
      .prepare("SELECT * FROM bookings WHERE activity_id = ? AND status = 'waitlisted' ORDER BY seq")
      .all(activityId) as BookingRow[];
    let free = a.capacity - a.seats_taken;
    const promoted: Booking[] = [];
    for (const row of queue) {
      if (free <= 0) break;
      if (row.seats > free) continue;
      free -= row.seats;
      this.sql("UPDATE bookings SET status = 'confirmed' WHERE seq = ?").run(row.seq);
      const booking = { ...toBooking(row), status: 'confirmed' as const };
      this.addReminders(booking, a.start_ms, t);
      promoted.push(booking);
    }
    if (promoted.length) this.sql('UPDATE activities SET seats_taken = ?, waiting = waiting - ? WHERE id = ?').run(a.capacity - free, promoted.length, activityId);
    return promoted;
  }

  private addReminders(booking: Booking, startMs: number, t: number): void {
    const insert = this.sql('INSERT OR REPLACE INTO reminders (id, activity_id, user_id, kind, due_ms, chat) VALUES (?, ?, ?, ?, ?, ?)');
    for (const [kind, offset] of Object.entries(REMINDER_OFFSETS)) {
      const due = startMs - offset;
      if (due > t) insert.run(`${booking.activityId}:${booking.userId}:${kind}`, Number(booking.activityId), booking.userId, kind, due, JSON.stringify(booking.chat));
    }
  }

  private withPosition(b: Booking): Booking {
    if (b.status !== 'waitlisted') return b;
    const ahead = this.db
      .prepare(
        `SELECT COUNT(*) AS n FROM bookings WHERE activity_id = ? AND status = 'waitlisted'
         AND seq < (SELECT seq FROM bookings WHERE activity_id = ? AND user_id = ? AND status = 'waitlisted')`,
      )
      .get(Number(b.activityId), Number(b.activityId), b.userId) as { n: number };
    return { ...b, waitlistPosition: ahead.n + 1 };
  }

  private storedStatus(id: string): ActivityStatus {
    return (this.sql('SELECT status FROM activities WHERE id = ?').get(Number(id)) as { status: ActivityStatus }).status;
  }
}

function toActivity(r: ActivityRow): Activity {
  const waitlistCount = r.waitlist_count ?? 0;
  return {
    id: String(r.id),
    title: r.title,
    category: r.category,
    startAt: r.start_at,
    ...(r.end_at ? { endAt: r.end_at } : {}),
    place: r.place,
    capacity: r.capacity,
    ...(r.deadline ? { deadline: r.deadline } : {}),
    ...(r.notes ? { notes: r.notes } : {}),
    status: effectiveStatus(r.status, r.seats_taken, r.capacity, waitlistCount),
    maxSeatsPerBooking: r.max_seats,
    seatsTaken: r.seats_taken,
    waitlistCount,
    createdAt: r.created_at,
  };
}

function toBooking(r: BookingRow): Booking {
  return {
    activityId: String(r.activity_id),
    userId: r.user_id,
    ...(r.user_name ? { userName: r.user_name } : {}),
    seats: r.seats,
    status: r.status,
    chat: JSON.parse(r.chat) as ChatRef,
    createdAt: r.created_at,
  };
}


function migrateActivities(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS activities (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, category TEXT NOT NULL,
      start_at TEXT NOT NULL, start_ms INTEGER NOT NULL, end_at TEXT, place TEXT NOT NULL, capacity INTEGER NOT NULL,
      deadline TEXT, deadline_ms INTEGER, notes TEXT, status TEXT NOT NULL, max_seats INTEGER NOT NULL,
      seats_taken INTEGER NOT NULL DEFAULT 0, waiting INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS activities_start ON activities (start_ms);
    CREATE TABLE IF NOT EXISTS bookings (seq INTEGER PRIMARY KEY AUTOINCREMENT, activity_id INTEGER NOT NULL, user_id TEXT NOT NULL,
      user_name TEXT, seats INTEGER NOT NULL, status TEXT NOT NULL, chat TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE UNIQUE INDEX IF NOT EXISTS bookings_active ON bookings (activity_id, user_id) WHERE status != 'cancelled';
    CREATE INDEX IF NOT EXISTS bookings_user ON bookings (user_id, status);
    CREATE INDEX IF NOT EXISTS bookings_queue ON bookings (activity_id, status, seq);
    CREATE TABLE IF NOT EXISTS reminders (id TEXT PRIMARY KEY, activity_id INTEGER NOT NULL, user_id TEXT NOT NULL, kind TEXT NOT NULL,
      due_ms INTEGER NOT NULL, chat TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS reminders_due ON reminders (due_ms);
  `);
}
