/** `yinling feedback list|show|reply|close|status|category|export`: the staff ticket tools. */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { CliContext } from './context.js';
import type { Services } from '../services.js';
import type { Prompts } from '../core/prompts.js';
import type { Ticket, TicketCategory, TicketStatus } from '../store/ticket-types.js';
import { closeTicket, replyToTicket, setTicketCategory, setTicketStatus } from '../skills/feedback/actions.js';
import { isTicketCategory } from '../skills/feedback/classify.js';
import { exportTickets, type ExportFormat } from '../skills/feedback/export.js';
import { categoryLabel, clip, isOverdue, statusLabel, ticketDetailsText } from '../skills/feedback/format.js';
import { personLabel, platformUserId } from '../core/person.js';

const STATUSES: readonly TicketStatus[] = ['new', 'accepted', 'in_progress', 'replied', 'closed'];
const CATEGORIES: readonly TicketCategory[] = ['suggestion', 'complaint', 'help_request', 'hospitalization', 'handoff', 'other'];

/** The JSON shape of one ticket in `feedback list --json` (userId: the platform's own id; person: "channel:userId"). */
export function ticketJson(t: Ticket, services: Services): Record<string, unknown> {
  return {
    no: t.no,
    userId: platformUserId(t.userId),
    person: t.userId,
    userName: t.userName ?? null,
    chatId: t.chat.chatId,
    channel: t.chat.channel,
    chatType: t.chat.chatType ?? 'private',
    category: t.category,
    status: t.status,
    text: t.text,
    details: t.details ?? null,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    firstReplyAt: t.firstReplyAt ?? null,
    closedAt: t.closedAt ?? null,
    rating: t.rating ?? null,
    overdue: isOverdue(t, services.clock.now(), services.config),
  };
}

function defaultActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:staff';
  }
}

function parseStatus(value: string | undefined, prompts: Prompts): TicketStatus | undefined {
  if (value === undefined) return undefined;
  if (!(STATUSES as readonly string[]).includes(value)) fail(prompts.t('feedback.cli.bad_status', { value, allowed: STATUSES.join(', ') }));
  return value as TicketStatus;
}

function parseCategory(value: string | undefined, prompts: Prompts): TicketCategory | undefined {
  if (value === undefined) return undefined;
  if (!isTicketCategory(value)) fail(prompts.t('feedback.cli.bad_category', { value, allowed: CATEGORIES.join(', ') }));
  return value;
}

/**
 * Stops the command with one line in words staff read (prompts): the entry point (cli.ts main) prints
 * it once on stderr and exits non-zero; nothing is printed here, so it is never said twice.
 */
function fail(message: string): never {
  throw new Error(message);
}

/** Adds the feedback commands to the program. */
export function register(program: Command, ctx: CliContext, _evalCommand?: Command): void {
  const fb = program.command('feedback').description('feedback tickets: list, show, reply, close, export');

  fb.command('list')
    .description('list tickets, newest first')
    .option('--status <status>', `one of ${STATUSES.join(', ')}`)
    .option('--category <category>', 'suggestion | complaint | help_request | hospitalization | handoff | other')
    .option('--limit <n>', 'at most n tickets')
    .option('--json', 'print a JSON array')
    .action(async (opts: { status?: string; category?: string; limit?: string; json?: boolean }) => {
      const services = await ctx.open();
      const status = parseStatus(opts.status, services.prompts);
      const category = parseCategory(opts.category, services.prompts);
      const tickets = await services.store.tickets.list({
        ...(status ? { status } : {}),
        ...(category ? { category } : {}),
        ...(opts.limit ? { limit: Number(opts.limit) } : {}),
      });
      if (opts.json) return ctx.printJson(tickets.map((t) => ticketJson(t, services)));
      const { prompts } = services;
      const now = services.clock.now();
      for (const t of tickets) {
        const mark = isOverdue(t, now, services.config) ? ' [超时]' : '';
        process.stdout.write(`${t.no}  ${categoryLabel(prompts, t.category)}  ${statusLabel(prompts, t.status)}${mark}  ${personLabel(t)}  ${clip(t.text, 30)}\n`);
      }
      if (tickets.length === 0) process.stdout.write('(none)\n');
    });

  fb.command('show <no>')
    .description('one ticket with its history')
    .option('--json', 'print JSON')
    .action(async (no: string, opts: { json?: boolean }) => {
      const services = await ctx.open();
      const t = await services.store.tickets.get(no.toUpperCase());
      if (!t) fail(services.prompts.t('feedback.not_found', { no }));
      const history = await services.store.tickets.history(t.no);
      if (opts.json) return ctx.printJson({ ...ticketJson(t, services), history });
      const { prompts } = services;
      process.stdout.write(`${t.no}  ${categoryLabel(prompts, t.category)}  ${statusLabel(prompts, t.status)}\n${t.userName ?? t.userId} (${t.chat.channel}:${t.chat.chatId})\n${t.text}\n`);
      const details = ticketDetailsText(prompts, t);
      if (details) process.stdout.write(`${details}\n`);
      for (const e of history) {
        process.stdout.write(`  ${e.at}  ${e.actor}  ${e.kind}${e.from ? ` ${e.from}` : ''}${e.to ? ` -> ${e.to}` : ''}${e.text ? `  ${e.text}` : ''}\n`);
      }
    });

  fb.command('reply <no> <text>')
    .description('reply to the retiree (delivered to the chat the ticket came from by the running service)')
    .option('--as <actor>', 'who is replying (default: cli:<os user>)')
    .option('--json', 'print JSON')
    .action(async (no: string, text: string, opts: { as?: string; json?: boolean }) => {
      const services = await ctx.open();
      if (!text.trim()) fail(services.prompts.t('feedback.cli.reply_empty', { no }));
      const t = await replyToTicket(services, no.toUpperCase(), text.trim(), opts.as ?? defaultActor());
      if (!t) fail(services.prompts.t('feedback.not_found', { no }));
      if (opts.json) return ctx.printJson(ticketJson(t, services));
      process.stdout.write(`${t.no} replied; the message is queued for ${t.chat.channel}:${t.chat.chatId}\n`);
    });

  fb.command('close <no>')
    .description('close the ticket and ask the retiree for a 1-5 rating')
    .option('--as <actor>', 'who is closing (default: cli:<os user>)')
    .option('--json', 'print JSON')
    .action(async (no: string, opts: { as?: string; json?: boolean }) => {
      const services = await ctx.open();
      const t = await closeTicket(services, no.toUpperCase(), opts.as ?? defaultActor());
      if (!t) fail(services.prompts.t('feedback.not_found', { no }));
      if (opts.json) return ctx.printJson(ticketJson(t, services));
      process.stdout.write(`${t.no} closed; rating question queued\n`);
    });

  fb.command('status <no> <status>')
    .description(`set the status (${STATUSES.join(', ')}); a closed ticket can be reopened`)
    .option('--as <actor>', 'who is changing it')
    .action(async (no: string, status: string, opts: { as?: string }) => {
      const services = await ctx.open();
      const s = parseStatus(status, services.prompts)!;
      const t = await setTicketStatus(services, no.toUpperCase(), s, opts.as ?? defaultActor());
      if (!t) fail(services.prompts.t('feedback.not_found', { no }));
      process.stdout.write(`${t.no} -> ${t.status}\n`);
    });

  fb.command('category <no> <category>')
    .description('re-categorise (logged in the history)')
    .option('--as <actor>', 'who is changing it')
    .action(async (no: string, category: string, opts: { as?: string }) => {
      const services = await ctx.open();
      const c = parseCategory(category, services.prompts)!;
      const t = await setTicketCategory(services, no.toUpperCase(), c, opts.as ?? defaultActor());
      if (!t) fail(services.prompts.t('feedback.not_found', { no }));
      process.stdout.write(`${t.no} -> ${t.category}\n`);
    });

  fb.command('export')
    .description('export tickets as .xlsx or .csv with Chinese headers (phone/ID numbers masked unless --full)')
    .option('--format <format>', 'xlsx | csv', 'xlsx')
    .requiredOption('--out <file>', 'output file')
    .option('--full', 'do not mask phone and ID-card numbers')
    .option('--status <status>', 'only this status')
    .option('--category <category>', 'only this category')
    .option('--json', 'print {file, rows} as JSON')
    .action(async (opts: { format: string; out: string; full?: boolean; status?: string; category?: string; json?: boolean }) => {
      const services = await ctx.open();
      if (opts.format !== 'xlsx' && opts.format !== 'csv') fail(services.prompts.t('feedback.cli.bad_format', { value: opts.format }));
      const status = parseStatus(opts.status, services.prompts);
      const category = parseCategory(opts.category, services.prompts);
      const tickets = await services.store.tickets.list({ ...(status ? { status } : {}), ...(category ? { category } : {}) });
      const bytes = await exportTickets(tickets, opts.format as ExportFormat, {
        prompts: services.prompts,
        config: services.config,
        full: Boolean(opts.full),
        now: services.clock.now(),
      });
      writeFileSync(opts.out, bytes);
      await services.store.audit({
        at: services.clock.now().toISOString(),
        actor: defaultActor(),
        action: 'ticket.export',
        detail: { rows: tickets.length, format: opts.format, full: Boolean(opts.full) },
      });
      if (opts.json) return ctx.printJson({ file: opts.out, rows: tickets.length });
      process.stdout.write(`${tickets.length} ${tickets.length === 1 ? 'ticket' : 'tickets'} -> ${opts.out}\n`);
    });
}
