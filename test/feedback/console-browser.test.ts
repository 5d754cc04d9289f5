/** The staff console and the web chat in real headless Chromium (playwright-core, /usr/bin/chromium). */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { createHttpServer } from '../../src/channels/http/server.js';
import { hashPassword } from '../../src/channels/http/console/password.js';

const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'browser-pass-1';
let app: TestApp;
let http: FastifyInstance;
let browser: Browser;
let base: string;
const dir = mkdtempSync(join(tmpdir(), 'yinling-browser-'));

beforeAll(async () => {
  app = await createTestApp({ config: { DATA_DIR: dir } });
  await app.services.store.staff.upsert({ username: 'wang', passwordHash: await hashPassword(PASSWORD), createdAt: app.clock.now().toISOString() });
  http = await createHttpServer(app.services, app.handle);
  await http.listen({ port: 0, host: '127.0.0.1' });
  const addr = http.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
  await http?.close();
  await app?.close();
});

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('console in Chromium', () => {
  it('retiree files feedback, staff logs in (after a refused login), replies, the reply shows in the web chat, export downloads', async () => {
    // The retiree in the web chat.
    const retiree = await (await browser.newContext()).newPage();
    await retiree.goto(base + '/');
    await retiree.fill('#text', '投诉：活动中心的空调坏了，电话13912345678');
    await retiree.press('#text', 'Enter');
    await retiree.getByRole('button', { name: '1. 确认提交' }).click();
    const created = retiree.locator('.msg.bot', { hasText: /FK\d{8}-\d{4}/ });
    await created.waitFor();
    const no = /FK\d{8}-\d{4}/.exec(await created.innerText())![0];

    // Staff: a refused login first.
    const staffContext = await browser.newContext({ acceptDownloads: true });
    const staff = await staffContext.newPage();
    await staff.goto(base + '/console');
    expect(staff.url()).toBe(base + '/console/login');
    await staff.fill('input[name=username]', 'wang');
    await staff.fill('input[name=password]', 'not-the-password');
    await staff.click('button[type=submit]');
    await expect.poll(() => staff.locator('[role=alert]').innerText()).toContain('账号或密码不对');
    expect((await staffContext.cookies()).some((c) => c.name === 'yl_console')).toBe(false);

    // Then the right password.
    await staff.fill('input[name=username]', 'wang');
    await staff.fill('input[name=password]', PASSWORD);
    await staff.click('button[type=submit]');
    await staff.waitForURL(base + '/console');
    await staff.click(`a:has-text("${no}")`);
    await staff.waitForURL(`${base}/console/tickets/${no}`);
    expect(await staff.locator('#ticket-text').innerText()).toContain('空调坏了');
    await staff.fill('textarea[name=text]', '已通知物业，明天上午来修空调');
    await staff.click('#reply-form button[type=submit]');
    await expect.poll(() => staff.locator('[role=status]').innerText()).toContain('回复已发送');
    expect(await staff.locator('#history').innerText()).toContain('已通知物业');

    // The retiree sees it (the page polls its inbox every 3 s).
    await retiree.locator('.msg.bot', { hasText: '已通知物业，明天上午来修空调' }).waitFor({ timeout: 15_000 });

    // Export: the download opens in exceljs and has the row, phone masked.
    await staff.click('a[href="/console/export"]');
    const [download] = await Promise.all([staff.waitForEvent('download'), staff.click('#export-submit')]);
    const file = join(dir, 'export.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('工单号');
    const row = ws.getRow(2);
    expect(row.getCell(1).value).toBe(no);
    expect(String(row.getCell(8).value)).toContain('139****5678');
    expect(row.getCell(3).value).toBe('已回复');
  });
});
