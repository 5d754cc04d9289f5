/** `yinling activity add|list|show|close|reopen|export|cancel`: the staff activity tools (same store as the running service). */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { CliContext } from './context.js';
import { signupState, type Activity, type Booking, type SignupState } from '../store/activity-types.js';
import { cancelActivityAndNotify, setSignup } from '../skills/activities/actions.js';
import { exportRoster, formatOfFile, rosterFileName, type RosterFormat } from '../skills/activities/roster-export.js';
import { formatWhen } from '../skills/activities/format.js';
import { CATEGORIES, categoryOf } from '../core/activity-kinds.js';
import { personLabel, platformUserId } from '../core/person.js';

/** The status staff read in the CLI: a passed deadline or start overrides open / full. */
const STATE_WORDS: Record<SignupState, string> = {
  open: 'open',
  full: 'full',
  closed: 'closed',
  cancelled: 'cancelled',
  deadline: 'deadline passed',
  started: 'started',
};

/** "1 seat" / "2 seats", "1 person" / "3 people": English counts with the right noun. */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Stops the command; the CLI prints the message and exits with code 1. */
function fail(message: string): never {
  throw new Error(message);
}

function isoOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) fail(`${name} must be an ISO date and time, e.g. 2026-12-03T14:00:00+08:00 (got "${value}")`);
  return t.toISOString();
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) fail(`${name} must be a whole number of at least 1 (got "${value}")`);
  return n;
}

function actor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:staff';
  }
}

/** The JSON shape of one booking in `activity show --json` (userId: the platform's own id; person: "channel:userId"). */
function bookingJson(b: Booking): Record<string, unknown> {
  return {
    userId: platformUserId(b.userId),
    person: b.userId,
    userName: b.userName ?? null,
    seats: b.seats,
    status: b.status,
    channel: b.chat.channel,
    chatId: b.chat.chatId,
    createdAt: b.createdAt,
    ...(b.waitlistPosition ? { position: b.waitlistPosition } : {}),
  };
}

/** Adds the activity commands to the program. */
export function register(program: Command, ctx: CliContext, _evalCommand?: Command): void {
  const cmd = program.command('activity').description('activities: add, list, show, close, reopen, export, cancel');

  cmd
    .command('add')
    .description('add an activity retirees can book')
    .requiredOption('--title <title>', 'title, e.g. 象棋比赛')
    .requiredOption('--start <iso>', 'start time, ISO 8601 (e.g. 2026-12-03T14:00:00+08:00)')
    .requiredOption('--place <place>', 'where')
    .requiredOption('--capacity <n>', 'seats')
    .option('--category <category>', `${CATEGORIES.join(' | ')} (default: read from the title as the staff chat does, 迎新春象棋比赛 -> 棋牌; else 其他)`)
    .option('--end <iso>', 'end time, ISO 8601')
    .option('--deadline <iso>', 'sign-up deadline, ISO 8601 (default: the start time)')
    .option('--max-seats <n>', 'most seats one booking may take (default 2: self and spouse)')
    .option('--notes <text>', 'notes for participants')
    .option('--force', 'accept a start or deadline that has already passed')
    .option('--json', 'print JSON')
    .action(async (opts: { title: string; start: string; place: string; capacity: string; category?: string; end?: string; deadline?: string; maxSeats?: string; notes?: string; force?: boolean; json?: boolean }) => {
      const startAt = isoOption('--start', opts.start)!;
      const capacity = positiveInt('--capacity', opts.capacity)!;
      const endAt = isoOption('--end', opts.end);
      const deadline = isoOption('--deadline', opts.deadline);
      const maxSeatsPerBooking = positiveInt('--max-seats', opts.maxSeats);
      if (!opts.title.trim()) fail('--title is empty');
      const services = await ctx.open();
      const now = services.clock.now();
      // An activity born with sign-up already over is a typo far more often than a wish.
      if (!opts.force) {
        const shown = (iso: string) => formatWhen(iso, services.config.TIMEZONE, services.prompts);
        if (Date.parse(startAt) <= now.getTime()) fail(`--start ${shown(startAt)} has already passed: nobody could sign up (check the date, or add --force to record it anyway)`);
        if (deadline && Date.parse(deadline) <= now.getTime()) fail(`--deadline ${shown(deadline)} has already passed: sign-up would be closed from the start (check the date, leave --deadline out to take bookings until the start, or add --force)`);
      }
      const a = await services.store.activities.create(
        {
          title: opts.title.trim(),
          category: opts.category?.trim() || (categoryOf(opts.title) ?? '其他'),
          startAt,
          place: opts.place,
          capacity,
          ...(endAt ? { endAt } : {}),
          ...(deadline ? { deadline } : {}),
          ...(maxSeatsPerBooking ? { maxSeatsPerBooking } : {}),
          ...(opts.notes ? { notes: opts.notes } : {}),
        },
        now,
      );
      await services.store.audit({ at: now.toISOString(), actor: actor(), action: 'activity.add', subject: `activity:${a.id}` });
      if (opts.json) return ctx.printJson(a);
      process.stdout.write(`activity ${a.id} added: ${a.title}  ${formatWhen(a.startAt, services.config.TIMEZONE, services.prompts)}  ${a.place}  ${count(a.capacity, 'seat', 'seats')}\n`);
    });

  cmd
    .command('list')
    .description('activities, soonest first')
    .option('--all', 'include past and cancelled ones')
    .option('--json', 'print a JSON array')
    .action(async (opts: { all?: boolean; json?: boolean }) => {
      const services = await ctx.open();
      const list: Activity[] = await services.store.activities.list(opts.all ? { includeCancelled: true } : { from: services.clock.now() });
      if (opts.json) return ctx.printJson(list);
      for (const a of list) {
        process.stdout.write(`${a.id}  ${a.title}  ${formatWhen(a.startAt, services.config.TIMEZONE, services.prompts)}  ${a.place}  ${a.seatsTaken}/${a.capacity}  waitlist ${a.waitlistCount ?? 0}  ${STATE_WORDS[signupState(a, services.clock.now())]}\n`);
      }
      if (list.length === 0) process.stdout.write('(none)\n');
    });

  cmd
    .command('show <id>')
    .description('one activity with its confirmed bookings and waitlist')
    .option('--json', 'print JSON: {activity, confirmed, waitlist}')
    .action(async (id: string, opts: { json?: boolean }) => {
      const services = await ctx.open();
      const activity = await services.store.activities.get(id);
      if (!activity) fail(`activity ${id} not found`);
      const { confirmed, waitlist } = await services.store.activities.listByActivity(id);
      if (opts.json) return ctx.printJson({ activity, confirmed: confirmed.map(bookingJson), waitlist: waitlist.map(bookingJson) });
      process.stdout.write(`${activity.id}  ${activity.title}  ${formatWhen(activity.startAt, services.config.TIMEZONE, services.prompts)}  ${activity.place}  ${STATE_WORDS[signupState(activity, services.clock.now())]}\n`);
      process.stdout.write(`confirmed (${activity.seatsTaken}/${count(activity.capacity, 'seat', 'seats')}):\n`);
      for (const b of confirmed) process.stdout.write(`  ${personLabel(b)}  ${b.seats}  ${b.chat.channel}:${b.chat.chatId}\n`);
      process.stdout.write(`waitlist (${waitlist.length}):\n`);
      for (const b of waitlist) process.stdout.write(`  ${b.waitlistPosition}. ${personLabel(b)}  ${b.seats}\n`);
    });

  const signupCommand = (name: 'close' | 'reopen', description: string) =>
    cmd
      .command(`${name} <id>`)
      .description(description)
      .option('--as <actor>', 'who is doing it (default: cli:<os user>)')
      .option('--json', 'print JSON: {activity, changed}')
      .action(async (id: string, opts: { as?: string; json?: boolean }) => {
        const services = await ctx.open();
        const change = await setSignup(services, id, name === 'reopen', opts.as ?? actor());
        if (change.status === 'not_found') fail(`activity ${id} not found`);
        if (change.status === 'cancelled') fail(`activity ${id} is cancelled: sign-up cannot be ${name === 'close' ? 'closed' : 'reopened'}`);
        const a = change.activity;
        if (opts.json) return ctx.printJson({ activity: a, changed: change.status === 'changed' });
        const state = STATE_WORDS[signupState(a, services.clock.now())];
        const kept = `${count(a.seatsTaken, 'seat', 'seats')} booked, ${a.waitlistCount ?? 0} waiting`;
        if (change.status === 'unchanged') {
          process.stdout.write(`activity ${id} sign-up was already ${name === 'close' ? 'closed' : 'open'} (${state}; ${kept})\n`);
        } else if (name === 'close') {
          process.stdout.write(`activity ${id} sign-up closed: ${a.title}; ${kept} are kept; nobody is told (reopen: yinling activity reopen ${id})\n`);
        } else {
          process.stdout.write(`activity ${id} sign-up reopened: ${a.title}; now ${state}\n`);
        }
      });
  signupCommand('close', 'stop sign-up now; those booked stay booked, those waiting keep their places, nobody is told');
  signupCommand('reopen', 'open sign-up again after close');

  cmd
    .command('export <id>')
    .description('the roster (name, person, seats, booked / waitlist, time booked) as .xlsx or .csv with Chinese headers')
    .option('--out <file>', 'output file; .csv writes CSV, anything else .xlsx (default: activity-<id>-<date>.xlsx)')
    .option('--format <format>', 'xlsx | csv (default: from --out, else xlsx)')
    .option('--json', 'print {file, booked, waiting} as JSON')
    .action(async (id: string, opts: { out?: string; format?: string; json?: boolean }) => {
      if (opts.format !== undefined && opts.format !== 'xlsx' && opts.format !== 'csv') fail(`--format must be xlsx or csv (got "${opts.format}")`);
      const services = await ctx.open();
      const activity = await services.store.activities.get(id);
      if (!activity) fail(`activity ${id} not found`);
      const format: RosterFormat = (opts.format as RosterFormat | undefined) ?? (opts.out ? formatOfFile(opts.out) : 'xlsx');
      const file = opts.out ?? rosterFileName(activity, format, services.config.TIMEZONE);
      const now = services.clock.now();
      const { confirmed, waitlist } = await services.store.activities.listByActivity(id);
      writeFileSync(file, await exportRoster(activity, confirmed, waitlist, format, { prompts: services.prompts, timezone: services.config.TIMEZONE, now }));
      await services.store.audit({ at: now.toISOString(), actor: actor(), action: 'activity.export', subject: `activity:${id}`, detail: { rows: confirmed.length + waitlist.length, format } });
      if (opts.json) return ctx.printJson({ file, booked: confirmed.length, waiting: waitlist.length });
      process.stdout.write(`activity ${id} roster: ${count(confirmed.length, 'booking', 'bookings')}, ${waitlist.length} waiting -> ${file}\n`);
    });

  cmd
    .command('cancel <id>')
    .description('cancel the activity; everyone booked or waiting is told in the chat they booked from')
    .option('--as <actor>', 'who is cancelling (default: cli:<os user>)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { as?: string; json?: boolean }) => {
      const services = await ctx.open();
      const done = await cancelActivityAndNotify(services, id, opts.as ?? actor());
      if (!done) fail(`activity ${id} not found`);
      if (opts.json) return ctx.printJson({ activity: done.activity, told: done.told.map(bookingJson) });
      process.stdout.write(`activity ${id} cancelled; ${count(done.told.length, 'person', 'people')} will be told by the running service\n`);
    });
}
