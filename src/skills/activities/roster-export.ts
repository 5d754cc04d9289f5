/**
 * One activity's roster for staff: .xlsx (exceljs) or .csv (UTF-8 with BOM for Excel), Chinese
 * headers, those booked first, then the waitlist in queue order. Shared by the CLI and the console.
 */
import type { Prompts } from '../../core/prompts.js';
import type { Activity, Booking } from '../../store/activity-types.js';
import { localDay, localParts } from './format.js';
import { tableFile, type TableFormat } from '../../core/table-file.js';

export type RosterFormat = TableFormat;

const COLUMNS = ['name', 'person', 'seats', 'status', 'position', 'bookedAt'] as const;
type Column = (typeof COLUMNS)[number];
type Row = Record<Column, string | number>;

/** "2026-11-27 14:05" in the service time zone (sorts and reads well in Excel). */
function localTime(iso: string, tz: string): string {
  const p = localParts(iso, tz);
  return `${localDay(iso, tz)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** The roster rows: everyone booked, then everyone waiting (with their place in the queue). */
export function rosterRows(confirmed: Booking[], waitlist: Booking[], opts: { prompts: Prompts; timezone: string }): Row[] {
  const t = (k: string) => opts.prompts.t(`activities.export.${k}`);
  const row = (b: Booking, position: number | ''): Row => ({
    name: b.userName ?? '',
    person: b.userId,
    seats: b.seats,
    status: position === '' ? t('booked') : t('waiting'),
    position,
    bookedAt: localTime(b.createdAt, opts.timezone),
  });
  return [...confirmed.map((b) => row(b, '')), ...waitlist.map((b, i) => row(b, b.waitlistPosition ?? i + 1))];
}

/** The format a file name asks for: ".csv" -> csv, anything else xlsx. */
export function formatOfFile(file: string): RosterFormat {
  return /\.csv$/iu.test(file) ? 'csv' : 'xlsx';
}

/** A file name for the download: "activity-3-20261209.xlsx" (ASCII, so every browser keeps it). */
export function rosterFileName(a: Activity, format: RosterFormat, timezone: string): string {
  return `activity-${a.id}-${localDay(a.startAt, timezone).replace(/-/g, '')}.${format}`;
}

/** The roster file as bytes. */
export async function exportRoster(
  activity: Activity,
  confirmed: Booking[],
  waitlist: Booking[],
  format: RosterFormat,
  opts: { prompts: Prompts; timezone: string; now: Date },
): Promise<Buffer> {
  const rows = rosterRows(confirmed, waitlist, opts);
  const headers = COLUMNS.map((c) => opts.prompts.t(`activities.export.headers.${c}`));
  return tableFile(COLUMNS, headers, rows, format, {
    sheet: activity.title.replace(/[[\]:*?/\\]/gu, ' ').trim() || opts.prompts.t('activities.export.sheet'),
    created: opts.now,
    width: (key) => (key === 'person' ? 28 : key === 'bookedAt' ? 18 : 12),
  });
}
