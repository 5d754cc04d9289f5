/** `node bin/yinling.js start` with TELEGRAM_BOT_TOKEN + TELEGRAM_API_ROOT answers 你好 with no other set-up. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeTelegram } from './fake-telegram.js';
import { waitFor } from './fixtures.js';

const api = new FakeTelegram();
const dataDir = mkdtempSync(join(tmpdir(), 'yinling-start-'));
let child: ChildProcess;
let output = '';

beforeAll(async () => {
  await api.start();
  child = spawn(process.execPath, ['bin/yinling.js', 'start'], {
    env: { ...process.env, TELEGRAM_BOT_TOKEN: '555:START', TELEGRAM_API_ROOT: api.apiRoot, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
});

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await api.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('answers 你好 over the fake Bot API', async () => {
  await waitFor(() => api.calls.some((c) => c.method === 'getUpdates'), 25_000).catch(() => {
    throw new Error(`service did not start polling:\n${output}`);
  });
  api.pushText({ chatId: 321, userId: 321, text: '你好' });
  await waitFor(() => api.sent().length > 0, 15_000);
  const reply = api.sent()[0]!.body;
  expect(reply.chat_id).toBe('321');
  expect(String(reply.text)).toMatch(/您好|银龄助手/);
}, 60_000);
