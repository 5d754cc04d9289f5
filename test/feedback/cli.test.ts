/**
 * `yinling feedback …` and `yinling staff …` run as real child processes against the SQLite file a
 * running service uses: a reply written from the CLI goes through the outbox and reaches the web chat.
 */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { createHttpServer } from '../../src/channels/http/server.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { verifyPassword } from '../../src/channels/http/console/password.js';
import { buildProgram } from '../../src/cli.js';
import { spawnCli, type CliRun } from '../helpers/spawn-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'yinling-cli-'));
const knowledge = join(dir, 'knowledge');
mkdirSync(knowledge);
let app: TestApp;
let http: FastifyInstance;
let base: string;

function cli(args: string[], stdin?: string): Promise<CliRun> {
  return spawnCli(args, { DATA_DIR: dir, KNOWLEDGE_DIR: knowledge, LOG_LEVEL: 'silent', STORE: 'sqlite' }, stdin);
}

/** Runs the same program in this process (fast); only the cross-process cases spawn. */
async function cliInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  process.env.DATA_DIR = dir;
  process.env.KNOWLEDGE_DIR = knowledge;
  process.env.LOG_LEVEL = 'silent';
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  let code = 0;
  try {
    const program = buildProgram().exitOverride();
    for (const c of program.commands) c.exitOverride();
    await program.parseAsync(['node', 'yinling', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    code = 1;
    stderr += e instanceof Error ? e.message : String(e);
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = 0;
  }
  return { code, stdout, stderr };
}

async function webchat(userId: string, text: string) {
  const res = await fetch(`${base}/webchat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId, text }) });
  return (await res.json()) as { replies: { text: string }[]; data?: Record<string, unknown> };
}

async function waitInbox(userId: string, needle: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  let seen = '';
  while (Date.now() < deadline) {
    const res = (await (await fetch(`${base}/webchat/inbox?userId=${userId}`)).json()) as { messages: { text: string }[] };
    seen += res.messages.map((m) => m.text).join('\n');
    if (seen.includes(needle)) return seen;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`"${needle}" never reached ${userId}; saw: ${seen}`);
}

beforeAll(async () => {
  app = await createTestApp({ store: new SqliteStore(join(dir, 'yinling.db')), config: { DATA_DIR: dir } });
  http = await createHttpServer(app.services, app.handle);
  await http.listen({ port: 0, host: '127.0.0.1' });
  const addr = http.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  app.services.notifier.startPolling(); // the running service delivers what the CLI queues
});
afterAll(async () => {
  app.services.notifier.stop();
  await http.close();
  await app.close();
});

describe('yinling feedback (CLI)', () => {
  it('lists, replies (reaching the web chat), shows history, exports, closes and the rating is stored', async () => {
    await webchat('web-cli-user-0001', '投诉：老年大学报名电话13800001111一直打不通');
    const no = String((await webchat('web-cli-user-0001', '1')).data?.ticketNo);
    expect(no).toMatch(/^FK\d{8}-\d{4}$/);

    const list = await cli(['feedback', 'list', '--status', 'new', '--json']);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ no, userId: 'web-cli-user-0001', person: 'http:web-cli-user-0001', chatId: 'web-cli-user-0001', channel: 'http', category: 'complaint', status: 'new' });
    expect(String(rows[0]!.text)).toContain('打不通');
    expect(typeof rows[0]!.createdAt).toBe('string');

    const reply = await cli(['feedback', 'reply', no, '已转告老年大学，今天会回电', '--as', 'cli:zhang']);
    expect(reply.code).toBe(0);
    expect(await waitInbox('web-cli-user-0001', '已转告老年大学，今天会回电')).toContain(no);

    const show = await cliInProcess(['feedback', 'show', no, '--json']);
    const shown = JSON.parse(show.stdout) as { status: string; history: { kind: string; actor: string }[] };
    expect(shown.status).toBe('replied');
    expect(shown.history.map((e) => `${e.kind}:${e.actor}`)).toContain('reply:cli:zhang');

    const xlsx = join(dir, 'out.xlsx');
    const csv = join(dir, 'out.csv');
    expect((await cliInProcess(['feedback', 'export', '--format', 'xlsx', '--out', xlsx])).code).toBe(0);
    expect((await cliInProcess(['feedback', 'export', '--format', 'csv', '--out', csv, '--full'])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toContain('工单号');
    expect(ws.getRow(2).getCell(1).value).toBe(no);
    expect(String(ws.getRow(2).getCell(8).value)).toContain('138****1111');
    expect(readFileSync(csv, 'utf8')).toContain('13800001111');

    expect((await cliInProcess(['feedback', 'close', no])).code).toBe(0);
    await waitInbox('web-cli-user-0001', '打个分');
    // "4分", not a bare "4": the CLI closes with the real clock and the service runs on the test clock,
    // days apart, and a bare digit counts as the rating only within a day of the question.
    const rated = await webchat('web-cli-user-0001', '4分');
    expect(rated.replies[0]!.text).toContain('4 分');
    expect((await app.services.store.tickets.get(no))?.rating).toBe(4);
  });

  it('reports a missing ticket and a bad option with a non-zero exit', async () => {
    const missing = await cliInProcess(['feedback', 'reply', 'FK20000101-0001', '你好']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('没有找到编号 FK20000101-0001 的工单');
    const bad = await cliInProcess(['feedback', 'list', '--status', 'weird']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('状态写得不对：weird');
  });
});

describe('yinling staff (CLI)', () => {
  it('adds an account with the password from stdin and lists it without the hash', async () => {
    const add = await cli(['staff', 'add', 'zhao', '--name', '赵干事'], 'stdin-password-1\n');
    expect(add.code).toBe(0);
    const list = JSON.parse((await cliInProcess(['staff', 'list', '--json'])).stdout) as Record<string, unknown>[];
    expect(list).toEqual([expect.objectContaining({ username: 'zhao', displayName: '赵干事' })]);
    expect(JSON.stringify(list)).not.toContain('scrypt');
    const account = await app.services.store.staff.get('zhao');
    expect(await verifyPassword('stdin-password-1', account!.passwordHash)).toBe(true);
    const short = await cliInProcess(['staff', 'add', 'qian', '--password', 'short']);
    expect(short.code).not.toBe(0);
  });
});
