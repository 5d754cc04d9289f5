/** Both adapters in front of the real pipeline (router, skills, dedupe, group rule, footer). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WechatyBuilder } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/index.js';
import { createWechatChannel, type WechatChannel } from '../../src/channels/wechat/index.js';
import { FakeTelegram } from './fake-telegram.js';
import { waitFor } from './fixtures.js';

const FOOTER = '回复 0 回主菜单';
const fast = { perChatGapMs: 0, perChatPerMinute: 100, globalGapMs: 0, globalPerSecond: 100 };

describe('telegram through the real pipeline', () => {
  const api = new FakeTelegram();
  let app: TestApp;
  let channel: TelegramChannel;
  beforeAll(async () => {
    await api.start();
    app = await createTestApp();
    channel = createTelegramChannel({ services: app.services, handle: app.handle, token: '1:T', apiRoot: api.apiRoot, limits: fast, pollTimeoutSeconds: 2 });
    await channel.start();
  });
  afterAll(async () => {
    await channel.stop();
    await api.stop();
    await app.close();
  });

  it('answers 你好 in private, with the footer, and ignores an unaddressed group message', async () => {
    api.pushText({ chatId: 901, userId: 901, text: '你好' });
    await waitFor(() => api.sent().length >= 1);
    await channel.idle();
    expect(String(api.sent().at(-1)!.body.text)).toContain(FOOTER);
    const before = api.sent().length;
    api.pushText({ chatId: -900, chatType: 'group', userId: 902, text: '今天谁去公园' });
    await new Promise((r) => setTimeout(r, 100));
    await channel.idle();
    expect(api.sent()).toHaveLength(before);
  });
});

describe('wechat through the real pipeline', () => {
  let app: TestApp;
  let channel: WechatChannel;
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const texts: { to: string; text: string }[] = [];
  const bot = mocker.createContact({ name: '银龄助手' });
  const zhao = mocker.createContact({ name: '赵老师' });
  const room = mocker.createRoom({ topic: '书画群', memberIdList: [bot.id, zhao.id] });

  beforeAll(async () => {
    app = await createTestApp();
    const original = puppet.messageSendText.bind(puppet);
    (puppet as unknown as { messageSendText: unknown }).messageSendText = async (to: string, text: string) => {
      texts.push({ to, text });
      return original(to, text);
    };
    const wechaty = WechatyBuilder.build({ puppet });
    channel = createWechatChannel({ services: app.services, handle: app.handle, wechaty, limits: fast });
    const loggedIn = new Promise<void>((resolve) => wechaty.once('login', () => resolve()));
    await channel.start();
    mocker.login(bot);
    await loggedIn;
  });
  afterAll(async () => {
    await channel.stop();
    await app.close();
  });

  it('answers a private question once even when delivered twice; silent in a group without mention', async () => {
    mocker.MessageMock.create({ id: 'p-1', talkerId: zhao.id, listenerId: bot.id, text: '你好', timestamp: Date.now(), type: 7 } as never);
    puppet.emit('message', { messageId: 'p-1' });
    puppet.emit('message', { messageId: 'p-1' });
    zhao.say('今天画了一幅牡丹').to(room);
    await new Promise((r) => setTimeout(r, 100));
    await channel.idle();
    expect(texts).toHaveLength(1);
    expect(texts[0]!.to).toBe(zhao.id);
    expect(texts[0]!.text).toContain(FOOTER);
  });
});
