/** Reads a staff member's "新增活动 标题，时间，地点，名额[，类别]" into a new activity. */
import { createRequire } from 'node:module';
import { localDay } from './format.js';
import { chineseNumber, parseDay, zonedInstant } from './parse.js';
import { CATEGORIES, categoryOf } from '../../core/activity-kinds.js';

export const STAFF_ADD = /^(?:新增活动|添加活动|发布活动|增加活动)[\s:：]*/u;

export interface StaffActivityDraft {
  title: string;
  category: string;
  startAt: string;
  place: string;
  capacity: number;
}

/** chrono-node (about 0.2 s to load) is read the first time staff add an activity, not at start-up. */
let chrono: typeof import('chrono-node') | undefined;
function chronoParser(): typeof import('chrono-node') {
  chrono ??= createRequire(import.meta.url)('chrono-node') as typeof import('chrono-node');
  return chrono;
}

/**
 * The start instant of "12月10日下午2点" / "明天下午2点" / "下周三上午9点半" in `tz`: the day is read
 * like a retiree's date (parseDay, from the local day in `tz`; no date = today), the time of day by
 * chrono, and the two are put together as local wall-clock time, whatever the process time zone.
 * Null when there is no clear hour, the date is a range or not a date.
 */
export function parseStartAt(when: string, now: Date, tz: string): Date | null {
  const date = parseDay(when, now, tz);
  if (date && ('error' in date || date.last)) return null;
  const day = date ? date.day : localDay(now, tz);
  const rest = date ? when.replace(date.text, ' ') : when;
  const hit = chronoParser().zh.hans.parse(rest, now).find((r) => r.start.isCertain('hour'));
  if (!hit) return null;
  // A date chrono reads in what is left over ("昨天" is taken out above, anything else is not a time).
  if (hit.start.isCertain('day') || hit.start.isCertain('weekday')) return null;
  const hour = hit.start.get('hour');
  const minute = hit.start.get('minute') ?? 0;
  if (hour === null || hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zonedInstant(y, m, d, hour, minute, tz);
}

/** "50", "50人", "十五", "二十人", "三十个", "一百二十", "名额：40" -> the number; null when there is none or two. */
export function capacityOf(text: string): number | null {
  const numbers = text.normalize('NFKC').match(/\d+|[零〇一二两三四五六七八九十百千万]+/gu) ?? [];
  if (numbers.length !== 1) return null;
  return chineseNumber(numbers[0]!);
}

/** Parses the command; `{ error }` names what is missing or wrong. */
export function parseStaffActivity(text: string, now: Date, tz: string): StaffActivityDraft | { error: 'parts' | 'time' | 'capacity' } {
  const body = text.replace(STAFF_ADD, '');
  const parts = body
    .split(/[，,|｜;；\n]+/u)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 4) return { error: 'parts' };
  const [title, when, place, capacityText, categoryText] = parts as [string, string, string, string, string | undefined];
  const parsed = parseStartAt(when, now, tz);
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.getTime() <= now.getTime()) return { error: 'time' };
  const capacity = capacityOf(capacityText);
  if (capacity === null || capacity < 1 || capacity > 100_000) return { error: 'capacity' };
  const given = categoryText && ((CATEGORIES as readonly string[]).includes(categoryText) ? categoryText : (categoryOf(categoryText) ?? categoryText));
  const category = given || (categoryOf(title) ?? '其他');
  return { title, category, startAt: parsed.toISOString(), place, capacity };
}
