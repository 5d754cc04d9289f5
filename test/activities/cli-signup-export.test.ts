/**
 * QA M5: `yinling activity close|reopen|export` and `activity add` refusing a start or deadline that
 * has already passed (unless --force).
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { register } from '../../src/cli/activity.js';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { inProcessCli } from '../helpers/cli.js';

describe('yinling activity close / reopen / export, and add with a past date', () => {
  let app: TestApp;
  let printed: unknown[];
  let dir: string;
  let id: string;

  /** Runs the CLI in-process; returns what it printed on stdout. */
  const cli = inProcessCli(register, () => app.services, (v) => void printed.push(JSON.parse(JSON.stringify(v))));

  beforeEach(async () => {
    app = await createTestApp(); // clock 2026-12-01 10:00 Beijing
    printed = [];
    dir = mkdtempSync(join(tmpdir(), 'yinling-roster-'));
    id = (await app.services.store.activities.create({ title: '书法班', category: '书画摄影', startAt: '2026-12-09T01:00:00Z', place: '书画室', capacity: 2 }, app.clock.now())).id;
    await app.say('报名书法班 我和老伴两个人', { userId: 'a', userName: '王老' });
    await app.say('1', { userId: 'a' });
    await app.say('报名书法班', { userId: 'b', userName: '赵老' });
    await app.say('1', { userId: 'b' });
  });
  afterEach(async () => {
    await app.close();
  });

  it('close stops sign-up at once, keeps bookings and tells nobody; reopen opens it again', async () => {
    const said = await cli('activity', 'close', id);
    expect(said).toContain(`activity ${id} sign-up closed`);
    expect(said).toContain('2 seats booked, 1 waiting are kept; nobody is told');
    expect(await cli('activity', 'list')).toMatch(/书法班[^\n]*closed/u);
    expect(await app.ask('报名书法班', { userId: 'c' })).toContain('已停止报名');
    await app.flush();
    expect(app.sent).toEqual([]);
    expect(await cli('activity', 'close', id)).toContain('already closed');
    expect((await app.services.store.listAudit({ subject: `activity:${id}` })).map((e) => e.action)).toContain('activity.close');
    await cli('activity', 'reopen', id, '--json');
    expect(printed.at(-1)).toMatchObject({ activity: { id, status: 'full' }, changed: true });
    expect(await app.ask('报名书法班', { userId: 'c' })).toContain('名额已满');
  });

  it('close refuses an unknown or cancelled activity with a sentence', async () => {
    await expect(cli('activity', 'close', '4242')).rejects.toThrow(/activity 4242 not found/);
    await app.services.store.activities.cancelActivity(id, app.clock.now());
    await expect(cli('activity', 'close', id)).rejects.toThrow(/is cancelled/);
  });

  it('export writes the roster as CSV (by the file name): name, person, seats, booked / waitlist, time booked', async () => {
    const file = join(dir, 'roster.csv');
    expect(await cli('activity', 'export', id, '--out', file)).toContain('1 booking, 1 waiting');
    const text = readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('姓名,报名账号（渠道:用户ID）,人数,状态,候补位次,报名时间');
    expect(lines[1]).toBe('王老,http:a,2,已报名,,2026-12-01 10:00');
    expect(lines[2]).toBe('赵老,http:b,1,候补,1,2026-12-01 10:00');
  });

  it('export writes .xlsx by default, with Chinese headers', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      await cli('activity', 'export', id, '--json');
    } finally {
      process.chdir(cwd);
    }
    const out = printed.at(-1) as { file: string; booked: number; waiting: number };
    expect(out).toMatchObject({ file: `activity-${id}-20261209.xlsx`, booked: 1, waiting: 1 });
    expect(existsSync(join(dir, out.file))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, out.file));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('书法班');
    expect(ws.getRow(1).values).toEqual([undefined, '姓名', '报名账号（渠道:用户ID）', '人数', '状态', '候补位次', '报名时间']);
    expect(ws.getRow(2).values).toEqual([undefined, '王老', 'http:a', 2, '已报名', '', '2026-12-01 10:00']);
    expect(ws.getRow(3).getCell(4).value).toBe('候补');
    await expect(cli('activity', 'export', '4242')).rejects.toThrow(/activity 4242 not found/);
    await expect(cli('activity', 'export', id, '--format', 'pdf')).rejects.toThrow(/--format must be xlsx or csv/);
  });

  it('add refuses a deadline or start that has already passed, unless --force', async () => {
    const add = (...extra: string[]) =>
      cli('activity', 'add', '--title', '参观新区规划馆', '--start', '2026-12-10T08:30:00+08:00', '--place', '市委门口', '--capacity', '30', ...extra);
    await expect(add('--deadline', '2026-11-27T12:00:00+08:00')).rejects.toThrow(/--deadline 11月27日（周五）中午12:00 has already passed/);
    await expect(cli('activity', 'add', '--title', '晨练', '--start', '2026-11-29T07:00:00+08:00', '--place', '广场', '--capacity', '20')).rejects.toThrow(/--start .* has already passed/);
    expect((await app.services.store.activities.list({ includeCancelled: true })).map((a) => a.title)).toEqual(['书法班']);
    expect(await add('--deadline', '2026-11-27T12:00:00+08:00', '--force')).toContain('added');
    expect(await add('--deadline', '2026-12-08T12:00:00+08:00')).toContain('added');
  });
});
