/**
 * One activity's roster for staff: .xlsx (exceljs) or .csv (UTF-8 with BOM for Excel), Chinese
 * headers, those booked first, then the waitlist in queue order. Shared by the CLI and the console.
 */
import type { Prompts } from '../../core/prompts.js';
import type { Activity, Booking } from '../../store/activity-types.js';
import { localDay, localParts } from './format.js';

export type RosterFormat = 'xlsx' | 'csv';

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

function csvCell(v: string | number): string {
  const s = String(v);
  // A leading = + - @ would run as a formula in Excel: prefix with a quote.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
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
  if (format === 'csv') {
    const lines = [headers.map(csvCell).join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))];
    return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
  }
  // exceljs is loaded only when someone exports (it is heavy for every start-up)
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.created = opts.now;
  // Sheet names: at most 31 characters, none of []:*?/\
  const ws = wb.addWorksheet(activity.title.replace(/[[\]:*?/\\]/gu, ' ').slice(0, 31) || opts.prompts.t('activities.export.sheet'));
  ws.columns = COLUMNS.map((key, i) => ({ header: headers[i]!, key, width: key === 'person' ? 28 : key === 'bookedAt' ? 18 : 12 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
