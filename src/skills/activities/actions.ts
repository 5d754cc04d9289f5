/** Store writes followed by the messages they cause (promotions, cancellations), shared by chat and CLI. */
import type { Activity, Booking, ReduceOutcome, SignupChange } from '../../store/activity-types.js';
import type { Services } from '../../services.js';
import { formatWhen } from './format.js';
import { say } from './common.js';

/** Tells each promoted person, in the chat where they booked, that they now have a seat. */
export async function notifyPromoted(services: Services, activity: Activity | null, promoted: Booking[]): Promise<void> {
  if (!activity) return;
  const when = formatWhen(activity.startAt, services.config.TIMEZONE, services.prompts);
  for (const b of promoted) {
    const text = say(services, 'promoted', { title: activity.title, when, place: activity.place, seats: b.seats });
    await services.notifier.send(b.chat, { text }, `promoted:${activity.id}:${b.userId}`);
  }
}

/** Cancels the booking of one person (personId), tells whoever moved up from the waitlist, and writes the audit log. */
export async function cancelBooking(services: Services, activityId: string, person: string): Promise<{ cancelled: Booking | null; promoted: Booking[] }> {
  const { store, clock } = services;
  const now = clock.now();
  const outcome = await store.activities.cancel(activityId, person, now);
  if (outcome.cancelled) {
    await store.audit({ at: now.toISOString(), actor: `user:${person}`, action: 'activity.cancel_booking', subject: `activity:${activityId}`, detail: { promoted: outcome.promoted.map((b) => b.userId) } });
    await notifyPromoted(services, await store.activities.get(activityId), outcome.promoted);
  }
  return outcome;
}

/** Lowers one person's booking to `seats`, tells whoever moved up from the waitlist, and writes the audit log. */
export async function reduceBooking(services: Services, activityId: string, person: string, seats: number): Promise<ReduceOutcome> {
  const { store, clock } = services;
  const now = clock.now();
  const outcome = await store.activities.reduceSeats(activityId, person, seats, now);
  if (outcome.status === 'reduced') {
    await store.audit({
      at: now.toISOString(),
      actor: `user:${person}`,
      action: 'activity.reduce_booking',
      subject: `activity:${activityId}`,
      detail: { from: outcome.from, seats: outcome.booking.seats, promoted: outcome.promoted.map((b) => b.userId) },
    });
    await notifyPromoted(services, await store.activities.get(activityId), outcome.promoted);
  }
  return outcome;
}

/** Cancels an activity and tells everyone who was booked or waiting; null when it does not exist. */
export async function cancelActivityAndNotify(services: Services, id: string, actor: string): Promise<{ activity: Activity; told: Booking[] } | null> {
  const { store, clock } = services;
  const activity = await store.activities.get(id);
  if (!activity) return null;
  const now = clock.now();
  const told = await store.activities.cancelActivity(id, now);
  const when = formatWhen(activity.startAt, services.config.TIMEZONE, services.prompts);
  for (const b of told) {
    await services.notifier.send(b.chat, { text: say(services, 'activity_cancelled', { title: activity.title, when }) }, `activity-cancelled:${id}:${b.userId}`);
  }
  await store.audit({ at: now.toISOString(), actor, action: 'activity.cancel', subject: `activity:${id}`, detail: { told: told.length } });
  return { activity: { ...activity, status: 'cancelled' }, told };
}

/**
 * Stops sign-up of an activity now (`open` false) or opens it again, and writes the audit log.
 * Nobody is told: those booked stay booked and those waiting keep their places.
 */
export async function setSignup(services: Services, id: string, open: boolean, actor: string): Promise<SignupChange> {
  const { store, clock } = services;
  const change = await store.activities.setSignupOpen(id, open);
  if (change.status === 'changed') {
    await store.audit({ at: clock.now().toISOString(), actor, action: open ? 'activity.reopen' : 'activity.close', subject: `activity:${id}` });
  }
  return change;
}
