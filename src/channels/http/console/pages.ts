/** The console pages (server-rendered HTML; every user-facing word comes from prompts/console.yaml). */
import type { Services } from '../../../services.js';
import type { Ticket, TicketCategory, TicketEvent, TicketStatus } from '../../../store/ticket-types.js';
import { signupState, type Activity, type Booking } from '../../../store/activity-types.js';
import { categoryLabel, clip, dueAt, formatDateTime, isOverdue, statusLabel, ticketDetailsText, ticketLabel } from '../../../skills/feedback/format.js';
import { ticketStats } from '../../../skills/feedback/stats.js';
import { horizontalBars, stackedColumns } from './charts.js';
import { html, raw, type Html } from './html.js';
import { personLabel } from '../../../core/person.js';

export const STATUSES: TicketStatus[] = ['new', 'accepted', 'in_progress', 'replied', 'closed'];
export const CATEGORIES: TicketCategory[] = ['hospitalization', 'handoff', 'complaint', 'help_request', 'suggestion', 'other'];

/** The login form (with its pre-session CSRF token). */
export function loginPage(services: Services, csrf: string, message?: { kind: 'err' | 'ok'; text: string }): Html {
  const t = (k: string, v = {}) => services.prompts.t(`console.login.${k}`, v);
  return html`<h1>${t('heading')}</h1>
${message ? html`<p class="${message.kind}" role="alert">${message.text}</p>` : ''}
<form method="post" action="/console/login">
<input type="hidden" name="csrf" value="${csrf}">
<p><label>${t('username')}<br><input name="username" autocomplete="username" required></label></p>
<p><label>${t('password')}<br><input name="password" type="password" autocomplete="current-password" required></label></p>
<p><button class="primary" type="submit">${t('submit')}</button></p>
</form><p class="muted">${t('hint')}</p>`;
}

/** The ticket queue with filters and overdue marks. */
export function queuePage(services: Services, tickets: Ticket[], filter: { status?: string; category?: string; overdue?: boolean }, urgent: Ticket[] = []): Html {
  const { prompts, config } = services;
  const t = (k: string, v = {}) => prompts.t(`console.queue.${k}`, v);
  const now = services.clock.now();
  const rows = tickets.map((x) => {
    const late = isOverdue(x, now, config);
    return html`<tr class="${late ? 'overdue' : ''}" data-no="${x.no}">
<td><a href="/console/tickets/${x.no}">${x.no}</a></td>
<td>${ticketLabel(prompts, x)}</td>
<td>${statusLabel(prompts, x.status)} ${late ? html`<span class="mark">${t('overdue')}</span>` : ''}</td>
<td>${personLabel(x)}</td>
<td>${clip(x.text, 40)}</td>
<td>${formatDateTime(x.createdAt, config.TIMEZONE, prompts)}</td>
<td>${formatDateTime(dueAt(x, config), config.TIMEZONE, prompts)}</td></tr>`;
  });
  const statusOptions = [
    html`<option value="">${t('all')}</option>`,
    html`<option value="open" ${filter.status === 'open' ? raw('selected') : ''}>${t('open_only')}</option>`,
    ...STATUSES.map((s) => html`<option value="${s}" ${filter.status === s ? raw('selected') : ''}>${statusLabel(prompts, s)}</option>`),
  ];
  const categoryOptions = [
    html`<option value="">${t('all')}</option>`,
    ...CATEGORIES.map((c) => html`<option value="${c}" ${filter.category === c ? raw('selected') : ''}>${categoryLabel(prompts, c)}</option>`),
  ];
  // An emergency (someone at home who cannot get up) comes first, named as such.
  const ordered = [...urgent.filter((u) => u.details?.emergency === true), ...urgent.filter((u) => u.details?.emergency !== true)];
  const banner = urgent.length
    ? html`<p class="urgent" role="alert" id="urgent">${t('urgent', { count: urgent.length })} ${ordered.map((u) => html`<a href="/console/tickets/${u.no}">${u.no}（${ticketLabel(prompts, u)}，${u.userName ?? u.userId}）</a> `)}</p>`
    : '';
  return html`${banner}<h1>${t('heading')}</h1>
<form method="get" action="/console">
<label>${t('status')} <select name="status">${statusOptions}</select></label>
<label>${t('category')} <select name="category">${categoryOptions}</select></label>
<label><input type="checkbox" name="overdue" value="1" ${filter.overdue ? raw('checked') : ''}> ${t('overdue_only')}</label>
<button type="submit">${t('filter')}</button></form>
<p>${t('count', { count: tickets.length })}</p>
${tickets.length === 0 ? html`<p>${t('empty')}</p>` : html`<table id="queue"><thead><tr><th>${t('col_no')}</th><th>${t('col_category')}</th><th>${t('col_status')}</th><th>${t('col_user')}</th><th>${t('col_text')}</th><th>${t('col_time')}</th><th>${t('col_due')}</th></tr></thead><tbody>${rows}</tbody></table>`}`;
}

function eventText(services: Services, e: TicketEvent): string {
  const { prompts } = services;
  const label = (v: string | undefined) => {
    if (!v) return '';
    if ((STATUSES as string[]).includes(v)) return statusLabel(prompts, v as TicketStatus);
    if ((CATEGORIES as string[]).includes(v)) return categoryLabel(prompts, v as TicketCategory);
    return v;
  };
  return prompts.t(`console.ticket.events.${e.kind}`, { from: label(e.from), to: label(e.to), text: e.text ?? '' });
}

/** One ticket: details, history, reply box, status and category changes. */
export function ticketPage(services: Services, x: Ticket, history: TicketEvent[], csrf: string, notice?: { kind: 'ok' | 'err'; text: string }): Html {
  const { prompts, config } = services;
  const t = (k: string, v = {}) => prompts.t(`console.ticket.${k}`, v);
  const tz = config.TIMEZONE;
  const late = isOverdue(x, services.clock.now(), config);
  const details = ticketDetailsText(prompts, x);
  const statusButtons = (['accepted', 'in_progress'] as TicketStatus[])
    .filter((s) => s !== x.status)
    .map((s) => html`<form method="post" action="/console/tickets/${x.no}/status" class="inline"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="status" value="${s}"><button type="submit">${statusLabel(prompts, s)}</button></form>`);
  const closeOrReopen =
    x.status === 'closed'
      ? html`<form method="post" action="/console/tickets/${x.no}/status" class="inline"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="status" value="accepted"><button type="submit">${t('reopen')}</button></form>`
      : html`<form method="post" action="/console/tickets/${x.no}/status" class="inline"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="status" value="closed"><button type="submit">${t('close')}</button></form>`;
  return html`<h1>${t('heading', { no: x.no })} · ${ticketLabel(prompts, x)} · <span id="status">${statusLabel(prompts, x.status)}</span> ${late ? html`<span class="mark">${prompts.t('console.queue.overdue')}</span>` : ''}</h1>
${notice ? html`<p class="${notice.kind}" role="status">${notice.text}</p>` : ''}
<section><p><b>${t('user')}</b>：${x.userName ?? ''} (${x.userId})　<b>${t('chat')}</b>：${x.chat.channel} ${x.chat.chatType === 'group' ? x.chat.chatId : ''}</p>
<p><b>${t('created')}</b>：${formatDateTime(x.createdAt, tz, prompts)}　<b>${t('due')}</b>：${formatDateTime(dueAt(x, config), tz, prompts)}</p>
<p id="ticket-text" style="font-size:24px">${x.text}</p>
${details ? html`<p><b>${t('details')}</b>：${details}</p>` : ''}
${x.summary ? html`<p class="suggestion"><b>${t('suggestion')}</b>：${x.summary}${x.suggestedCategory ? ` （${categoryLabel(prompts, x.suggestedCategory)}）` : ''}</p>` : ''}
<p><b>${t('rating')}</b>：${x.rating ? `${x.rating}` : t('no_rating')}</p></section>
<section><h2>${t('reply_heading')}</h2>
<form method="post" action="/console/tickets/${x.no}/reply" id="reply-form"><input type="hidden" name="csrf" value="${csrf}">
<textarea name="text" placeholder="${t('reply_placeholder')}" required></textarea>
<p><button class="primary" type="submit">${t('reply_submit')}</button></p></form></section>
<section><h2>${t('status_heading')}</h2>${statusButtons}${closeOrReopen}
<h2>${t('category_heading')}</h2>
<form method="post" action="/console/tickets/${x.no}/category"><input type="hidden" name="csrf" value="${csrf}">
<select name="category">${CATEGORIES.map((c) => html`<option value="${c}" ${c === x.category ? raw('selected') : ''}>${categoryLabel(prompts, c)}</option>`)}</select>
<button type="submit">${t('change')}</button></form></section>
<section><h2>${t('history')}</h2><ol class="history" id="history">${history.map(
    (e) => html`<li>${formatDateTime(e.at, tz, prompts)}　${e.actor}　${eventText(services, e)}</li>`,
  )}</ol></section>`;
}

/** The sign-up state staff read (报名中 / 已满 / 已停止报名 / 报名截止 / 已开始 / 已取消), as in the chat and CLI. */
function signupLabel(services: Services, a: Activity): string {
  return services.prompts.t(`activities.status_labels.${signupState(a, services.clock.now())}`);
}

/** Activities with seats taken, waitlist length and sign-up state. */
export function activitiesPage(services: Services, rows: { activity: Activity; confirmed: Booking[]; waitlist: Booking[] }[]): Html {
  const { prompts, config } = services;
  const t = (k: string, v = {}) => prompts.t(`console.activities.${k}`, v);
  if (rows.length === 0) return html`<h1>${t('heading')}</h1><p>${t('empty')}</p>`;
  return html`<h1>${t('heading')}</h1><table id="activities"><thead><tr><th>${t('col_title')}</th><th>${t('col_time')}</th><th>${t('col_place')}</th><th>${t('col_seats')}</th><th>${t('col_waitlist')}</th><th>${t('col_state')}</th></tr></thead><tbody>${rows.map(
    (r) => html`<tr data-id="${r.activity.id}"><td><a href="/console/activities/${encodeURIComponent(r.activity.id)}">${r.activity.title}</a></td><td>${formatDateTime(r.activity.startAt, config.TIMEZONE, prompts)}</td><td>${r.activity.place}</td><td>${r.activity.seatsTaken} / ${r.activity.capacity}</td><td>${r.waitlist.length}</td><td>${signupLabel(services, r.activity)}</td></tr>`,
  )}</tbody></table>`;
}

/**
 * The actions on one activity: stop sign-up (or open it again) and download the roster. Stopping
 * keeps everyone booked or waiting and tells no one; the button says so.
 */
function rosterActions(services: Services, activity: Activity, csrf: string): Html {
  const t = (k: string, v = {}) => services.prompts.t(`console.activities.${k}`, v);
  const id = encodeURIComponent(activity.id);
  const state = signupState(activity, services.clock.now());
  const form = (action: 'close' | 'reopen') =>
    html`<form method="post" action="/console/activities/${id}/${action}" class="inline"><input type="hidden" name="csrf" value="${csrf}"><button type="submit" id="signup-${action}">${t(action)}</button></form> <span class="muted">${t(`${action}_note`)}</span>`;
  const signup = state === 'open' || state === 'full' ? form('close') : state === 'closed' ? form('reopen') : '';
  return html`<section><p>${signup}</p>
<p>${t('export')}：<a href="/console/activities/${id}/export?format=xlsx" id="export-xlsx">${t('export_xlsx')}</a>　<a href="/console/activities/${id}/export?format=csv" id="export-csv">${t('export_csv')}</a></p></section>`;
}

/** One activity's roster: sign-up state and actions, confirmed and waitlisted people. */
export function rosterPage(services: Services, activity: Activity, confirmed: Booking[], waitlist: Booking[], csrf: string, notice?: { kind: 'ok' | 'err'; text: string }): Html {
  const { prompts, config } = services;
  const t = (k: string, v = {}) => prompts.t(`console.activities.${k}`, v);
  const tz = config.TIMEZONE;
  const table = (list: Booking[], withPosition: boolean) =>
    list.length === 0
      ? html`<p>${t('none')}</p>`
      : html`<table><thead><tr>${withPosition ? html`<th>${t('col_position')}</th>` : ''}<th>${t('col_name')}</th><th>${t('col_seats_taken')}</th><th>${t('col_booked_at')}</th></tr></thead><tbody>${list.map(
          (b, i) => html`<tr>${withPosition ? html`<td>${b.waitlistPosition ?? i + 1}</td>` : ''}<td>${personLabel(b)}</td><td>${b.seats}</td><td>${formatDateTime(b.createdAt, tz, prompts)}</td></tr>`,
        )}</tbody></table>`;
  return html`<h1>${t('roster_heading', { title: activity.title })}</h1>
${notice ? html`<p class="${notice.kind}" role="status">${notice.text}</p>` : ''}
<p>${formatDateTime(activity.startAt, tz, prompts)}　${activity.place}　${activity.seatsTaken} / ${activity.capacity}　<b id="signup-state">${signupLabel(services, activity)}</b></p>
${rosterActions(services, activity, csrf)}
<h2>${t('confirmed')}</h2>${table(confirmed, false)}<h2>${t('waitlist')}</h2>${table(waitlist, true)}`;
}

/** Charts: tickets by category and week, median first reply, satisfaction, bookings per activity. */
export function dashboardPage(services: Services, tickets: Ticket[], activities: { activity: Activity; waitlist: number }[]): Html {
  const { prompts, config } = services;
  const t = (k: string, v = {}) => prompts.t(`console.dashboard.${k}`, v);
  const s = ticketStats(tickets, services.clock.now(), config);
  const weekLabels = s.weeks.map((w) => t('week_label', { month: Number(w.slice(5, 7)), day: Number(w.slice(8, 10)) }));
  const series = CATEGORIES.filter((c) => s.byCategoryWeek[c]).map((c) => ({ name: categoryLabel(prompts, c), values: s.byCategoryWeek[c]! }));
  const ratingBars = s.ratingDistribution.map((count, i) => ({ label: `${i + 1} 分`, value: count }));
  const bookingBars = activities.map((a) => ({
    label: clip(a.activity.title, 14),
    value: a.activity.seatsTaken,
    max: a.activity.capacity,
    note: `${a.activity.seatsTaken}/${a.activity.capacity}${a.waitlist ? ` +${a.waitlist}` : ''}`,
  }));
  return html`<h1>${t('heading')}</h1>
<p id="totals">${t('totals', { total: s.total, open: s.open, overdue: s.overdue })}</p>
<section><h2>${t('by_category_week')}</h2>${raw(stackedColumns(weekLabels, series, { title: t('by_category_week') }))}</section>
<section><h2>${t('median_first_reply')}</h2><p id="median" style="font-size:32px">${s.medianFirstReplyHours === null ? t('no_value') : t('median_value', { hours: s.medianFirstReplyHours })}</p></section>
<section><h2>${t('satisfaction')}</h2><p id="satisfaction">${s.ratingAverage === null ? t('no_value') : t('satisfaction_value', { avg: s.ratingAverage, count: s.ratingCount })}</p>
${raw(horizontalBars(ratingBars, { title: t('satisfaction') }))}</section>
<section><h2>${t('bookings')}</h2>${bookingBars.length ? raw(horizontalBars(bookingBars, { title: t('bookings') })) : html`<p>${t('no_value')}</p>`}</section>`;
}

/** The export form. */
export function exportPage(services: Services): Html {
  const t = (k: string) => services.prompts.t(`console.export.${k}`);
  return html`<h1>${t('heading')}</h1><p class="muted">${t('masked_note')}</p>
<form method="get" action="/console/export/download">
<p><label><input type="radio" name="format" value="xlsx" checked> ${t('xlsx')}</label>　<label><input type="radio" name="format" value="csv"> ${t('csv')}</label></p>
<p><label><input type="checkbox" name="full" value="1"> ${t('full')}</label></p>
<p><button class="primary" type="submit" id="export-submit">${t('submit')}</button></p></form>`;
}
