import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WechatyBuilder, type Wechaty } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { createWechatChannel, type WechatChannel } from '../../src/channels/wechat/index.js';
import { channelServices, fakeHandler, waitFor } from './fixtures.js';

type Sent = { to: string; text: string; mentions: string[] };

describe('wechat channel on wechaty-puppet-mock', () => {
  const services = channelServices({ BOT_NAME: '银龄助手', STAFF_IDS: 'telegram:777' });
  const { handle, received } = fakeHandler(services);
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  let wechaty: Wechaty;
  let channel: WechatChannel;
  const sent: Sent[] = [];
  const bot = mocker.createContact({ name: '银龄助手' });
  const wang = mocker.createContact({ name: '王大爷' });
  const li = mocker.createContact({ name: '李阿姨' });
  const room = mocker.createRoom({ topic: '老干部活动群', memberIdList: [bot.id, wang.id, li.id] });

  beforeAll(async () => {
    const original = puppet.messageSendText.bind(puppet);
    (puppet as unknown as { messageSendText: unknown }).messageSendText = async (to: string, text: string, mentions?: string[]) => {
      sent.push({ to, text, mentions: mentions ?? [] });
      return original(to, text);
    };
    wechaty = WechatyBuilder.build({ puppet });
    channel = createWechatChannel({
      services,
      handle,
      wechaty,
      limits: { perChatGapMs: 30, perChatPerMinute: 100, globalGapMs: 10, globalPerSecond: 100 },
      retryBaseDelayMs: 5,
    });
    const loggedIn = new Promise<void>((resolve) => wechaty.once('login', () => resolve()));
    await channel.start();
    mocker.login(bot);
    await loggedIn;
  });

  afterAll(async () => {
    await channel.stop();
    await services.close();
  });

  const settle = async () => {
    await new Promise((r) => setTimeout(r, 30));
    await channel.idle();
  };

  it('answers a private question in the private chat', async () => {
    sent.length = 0;
    wang.say('离休干部住院怎么报销').to(bot);
    await waitFor(() => sent.length === 1);
    expect(sent[0]).toMatchObject({ to: wang.id, text: '答：离休干部住院怎么报销' });
    const msg = received.at(-1)!;
    expect(msg).toMatchObject({ channel: 'wechat', chatType: 'private', chatId: wang.id, userId: wang.id, userName: '王大爷', mentioned: false });
  });

  it('answers a real @-mention in a group, @-mentioning the asker', async () => {
    sent.length = 0;
    wang.say('@银龄助手\u2005下周有什么活动', [bot]).to(room);
    await waitFor(() => sent.length === 1);
    expect(sent[0]!.to).toBe(room.id);
    expect(sent[0]!.text).toContain('答：下周有什么活动');
    expect(sent[0]!.text.startsWith('@王大爷')).toBe(true);
    expect(sent[0]!.mentions).toEqual([wang.id]);
    expect(received.at(-1)).toMatchObject({ chatType: 'group', chatId: room.id, mentioned: true, text: '下周有什么活动' });
  });

  it('answers a typed @名字 mention (normal space, no mention list)', async () => {
    sent.length = 0;
    li.say('@银龄助手 我想报名书法班').to(room);
    await waitFor(() => sent.length === 1);
    expect(sent[0]!.text).toContain('答：我想报名书法班');
    expect(sent[0]!.mentions).toEqual([li.id]);
  });

  it('stays silent in a group without a mention, and ignores its own echo', async () => {
    sent.length = 0;
    const before = received.length;
    li.say('今天天气真好').to(room);
    await settle();
    expect(sent).toHaveLength(0);
    expect(received.at(-1)).toMatchObject({ text: '今天天气真好', mentioned: false });
    // the mock echoes every message the bot sends as a new message from the bot: never handled
    wang.say('@银龄助手 你好', [bot]).to(room);
    await waitFor(() => sent.length === 1);
    await settle();
    expect(received.length - before).toBe(2);
    expect(received.every((m) => m.userId !== bot.id)).toBe(true);
  });

  it('answers a duplicate delivery of one message once', async () => {
    sent.length = 0;
    const id = 'dup-1';
    mocker.MessageMock.create({ id, talkerId: wang.id, listenerId: bot.id, text: '重复的消息', timestamp: Date.now(), type: 7 } as never);
    puppet.emit('message', { messageId: id });
    puppet.emit('message', { messageId: id });
    await settle();
    expect(sent.filter((s) => s.text === '答：重复的消息')).toHaveLength(1);
  });

  it('gives a kind reply to a voice message, and uses the transcript when the puppet has one', async () => {
    sent.length = 0;
    mocker.MessageMock.create({ id: 'voice-1', talkerId: wang.id, listenerId: bot.id, timestamp: Date.now(), type: 2 } as never);
    puppet.emit('message', { messageId: 'voice-1' });
    await waitFor(() => sent.length === 1);
    expect(sent[0]!.text).toBe(services.prompts.t('channels.unsupported.voice'));
    const id = 'voice-transcript';
    mocker.MessageMock.create({ id, talkerId: wang.id, listenerId: bot.id, text: '我想问问体检的事', timestamp: Date.now(), type: 2 } as never);
    puppet.emit('message', { messageId: id });
    await waitFor(() => sent.length === 2);
    expect(sent[1]!.text).toBe('答：我想问问体检的事');
  });

  it('ignores backlog older than two minutes and quoted reposts', async () => {
    sent.length = 0;
    mocker.MessageMock.create({ id: 'old-1', talkerId: wang.id, listenerId: bot.id, text: '旧消息', timestamp: Date.now() - 10 * 60_000, type: 7 } as never);
    puppet.emit('message', { messageId: 'old-1' });
    li.say('「银龄助手：答：你好」\n- - - - - - - - - - - - - - -\n').to(bot);
    await settle();
    expect(sent).toHaveLength(0);
  });

  it('delivers a proactive message to a group through the notifier outbox', async () => {
    sent.length = 0;
    expect(services.notifier.channels()).toContain('wechat');
    await services.notifier.send({ channel: 'wechat', chatId: room.id, chatType: 'group', userId: li.id }, { text: '您的反馈已办结', options: [{ key: '1', label: '满意' }, { key: '2', label: '不满意' }] });
    await services.notifier.drain();
    await waitFor(() => sent.length === 1);
    expect(sent[0]!.to).toBe(room.id);
    expect(sent[0]!.text).toContain('您的反馈已办结\n1. 满意\n2. 不满意');
    expect(sent[0]!.mentions).toEqual([li.id]);
  });

  it('throttles a burst: every reply delivered, in order, spaced by the per-chat gap', async () => {
    sent.length = 0;
    const times: number[] = [];
    const waitedBefore = channel.outgoing.throttle.stats.waited;
    const send = puppet as unknown as { messageSendText: (to: string, text: string, mentions?: string[]) => Promise<unknown> };
    const original = send.messageSendText;
    send.messageSendText = async (to, text, mentions) => {
      times.push(performance.now());
      return original(to, text, mentions);
    };
    for (let i = 1; i <= 6; i++) wang.say(`第${i}条`).to(bot);
    await waitFor(() => sent.length === 6);
    send.messageSendText = original;
    expect(sent.map((s) => s.text)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `答：第${i}条`));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(25);
    expect(channel.outgoing.throttle.stats.waited).toBeGreaterThan(waitedBefore);
  });

  it('on logout, alerts staff on the other channels through the outbox', async () => {
    await puppet.logout();
    await waitFor(async () => (await services.store.claimOutbox(['telegram'], 10, 60_000, new Date())).length > 0);
    expect(services.notifier.channels()).not.toContain('wechat');
  });
});
