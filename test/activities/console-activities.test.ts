/**
 * QA M5 on the console's activity pages: the sign-up state, a button that stops sign-up (and one
 * that opens it again), and the roster download (.xlsx / .csv); POSTs need the session's CSRF token.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import type { TestApp } from '../helpers/harness.js';
import { ConsoleBrowser, startConsole, type ConsoleServer } from '../helpers/console.js';

let app: TestApp;
let base: string;
let server: ConsoleServer;
const PASSWORD = 'correct-horse-8';

beforeAll(async () => {
  server = await startConsole('yinling-console-act-', [{ username: 'zhang', displayName: '张老师', password: PASSWORD }]);
  app = server.app;
  base = server.base;
});
afterAll(() => server.close());

/** The console in a browser of its own (cookies kept, redirects not followed). */
class Browser extends ConsoleBrowser {
  constructor() {
    super(base);
  }
  override login(username = 'zhang', password = PASSWORD) {
    return super.login(username, password);
  }
}

describe('console activity pages', () => {
  it('shows the state, stops sign-up with a button (bookings kept, nobody told) and opens it again', async () => {
    const act = await app.services.store.activities.create({ title: '迎新春象棋比赛', category: '棋牌', startAt: '2026-12-05T01:30:00Z', place: '棋牌室', capacity: 1 }, app.clock.now());
    await app.say('报名迎新春象棋比赛', { userId: 'p1', userName: '赵老' });
    await app.say('1', { userId: 'p1' });
    const b = new Browser();
    expect((await b.login()).status).toBe(303);
    const list = await b.request('/console/activities');
    expect(list.text).toMatch(/迎新春象棋比赛[\s\S]*?已满<\/td>/u);
    const page = await b.request(`/console/activities/${act.id}`);
    expect(page.text).toContain('id="signup-close"');
    expect(page.text).toContain('已报名的和候补的都保留，不会通知任何人');
    expect(page.text).toContain(`href="/console/activities/${act.id}/export?format=xlsx"`);
    expect(page.text).toContain(`href="/console/activities/${act.id}/export?format=csv"`);

    // without the CSRF token: refused, nothing changes
    expect((await b.request(`/console/activities/${act.id}/close`, { form: { csrf: 'forged' } })).status).toBe(403);
    expect((await app.services.store.activities.get(act.id))!.status).toBe('full');

    const closed = await b.request(`/console/activities/${act.id}/close`, { form: { csrf: Browser.csrf(page.text) } });
    expect(closed.status).toBe(303);
    expect(closed.headers.get('location')).toBe(`/console/activities/${act.id}?ok=closed`);
    const after = await b.request(closed.headers.get('location')!);
    expect(after.text).toContain('已停止报名。已报名的和候补的都保留');
    expect(after.text).toMatch(/id="signup-state">已停止报名</u);
    expect(after.text).toContain('id="signup-reopen"');
    expect(after.text).toContain('赵老 (http:p1)');
    expect(await app.ask('报名迎新春象棋比赛', { userId: 'p2' })).toContain('已停止报名');
    await app.flush();
    expect(app.sent).toEqual([]);

    const reopened = await b.request(`/console/activities/${act.id}/reopen`, { form: { csrf: Browser.csrf(after.text) } });
    expect(reopened.headers.get('location')).toBe(`/console/activities/${act.id}?ok=reopened`);
    expect((await app.services.store.activities.get(act.id))!.status).toBe('full');
    expect((await app.services.store.listAudit({ subject: `activity:${act.id}` })).map((e) => `${e.action}:${e.actor}`)).toEqual(
      expect.arrayContaining(['activity.close:console:zhang', 'activity.reopen:console:zhang']),
    );
  });

  it('downloads the roster as .xlsx and .csv; an unknown activity is a 404; no session, no download', async () => {
    const act = await app.services.store.activities.create({ title: '书法班', category: '书画摄影', startAt: '2026-12-09T01:00:00Z', place: '书画室', capacity: 2 }, app.clock.now());
    await app.say('报名书法班 我和老伴两个人', { userId: 'q1', userName: '王老' });
    await app.say('1', { userId: 'q1' });
    await app.say('报名书法班', { userId: 'q2', userName: '钱老' });
    await app.say('1', { userId: 'q2' });
    expect((await new Browser().request(`/console/activities/${act.id}/export?format=csv`)).status).toBe(303);
    const b = new Browser();
    await b.login();
    const csv = await b.request(`/console/activities/${act.id}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="activity-${act.id}-20261209.csv"`);
    const lines = csv.text.slice(1).trimEnd().split('\r\n');
    expect(lines).toEqual(['姓名,报名账号（渠道:用户ID）,人数,状态,候补位次,报名时间', '王老,http:q1,2,已报名,,2026-12-01 10:00', '钱老,http:q2,1,候补,1,2026-12-01 10:00']);
    const xlsx = await b.request(`/console/activities/${act.id}/export`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.buf as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe('王老');
    expect((await b.request('/console/activities/4242/export')).status).toBe(404);
  });
});
