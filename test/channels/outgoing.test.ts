import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitReplyText, Throttle, renderReplyAsText, withRetry, stripTypedMention, stripQuote } from '../../src/channels/outgoing/index.js';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { channelServices } from './fixtures.js';
import type { Inbound } from '../../src/core/types.js';

describe('outgoing helpers', () => {
  it('splits long text at sentence ends and keeps every character', () => {
    const text = '第一句话比较长一些。第二句！第三句？' + '很长的一段没有句号的内容，'.repeat(10);
    const parts = splitReplyText(text, 20);
    expect(parts.join('')).toBe(text.replace(/\s/g, ''));
    expect(parts.every((p) => [...p].length <= 20)).toBe(true);
    expect(parts[0]).toBe('第一句话比较长一些。第二句！第三句？');
  });

  it('renders options as numbered lines', () => {
    expect(renderReplyAsText({ text: '要报名吗？', options: [{ key: '1', label: '确认' }, { key: '2', label: '取消' }] })).toBe('要报名吗？\n1. 确认\n2. 取消');
  });

  it('throttle: per-chat gap, per-minute cap and global cap, on a fake clock', async () => {
    let now = 0;
    const slept: number[] = [];
    const t = new Throttle({ perChatGapMs: 1000, perChatPerMinute: 3, globalGapMs: 0, globalPerSecond: 100 }, () => now, async (ms) => {
      slept.push(ms);
      now += ms;
    });
    for (let i = 0; i < 4; i++) await t.acquire('a');
    expect(slept).toEqual([1000, 1000, 58_000]);
    await t.acquire('b'); // another chat is not held back
    expect(slept).toHaveLength(3);
  });

  it('retry honours retry-after and gives up after the attempts', async () => {
    const waits: number[] = [];
    let calls = 0;
    const ok = await withRetry(async () => {
      if (++calls < 3) throw Object.assign(new Error('busy'), { retryAfter: 2000 });
      return 'sent';
    }, { attempts: 4, baseDelayMs: 10, retryAfterMs: (e) => (e as { retryAfter?: number }).retryAfter, sleep: async (ms) => void waits.push(ms) });
    expect(ok).toBe('sent');
    expect(waits).toEqual([2000, 2000]);
    await expect(withRetry(async () => { throw new Error('down'); }, { attempts: 2, baseDelayMs: 1, sleep: async () => {} })).rejects.toThrow('down');
  });

  it('typed mentions (space or U+2005) and quotes', () => {
    expect(stripTypedMention('@银龄助手\u2005怎么报销', ['银龄助手'])).toEqual({ text: '怎么报销', mentioned: true });
    expect(stripTypedMention('@银龄助手 怎么报销', ['银龄助手'])).toEqual({ text: '怎么报销', mentioned: true });
    expect(stripTypedMention('@银龄助手们好', ['银龄助手']).mentioned).toBe(false);
    expect(stripQuote('「王大爷：明天开会吗」\n- - - - - - - - - - - - - - -\n几点？')).toEqual({ text: '几点？', quoted: true });
  });
});

describe('staff broadcast from a private chat', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ config: { STAFF_IDS: 'wechat:staff1' } });
  });
  afterAll(() => app.close());
  const as = (userId: string) => ({ channel: 'wechat' as const, userId });

  it('previews, asks to confirm, and queues the notice for every WeChat group on 1', async () => {
    const preview = await app.ask('广播 明天上午九点开会', as('staff1'));
    expect(preview).toContain('明天上午九点开会');
    expect(preview).toContain('回复 1 确认');
    expect(preview).toContain('回复 0 回主菜单');
    await app.flush();
    expect(app.sent).toHaveLength(0);
    const done = await app.ask('1', as('staff1'));
    expect(done).toContain('已排队');
    await app.flush();
    expect(app.sent.map((q) => [q.to.chatId, q.reply.text])).toEqual([['@groups', '明天上午九点开会']]);
  });

  it('cancels on 2, and refuses non-staff', async () => {
    await app.ask('广播 测试', as('staff1'));
    expect(await app.ask('2', as('staff1'))).toContain(app.services.prompts.t('channels.broadcast.cancelled'));
    expect(await app.ask('广播 测试', as('someone'))).toContain(app.services.prompts.t('channels.broadcast.not_staff'));
    const after = await app.say('1', as('staff1'));
    expect(after.intent).toBe('policy_query'); // back to the main menu digits, nothing queued
  });
});

describe('staff broadcast confirmation wording', () => {
  it('accepts "确认。" and gives up after a second unclear answer instead of asking forever', async () => {
    const app = await createTestApp({ config: { STAFF_IDS: 'wechat:staff1' } });
    const as = { channel: 'wechat' as const, userId: 'staff1' };
    await app.ask('广播 周五停电一天', as);
    expect(await app.ask('确认。', as)).toContain('已排队');
    await app.ask('广播 第二条通知', as);
    expect(await app.ask('嗯？', as)).toContain('回复 1');
    const next = await app.say('最近有什么活动', as);
    expect(next.intent).toBe('activity_list'); // the second unclear message goes to the router
    await app.flush();
    expect(app.sent.map((s) => s.reply.text)).toEqual(['周五停电一天']);
    await app.close();
  });
});
