/** Activity, booking and reminder types and the ActivityRepo part of the Store contract. */
import type { ChatRef } from '../core/types.js';

export type ActivityStatus = 'open' | 'full' | 'closed' | 'cancelled';

export interface Activity {
  id: string;
  title: string;
  /** 棋牌 | 球类 | 健身 | 文艺 | 书画摄影 | 讲座 | 老年大学 | 参观 | 志愿 | 其他 (skills/activities/categories.ts) */
  category: string;
  startAt: string; // ISO
  endAt?: string; // ISO
  place: string;
  capacity: number;
  /** Sign-up closes at this time (default: the start time). */
  deadline?: string;
  notes?: string;
  status: ActivityStatus;
  /** Most seats one booking may take (e.g. 2: self and spouse). */
  maxSeatsPerBooking: number;
  /** Seats currently confirmed. */
  seatsTaken: number;
  /** Bookings currently waiting for a seat (filled by `get` and `list`). */
  waitlistCount?: number;
  createdAt: string;
}

export type NewActivity = Omit<Activity, 'id' | 'status' | 'seatsTaken' | 'createdAt' | 'maxSeatsPerBooking'> & {
  maxSeatsPerBooking?: number;
};

export type BookingStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export interface Booking {
  activityId: string;
  /** The person who booked: channel and platform user id, "wechat:wxid_abc" (core/person.ts personId). */
  userId: string;
  userName?: string;
  seats: number;
  status: BookingStatus;
  /** Chat where the booking was made: reminders and promotions go there. */
  chat: ChatRef;
  createdAt: string;
  /** 1-based waitlist position when waitlisted. */
  waitlistPosition?: number;
}

export type BookOutcome =
  | { status: 'confirmed'; booking: Booking }
  | { status: 'waitlisted'; booking: Booking; position: number }
  | { status: 'duplicate'; booking: Booking }
  | { status: 'closed'; reason: 'deadline' | 'cancelled' | 'closed' | 'past' }
  | { status: 'not_found' }
  | { status: 'too_many_seats'; max: number };

/**
 * What `setSignupOpen` did: 'changed' (sign-up stopped or reopened), 'unchanged' (it already was),
 * 'cancelled' (a cancelled activity is never reopened nor closed), 'not_found'.
 */
export type SignupChange =
  | { status: 'changed'; activity: Activity }
  | { status: 'unchanged'; activity: Activity }
  | { status: 'cancelled' }
  | { status: 'not_found' };

export interface CancelOutcome {
  cancelled: Booking | null;
  /** Waitlisted bookings that got a seat because of this cancellation. */
  promoted: Booking[];
}

/**
 * What `reduceSeats` did: 'reduced' (the booking, as it is now, holds fewer seats, `from` before; the
 * freed ones gave `promoted` — other people's waiting bookings — a seat, as a cancellation does),
 * 'not_found' (no active booking), 'invalid' (not fewer seats than it holds, or fewer than 1).
 */
export type ReduceOutcome =
  | { status: 'reduced'; booking: Booking; from: number; promoted: Booking[] }
  | { status: 'not_found' }
  | { status: 'invalid'; booking: Booking };

/**
 * What `raiseSeats` did: 'raised' (the booking, as it is now, holds more seats, `from` before; a waiting
 * one keeps its place), 'not_found' (no active booking), 'invalid' (not more seats than it holds),
 * 'too_many_seats' (over the per-booking limit `max`), 'no_room' (a confirmed booking: the extra seats
 * are not free, or a waiting booking that fits them goes first; `free` seats), 'closed' (sign-up stopped,
 * past its deadline or started).
 */
export type RaiseOutcome =
  | { status: 'raised'; booking: Booking; from: number }
  | { status: 'not_found' }
  | { status: 'invalid'; booking: Booking }
  | { status: 'too_many_seats'; booking: Booking; max: number }
  | { status: 'no_room'; booking: Booking; free: number }
  | { status: 'closed'; booking: Booking; reason: 'closed' | 'deadline' | 'past' };

export interface Reminder {
  id: string;
  activityId: string;
  /** The person reminded (personId, "wechat:wxid_abc"). */
  userId: string;
  kind: 'day_before' | 'two_hours';
  dueAt: string;
  chat: ChatRef;
}

/** Reminders are due this long before the start (created only when still in the future). */
export const REMINDER_OFFSETS: Record<Reminder['kind'], number> = {
  day_before: 24 * 3600_000,
  two_hours: 2 * 3600_000,
};

/**
 * The status shown to people: an open activity reads as full only when no seat is free. A queue
 * alone does not make it full: a waiting booking that needs more seats than are free does not
 * block a smaller one that fits (see the waitlist rule in docs/activities.md).
 */
export function effectiveStatus(stored: ActivityStatus, seatsTaken: number, capacity: number, _waitlistCount = 0): ActivityStatus {
  if (stored === 'open' && seatsTaken >= capacity) return 'full';
  return stored;
}

/** Whether people can sign up now, as staff see it: the status plus 'deadline' (sign-up closed) and 'started'. */
export type SignupState = ActivityStatus | 'deadline' | 'started';

/** The sign-up state of `a` at `now`: a passed deadline or start time overrides open / full. */
export function signupState(a: Pick<Activity, 'status' | 'startAt' | 'deadline'>, now: Date): SignupState {
  if (a.status !== 'open' && a.status !== 'full') return a.status;
  if (new Date(a.startAt).getTime() <= now.getTime()) return 'started';
  if (a.deadline && new Date(a.deadline).getTime() < now.getTime()) return 'deadline';
  return a.status;
}

export interface ActivityRepo {
  create(input: NewActivity, now: Date): Promise<Activity>;
  get(id: string): Promise<Activity | null>;
  update(id: string, patch: Partial<NewActivity & { status: ActivityStatus }>): Promise<Activity | null>;
  /** Activities starting at or after `from` (default: all), soonest first. */
  list(filter?: { from?: Date; includeCancelled?: boolean }): Promise<Activity[]>;
  /**
   * Books seats atomically: capacity, duplicate and deadline checks, waitlist. `userId` is the
   * person (personId, "channel:userId"): the same platform id on another channel is someone else.
   * Confirmed when the seats fit into the free ones and no waiting booking that also fits is ahead;
   * otherwise it joins the end of the queue.
   */
  book(input: { activityId: string; userId: string; userName?: string; seats: number; chat: ChatRef }, now: Date): Promise<BookOutcome>;
  /**
   * Cancels a person's booking (personId); frees seats and promotes waiting bookings in queue order,
   * each one that fits into the seats still free (a larger one that does not fit keeps its place).
   */
  cancel(activityId: string, personId: string, now: Date): Promise<CancelOutcome>;
  /**
   * Lowers a person's booking to `seats` (at least 1, fewer than it holds), atomically: a confirmed
   * booking frees the difference and promotes waiting bookings as `cancel` does; a waiting one keeps
   * its place in the queue (and is promoted itself when it now fits). Reminders stay.
   */
  reduceSeats(activityId: string, personId: string, seats: number, now: Date): Promise<ReduceOutcome>;
  /**
   * Raises a person's booking to `seats` (more than it holds, at most the per-booking limit), atomically:
   * a confirmed booking takes the extra seats only when they are free and no waiting booking that fits
   * them is ahead (as `book` decides); a waiting one keeps its place in the queue. Reminders stay.
   */
  raiseSeats(activityId: string, personId: string, seats: number, now: Date): Promise<RaiseOutcome>;
  /**
   * Stops sign-up now (`open` false: status 'closed') or opens it again (true: 'open'), atomically and
   * touching nothing else: bookings and the waitlist stay as they are (a cancellation still promotes),
   * nobody is told. A cancelled activity stays cancelled.
   */
  setSignupOpen(id: string, open: boolean): Promise<SignupChange>;
  /** Cancels the activity itself; returns every booking that was active (to tell them). */
  cancelActivity(id: string, now: Date): Promise<Booking[]>;
  /** Active bookings (confirmed and waitlisted) of one person (personId), soonest activity first. */
  listByUser(personId: string): Promise<Booking[]>;
  listByActivity(activityId: string): Promise<{ confirmed: Booking[]; waitlist: Booking[] }>;
  /** Atomically claims reminders due at or before `now` (activity not yet started); each is returned once ever. */
  claimDueReminders(now: Date, limit: number): Promise<Reminder[]>;
}
