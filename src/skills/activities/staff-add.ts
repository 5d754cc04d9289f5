/** Reads a staff member's "新增活动 标题，时间，地点，名额[，类别]" into a new activity. */
import * as chrono from 'chrono-node';
import { extractSlots } from '../../core/router/slots.js';

export const STAFF_ADD = /^(?:新增活动|添加活动|发布活动|增加活动)[\s:：]*/u;

export interface StaffActivityDraft {
  title: string;
  category: string;
  startAt: string;
  place: string;
  capacity: number;
}

/** Minutes east of UTC of `tz` at `at`. */
function offsetMinutes(at: Date, tz: string): number {
  const local = new Date(at.toLocaleString('en-US', { timeZone: tz })).getTime();
  const utc = new Date(at.toLocaleString('en-US', { timeZone: 'UTC' })).getTime();
  return Math.round((local - utc) / 60_000);
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
  const parsed = chrono.zh.hans.parseDate(when, { instant: now, timezone: offsetMinutes(now, tz) }, { forwardDate: true });
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.getTime() <= now.getTime()) return { error: 'time' };
  const capacity = Number(/\d+/.exec(capacityText)?.[0] ?? NaN);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 100_000) return { error: 'capacity' };
  const category = categoryText ?? String(extractSlots(title).category ?? '其他');
  return { title, category, startAt: parsed.toISOString(), place, capacity };
}
