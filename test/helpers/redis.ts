/**
 * Whether a real Redis answers at REDIS_URL (default 127.0.0.1:6379). Redis tests run when it does;
 * a developer without Redis sees them skipped, while CI (CI=true) fails loudly instead of skipping.
 */
import { createConnection } from 'node:net';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function ping(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(String(d).startsWith('+PONG')));
  });
}

export const redisUp = await ping(REDIS_URL);
if (!redisUp && process.env.CI) throw new Error(`CI needs Redis at ${REDIS_URL} (.ci/run starts redis-server)`);
