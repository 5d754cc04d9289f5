/** Background jobs of the activities module (reminders). Placeholder: the activities issue implements it. */
import type { Services } from '../../services.js';

/** Starts the reminder loop; returns a stopper. */
export function startActivityJobs(_services: Services): { stop(): void } {
  return { stop() {} };
}
