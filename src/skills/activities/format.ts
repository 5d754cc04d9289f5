/** Dates and list lines for elderly readers: "12月3日（周三）下午2:00" in the configured time zone. */
import type { Prompts } from '../../core/prompts.js';
import type { Activity } from '../../store/activity-types.js';

interface LocalParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Calendar parts of `at` in time zone `tz`. */
export function localParts(at: Date | string, tz: string): LocalParts {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short', hour: 'numeric', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(tz, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
  };
}

/** "2026-12-03": the local calendar day of `at`, to compare dates. */
export function localDay(at: Date | string, tz: string): string {
  const p = localParts(at, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** "下午2:00" */
export function formatTime(at: Date | string, tz: string, prompts: Prompts): string {
  const p = localParts(at, tz);
  const period = p.hour < 6 ? 'dawn' : p.hour < 12 ? 'morning' : p.hour < 13 ? 'noon' : p.hour < 18 ? 'afternoon' : 'evening';
  const hour12 = p.hour > 12 ? p.hour - 12 : p.hour;
  return `${prompts.t(`activities.periods.${period}`)}${hour12}:${String(p.minute).padStart(2, '0')}`;
}

/** "12月3日（周三）下午2:00" */
export function formatWhen(at: Date | string, tz: string, prompts: Prompts): string {
  const p = localParts(at, tz);
  const weekday = prompts.raw<string[]>('activities.weekdays')[p.weekday] ?? '';
  return prompts.t('activities.when', { month: p.month, day: p.day, weekday, time: formatTime(at, tz, prompts) });
}

/** "两" for 2 (as in "两位"), the Chinese word up to ten, digits above. */
export function countWord(n: number, prompts: Prompts): string {
  return prompts.raw<string[]>('activities.count_words')[n] ?? String(n);
}

/** "剩5个名额" or "已满，可排队候补". */
export function seatsLabel(a: Activity, prompts: Prompts): string {
  const left = a.capacity - a.seatsTaken;
  return a.status === 'full' || left <= 0 ? prompts.t('activities.seats_full') : prompts.t('activities.seats_left', { left });
}

/** The numbered list of activities. */
export function activityLines(list: Activity[], tz: string, prompts: Prompts): string {
  return list
    .map((a, i) => prompts.t('activities.list_item', { n: i + 1, title: a.title, when: formatWhen(a.startAt, tz, prompts), place: a.place, seats: seatsLabel(a, prompts) }))
    .join('\n');
}

/** "12月9日（周三）" for a local day "2026-12-09"; "12月7日（周一）到12月13日（周日）" for a range. */
export function formatDay(day: string, prompts: Prompts, last?: string): string {
  const one = (d: string) => {
    const [, m, n] = d.split('-').map(Number);
    const weekday = prompts.raw<string[]>('activities.weekdays')[new Date(`${d}T00:00:00Z`).getUTCDay()] ?? '';
    return prompts.t('activities.day', { month: m!, day: n!, weekday });
  };
  return last && last !== day ? prompts.t('activities.day_range', { from: one(day), to: one(last) }) : one(day);
}
