/**
 * Policy defects of the ninth independent QA round: a sure request for another skill after an answer,
 * a follow-up with nothing before it, and sentence choice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePolicyApp, type SamplePolicyApp } from '../helpers/sample-policy.js';
import type { PolicyService } from '../../src/retrieval/policy-service.js';

let sample: SamplePolicyApp;
let policy: PolicyService;
const say = async (text: string, userId: string) => {
  const r = await sample.app.say(text, { userId });
  return { intent: r.intent, text: r.replies.map((x) => x.text).join('\n') };
};

beforeAll(async () => {
  sample = await samplePolicyApp('yl-qa9-');
  policy = sample.policy;
}, 120_000);
afterAll(() => sample.close());

describe('after an answer', () => {
  it('"最近有啥活动" after the 护理费 answer is the activity list, not a follow-up (A-M4)', async () => {
    await say('护理费多少', 'a4');
    const r = await say('最近有啥活动', 'a4');
    expect(r.intent).toBe('activity_list');
    expect(r.text).not.toContain('依据');
  });

  it('"有什么活动" after the 党费 answer too', async () => {
    await say('党费咋交', 'a4b');
    expect((await say('有什么活动', 'a4b')).intent).toBe('activity_list');
  });
});

describe('a follow-up with nothing before it (P-M9)', () => {
  it('"那退休的呢" as the first message asks what about, instead of quoting a random article', async () => {
    const r = await say('那退休的呢', 'm9');
    expect(r.text).toContain('您想问退休干部的哪方面');
    expect(r.text).not.toContain('依据');
  });

  it('"那我老伴呢" as the first message asks what about too (round 10 P-M10)', async () => {
    const r = await say('那我老伴呢', 'm10');
    expect(r.text).toContain('您想问哪方面的事');
    expect(r.text).not.toContain('依据');
  });

  it('after an answer it still asks on about that answer', async () => {
    await say('体检多少钱', 'm9b');
    expect((await say('那离休的呢', 'm9b')).text).toContain('《离退休干部健康体检办法》第二条');
  });
});

describe('sentence choice', () => {
  it('naming 离休 tells nothing in the 离休 rules: "离休干部美容能报销吗" quotes what is not covered (P-H9)', async () => {
    const a = await policy.answer('离休干部美容能报销吗');
    expect(a.citation).toBe('《离休干部医药费保障和报销办法》第六条');
    expect(a.text).toContain('美容');
  });

  it('a question word (几次, 多少) is never the focus', async () => {
    const { focusWord } = await import('../../src/retrieval/answer-types.js');
    expect(focusWord(['走访', '一年', '几次'])).toBe('走访');
  });
});

describe('questions about how feedback is handled (F-M4)', () => {
  it('"我的意见会不会被别人知道" is a rule question answered by the secrecy article, not a complaint or the menu', async () => {
    const r = await say('我的意见会不会被别人知道', 'f4');
    expect(r.intent).toBe('policy_query');
    expect(r.text).toContain('《离退休干部意见建议办理办法》第九条');
  });
});

describe('a visit is no phone call (P-H7)', () => {
  it('"我老伴昨天住院了 单位啥时候来看" → the visit within 3/7 days, not the monthly call after 30 days', async () => {
    for (const q of ['我老伴昨天住院了 单位啥时候来看', '我住院了 单位几天来看我']) {
      const a = await policy.answer(q);
      expect(a.citation, q).toBe('《离退休干部住院看望办法》第二条');
    }
  });
});

describe('an age said with 满 (QA10 N-M2)', () => {
  it('"我今年刚满八十 过生日单位来人不" reads 满80 as an age: the 80th-birthday rule', async () => {
    const a = await policy.answer('我今年刚满八十 过生日单位来人不');
    expect(a.citation).toBe('《离退休干部生日慰问办法》第四条');
  });
});

describe('an FAQ phrasing about another subject (QA10 G-M4)', () => {
  it('"那个参观要自己花钱不" is not answered by "离休干部看病要自己花钱吗": the visit rules, 个人不承担费用', async () => {
    const a = await policy.answer('那个参观要自己花钱不');
    expect(a.citation).toBe('《离退休干部参观考察制度》第五条');
    expect(a.text).not.toContain('医药费');
  });
});
