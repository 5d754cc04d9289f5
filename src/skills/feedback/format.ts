/** Elderly-friendly wording helpers for tickets: dates, labels, overdue marks. */
import type { Prompts } from '../../core/prompts.js';
import type { Config } from '../../config.js';
import type { Ticket, TicketCategory, TicketStatus } from '../../store/ticket-types.js';
import type { Draft } from './draft.js';

/** "12月3日（周三）下午2:00" in time zone `tz`. */
export function formatDateTime(at: Date | string, tz: string, prompts: Prompts): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: tz, month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit', hourCycle: 'h23', weekday: 'short' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const hour = Number(parts.hour) % 24;
  const weekdayIndex = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? '');
  const weekdays = prompts.raw<string[]>('feedback.weekdays');
  const part = hour < 6 ? 'dawn' : hour < 12 ? 'morning' : hour < 13 ? 'noon' : hour < 18 ? 'afternoon' : 'evening';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return prompts.t('feedback.date_format', {
    month: parts.month,
    day: parts.day,
    weekday: weekdays[weekdayIndex] ?? '',
    part: prompts.t(`feedback.day_parts.${part}`),
    hour: part === 'noon' ? hour : h12,
    minute: parts.minute,
  });
}

/** 投诉 / 建议 … */
export function categoryLabel(prompts: Prompts, c: TicketCategory): string {
  return prompts.t(`feedback.categories.${c}`);
}

/** What a ticket is, for staff views: its category, or 紧急求助 for an emergency (a 住院报告 with nobody in hospital yet). */
export function ticketLabel(prompts: Prompts, t: Pick<Ticket, 'category' | 'details'>): string {
  return t.details?.emergency === true ? prompts.t('feedback.emergency_label') : categoryLabel(prompts, t.category);
}

/** 待受理 / 已回复 … */
export function statusLabel(prompts: Prompts, s: TicketStatus): string {
  return prompts.t(`feedback.statuses.${s}`);
}

/** When the first staff answer is due (urgent categories sooner). */
export function dueAt(t: Ticket, config: Pick<Config, 'FEEDBACK_DUE_HOURS' | 'FEEDBACK_URGENT_DUE_HOURS'>): Date {
  const urgent = t.category === 'hospitalization' || t.category === 'handoff';
  const hours = urgent ? config.FEEDBACK_URGENT_DUE_HOURS : config.FEEDBACK_DUE_HOURS;
  return new Date(Date.parse(t.createdAt) + hours * 3_600_000);
}

/** True when nobody has answered the ticket and its due time has passed. */
export function isOverdue(t: Ticket, now: Date, config: Pick<Config, 'FEEDBACK_DUE_HOURS' | 'FEEDBACK_URGENT_DUE_HOURS'>): boolean {
  if (t.firstReplyAt || t.status === 'replied' || t.status === 'closed') return false;
  return now.getTime() > dueAt(t, config).getTime();
}

/** Shortens text for one-line lists. */
export function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : chars.join('');
}

/** Shortens long text in the middle, so its end (an addition said last) stays visible. */
export function clipMiddle(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  if (chars.length <= max) return chars.join('');
  const head = Math.ceil((max - 1) / 2);
  return chars.slice(0, head).join('') + '…' + chars.slice(chars.length - (max - 1 - head)).join('');
}

/** A draft in one line: "我老伴住院了；医院：未说明；可以来电：可以" (the details only for a hospital report). */
export function draftLine(prompts: Prompts, draft: Pick<Draft, 'category' | 'text' | 'details'>): string {
  const text = clipMiddle(draft.text ?? '', 60);
  if (draft.category !== 'hospitalization') return text;
  return prompts.t('feedback.draft_line_hospital', { text, details: ticketDetailsText(prompts, { category: draft.category, details: { ...draft.details } }) });
}

/** Detail keys written in words by ticketDetailsText; any other key is shown as "key：value". */
const KNOWN_DETAILS = new Set(['emergency', 'hospital', 'mayCall', 'additions', 'source']);

/** "可以" / "不用" / "未说明" for a may-call answer. */
function mayCallText(prompts: Prompts, value: unknown): string {
  return prompts.t(value === true ? 'feedback.may_call_yes' : value === false ? 'feedback.may_call_no' : 'feedback.unknown_value');
}

/**
 * A ticket's details in words, the one formatter of every ticket view (staff chat, console, CLI,
 * export, staff alert): "医院：市二院；可以来电：可以", "情况：紧急，人不在医院", "补充：「这是第三次了」".
 * A hospital report always shows 医院 and 可以来电 (未说明 when not said); '' when there is nothing.
 */
export function ticketDetailsText(prompts: Prompts, t: { category: TicketCategory; details?: Record<string, unknown> | undefined }): string {
  const d = t.details ?? {};
  const label = (key: string) => prompts.t(`feedback.detail_labels.${key}`);
  const parts: string[] = [];
  if (d.emergency === true) parts.push(`${label('emergency')}：${prompts.t('feedback.emergency_detail')}`);
  else if (t.category === 'hospitalization' || d.hospital !== undefined || d.mayCall !== undefined) {
    parts.push(`${label('hospital')}：${typeof d.hospital === 'string' && d.hospital ? d.hospital : prompts.t('feedback.unknown_value')}`);
    parts.push(`${label('mayCall')}：${mayCallText(prompts, d.mayCall)}`);
  }
  if (typeof d.source === 'string') {
    const source = `feedback.detail_sources.${d.source}`;
    parts.push(`${label('source')}：${prompts.has(source) ? prompts.t(source) : d.source}`);
  }
  const additions = Array.isArray(d.additions) ? d.additions.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
  if (additions.length > 0) parts.push(`${label('additions')}：${additions.map((a) => `「${a}」`).join('')}`);
  for (const [key, value] of Object.entries(d)) {
    if (KNOWN_DETAILS.has(key) || value === undefined || value === null) continue;
    parts.push(`${key}：${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  return parts.join('；');
}
