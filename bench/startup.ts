/**
 * Whole-service start-up: `node bin/yinling.js start` on the sample knowledge base with a persisted
 * index (one start builds it first), timed from spawning the process to `/healthz` answering 200.
 * The median and the slowest of five starts are reported (target: under 2 s).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchFigure } from './types.js';

const RUNS = 5;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Seconds from spawn to the first 200 from /healthz; the process is stopped afterwards. */
async function startOnce(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/yinling.js', 'start'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', TELEGRAM_BOT_TOKEN: '', WECHAT_ENABLED: '' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`yinling start exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) return (performance.now() - t0) / 1000;
      if (performance.now() - t0 > 60_000) throw new Error('no /healthz within 60 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function run(): Promise<BenchFigure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yl-bench-start-'));
  try {
    const first = await startOnce(dataDir); // builds and persists the index
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await startOnce(dataDir));
    times.sort((a, b) => a - b);
    const r = (x: number) => Math.round(x * 100) / 100;
    const note = 'spawn to /healthz 200, persisted index, sample knowledge base';
    return [
      { name: 'service start (first, builds index)', value: r(first), unit: 's' },
      { name: 'service start, median of 5', value: r(times[Math.floor(RUNS / 2)]!), unit: 's', note },
      { name: 'service start, slowest of 5', value: r(times[RUNS - 1]!), unit: 's', note },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
