/** The staff console over real HTTP: login, CSRF, growing delay, reply reaching the web chat, export, pages. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import type { TestApp } from '../helpers/harness.js';
import { ConsoleBrowser, startConsole, type ConsoleServer } from '../helpers/console.js';
import { hashPassword, verifyPassword } from '../../src/channels/http/console/password.js';
import { createSession, readSession } from '../../src/channels/http/console/session.js';

let app: TestApp;
let base: string;
let server: ConsoleServer;
const PASSWORD = 'correct-horse-7';

beforeAll(async () => {
  server = await startConsole('yinling-console-', [{ username: 'li', displayName: '李干事', password: PASSWORD }]);
  app = server.app;
  base = server.base;
});
afterAll(() => server.close());

/** The console in a browser of its own (cookies kept, redirects not followed). */
class Browser extends ConsoleBrowser {
  constructor() {
    super(base);
  }
}

async function webchat(userId: string, text: string, messageId?: string) {
  const res = await fetch(`${base}/webchat/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, text, ...(messageId ? { messageId } : {}) }),
  });
  return (await res.json()) as { replies: { text: string }[]; data?: Record<string, unknown> };
}

async function newTicket(userId: string, text: string): Promise<string> {
  await webchat(userId, text);
  const r = await webchat(userId, '1');
  return String(r.data?.ticketNo);
}

describe('console login', () => {
  it('logs in with the right password and shows the queue', async () => {
    const no = await newTicket('web-queue-0001', '投诉：社区医院排队太久，电话13812345678');
    const b = new Browser();
    const res = await b.login('li', PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console');
    const queue = await b.request('/console');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(no);
    expect(queue.text).toContain('工单队列');
    expect(queue.text).toContain('font-size:20px');
  });

  it('refuses a wrong password, then imposes a growing delay (even for the right password)', async () => {
    const b = new Browser();
    const first = await b.login('li', 'wrong-1');
    expect(first.status).toBe(401);
    expect(first.text).toContain('账号或密码不对');
    expect((await b.login('li', 'wrong-2')).status).toBe(401);
    const third = await b.login('li', 'wrong-3');
    expect(third.status).toBe(401);
    expect(third.headers.get('retry-after')).toBe('1');
    const locked = await b.login('li', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.text).toContain('秒后再试');
    expect(b.cookies.has('yl_console')).toBe(false);
    app.clock.advance(1100);
    const fourth = await b.login('li', 'wrong-4');
    expect(fourth.headers.get('retry-after')).toBe('2'); // the delay doubles
    app.clock.advance(2100);
    expect((await b.login('li', PASSWORD)).status).toBe(303);
    // a success resets the counter
    expect((await new Browser().login('li', 'wrong-5')).headers.get('retry-after')).toBeNull();
  });

  it('refuses an unknown user the same way', async () => {
    const r = await new Browser().login('nobody', 'whatever-1');
    expect(r.status).toBe(401);
  });

  it('refuses a login POST without the login CSRF token', async () => {
    const b = new Browser();
    await b.request('/console/login');
    const r = await b.request('/console/login', { form: { csrf: 'forged', username: 'li', password: PASSWORD } });
    expect(r.status).toBe(403);
    expect(b.cookies.has('yl_console')).toBe(false);
  });
});

describe('console authorization', () => {
  it('redirects pages without a session and refuses POSTs without session or CSRF token', async () => {
    const no = await newTicket('web-auth-0001', '投诉：电梯坏了');
    const anon = new Browser();
    const page = await anon.request('/console');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/console/login');
    expect((await anon.request(`/console/tickets/${no}`)).status).toBe(303);
    expect((await anon.request('/console/export/download?format=csv')).status).toBe(303);
    expect((await anon.request(`/console/tickets/${no}/reply`, { form: { text: '冒充' } })).status).toBe(401);

    const b = new Browser();
    await b.login('li', PASSWORD);
    expect((await b.request(`/console/tickets/${no}/reply`, { form: { text: '没有令牌' } })).status).toBe(403);
    expect((await b.request(`/console/tickets/${no}/reply`, { form: { text: '错令牌', csrf: 'abc' } })).status).toBe(403);
    expect((await b.request(`/console/tickets/${no}/status`, { form: { status: 'closed' } })).status).toBe(403);
    const forged = new Browser();
    forged.cookies.set('yl_console', 'eyJ1IjoibGkiLCJleHAiOjk5OTk5OTk5OTk5OTksIm4iOiJ4In0.forgedsig');
    expect((await forged.request('/console')).status).toBe(303);
    const t = await app.services.store.tickets.get(no);
    expect(t?.status).toBe('new');
    expect(await app.services.store.tickets.history(no)).toHaveLength(1);
  });

  it('sessions expire and cannot be forged without the secret', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const { cookie } = createSession('s3cret', 'li', now);
    expect(readSession('s3cret', cookie, now)?.u).toBe('li');
    expect(readSession('other', cookie, now)).toBeNull();
    expect(readSession('s3cret', cookie, new Date(now.getTime() + 9 * 3_600_000))).toBeNull();
    expect(readSession('s3cret', cookie.replace(/^./, 'x'), now)).toBeNull();
  });

  it('hashes passwords with scrypt', async () => {
    const h = await hashPassword('abcdefgh');
    expect(h.startsWith('scrypt$')).toBe(true);
    expect(h).not.toContain('abcdefgh');
    expect(await verifyPassword('abcdefgh', h)).toBe(true);
    expect(await verifyPassword('abcdefgi', h)).toBe(false);
  });
});

describe('console work', () => {
  it('a reply from the ticket page reaches the retiree in the web chat; history shows it', async () => {
    const no = await newTicket('web-reply-0001', '求助：家里停水两天了');
    const b = new Browser();
    await b.login('li', PASSWORD);
    const page = await b.request(`/console/tickets/${no}`);
    expect(page.text).toContain('停水两天');
    const res = await b.request(`/console/tickets/${no}/reply`, { form: { csrf: Browser.csrf(page.text), text: '已联系水务公司，今天下午恢复' } });
    expect(res.status).toBe(303);
    await app.services.notifier.drain();
    const inbox = (await (await fetch(`${base}/webchat/inbox?userId=web-reply-0001`)).json()) as { messages: { text: string }[] };
    expect(inbox.messages.map((m) => m.text).join('\n')).toContain('已联系水务公司，今天下午恢复');
    const after = await b.request(`/console/tickets/${no}?ok=replied`);
    expect(after.text).toContain('回复已发送');
    expect(after.text).toContain('console:li');
    expect(after.text).toContain('已联系水务公司');

    // re-categorise and close: both logged; closing asks the retiree for a rating
    const csrf = Browser.csrf(after.text);
    expect((await b.request(`/console/tickets/${no}/category`, { form: { csrf, category: 'complaint' } })).status).toBe(303);
    expect((await b.request(`/console/tickets/${no}/status`, { form: { csrf, status: 'closed' } })).status).toBe(303);
    await app.services.notifier.drain();
    const inbox2 = (await (await fetch(`${base}/webchat/inbox?userId=web-reply-0001`)).json()) as { messages: { text: string }[] };
    expect(inbox2.messages.map((m) => m.text).join('\n')).toContain('打个分');
    const rated = await webchat('web-reply-0001', '5');
    expect(rated.replies[0]!.text).toContain('5 分');
    const h = await app.services.store.tickets.history(no);
    expect(h.map((e) => `${e.kind}:${e.actor}:${e.to ?? ''}`)).toEqual([
      'created:user:http:web-reply-0001:help_request',
      'reply:console:li:',
      'status:console:li:replied',
      'category:console:li:complaint',
      'status:console:li:closed',
      'rating:user:http:web-reply-0001:5',
    ]);
  });

  it('filters the queue and marks overdue tickets', async () => {
    const no = await newTicket('web-late-0001', '我住院了');
    // hospital flow: the follow-up then the summary
    await webchat('web-late-0001', '市中医院，可以');
    const done = await webchat('web-late-0001', '1');
    const hosp = String(done.data?.ticketNo);
    expect(no).not.toBe(hosp);
    app.clock.advance(5 * 3_600_000); // past the 4-hour urgent due time
    const b = new Browser();
    await b.login('li', PASSWORD);
    const q = await b.request('/console?category=hospitalization&overdue=1');
    expect(q.text).toContain(hosp);
    expect(q.text).toContain('class="mark"');
    expect(q.text).toMatch(/id="urgent"[^]*住院报告/); // the unaccepted hospital report is bannered
    expect(q.text).toContain('http-equiv="refresh"');
    expect(q.text).not.toContain('FK20261201-0001'); // a complaint
  });

  it('downloads an export that opens in exceljs, masked unless full', async () => {
    const b = new Browser();
    await b.login('li', PASSWORD);
    const masked = await b.request('/console/export/download?format=xlsx');
    expect(masked.status).toBe(200);
    expect(masked.headers.get('content-disposition')).toMatch(/attachment; filename="feedback-\d{8}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(masked.buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('工单号');
    const all = await app.services.store.tickets.list();
    expect(ws.rowCount).toBe(all.length + 1);
    const texts = ws.getColumn(8).values.map(String).join('\n');
    expect(texts).toContain('138****5678');
    expect(texts).not.toContain('13812345678');
    const full = await b.request('/console/export/download?format=csv&full=1');
    expect(full.text.charCodeAt(0)).toBe(0xfeff);
    expect(full.text).toContain('13812345678');
    expect(full.text.split('\r\n')[0]).toContain('工单号,类别,状态');
  });

  it('renders the dashboard with SVG charts and the activity rosters', async () => {
    const act = await app.services.store.activities.create(
      { title: '象棋比赛', category: '棋牌', startAt: '2026-12-20T06:00:00Z', place: '活动中心二楼', capacity: 2 },
      app.clock.now(),
    );
    const chat = { channel: 'http' as const, chatId: 'p1' };
    await app.services.store.activities.book({ activityId: act.id, userId: 'http:p1', userName: '赵老', seats: 2, chat }, app.clock.now());
    await app.services.store.activities.book({ activityId: act.id, userId: 'telegram:p2', userName: '钱老', seats: 1, chat }, app.clock.now());
    const b = new Browser();
    await b.login('li', PASSWORD);
    const dash = await b.request('/console/dashboard');
    expect(dash.status).toBe(200);
    expect(dash.text.match(/<svg/g)!.length).toBeGreaterThanOrEqual(3);
    expect(dash.text).toContain('首次回复用时');
    expect(dash.text).toContain('象棋比赛');
    expect(dash.text).toMatch(/平均 5 分（1 人评分）/);
    const list = await b.request('/console/activities');
    expect(list.text).toContain('2 / 2');
    const roster = await b.request(`/console/activities/${encodeURIComponent(act.id)}`);
    expect(roster.text).toContain('赵老 (http:p1)'); // name and person id
    expect(roster.text).toContain('钱老 (telegram:p2)'); // on the waitlist
  });

  it('escapes what retirees wrote', async () => {
    const no = await newTicket('web-xss-0001', '投诉：<script>alert(1)</script> 太吵了');
    const b = new Browser();
    await b.login('li', PASSWORD);
    const page = await b.request(`/console/tickets/${no}`);
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('&lt;script&gt;');
  });
});
