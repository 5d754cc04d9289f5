/**
 * One activity's roster as a chat message for staff ("名单 3"): the activity, those booked in
 * booking order, the waitlist in queue order (the order of roster-export.ts), at most
 * ROSTER_SHOWN names a part, and where the full table is.
 */
import type { Services } from '../../services.js';
import type { Activity, Booking } from '../../store/activity-types.js';
import { formatWhen } from './format.js';
import { say } from './common.js';
import { signupState } from '../../store/activity-types.js';

/** Most names listed in one part (booked, waiting); the rest are counted, so a reply stays short. */
export const ROSTER_SHOWN = 30;

/** The name staff know the person by; the account when none was given. */
function nameOf(services: Services, b: Booking): string {
  return b.userName ?? b.chat.userName ?? say(services, 'staff_roster_no_name', { person: b.userId });
}

/** The numbered lines of one part ("1. 张三", "2. 李四（2位）"), capped, with how many more. */
function part(services: Services, list: Booking[], numberOf: (b: Booking, i: number) => number): string[] {
  const lines = list.slice(0, ROSTER_SHOWN).map((b, i) => {
    const vars = { n: numberOf(b, i), name: nameOf(services, b), seats: b.seats };
    return say(services, b.seats > 1 ? 'staff_roster_item_seats' : 'staff_roster_item', vars);
  });
  if (list.length > ROSTER_SHOWN) lines.push(say(services, 'staff_roster_more', { more: list.length - ROSTER_SHOWN }));
  return lines;
}

/** The roster message: title and time, booked/capacity, the booked, the waitlist, the download hint. */
export function rosterText(services: Services, a: Activity, confirmed: Booking[], waitlist: Booking[]): string {
  const { clock, config, prompts } = services;
  const seats = (list: Booking[]) => list.reduce((n, b) => n + b.seats, 0);
  const head = say(services, 'staff_roster_title', {
    id: a.id,
    title: a.title,
    when: formatWhen(a.startAt, config.TIMEZONE, prompts),
    taken: seats(confirmed),
    capacity: a.capacity,
    waiting: seats(waitlist),
    status: prompts.t(`activities.status_labels.${signupState(a, clock.now())}`),
  });
  const booked = confirmed.length
    ? [say(services, 'staff_roster_booked', { people: confirmed.length }), ...part(services, confirmed, (_b, i) => i + 1)]
    : [say(services, 'staff_roster_booked_none')];
  const waiting = waitlist.length
    ? [say(services, 'staff_roster_waiting', { people: waitlist.length }), ...part(services, waitlist, (b, i) => b.waitlistPosition ?? i + 1)]
    : [say(services, 'staff_roster_waiting_none')];
  return [head, ...booked, ...waiting, say(services, 'staff_roster_download', { id: a.id })].join('\n');
}
