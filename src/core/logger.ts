/** pino logger: pretty in a terminal, JSON otherwise; phone and ID numbers are masked everywhere. */
import { pino, type Logger, type DestinationStream } from 'pino';
import { maskPersonalData } from './privacy.js';

export type { Logger };

/** Masks strings inside a log object (one level of nesting is enough for our log calls). */
function maskObject(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out[k] = maskPersonalData(v);
    else if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Error)) {
      out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([kk, vv]) => [kk, typeof vv === 'string' ? maskPersonalData(vv) : vv]));
    } else out[k] = v;
  }
  return out;
}

/** Creates the service logger; `destination` is for tests. */
export function createLogger(level: string, pretty = process.stdout.isTTY === true, destination?: DestinationStream): Logger {
  const options = {
    level,
    formatters: { log: maskObject },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...a: unknown[]) => void) {
        const masked = (args as unknown[]).map((a) => (typeof a === 'string' ? maskPersonalData(a) : a));
        return method.apply(this, masked);
      },
    },
    ...(pretty && !destination ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that writes nothing (tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
