/** pino logger: pretty in a terminal, JSON otherwise; phone and ID numbers are masked. */
import { pino, type Logger } from 'pino';
import { maskPersonalData } from './privacy.js';

export type { Logger };

/** Creates the service logger. */
export function createLogger(level: string, pretty = process.stdout.isTTY === true): Logger {
  return pino({
    level,
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskPersonalData(a) : a));
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } } : {}),
  });
}

/** A logger that writes nothing (tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
