/** Telegram in webhook mode: setWebhook with the secret, updates POSTed to our route are answered. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeTelegram } from './fake-telegram.js';
import { waitFor } from './fixtures.js';
import { parseConfig } from '../../src/config.js';
import { startService, type RunningService } from '../../src/service.js';
import { silentLogger } from '../../src/core/logger.js';

const api = new FakeTelegram();
let service: RunningService;

beforeAll(async () => {
  await api.start();
  const config = parseConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'yinling-hook-')),
    TELEGRAM_BOT_TOKEN: '777:HOOK',
    TELEGRAM_API_ROOT: api.apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/hook',
    TELEGRAM_WEBHOOK_SECRET: 's3cret',
  });
  service = await startService(config, { logger: silentLogger(), policy: null });
});

afterAll(async () => {
  await service.stop();
  await api.stop();
});

const update = (text: string, id: number) => ({
  update_id: id,
  message: { message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: 5151, type: 'private', first_name: '王' }, from: { id: 5151, is_bot: false, first_name: '王' }, text },
});

it('registers the webhook with its secret and answers updates posted to it', async () => {
  const set = api.calls.find((c) => c.method === 'setWebhook');
  expect(set?.body).toMatchObject({ url: 'https://bot.example.org/telegram/hook', secret_token: 's3cret' });
  expect(api.calls.some((c) => c.method === 'getUpdates')).toBe(false);

  const url = `http://127.0.0.1:${service.port}/telegram/hook`;
  const refused = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(update('你好', 1)) });
  expect(refused.status).toBe(401);

  const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 's3cret' }, body: JSON.stringify(update('菜单', 2)) });
  expect(ok.status).toBe(200);
  await waitFor(() => api.sent().length > 0, 10_000);
  const sent = api.sent()[0]!.body;
  expect(sent.chat_id).toBe('5151');
  expect(String(sent.text)).toContain('政策咨询');
}, 30_000);
