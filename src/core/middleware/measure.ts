/** Counts messages by channel and intent and times their handling (Prometheus). */
import type { Middleware } from '../pipeline.js';

export const measure: Middleware = async (turn, next) => {
  const stop = turn.services.metrics.latency.startTimer({ channel: turn.msg.channel });
  try {
    await next();
  } finally {
    stop();
    turn.services.metrics.messages.inc({ channel: turn.msg.channel, intent: turn.result.intent });
  }
};
