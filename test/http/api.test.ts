/** POST /api/messages and friends over real HTTP on loopback, plus fastify inject for remote addresses. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { createHttpServer } from '../../src/channels/http/server.js';

let app: TestApp;
let http: FastifyInstance;
let base: string;

beforeAll(async () => {
  app = await createTestApp({ config: { HTTP_API_TOKEN: 'secret-token' } });
  http = await createHttpServer(app.services, app.handle);
  await http.listen({ port: 0, host: '127.0.0.1' });
  const addr = http.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await http.close();
  await app.close();
});

async function post(path: string, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(base + path, { method: 'POST', headers, body: body as BodyInit });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('POST /api/messages', () => {
  it('answers 你好, 菜单 and 1', async () => {
    const hello = await post('/api/messages', JSON.stringify({ userId: 'h1', text: '你好' }));
    expect(hello.status).toBe(200);
    expect(hello.json.intent).toBe('smalltalk');
    const menu = await post('/api/messages', JSON.stringify({ userId: 'h1', text: '菜单' }));
    expect(menu.json.intent).toBe('help');
    const replies = menu.json.replies as { text: string; options?: { key: string }[] }[];
    expect(replies[0]!.options!.map((o) => o.key)).toEqual(['1', '2', '3', '4', '9']);
    const one = await post('/api/messages', JSON.stringify({ userId: 'h1', text: '1' }));
    expect(one.json.intent).toBe('policy_query');
  });

  it('a repeated messageId is not handled again', async () => {
    const body = JSON.stringify({ userId: 'h2', text: '你好', messageId: 'dup-1' });
    expect((await post('/api/messages', body)).json.replies).not.toEqual([]);
    expect((await post('/api/messages', body)).json).toEqual({ replies: [], duplicate: true });
  });

  it('400 with the field named for missing fields and wrong types', async () => {
    const missing = await post('/api/messages', JSON.stringify({ text: '你好' }));
    expect(missing).toMatchObject({ status: 400, json: { error: 'invalid_request', field: 'userId' } });
    const wrong = await post('/api/messages', JSON.stringify({ userId: 'x', text: 42 }));
    expect(wrong).toMatchObject({ status: 400, json: { field: 'text' } });
    const chatType = await post('/api/messages', JSON.stringify({ userId: 'x', text: 'a', chatType: 'channel' }));
    expect(chatType).toMatchObject({ status: 400, json: { field: 'chatType' } });
    const arr = await post('/api/messages', JSON.stringify([1, 2]));
    expect(arr.status).toBe(400);
  });

  it('400 for malformed JSON', async () => {
    const bad = await post('/api/messages', '{"userId": "x", "text": ');
    expect(bad).toMatchObject({ status: 400, json: { error: 'invalid_json' } });
  });

  it('a 100 KB text gets the kind too-long reply; a 300 KB body a 413', async () => {
    const big = await post('/api/messages', JSON.stringify({ userId: 'h3', text: '长'.repeat(100 * 1024 / 3) }));
    expect(big.status).toBe(200);
    expect((big.json.replies as { text: string }[])[0]!.text).toContain('太长');
    const huge = await post('/api/messages', JSON.stringify({ userId: 'h3', text: 'x'.repeat(300 * 1024) }));
    expect(huge).toMatchObject({ status: 413, json: { error: 'body_too_large' } });
  });

  it('invalid UTF-8 bytes never crash the server', async () => {
    const bytes = Buffer.concat([Buffer.from('{"userId":"h4","text":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
    const res = await post('/api/messages', bytes);
    expect([200, 400]).toContain(res.status);
    const after = await post('/api/messages', JSON.stringify({ userId: 'h4', text: '你好' }));
    expect(after.status).toBe(200);
  });

  it('a wrong content type is refused with JSON', async () => {
    const res = await post('/api/messages', '<userId>x</userId>', { 'content-type': 'application/xml' });
    expect(res.status).toBe(415);
    expect(res.json.error).toBeDefined();
  });

  it('requests not from loopback need the bearer token', async () => {
    const payload = { userId: 'r1', text: '你好' };
    const denied = await http.inject({ method: 'POST', url: '/api/messages', payload, remoteAddress: '10.1.2.3' });
    expect(denied.statusCode).toBe(401);
    const wrong = await http.inject({ method: 'POST', url: '/api/messages', payload, remoteAddress: '10.1.2.3', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const ok = await http.inject({ method: 'POST', url: '/api/messages', payload, remoteAddress: '10.1.2.3', headers: { authorization: 'Bearer secret-token' } });
    expect(ok.statusCode).toBe(200);
    const metrics = await http.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' });
    expect(metrics.statusCode).toBe(401);
  });
});

describe('other routes', () => {
  it('/healthz reports the store', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, store: 'sqlite' });
  });

  it('/metrics counts messages by channel and intent', async () => {
    await post('/api/messages', JSON.stringify({ userId: 'm1', text: '菜单' }));
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/yinling_messages_total\{channel="http",intent="help"\} \d+/);
    expect(text).toContain('yinling_handle_seconds_bucket');
  });

  it('serves the web chat page with large type', async () => {
    const res = await fetch(`${base}/`);
    const html = await res.text();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('银龄助手');
    expect(html).toContain('font-size: 22px');
    expect(html).toContain('id="bigger"'); // A+ / A- for readers who need larger type
    expect(html).toContain('name="viewport"');
  });

  it('proactive messages reach the web chat inbox', async () => {
    await app.services.notifier.send({ channel: 'http', chatId: 'web-u1-abcdefgh' }, { text: '您的工单已有回复' });
    // The harness registers a capturing sender for http; the server's own sender replaced it.
    await app.flush();
    const res = await (await fetch(`${base}/webchat/inbox?userId=web-u1-abcdefgh`)).json();
    expect(res.messages.map((m: { text: string }) => m.text)).toEqual(['您的工单已有回复']);
  });
});


describe('HTTP_CALLBACK_URL', () => {
  it('POSTs proactive messages for HTTP users to the callback as JSON', async () => {
    const { createServer } = await import('node:http');
    const received: unknown[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const port = (hook.address() as { port: number }).port;
    const cbApp = await createTestApp({ config: { HTTP_CALLBACK_URL: `http://127.0.0.1:${port}/hook` } });
    const server = await createHttpServer(cbApp.services, cbApp.handle);
    await cbApp.services.notifier.send({ channel: 'http', chatId: 'c9', userId: 'u9' }, { text: '活动提醒', options: [{ key: '1', label: '知道了' }] });
    await cbApp.services.notifier.drain();
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toEqual({ userId: 'u9', chatId: 'c9', text: '活动提醒', options: [{ key: '1', label: '知道了' }] });
    await server.close();
    await cbApp.close();
    hook.close();
  });
});

describe('double taps', () => {
  it('two "1" sent at once to a handoff question open one ticket, not two', async () => {
    await post('/api/messages', JSON.stringify({ userId: 'tap', text: '转人工', messageId: 'tap-0' }));
    const [a, b] = await Promise.all([
      post('/api/messages', JSON.stringify({ userId: 'tap', text: '1', messageId: 'tap-1' })),
      post('/api/messages', JSON.stringify({ userId: 'tap', text: '1', messageId: 'tap-2' })),
    ]);
    const intents = [a.json.intent, b.json.intent];
    expect(intents).toContain('human_handoff');
    const tickets = await app.services.store.tickets.list({ userId: 'http:tap' });
    expect(tickets).toHaveLength(1);
  });
});

describe('behind a reverse proxy', () => {
  it('with TRUST_PROXY the forwarded client address decides, so outside requests still need the token', async () => {
    const proxied = await createTestApp({ config: { HTTP_API_TOKEN: 'tok', TRUST_PROXY: 'true' } });
    const server = await createHttpServer(proxied.services, proxied.handle);
    const payload = { userId: 'p1', text: '你好' };
    const outside = await server.inject({ method: 'POST', url: '/api/messages', payload, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(outside.statusCode).toBe(401);
    const local = await server.inject({ method: 'POST', url: '/api/messages', payload, remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    await server.close();
    await proxied.close();
  });
});
