/**
 * pino logger: pretty in a terminal, JSON otherwise; phone and ID numbers are masked everywhere, and
 * above debug what people wrote (ticket text, questions, names) is logged as its length only.
 */
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

/** Fields that carry what people wrote or who they are; above debug only their length is logged. */
const PERSONAL_FIELDS = new Set(['text', 'question', 'content', 'answer', 'reply', 'userName', 'name', 'phone', 'hospital', 'address']);

/** pino's debug level: anything above it (info, warn, error) is kept and shipped, so no personal text. */
const DEBUG = 20;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Error);
}

/**
 * `{ ticket, text: '我老伴住院了…' }` -> `{ ticket, textChars: 12 }` (one level of nesting): ids,
 * lengths and categories are enough to follow a case in the log; the words stay in the store.
 */
export function withoutPersonalText(obj: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (PERSONAL_FIELDS.has(k) && typeof v === 'string') out[`${k}Chars`] = [...v].length;
    else if (depth === 0 && isPlainObject(v)) out[k] = withoutPersonalText(v, 1);
    else out[k] = v;
  }
  return out;
}

/** Creates the service logger; `destination` is for tests. */
export function createLogger(level: string, pretty = process.stdout.isTTY === true, destination?: DestinationStream): Logger {
  const options = {
    level,
    formatters: { log: maskObject },
    serializers: { err: (err: Error) => maskDeep(pino.stdSerializers.err(err)) as ReturnType<typeof pino.stdSerializers.err> },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...a: unknown[]) => void, level: number) {
        const masked = (args as unknown[]).map((a, i) =>
          typeof a === 'string' ? maskPersonalData(a) : i === 0 && level > DEBUG && isPlainObject(a) ? withoutPersonalText(a) : a,
        );
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
