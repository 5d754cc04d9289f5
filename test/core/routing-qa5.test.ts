/**
 * Routing defects of QA round 5 (F-H1, P-M4, P-M5, F-M3, P-M2): each tester's sentence plus differently
 * worded members of the same class, on the router and in conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app.js';
import { Prompts } from '../../src/core/prompts.js';
import { parseConfig } from '../../src/config.js';
import { readJsonl } from '../../src/cli.js';
import { scoreIntents, type IntentEvalRow } from '../../src/core/router/eval.js';
import { followUpQuery } from '../../src/skills/policy/split.js';
import { samplePolicyApp, type SamplePolicyApp } from '../helpers/sample-policy.js';
import type { TestApp } from '../helpers/harness.js';

const router = createRouter({ prompts: Prompts.load('prompts'), config: parseConfig({}) });
const route = (t: string) => router.routeOffline(t);
const text = (r: { replies: { text: string }[] }) => r.replies.map((x) => x.text).join('\n');

describe('router: the QA round 5 intent set', () => {
  it('routes test/fixtures/intents-qa-round5.jsonl', () => {
    const report = scoreIntents(readJsonl<IntentEvalRow>('test/fixtures/intents-qa-round5.jsonl'), (t) => route(t).intent);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});

describe('router: a stay said as 住进/送进/住到 … 院 is a hospital report (F-H1)', () => {
  it('whatever the hospital is called (市二院, 人民医院, 医大附院) and whatever follows', () => {
    for (const t of ['我爱人前天住进市二院了心脏不好大夫说要做支架', '俺娘住到人民医院了', '俺爹昨晚送到市一院了 脑子不清楚', '我妈转到省医大附院了']) {
      expect(route(t), t).toMatchObject({ intent: 'feedback', slots: { category: 'hospitalization' } });
    }
  });
  it('a home for the aged or a flat near a hospital is no stay', () => {
    expect(route('我爸住进养老院了').slots.category).not.toBe('hospitalization');
    expect(route('我住的小区离医院挺远').slots.category).not.toBe('hospitalization');
  });
});

describe('router: a rule asked for is a policy question, not a feedback draft (P-M4)', () => {
  it('有规定吗 / 多长时间给答复 / 不满意咋办 / whose pension it becomes', () => {
    const qs = [
      '我老头子去年住园了单位一直没来人看过这个有规定吗多少天要来',
      '我爸住院半个月了单位没人来 有没有这方面的规定',
      '我死了以后退休金能不能给我孙子继续领',
      '答复了我不满意咋办',
      '对处理结果不满意还能再申请吗',
      '我提的意见你们多长时间给答复',
      '意见提上去多久有回音',
    ];
    for (const q of qs) expect(route(q).intent, q).toBe('policy_query');
  });
  it('the state of one\'s own matter and a grievance stay feedback', () => {
    expect(route('我提的意见办得怎么样了')).toMatchObject({ intent: 'feedback', slots: { ticketStatus: true } });
    expect(route('我要投诉 物业不按规定收费').intent).toBe('feedback');
    expect(route('我对食堂饭菜不满意').intent).toBe('feedback');
  });
});

describe('router: the house rules of the 活动中心 are policy, booking stays booking (P-M5)', () => {
  it('要不要预约, 能打多久, a lost card', () => {
    for (const q of ['打乒乓球要不要预约 能打多久', '棋牌室要不要提前预约', '乒乓球室每次能打多长时间', '活动证丢了咋整', '活动证找不到了咋办', '活动中心几点开门']) {
      expect(route(q).intent, q).toBe('policy_query');
    }
    expect(route('我想报名打乒乓球').intent).toBe('activity_book');
    expect(route('帮我预约明天的乒乓球').intent).toBe('activity_book');
    expect(route('有乒乓球比赛吗').intent).toBe('activity_list');
    expect(route('我的老年证丢了 帮我补办一个').intent).toBe('feedback');
  });
});

describe('router: whether a reported matter was filed is the ticket status (F-M3)', () => {
  it('报上了没有 about a report, not about an activity', () => {
    for (const t of ['我刚才那个住院的报上了没有', '我那个事报上去了没有', '我刚才说的意见提交了吗']) {
      expect(route(t), t).toMatchObject({ intent: 'feedback', slots: { ticketStatus: true } });
    }
    expect(route('我报的讲座报上了没有').intent).toBe('my_bookings');
  });
});

describe('follow-ups (P-M2)', () => {
  it('a follow-up said on its own is a question, never a report or 没太明白', () => {
    for (const t of ['那我老伴是离休的呢', '那我八十一岁呢', '我有糖尿病呢', '他也是退休的呢', '那要是在外地呢']) {
      expect(route(t).intent, t).toBe('policy_query');
    }
    expect(route('我老伴还在医院躺着呢')).toMatchObject({ intent: 'feedback', slots: { category: 'hospitalization' } });
    expect(route('我在家呢').intent).not.toBe('policy_query');
  });

  it('who the case is about, an age and joining words are no topic of the follow-up\'s own', () => {
    expect(followUpQuery('退休金今年涨了多少', '那我八十一岁呢')).toBe('退休金今年涨了多少 那我八十一岁呢');
    expect(followUpQuery('退休干部体检标准是多少', '那我老伴是离休的呢')).toBe('离休干部体检标准是多少 那我老伴是离休的呢');
    expect(followUpQuery('活动中心几点开门', '能带我孙子一起去吗')).toBe('活动中心几点开门 能带我孙子一起去吗');
    expect(followUpQuery('老年大学学费多少', '我才五十八能上不')).toBe('老年大学学费多少 我才五十八能上不');
    // a question of its own is still none
    expect(followUpQuery('退休金今年涨了多少', '老年大学秋季班什么时候报名')).toBeNull();
    expect(followUpQuery('离休干部体检标准多少钱', '那离休干部去世了丧葬补助费和一次性抚恤金怎么算呢')).toBeNull();
  });
});

describe('conversation (QA round 5 routing)', () => {
  let sample: SamplePolicyApp;
  let app: TestApp;
  beforeAll(async () => {
    sample = await samplePolicyApp('yl-qa5-routing-');
    app = sample.app;
  }, 120_000);
  afterAll(() => sample.close());

  it('follow-ups right after a policy answer are answered from that answer\'s document (P-M2)', async () => {
    await app.say('退休金今年涨了多少', { userId: 'q1' });
    const older = await app.say('那我八十一岁呢', { userId: 'q1' });
    expect(older.intent).toBe('policy_query');
    expect(text(older)).toContain('45元');
    expect(text(older)).toContain('基本养老金调整办法》第六条');

    await app.say('退休干部体检标准是多少', { userId: 'q2' });
    const spouse = await app.say('那我老伴是离休的呢', { userId: 'q2' });
    expect(spouse.intent).toBe('policy_query');
    expect(text(spouse)).toContain('1500元');
    expect(text(spouse)).not.toContain('请您核对');

    await app.say('退休的看门诊一年自己先掏多少', { userId: 'q3' });
    const illness = await app.say('我有糖尿病呢', { userId: 'q3' });
    expect(illness.intent).toBe('policy_query');
    expect(text(illness)).toContain('慢特病');
  });

  it('a hospital stay said as 住进市二院了 starts the hospital report, not 没太明白 (F-H1)', async () => {
    const r = await app.say('我爱人前天住进市二院了心脏不好大夫说要做支架', { userId: 'q4' });
    expect(r.intent).toBe('feedback');
    expect(text(r)).not.toContain('没太明白');
    expect(text(r)).toContain('早日康复');
  });

  it('rule questions get the rule (P-M4, P-M5)', async () => {
    const unhappy = await app.say('答复了我不满意咋办', { userId: 'q5' });
    expect(unhappy.intent).toBe('policy_query');
    expect(text(unhappy)).toContain('重新办理');
    const card = await app.say('活动证丢了咋整', { userId: 'q6' });
    expect(card.intent).toBe('policy_query');
    expect(text(card)).toContain('补办');
    const table = await app.say('打乒乓球要不要预约 能打多久', { userId: 'q7' });
    expect(table.intent).toBe('policy_query');
    expect(text(table)).toContain('管理办法》第五条');
  });

  it('"我刚才那个住院的报上了没有" with a parked report shows that report, not a policy answer (F-M3)', async () => {
    await app.say('我老伴住院了', { userId: 'q8' });
    await app.say('住院单位给多少慰问金', { userId: 'q8' }); // parks the report
    const r = await app.say('我刚才那个住院的报上了没有', { userId: 'q8' });
    expect(r.intent).toBe('feedback');
    expect(text(r)).toContain('住院报告');
    expect(text(r)).toContain('回复 1 提交');
    expect(text(r)).not.toContain('依据');
    expect(text(r)).not.toContain('哪家医院'); // no second report started
    const filed = await app.say('1', { userId: 'q8' });
    expect(text(filed)).toMatch(/FK\d{8}-\d{4}/);
    const tickets = await app.services.store.tickets.list({ userId: 'http:q8' });
    expect(tickets.map((t) => t.category)).toEqual(['hospitalization']);
  });
});
