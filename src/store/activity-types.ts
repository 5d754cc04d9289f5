/** Activity, booking and reminder types and the ActivityRepo part of the Store contract. */
import type { ChatRef } from '../core/types.js';

export type ActivityStatus = 'open' | 'full' | 'closed' | 'cancelled';

export interface Activity {
  id: string;
  title: string;
  /** 棋牌 | 球类 | 书画摄影 | 讲座 | 老年大学 | 参观 | 志愿 | 其他 */
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

export interface CancelOutcome {
  cancelled: Booking | null;
  /** Waitlisted bookings that got a seat because of this cancellation. */
  promoted: Booking[];
}

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

/** The status shown to people: an open activity without free seats, or with a queue, reads as full. */
export function effectiveStatus(stored: ActivityStatus, seatsTaken: number, capacity: number, waitlistCount: number): ActivityStatus {
  if (stored === 'open' && (seatsTaken >= capacity || waitlistCount > 0)) return 'full';
  return stored;
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
   */
  book(input: { activityId: string; userId: string; userName?: string; seats: number; chat: ChatRef }, now: Date): Promise<BookOutcome>;
  /** Cancels a person's booking (personId); frees seats and promotes from the waitlist head. */
  cancel(activityId: string, personId: string, now: Date): Promise<CancelOutcome>;
  /** Cancels the activity itself; returns every booking that was active (to tell them). */
  cancelActivity(id: string, now: Date): Promise<Booking[]>;
  /** Active bookings (confirmed and waitlisted) of one person (personId), soonest activity first. */
  listByUser(personId: string): Promise<Booking[]>;
  listByActivity(activityId: string): Promise<{ confirmed: Booking[]; waitlist: Booking[] }>;
  /** Atomically claims reminders due at or before `now` (activity not yet started); each is returned once ever. */
  claimDueReminders(now: Date, limit: number): Promise<Reminder[]>;
}
