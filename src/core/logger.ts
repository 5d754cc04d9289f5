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

/** Masks every string at any depth (error objects carry request payloads, e.g. a message text). */
function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskDeep(v, depth + 1)]));
}

/** Creates the service logger; `destination` is for tests. */
export function createLogger(level: string, pretty = process.stdout.isTTY === true, destination?: DestinationStream): Logger {
  const options = {
    level,
    formatters: { log: maskObject },
    serializers: { err: (err: Error) => maskDeep(pino.stdSerializers.err(err)) as ReturnType<typeof pino.stdSerializers.err> },
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
