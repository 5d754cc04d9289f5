/** Figures for managers: tickets per week and category, median time to first reply, satisfaction. */
import type { Config } from '../../config.js';
import type { Ticket, TicketCategory } from '../../store/ticket-types.js';
import { isOverdue } from './format.js';

export interface TicketStats {
  total: number;
  open: number;
  overdue: number;
  /** Monday of each week (local yyyy-mm-dd), oldest first. */
  weeks: string[];
  /** category -> count per week (same order as `weeks`). */
  byCategoryWeek: Partial<Record<TicketCategory, number[]>>;
  /** Median hours from creation to the first staff reply (null when no ticket was answered). */
  medianFirstReplyHours: number | null;
  ratingCount: number;
  ratingAverage: number | null;
  /** Counts of ratings 1..5. */
  ratingDistribution: [number, number, number, number, number];
}

function localDate(d: Date, tz: string): { y: number; m: number; day: number } {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(d).map((x) => [x.type, x.value]),
  ) as Record<string, string>;
  return { y: Number(p.year), m: Number(p.month), day: Number(p.day) };
}

/** The Monday (yyyy-mm-dd) of the local week containing `d`. */
export function weekStart(d: Date, tz: string): string {
  const { y, m, day } = localDate(d, tz);
  const utc = new Date(Date.UTC(y, m - 1, day));
  const back = (utc.getUTCDay() + 6) % 7;
  utc.setUTCDate(utc.getUTCDate() - back);
  return utc.toISOString().slice(0, 10);
}

/** The median of a list of numbers (null when empty). */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Computes the dashboard figures over `tickets` for the last `weeks` weeks. */
export function ticketStats(
  tickets: Ticket[],
  now: Date,
  config: Pick<Config, 'TIMEZONE' | 'FEEDBACK_DUE_HOURS' | 'FEEDBACK_URGENT_DUE_HOURS'>,
  weeks = 8,
): TicketStats {
  const tz = config.TIMEZONE;
  const weekList: string[] = [];
  const thisWeek = new Date(`${weekStart(now, tz)}T12:00:00Z`);
  for (let i = weeks - 1; i >= 0; i--) weekList.push(new Date(thisWeek.getTime() - i * 7 * 86_400_000).toISOString().slice(0, 10));
  const byCategoryWeek: Partial<Record<TicketCategory, number[]>> = {};
  const replyHours: number[] = [];
  const dist: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  let open = 0;
  let overdue = 0;
  for (const t of tickets) {
    const w = weekList.indexOf(weekStart(new Date(t.createdAt), tz));
    if (w >= 0) (byCategoryWeek[t.category] ??= new Array<number>(weeks).fill(0))[w]! += 1;
    if (t.firstReplyAt) replyHours.push((Date.parse(t.firstReplyAt) - Date.parse(t.createdAt)) / 3_600_000);
    if (t.rating && t.rating >= 1 && t.rating <= 5) dist[t.rating - 1]! += 1;
    if (t.status !== 'closed') open++;
    if (isOverdue(t, now, config)) overdue++;
  }
  const ratingCount = dist.reduce((a, b) => a + b, 0);
  const med = median(replyHours);
  return {
    total: tickets.length,
    open,
    overdue,
    weeks: weekList,
    byCategoryWeek,
    medianFirstReplyHours: med === null ? null : Math.round(med * 10) / 10,
    ratingCount,
    ratingAverage: ratingCount ? Math.round((dist.reduce((s, c, i) => s + c * (i + 1), 0) / ratingCount) * 100) / 100 : null,
    ratingDistribution: dist,
  };
}
