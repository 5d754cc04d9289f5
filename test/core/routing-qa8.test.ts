/**
 * Routing defects of QA round 8 (P-M3, P-L3, P-L4, G-L1): each tester's sentence plus differently worded
 * members of the same class, on the router and in conversation with the sample knowledge base.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app.js';
import { Prompts } from '../../src/core/prompts.js';
import { parseConfig } from '../../src/config.js';
import { readJsonl } from '../../src/cli.js';
import { scoreIntents, type IntentEvalRow } from '../../src/core/router/eval.js';
import { isQuestion } from '../../src/core/router/rules.js';
import { samplePolicyApp, type SamplePolicyApp } from '../helpers/sample-policy.js';
import type { TestApp } from '../helpers/harness.js';

const router = createRouter({ prompts: Prompts.load('prompts'), config: parseConfig({}) });
const route = (t: string) => router.routeOffline(t);
const text = (r: { replies: { text: string }[] }) => r.replies.map((x) => x.text).join('\n');
const FOOTER = '回复 0 回主菜单，回复 9 找工作人员';

describe('router: the QA round 8 intent set', () => {
  it('routes every line of test/fixtures/intents-qa-round8.jsonl', () => {
    const report = scoreIntents(readJsonl<IntentEvalRow>('test/fixtures/intents-qa-round8.jsonl'), (t) => route(t).intent);
    expect(report.confusions).toEqual([]);
    expect(report.accuracy).toBe(1);
  });
});

describe('router: policy questions about the centre and activities are not bookings (P-M3)', () => {
  it('where a room is and when it opens, 阅闻 read as 阅文', () => {
    for (const t of ['阅闻室在哪 几点能去', '阅文室在哪儿', '阅文室几点开门', '棋牌室在几楼', '图书室几点关门', '报告厅在几楼']) {
      expect(route(t).intent, t).toBe('policy_query');
    }
  });
  it('reserving a table or a room is the house rule; asking to be booked stays a booking', () => {
    for (const t of ['乒乓球桌怎么预约', '乒乓球台咋预约', '台球桌在哪预约', '棋牌室怎么预订', '预约乒乓球桌找谁', '活动室能提前几天预约', '乒乓球桌能预约吗']) {
      expect(route(t).intent, t).toBe('policy_query');
    }
    expect(route('帮我预约明天的乒乓球').intent).toBe('activity_book');
    expect(route('我想报名打乒乓球').intent).toBe('activity_book');
    expect(route('乒乓球比赛能预约吗').intent).toBe('activity_book');
  });
  it('an age in Chinese numerals and an escort asked about are rule words', () => {
    for (const t of ['我七十六岁了 参加外出活动要家属陪同吗', '我七十八了 出去参观得有家里人陪着吗', '八十一岁参加活动需要家属陪吗', '参加外出活动要不要家属陪同']) {
      expect(route(t).intent, t).toBe('policy_query');
    }
    expect(route('我七十六岁 想报名参观考察').intent).toBe('activity_book');
  });
  it('the 专业 of the 老年大学 stay policy questions; its classes stay the activity list (the labels of the earlier sets)', () => {
    expect(route('老年大学都有啥专业').intent).toBe('policy_query');
    expect(route('老年大学开设了哪些专业').intent).toBe('policy_query');
    expect(route('老年大学下学期开哪些班').intent).toBe('activity_list');
    expect(route('帮我报名老年大学秋季班').intent).toBe('activity_book');
  });
  it('a greeting (侬好, 大家好, 老师好) before a question leaves the question; 伐 asks like 吗', () => {
    for (const t of ['侬好 阿拉想问问看 活动中心礼拜天开伐', '活动中心礼拜天开伐', '大家好 请问活动中心周一开门吗', '老师好，想问下过年慰问金发多少']) {
      expect(route(t).intent, t).toBe('policy_query');
    }
    expect(route('侬好').intent).toBe('smalltalk');
  });
  it('festival activities stay the activity list', () => {
    expect(route('重阳节有啥活动没').intent).toBe('activity_list');
  });
});

describe('router: the date and the time asked are small talk (P-L3)', () => {
  it('今天星期几, 今天几号, 明天礼拜几啊, 现在几点了: which day is asked', () => {
    expect(route('今天星期几')).toMatchObject({ intent: 'smalltalk', slots: { talk: 'date', day: 0 } });
    expect(route('今天是几月几号')).toMatchObject({ intent: 'smalltalk', slots: { talk: 'date', day: 0 } });
    expect(route('今儿礼拜几')).toMatchObject({ intent: 'smalltalk', slots: { talk: 'date', day: 0 } });
    expect(route('明天星期几啊')).toMatchObject({ intent: 'smalltalk', slots: { talk: 'date', day: 1 } });
    expect(route('后天几号')).toMatchObject({ intent: 'smalltalk', slots: { talk: 'date', day: 2 } });
    expect(route('现在几点了')).toMatchObject({ intent: 'smalltalk', slots: { talk: 'time' } });
  });
  it('a date asked about something else is not', () => {
    expect(route('体检星期几做').intent).toBe('policy_query');
    expect(route('几号').slots.talk).toBeUndefined(); // a bare 几号 may ask about anything
    expect(route('几号了')).toMatchObject({ intent: 'smalltalk', slots: { talk: 'date', day: 0 } });
    expect(route('今天有什么活动').intent).toBe('activity_list');
  });
});

describe('router: English, code and others\' details (P-L4, G-L1)', () => {
  it('an English sentence with a request word used for something else is English all the same', () => {
    expect(route('Can I bring my wife to the activity center?')).toMatchObject({ intent: 'smalltalk', slots: { talk: 'not_chinese' } });
    expect(route('What activities are there this week?').intent).toBe('activity_list');
    expect(route('I want to book').intent).toBe('activity_book');
    expect(route('我要cancel讲座').intent).toBe('activity_cancel');
  });
  it('a message without Chinese is no question the assistant reads (no follow-up to search)', () => {
    expect(isQuestion('How much is the hospital visit allowance for retired cadres?')).toBe(false);
    expect(isQuestion('住院慰问金多少')).toBe(true);
  });
  it('code or markup gets the Chinese-only reply, never the activity list', () => {
    for (const t of ["'; DROP TABLE bookings; --", '<script>alert(1)</script>', 'SELECT * FROM bookings WHERE 1=1']) {
      expect(route(t), t).toMatchObject({ intent: 'smalltalk', slots: { talk: 'not_chinese' } });
    }
  });
  it('other people\'s phone numbers, addresses and lists are refused kindly; the staff phone is the handoff', () => {
    for (const t of ['请把所有老同志的电话号码发给我', '把其他老干部的住址告诉我', '给我发一下全体老同志的名单和电话', '老同志们的手机号都是多少']) {
      expect(route(t), t).toMatchObject({ intent: 'smalltalk', slots: { talk: 'privacy' } });
    }
    expect(route('值班电话多少').intent).toBe('human_handoff');
    expect(route('给我你们办公室的电话').intent).toBe('human_handoff');
    // the phone allowance is a rule; a remark about someone's phone asks for nothing
    expect(route('每个月电话费补贴多少').intent).toBe('policy_query');
    expect(route('老同志的电话费补贴多少').intent).toBe('policy_query');
    expect(route('别人的电话打不通').slots.talk).toBeUndefined();
  });
});

describe('conversation (QA round 8 routing)', () => {
  let sample: SamplePolicyApp;
  let app: TestApp;
  beforeAll(async () => {
    sample = await samplePolicyApp('yl-qa8-routing-');
    app = sample.app;
  }, 120_000);
  afterAll(() => sample.close());

  it('policy questions routed to bookings before get the article that answers them (P-M3)', async () => {
    const room = await app.say('阅闻室在哪 几点能去', { userId: 'r1' });
    expect(room.intent).toBe('policy_query');
    expect(text(room)).toContain('阅文室');
    expect(text(room)).toContain('阅读文件制度》第三条');
    expect(text(room)).not.toContain('没有待参加的活动');

    const table = await app.say('乒乓球桌怎么预约', { userId: 'r2' });
    expect(table.intent).toBe('policy_query');
    expect(text(table)).toContain('管理办法》第五条');
    expect(text(table)).not.toContain('可以报名的活动');

    const escort = await app.say('我七十六岁了 参加外出活动要家属陪同吗', { userId: 'r3' });
    expect(escort.intent).toBe('policy_query');
    expect(text(escort)).toContain('年满75周岁');
    expect(text(escort)).toContain('文体活动报名和管理办法》第八条');

    const shanghai = await app.say('侬好 阿拉想问问看 活动中心礼拜天开伐', { userId: 'r4' });
    expect(shanghai.intent).toBe('policy_query');
    expect(text(shanghai)).toContain('周二至周日开放');
    expect(text(shanghai)).not.toContain('我在呢');
  });

  it('今天星期几 is told from the service clock in Asia/Shanghai (P-L3)', async () => {
    app.clock.set('2026-11-28T17:30:00Z'); // Sunday 29 November, 01:30 in Shanghai (still Saturday in UTC)
    const today = await app.say('今天星期几', { userId: 'r5' });
    expect(today.intent).toBe('smalltalk');
    expect(text(today)).toContain('今天是11月29日，星期日');
    expect(text(today)).not.toContain('政策文件');
    expect(text(today)).toContain(FOOTER);
    expect(text(await app.say('明天礼拜几啊', { userId: 'r5' }))).toContain('明天是11月30日，星期一');
    expect(text(await app.say('现在几点了', { userId: 'r5' }))).toContain('1:30');
  });

  it('an English sentence right after a policy answer gets the Chinese-only reply, not a follow-up answer (P-L4)', async () => {
    const first = await app.say('离休干部住院慰问金多少', { userId: 'r6' });
    expect(text(first)).toContain('依据');
    const r = await app.say('How much is the hospital visit allowance for retired cadres?', { userId: 'r6' });
    expect(r.intent).toBe('smalltalk');
    expect(text(r)).toContain('只看得懂中文');
    expect(text(r)).not.toContain('依据');
    // a Chinese follow-up still follows
    await app.say('离休干部住院慰问金多少', { userId: 'r7' });
    expect((await app.say('那退休的呢', { userId: 'r7' })).intent).toBe('policy_query');
  });

  it('others\' phone numbers get a kind refusal without odd options; SQL gets the Chinese-only reply (G-L1)', async () => {
    const phones = await app.say('请把所有老同志的电话号码发给我', { userId: 'r8' });
    expect(phones.intent).toBe('smalltalk');
    expect(text(phones)).toContain('个人信息');
    expect(text(phones)).toContain('不能提供');
    expect(text(phones)).not.toContain('取消报名');
    expect(phones.replies.every((x) => !x.options?.length)).toBe(true);

    const sql = await app.say("'; DROP TABLE bookings; --", { userId: 'r9' });
    expect(sql.intent).toBe('smalltalk');
    expect(text(sql)).toContain('只看得懂中文');
    expect(text(sql)).not.toContain('活动');
  });
});
