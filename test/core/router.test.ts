/** The router on labelled sets: the shared dev set and the project's own held-out sets. */
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { createRouter } from '../../src/app.js';
import { Prompts } from '../../src/core/prompts.js';
import { parseConfig } from '../../src/config.js';
import { readJsonl } from '../../src/cli.js';
import { scoreIntents, type IntentEvalRow } from '../../src/core/router/eval.js';
import { extractSlots, parseSmallNumber } from '../../src/core/router/slots.js';

const router = createRouter({ prompts: Prompts.load('prompts'), config: parseConfig({}) });
const route = (t: string) => router.routeOffline(t);

describe('router', () => {
  const sets = ['../shared/eval/intents-dev.jsonl', 'test/fixtures/intents-holdout.jsonl', 'test/fixtures/intents-holdout2.jsonl', 'test/fixtures/intents-holdout3.jsonl', 'test/fixtures/intents-blind4.jsonl', 'test/fixtures/intents-blind5.jsonl', 'test/fixtures/intents-blind6.jsonl', 'test/fixtures/intents-qa-round2.jsonl', 'test/fixtures/intents-qa-round5.jsonl', 'test/fixtures/intents-qa-round8.jsonl'];
  for (const file of sets) {
    it.runIf(existsSync(file))(`reaches 0.92 accuracy on ${file}`, () => {
      const report = scoreIntents(readJsonl<IntentEvalRow>(file), (t) => route(t).intent);
      expect(report.accuracy).toBeGreaterThanOrEqual(0.92);
    });
  }

  it('menu digits and commands come first', () => {
    expect(route('1')).toMatchObject({ intent: 'policy_query', source: 'menu' });
    expect(route('２')).toMatchObject({ intent: 'activity_list', source: 'menu' });
    expect(route('菜单。')).toMatchObject({ intent: 'help', source: 'menu' });
    expect(route('/help')).toMatchObject({ intent: 'help' });
    expect(route('9')).toMatchObject({ intent: 'human_handoff' });
  });

  it('tells a hospital report from a question about the hospital-visit rule', () => {
    expect(route('我老伴住院了，在中心医院')).toMatchObject({ intent: 'feedback', slots: { category: 'hospitalization' } });
    expect(route('住院了单位会派人来看望吗').intent).toBe('policy_query');
    expect(route('如果我住院了，单位会来看吗').intent).toBe('policy_query');
    // a rule named without anyone in hospital
    expect(route('离休干部住院报销').intent).toBe('policy_query');
    expect(route('住院报销比例').intent).toBe('policy_query');
    expect(route('老伴住院了要报销')).toMatchObject({ intent: 'feedback', slots: { category: 'hospitalization' } });
  });

  it('reads homophone typos of its own words (pinyin input)', () => {
    expect(route('取销报名').intent).toBe('activity_cancel');
    expect(route('最进有什么活洞').intent).toBe('activity_list');
    expect(route('我老伴住园了')).toMatchObject({ intent: 'feedback', slots: { category: 'hospitalization' } });
    expect(route('下周的讲坐我想抱名').intent).toBe('activity_book');
    expect(route('报名').intent).toBe('activity_book');
    expect(route('我要投诉食堂的饭菜太咸').intent).toBe('feedback');
  });

  it('takes questions about paperwork, registration dates and rates as policy questions', () => {
    for (const q of ['老年卡在哪办', '住三甲医院退休的能报几成', '讲稿要提前几天送审', '老年大学秋季几号报名', '报名活动能带老伴一起不', '活动证咋办要带啥东西']) {
      expect(route(q).intent, q).toBe('policy_query');
    }
    expect(route('帮我报名老年大学秋季班').intent).toBe('activity_book');
    expect(route('前几天报的那个讲座几点').intent).toBe('my_bookings');
  });

  it('strips the wake word and maps mixed-in English', () => {
    expect(route('@银龄助手 我要cancel讲座').intent).toBe('activity_cancel');
    expect(route('小银，最近有什么activity').intent).toBe('activity_list');
  });

  it('returns unknown with numbered alternatives for noise', () => {
    const r = route('🌸🌸');
    expect(r.intent).toBe('unknown');
    expect(r.alternatives!.length).toBeGreaterThanOrEqual(2);
  });

  it('sends an unmatched question to the policy skill, which may refuse', () => {
    expect(route('明天股市会涨吗').intent).toBe('policy_query');
  });

  it('extracts seats, numbers, dates and kinds', () => {
    expect(extractSlots('报名门球赛，我和老伴两个人')).toMatchObject({ seats: 2, category: '球类' });
    expect(extractSlots('报3号')).toMatchObject({ number: 3 });
    expect(extractSlots('报名第二个')).toMatchObject({ number: 2 });
    expect(extractSlots('下周三的讲座')).toMatchObject({ dateText: '下周三', category: '讲座' });
    // the router names the same kinds as staff file activities under: 太极 is keep-fit, not a ball game
    expect(extractSlots('有没有打太极的活动')).toMatchObject({ category: '健身' });
    expect(extractSlots('太极柔力球比赛')).toMatchObject({ category: '球类' });
    expect(extractSlots('12月3号的书法展')).toMatchObject({ dateText: '12月3号', category: '书画摄影' });
    expect(extractSlots('全部取消')).toMatchObject({ all: true });
    expect(extractSlots('报名 100个人')).toMatchObject({ seats: 100 });
    expect(parseSmallNumber('十二')).toBe(12);
    expect(parseSmallNumber('二十')).toBe(20);
    expect(parseSmallNumber('七')).toBe(7);
  });
});

describe('router: bare picks and stories', () => {
  it('a bare activity name or date goes to booking (which asks before writing)', () => {
    for (const t of ['掼蛋', '12月9号的', '下棋那个', '周五那个']) expect(route(t).intent, t).toBe('activity_book');
  });
  it('small talk with a date word stays small talk', () => {
    expect(route('今天天气真好').intent).toBe('smalltalk');
  });
  it('a life story with 一直没 is not a complaint', () => {
    expect(route('我年轻时候学过书法一直没丢下').intent).not.toBe('feedback');
  });
});
