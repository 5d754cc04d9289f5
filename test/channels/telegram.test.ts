import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/index.js';
import { FakeTelegram } from './fake-telegram.js';
import { channelServices, fakeHandler, waitFor } from './fixtures.js';

describe('telegram channel against a fake Bot API server', () => {
  const api = new FakeTelegram();
  const services = channelServices();
  const { handle, received } = fakeHandler(services);
  let channel: TelegramChannel;

  beforeAll(async () => {
    await api.start();
    channel = createTelegramChannel({
      services,
      handle,
      token: '123:TEST',
      apiRoot: api.apiRoot,
      limits: { perChatGapMs: 0, perChatPerMinute: 100, globalGapMs: 0, globalPerSecond: 100 },
      retryBaseDelayMs: 10,
      pollTimeoutSeconds: 2,
    });
    await channel.start();
  });

  afterAll(async () => {
    await channel.stop();
    await api.stop();
    await services.close();
  });

  it('answers a private message with sendMessage to the same chat', async () => {
    api.pushText({ chatId: 501, userId: 501, name: '王大爷', text: '你好' });
    await waitFor(() => api.sent().length === 1);
    expect(api.sent()[0]!.body).toMatchObject({ chat_id: '501', text: '答：你好' });
    expect(received.at(-1)).toMatchObject({ channel: 'telegram', chatType: 'private', chatId: '501', userId: '501', userName: '王大爷' });
    expect(api.calls.some((c) => c.method === 'getMe')).toBe(true);
  });

  it('answers a group mention as a reply to the asker, and stays silent without one', async () => {
    const before = api.sent().length;
    api.pushText({ chatId: -100, chatType: 'supergroup', userId: 502, text: '大家早上好' });
    const id = api.pushText({ chatId: -100, chatType: 'supergroup', userId: 502, text: '@yinling_bot 有什么活动', entities: [{ type: 'mention', offset: 0, length: 12 }] });
    await waitFor(() => api.sent().length === before + 1);
    await channel.idle();
    const call = api.sent().at(-1)!;
    expect(call.body).toMatchObject({ chat_id: '-100', text: '答：有什么活动', reply_parameters: { message_id: id } });
    expect(api.sent()).toHaveLength(before + 1);
    expect(received.at(-1)).toMatchObject({ chatType: 'group', mentioned: true, text: '有什么活动' });
  });

  it('renders numbered choices as an inline keyboard; a button press sends the key', async () => {
    const before = api.sent().length;
    api.pushText({ chatId: 503, userId: 503, text: '选' });
    await waitFor(() => api.sent().length === before + 1);
    const keyboard = api.sent().at(-1)!.body.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    expect(keyboard.inline_keyboard).toEqual([[{ text: '1. 确认', callback_data: '1' }], [{ text: '2. 取消', callback_data: '2' }]]);
    api.push({
      callback_query: {
        id: 'cbq-1',
        from: { id: 503, is_bot: false, first_name: '李' },
        chat_instance: 'x',
        data: '1',
        message: { message_id: 77, date: Math.floor(Date.now() / 1000), chat: { id: 503, type: 'private', first_name: '李' }, text: '请选择：' },
      },
    });
    await waitFor(() => api.sent().length === before + 2);
    expect(api.calls.find((c) => c.method === 'answerCallbackQuery')?.body).toMatchObject({ callback_query_id: 'cbq-1' });
    expect(api.sent().at(-1)!.body).toMatchObject({ chat_id: '503', text: '答：1' });
  });

  it('waits as told by a 429 retry_after before sending again', async () => {
    const before = api.sent().length;
    api.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    api.pushText({ chatId: 504, userId: 504, text: '慢一点' });
    await waitFor(() => api.sent().length === before + 2);
    const [refused, accepted] = api.sent().slice(-2);
    expect(accepted!.body).toMatchObject({ chat_id: '504', text: '答：慢一点' });
    expect(accepted!.at - refused!.at).toBeGreaterThanOrEqual(950);
  });

  it('keeps polling after the server goes away and comes back', async () => {
    const port = api.port;
    await api.stop();
    await new Promise((r) => setTimeout(r, 300));
    await api.start(port);
    api.pushText({ chatId: 505, userId: 505, text: '还在吗' });
    await waitFor(() => api.sent().some((c) => c.body.text === '答：还在吗'), 15_000);
  });
});
