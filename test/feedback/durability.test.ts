/**
 * Durability: 200 feedback conversations sent to `yinling start` in a child process, which is
 * killed with SIGKILL at a random moment and restarted. Every ticket number a retiree was given
 * must be in the store, and no conversation may produce two tickets (messageId dedupe).
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TOTAL = 200;
const dir = mkdtempSync(join(tmpdir(), 'yinling-durable-'));
const knowledge = join(dir, 'knowledge');
mkdirSync(knowledge);
let child: ChildProcess | null = null;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function start(port: number): ChildProcess {
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'yinling.js'), 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      KNOWLEDGE_DIR: knowledge,
      LOG_LEVEL: 'error',
      STORE: 'sqlite',
      RATE_LIMIT_PER_MINUTE: '1000',
      WECHAT_ENABLED: 'false',
      TELEGRAM_BOT_TOKEN: '',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  proc.stderr?.on('data', () => undefined);
  return proc;
}

async function waitHealthy(base: string, proc: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`service exited with ${proc.exitCode}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('service did not become healthy');
}

async function post(base: string, body: object): Promise<{ replies: { text: string }[]; data?: Record<string, unknown> } | null> {
  try {
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) return null;
    return (await res.json()) as { replies: { text: string }[]; data?: Record<string, unknown> };
  } catch {
    return null; // connection refused or reset: the service was killed
  }
}

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

describe('durability', () => {
  it('keeps every numbered ticket exactly once across a SIGKILL and restart', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = start(port);
    await waitHealthy(base, child);

    const given = new Map<number, string>(); // conversation -> ticket number the retiree saw
    const killAt = 20 + Math.floor(Math.random() * 160); // after this many finished conversations
    const CONCURRENCY = 8;
    let killed = false;
    let finished = 0;
    let retried = 0;
    let restarting: Promise<void> | null = null;

    const converse = async (i: number): Promise<boolean> => {
      const user = `d${i}`;
      const first = await post(base, { userId: user, text: `投诉：${i}号楼的路灯坏了好几天`, messageId: `${user}-a` });
      if (!first) return false;
      const second = await post(base, { userId: user, text: '1', messageId: `${user}-b` });
      if (!second) return false;
      const no = /FK\d{8}-\d{4}/.exec(second.replies.map((r) => r.text).join('\n'))?.[0];
      if (no) given.set(i, no);
      return true;
    };

    const killAndRestart = async (): Promise<void> => {
      const old = child!;
      old.kill('SIGKILL');
      await new Promise<void>((r) => (old.exitCode !== null || old.signalCode ? r() : old.once('exit', () => r())));
      child = start(port);
      await waitHealthy(base, child);
    };

    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < TOTAL) {
        const i = next++;
        // A client that retries with the same message ids until the service answers again.
        for (let attempt = 0; ; attempt++) {
          if (restarting) await restarting;
          if (await converse(i)) break;
          if (attempt >= 5) throw new Error(`conversation ${i} never got through`);
          retried++;
          if (!restarting) await new Promise((r) => setTimeout(r, 50));
        }
        finished++;
        if (finished === killAt && !killed) {
          killed = true; // the other workers have requests in flight right now
          restarting = killAndRestart().finally(() => {
            restarting = null;
          });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (restarting) await restarting;
    const failures = retried;
    expect(killed).toBe(true);

    child.kill('SIGTERM');
    await new Promise<void>((r) => (child!.exitCode !== null ? r() : child!.once('exit', () => r())));
    child = null;

    const store = new SqliteStore(join(dir, 'yinling.db'));
    try {
      const tickets = await store.tickets.list();
      const byUser = new Map<string, number>();
      for (const t of tickets) byUser.set(t.userId, (byUser.get(t.userId) ?? 0) + 1);
      // none twice
      expect([...byUser.values()].every((n) => n === 1)).toBe(true);
      expect(new Set(tickets.map((t) => t.no)).size).toBe(tickets.length);
      expect(new Set(tickets.map((t) => t.messageId)).size).toBe(tickets.length);
      // every number a retiree was given is in the store, for that retiree
      for (const [i, no] of given) {
        const t = await store.tickets.get(no);
        expect(t?.userId).toBe(`http:d${i}`);
        expect(t?.text).toContain(`${i}号楼`);
      }
      // almost everything got through (at most the conversations cut by the kill lose their number)
      expect(given.size).toBeGreaterThanOrEqual(TOTAL - CONCURRENCY);
      process.stdout.write(
        `durability: ${TOTAL} conversations, killed at #${killAt}, ${failures} retried, ${given.size} numbers given, ${tickets.length} tickets stored\n`,
      );
    } finally {
      await store.close();
    }
  }, 180_000);
});
