/**
 * The staff console over real HTTP for tests: a test app with staff accounts behind the HTTP server
 * on a free port, and a minimal browser that keeps cookies and does not follow redirects.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from './harness.js';
import { createHttpServer } from '../../src/channels/http/server.js';
import { hashPassword } from '../../src/channels/http/console/password.js';

export interface ConsoleServer {
  app: TestApp;
  http: FastifyInstance;
  base: string;
  close(): Promise<void>;
}

/** A test app (its own data folder) with the given staff accounts, served on 127.0.0.1. */
export async function startConsole(prefix: string, accounts: { username: string; displayName?: string; password: string }[]): Promise<ConsoleServer> {
  const app = await createTestApp({ config: { DATA_DIR: mkdtempSync(join(tmpdir(), prefix)) } });
  const createdAt = app.clock.now().toISOString();
  for (const a of accounts) {
    await app.services.store.staff.upsert({ username: a.username, ...(a.displayName ? { displayName: a.displayName } : {}), passwordHash: await hashPassword(a.password), createdAt });
  }
  const http = await createHttpServer(app.services, app.handle);
  await http.listen({ port: 0, host: '127.0.0.1' });
  const addr = http.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    app,
    http,
    base,
    async close() {
      await http.close();
      await app.close();
    },
  };
}

/** A minimal browser: keeps cookies (and drops expired ones), does not follow redirects. */
export class ConsoleBrowser {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async request(path: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(this.base + path, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      redirect: 'manual',
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const buf = Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, text: buf.toString('utf8'), buf };
  }

  /** The CSRF token of a console form. */
  static csrf(html: string): string {
    return /name="csrf" value="([^"]+)"/.exec(html)![1]!;
  }

  async login(username: string, password: string) {
    const form = await this.request('/console/login');
    return this.request('/console/login', { form: { csrf: ConsoleBrowser.csrf(form.text), username, password } });
  }
}
