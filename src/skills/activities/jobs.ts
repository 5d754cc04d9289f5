/**
 * The reminder loop: every tick claims the due reminders from the store (atomically, so two
 * instances never send one twice) and queues each through the notifier's durable outbox.
 */
import type { Services } from '../../services.js';
import type { Reminder } from '../../store/activity-types.js';
import { formatTime, localDay, formatWhen } from './format.js';
import { say } from './common.js';

/** How often the loop looks for due reminders. */
export const REMINDER_TICK_MS = 30_000;

/** Sends every reminder due now; resolves with the number sent. Used by the loop and by tests. */
export async function runReminderTick(services: Services, limit = 200): Promise<number> {
  const { store, clock, config, prompts, logger } = services;
  let sent = 0;
  for (;;) {
    const now = clock.now();
    const due = await store.activities.claimDueReminders(now, limit);
    for (const r of due) {
      const a = await store.activities.get(r.activityId);
      if (!a || a.status === 'cancelled' || new Date(a.startAt) <= now) continue;
      const sameDay = localDay(a.startAt, config.TIMEZONE) === localDay(now, config.TIMEZONE);
      const time = r.kind === 'two_hours' && sameDay ? formatTime(a.startAt, config.TIMEZONE, prompts) : formatWhen(a.startAt, config.TIMEZONE, prompts);
      const text = say(services, r.kind === 'day_before' ? 'reminder_day_before' : 'reminder_two_hours', { title: a.title, time, place: a.place });
      await services.notifier.send(r.chat, { text }, originOf(r));
      sent++;
    }
    if (due.length < limit) break;
    logger.debug({ sent }, 'more reminders due; claiming the next batch');
  }
  return sent;
}

function originOf(r: Reminder): string {
  return `reminder:${r.activityId}:${r.kind === 'day_before' ? 'day' : '2h'}:${r.userId}`;
}

/** Starts the reminder loop; returns a stopper. */
export function startActivityJobs(services: Services, everyMs = REMINDER_TICK_MS): { stop(): void } {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runReminderTick(services)
      .catch((err: unknown) => {
        services.logger.error({ err }, 'reminder tick failed');
        services.metrics.errors.inc({ where: 'reminders' });
      })
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return { stop: () => clearInterval(timer) };
}
