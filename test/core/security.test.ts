/** Review findings: web chat ids, dedupe scope, group chatter, broken emoji, secrets in logs, webhook secret. */
import { describe, it, expect, afterEach } from 'vitest';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { createHttpServer } from '../../src/channels/http/server.js';
import { createLogger } from '../../src/core/logger.js';
import { cleanText } from '../../src/core/middleware/normalize.js';
import { webhookSecret } from '../../src/channels/telegram/index.js';
import { parseConfig } from '../../src/config.js';

let app: TestApp;
let http: FastifyInstance | undefined;
afterEach(async () => {
  await http?.close();
  http = undefined;
  await app?.close();
});

describe('web chat ids', () => {
  it('the public web chat accepts only its own "web-…" ids, and the API refuses them', async () => {
    app = await createTestApp({ config: { STAFF_IDS: 'wechat:wxid_staff1', HTTP_API_TOKEN: 't' } });
    http = await createHttpServer(app.services, app.handle);
    const post = (url: string, userId: string) => http!.inject({ method: 'POST', url, payload: { userId, text: '工单' }, remoteAddress: '10.0.0.9', headers: { authorization: 'Bearer t' } });
    expect((await post('/webchat/messages', 'wechat:wxid_staff1')).statusCode).toBe(400);
    expect((await post('/webchat/messages', 'member-1001')).statusCode).toBe(400);
    const ok = await post('/webchat/messages', 'web-1b2c3d4e-aaaa');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().replies[0].text).not.toContain('待办工单');
    expect((await post('/api/messages', 'web-1b2c3d4e-aaaa')).statusCode).toBe(400);
    const inbox = await http.inject({ method: 'GET', url: '/webchat/inbox?userId=member-1001', remoteAddress: '10.0.0.9' });
    expect(inbox.statusCode).toBe(400);
  });
});

describe('dedupe scope', () => {
  it('the same messageId from two users is two messages', async () => {
    app = await createTestApp();
    const a = await app.say('你好', { userId: 'member-1', messageId: '1' });
    const b = await app.say('你好', { userId: 'member-2', messageId: '1' });
    expect(a.replies.length).toBeGreaterThan(0);
    expect(b.replies.length).toBeGreaterThan(0);
    expect((await app.say('你好', { userId: 'member-2', messageId: '1' })).duplicate).toBe(true);
  });
});

describe('group chatter from someone in a flow', () => {
  it('a long forwarded article gets no "too long" reply in the group', async () => {
    app = await createTestApp();
    const group = { chatType: 'group' as const, chatId: 'room', userId: 'wang' };
    await app.say('转人工', { ...group, mentioned: true });
    const r = await app.say('转发：'.concat('好文章'.repeat(800)), group);
    expect(r).toMatchObject({ replies: [], dropped: 'not_addressed' });
  });
});

describe('input hygiene', () => {
  it('drops lone surrogates (half an emoji) but keeps whole emoji', () => {
    expect(cleanText('住院了\ud83d')).toBe('住院了');
    expect(cleanText('好的😀')).toBe('好的😀');
  });
});

describe('logs', () => {
  it('masks phone and ID numbers inside logged errors', async () => {
    let out = '';
    const sink = new Writable({ write: (c, _e, cb) => ((out += String(c)), cb()) });
    const logger = createLogger('info', false, sink);
    const err = Object.assign(new Error('send failed: 电话13812345678'), { payload: { text: '身份证110101194901011234' } });
    logger.warn({ err }, 'telegram send failed');
    await new Promise((r) => setTimeout(r, 20));
    expect(out).toContain('138****5678');
    expect(out).not.toContain('13812345678');
    expect(out).not.toContain('110101194901011234');
  });
});

describe('telegram webhook secret', () => {
  it('is never empty: derived from the bot token when not configured', () => {
    const derived = webhookSecret(parseConfig({ TELEGRAM_BOT_TOKEN: '123:abc' }));
    expect(derived).toMatch(/^[a-f0-9]{48}$/);
    expect(webhookSecret(parseConfig({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_WEBHOOK_SECRET: 'mine' }))).toBe('mine');
  });
});

describe('staff identity', () => {
  it('only "channel:userId" makes a staff member; the same id on another channel is not one', async () => {
    app = await createTestApp({ config: { STAFF_IDS: 'wechat:li' } });
    expect(await app.ask('工单', { channel: 'wechat', userId: 'li' })).toContain('工单');
    const other = await app.ask('工单', { channel: 'telegram', userId: 'li' });
    expect(other).toContain('只能在工作人员私聊里使用');
    const http = await app.ask('工单', { channel: 'http', userId: 'wechat:li' });
    expect(http).toContain('只能在工作人员私聊里使用');
  });
});
