/** Ticket export for reporting upward: .xlsx (exceljs) or .csv (UTF-8 with BOM for Excel), Chinese headers. */
import type { Prompts } from '../../core/prompts.js';
import type { Config } from '../../config.js';
import type { Ticket } from '../../store/ticket-types.js';
import { maskPersonalData } from '../../core/privacy.js';
import { platformUserId } from '../../core/person.js';
import { categoryLabel, isOverdue, statusLabel, ticketDetailsText } from './format.js';
import { tableFile, type TableFormat } from '../../core/table-file.js';

export type ExportFormat = TableFormat;

const COLUMNS = [
  'no', 'category', 'status', 'userName', 'userId', 'channel', 'chatId', 'text', 'details', 'createdAt', 'firstReplyAt', 'closedAt', 'rating', 'overdue',
] as const;
type Column = (typeof COLUMNS)[number];

/** "2026-11-27 14:05" in the service time zone (sorts and reads well in Excel). */
function localTime(iso: string | undefined, tz: string): string {
  if (!iso) return '';
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  ) as Record<string, string>;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** One export row per ticket, masked (phone, ID card) unless `full`. */
export function exportRows(tickets: Ticket[], opts: { prompts: Prompts; config: Pick<Config, 'TIMEZONE' | 'FEEDBACK_DUE_HOURS' | 'FEEDBACK_URGENT_DUE_HOURS'>; full?: boolean; now: Date }): Record<Column, string | number> [] {
  const { prompts, config } = opts;
  const mask = (s: string) => (opts.full ? s : maskPersonalData(s));
  return tickets.map((t) => ({
    no: t.no,
    category: categoryLabel(prompts, t.category),
    status: statusLabel(prompts, t.status),
    userName: t.userName ?? '',
    userId: platformUserId(t.userId), // the platform's own id; the channel is its own column
    channel: t.chat.channel,
    chatId: t.chat.chatId,
    text: mask(t.text),
    details: mask(ticketDetailsText(prompts, t)),
    createdAt: localTime(t.createdAt, config.TIMEZONE),
    firstReplyAt: localTime(t.firstReplyAt, config.TIMEZONE),
    closedAt: localTime(t.closedAt, config.TIMEZONE),
    rating: t.rating ?? '',
    overdue: prompts.t(isOverdue(t, opts.now, config) ? 'feedback.export.yes' : 'feedback.export.no'),
  }));
}

/** The export file as bytes. */
export async function exportTickets(
  tickets: Ticket[],
  format: ExportFormat,
  opts: { prompts: Prompts; config: Pick<Config, 'TIMEZONE' | 'FEEDBACK_DUE_HOURS' | 'FEEDBACK_URGENT_DUE_HOURS'>; full?: boolean; now: Date },
): Promise<Buffer> {
  const rows = exportRows(tickets, opts);
  const headers = COLUMNS.map((c) => opts.prompts.t(`feedback.export.headers.${c}`));
  return tableFile(COLUMNS, headers, rows, format, {
    sheet: opts.prompts.t('feedback.export.sheet'),
    created: opts.now,
    width: (key) => (key === 'text' ? 50 : key === 'details' ? 30 : 16),
  });
}
