/** QA L8: the staff console header names the signed-in person by display name (张老师), not the login (zhang). */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startConsole, type ConsoleServer } from '../helpers/console.js';

let base: string;
let server: ConsoleServer;
const PASSWORD = 'correct-horse-7';

beforeAll(async () => {
  server = await startConsole('yinling-console-header-', [
    { username: 'zhang', displayName: '张老师', password: PASSWORD },
    { username: 'wu', password: PASSWORD },
  ]);
  base = server.base;
});
afterAll(() => server.close());

/** Logs in and returns the queue page's header. */
async function headerAfterLogin(username: string): Promise<string> {
  const form = await fetch(`${base}/console/login`);
  const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const login = await fetch(`${base}/console/login`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, username, password: PASSWORD }).toString(),
    redirect: 'manual',
  });
  expect(login.status).toBe(303);
  const session = login.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').filter((c) => c.startsWith('yl_console=')).join('; ');
  const page = await (await fetch(`${base}/console`, { headers: { cookie: session } })).text();
  return /<header>[\s\S]*?<\/header>/.exec(page)![0];
}

describe('console header', () => {
  it('shows the display name of the signed-in staff member', async () => {
    const header = await headerAfterLogin('zhang');
    expect(header).toContain('张老师');
    expect(header).not.toMatch(/>\s*zhang\s*</);
  });

  it('shows the login when the account has no display name', async () => {
    expect(await headerAfterLogin('wu')).toMatch(/>\s*wu\s*</);
  });
});
