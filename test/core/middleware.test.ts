/** Every pipeline middleware: own messages, duplicates, group rule, empty and long input, rate limit. */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { stripWakeWord } from '../../src/core/middleware/group-trigger.js';
import { cleanText } from '../../src/core/middleware/normalize.js';
import { rateRule } from '../../src/core/middleware/rate-limit.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';

const FOOTER = '回复 0 回主菜单，回复 9 找工作人员';
let app: TestApp;
afterEach(async () => app?.close());

describe('drop own messages', () => {
  it('never answers the bot itself', async () => {
    app = await createTestApp();
    const r = await app.handle({ channel: 'wechat', chatId: 'room', chatType: 'group', userId: 'bot', text: '你好', fromSelf: true, mentioned: true });
    expect(r).toMatchObject({ replies: [], intent: 'dropped', dropped: 'self' });
  });
});

describe('duplicates', () => {
  it('answers a messageId once; the second delivery is dropped as duplicate', async () => {
    app = await createTestApp();
    const first = await app.say('你好', { messageId: 'same-1' });
    const second = await app.say('你好', { messageId: 'same-1' });
    expect(first.replies.length).toBeGreaterThan(0);
    expect(second).toMatchObject({ replies: [], duplicate: true, dropped: 'duplicate' });
  });

  it('the same id on two channels is two messages', async () => {
    app = await createTestApp();
    expect((await app.say('你好', { messageId: 'x', channel: 'wechat' })).replies.length).toBeGreaterThan(0);
    expect((await app.say('你好', { messageId: 'x', channel: 'telegram' })).replies.length).toBeGreaterThan(0);
  });
});

describe('group trigger', () => {
  it('stays silent in a group unless addressed', async () => {
    app = await createTestApp();
    const r = await app.say('今天天气不错', { chatType: 'group', chatId: 'room1' });
    expect(r).toMatchObject({ replies: [], dropped: 'not_addressed' });
  });

  it('answers an @-mention and a wake word prefix, which is stripped', async () => {
    app = await createTestApp({ config: { WAKE_WORDS: '小银', BOT_NAME: '银龄助手' } });
    const mentioned = await app.say('菜单', { chatType: 'group', chatId: 'room1', mentioned: true });
    expect(mentioned.intent).toBe('help');
    const woken = await app.say('小银，菜单', { chatType: 'group', chatId: 'room1' });
    expect(woken.intent).toBe('help');
    const typed = await app.say('@银龄助手\u2005菜单', { chatType: 'group', chatId: 'room1' });
    expect(typed.intent).toBe('help');
  });

  it('answers everything in private', async () => {
    app = await createTestApp();
    expect((await app.say('今天天气不错')).replies.length).toBeGreaterThan(0);
  });

  it('strips names longest first', () => {
    expect(stripWakeWord('银龄助手：你好', ['银龄', '银龄助手'])).toBe('你好');
    expect(stripWakeWord('你好银龄助手', ['银龄助手'])).toBeNull();
  });
});

describe('input cleaning and length', () => {
  it('answers an empty or whitespace-only message kindly', async () => {
    app = await createTestApp();
    for (const text of ['', '   ', '\u200b\u200b', '\u0000']) {
      const r = await app.say(text);
      expect(r.replies).toHaveLength(1);
      expect(r.replies[0]!.text).toContain('没有输入文字');
      expect(r.replies[0]!.text).toContain(FOOTER);
    }
  });

  it('refuses more than 2,000 characters with a kind reply and does nothing else', async () => {
    app = await createTestApp();
    const r = await app.say('我要投诉'.repeat(600));
    expect(r.replies[0]!.text).toContain('2400');
    expect(r.replies[0]!.text).toContain('2000');
    expect(await app.services.store.getDialog('http:u1:u1', app.clock.now())).toBeNull();
  });

  it('accepts exactly 2,000 characters', async () => {
    app = await createTestApp();
    const r = await app.say('好'.repeat(2000));
    expect(r.replies[0]!.text).not.toContain('太长');
  });

  it('folds full-width digits and removes control characters', () => {
    expect(cleanText(' １\u0007 ')).toBe('1');
    expect(cleanText('报名\u200b２号')).toBe('报名2号');
    // a numbered choice answered in a Chinese numeral or a circled digit
    expect(cleanText('一')).toBe('1');
    expect(cleanText('两。')).toBe('2');
    expect(cleanText('②')).toBe('2');
    expect(cleanText('零')).toBe('0');
    expect(cleanText('一个')).toBe('一个');
    expect(cleanText('十')).toBe('十');
  });
});

describe('rate limit', () => {
  it('tells a flooding user once, then stays quiet until the window passes', async () => {
    app = await createTestApp({ config: { RATE_LIMIT_PER_MINUTE: '3' } });
    for (let i = 0; i < 3; i++) expect((await app.say('你好')).intent).toBe('smalltalk');
    const notice = await app.say('你好');
    expect(notice.replies[0]!.text).toContain('稍等');
    expect((await app.say('你好')).dropped).toBe('rate_limited');
    expect((await app.say('你好', { userId: 'u2' })).intent).toBe('smalltalk'); // others unaffected
    app.clock.advance(61_000);
    expect((await app.say('你好')).intent).toBe('smalltalk');
  });

  it('limiter counts per key inside the window', async () => {
    const store = new SqliteStore(':memory:');
    const hit = async (ms: number) => (await store.hitRateLimit('a', rateRule(2, 1000), { inFlow: false, canNotify: true }, new Date(ms))).verdict;
    expect([await hit(0), await hit(10), await hit(20), await hit(30)]).toEqual(['ok', 'ok', 'first_over', 'over']);
    expect(await hit(2000)).toBe('ok');
    await store.close();
  });
});

describe('error boundary', () => {
  it('turns a failing skill into a kind reply, never a stack trace', async () => {
    app = await createTestApp();
    app.services.store.getDialog = async () => {
      throw new Error('disk on fire');
    };
    const r = await app.say('你好');
    expect(r.replies[0]!.text).toContain('系统出了点小问题');
    expect(r.replies[0]!.text).not.toContain('disk on fire');
    expect(r.replies[0]!.text).toContain(FOOTER);
  });
});

describe('footer and numbered choices', () => {
  it('writes out options the text does not offer, before the footer', async () => {
    const { withOptionLines, offersKey } = await import('../../src/core/middleware/footer.js');
    expect(withOptionLines({ text: '要转给工作人员吗？', options: [{ key: '1', label: '转给工作人员' }] }).text).toBe('要转给工作人员吗？\n1. 转给工作人员');
    expect(withOptionLines({ text: '回复 1 确认，回复 2 取消', options: [{ key: '1', label: '确认' }, { key: '2', label: '取消' }] }).text).toBe('回复 1 确认，回复 2 取消');
    expect(offersKey('1. 政策咨询\n2. 活动', '2')).toBe(true);
    expect(offersKey('回复 12 看更多', '1')).toBe(false);
  });
});

describe('group answers without @', () => {
  it('takes "1" from someone in a flow with the bot, and ignores their other chatter', async () => {
    app = await createTestApp();
    const group = { chatType: 'group' as const, chatId: 'room1', userId: 'wang' };
    const start = await app.say('转人工', { ...group, mentioned: true });
    expect(start.intent).toBe('human_handoff');
    const chatter = await app.say('今天太阳真好', group);
    expect(chatter).toMatchObject({ replies: [], dropped: 'not_addressed' });
    const other = await app.say('1', { ...group, userId: 'li' }); // not in a flow: silent
    expect(other).toMatchObject({ replies: [], dropped: 'not_addressed' });
    const yes = await app.say('2', group);
    expect(yes.intent).toBe('human_handoff');
    expect(yes.replies[0]!.text).toContain('好的');
    expect(await app.say('2', group)).toMatchObject({ dropped: 'not_addressed' }); // flow over
  });
});

describe('group chatter never moves a flow', () => {
  it('talk to the group does not answer a choice; once the talk has gone quiet, not even "不用了吧"; a bare "2" does', async () => {
    app = await createTestApp();
    const group = { chatType: 'group' as const, chatId: 'g1', userId: 'd' };
    await app.say('转人工', { ...group, mentioned: true });
    expect(await app.say('大家周末去哪玩？', group)).toMatchObject({ replies: [], dropped: 'not_addressed' });
    // Right after the question "不用了吧" is the person's answer (QA G-H1, test/core/group-answer-words.test.ts);
    // minutes later it is talk among the members.
    app.clock.advance(6 * 60_000);
    for (const chatter of ['大家周末去哪玩？', '不用了吧', '好的']) {
      expect(await app.say(chatter, group), chatter).toMatchObject({ replies: [], dropped: 'not_addressed' });
    }
    const two = await app.say('2', group);
    expect(two.intent).toBe('human_handoff');
    expect(two.replies[0]!.text).toContain('好的');
  });
});

describe('group: the person the assistant is talking with (QA M10)', () => {
  const group = { chatType: 'group' as const, chatId: 'grpA' };
  const groupApp = () => createTestApp({ config: { WAKE_WORDS: '小银', BOT_NAME: '银龄助手' } });

  it('may answer with a bare 0 or 9 (the footer) for a few minutes; a bystander\'s bare 9 is still ignored', async () => {
    app = await groupApp();
    const woken = await app.say('小银 你好', { ...group, userId: 'g3' });
    expect(woken.replies.at(-1)!.text).toContain(FOOTER);
    const nine = await app.say('9', { ...group, userId: 'g3' });
    expect(nine.intent).toBe('human_handoff');
    expect(await app.say('9', { ...group, userId: 'g4' })).toMatchObject({ replies: [], dropped: 'not_addressed' });
    const zero = await app.say('0', { ...group, userId: 'g3' });
    expect(zero.intent).toBe('help');
    // the menu offered 2: the same person picks it without the wake word; chatter is still not for us
    expect((await app.say('2', { ...group, userId: 'g3' })).intent).toBe('activity_list');
    expect(await app.say('老李你明天去不去', { ...group, userId: 'g3' })).toMatchObject({ replies: [], dropped: 'not_addressed' });
    // a number nobody offered is not an answer
    expect(await app.say('7', { ...group, userId: 'g3' })).toMatchObject({ replies: [], dropped: 'not_addressed' });
    app.clock.advance(6 * 60_000);
    expect(await app.say('0', { ...group, userId: 'g3' })).toMatchObject({ replies: [], dropped: 'not_addressed' });
  });

  it('the group footer tells everyone else how to call the assistant', async () => {
    app = await groupApp();
    const r = await app.say('小银 菜单', { ...group, userId: 'g3' });
    expect(r.replies.at(-1)!.text).toContain('其他老同志请说“小银 9”');
    expect(await app.ask('菜单')).not.toContain('小银 9'); // private chat: the plain footer
  });

  it('gives a follow-up question from the person just answered to the assistant, not a bystander\'s', async () => {
    app = await groupApp();
    await app.say('小银 你好', { ...group, userId: 'g3' });
    const follow = await app.say('那退休的呢', { ...group, userId: 'g3' });
    expect(follow.intent).not.toBe('dropped');
    expect(follow.replies.length).toBeGreaterThan(0);
    expect(await app.say('那退休的呢', { ...group, userId: 'g9' })).toMatchObject({ replies: [], dropped: 'not_addressed' });
  });

  it('takes the words a flow step asked for (the matter of a complaint, the hospital), not words at a choice', async () => {
    app = await groupApp();
    const asked = await app.ask('小银 我要投诉', { ...group, userId: 'g5' });
    expect(asked).toContain('是什么事');
    const summary = await app.ask('活动中心厕所没有扶手', { ...group, userId: 'g5' });
    expect(summary).toContain('内容：活动中心厕所没有扶手');
    // at the summary (回复 1 / 2) chatter is not an answer; the bare "1" is
    expect(await app.say('大家好', { ...group, userId: 'g5' })).toMatchObject({ replies: [], dropped: 'not_addressed' });
    expect(await app.ask('1', { ...group, userId: 'g5' })).toContain('已提交');
    await app.say('小银 我老伴住院了', { ...group, userId: 'g6' });
    const hospital = await app.ask('市人民医院，可以', { ...group, userId: 'g6' });
    expect(hospital).toContain('医院：市人民医院');
    // someone else's words at that step are not the answer
    await app.say('小银 我老伴住院了', { ...group, userId: 'g8' });
    expect(await app.say('市中医院', { ...group, userId: 'g10' })).toMatchObject({ replies: [], dropped: 'not_addressed' });
  });
});
