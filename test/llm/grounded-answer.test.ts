import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeOpenAi } from './fake-openai.js';
import { makeLlm, PROMPTS_DIR } from './setup.js';
import { checkAnswer, normalizeCitations } from '../../src/llm/grounded-answer.js';
import { RejectedOutput } from '../../src/llm/client.js';
import type { GroundedPassage } from '../../src/llm/types.js';

const passages: GroundedPassage[] = [
  { n: 1, text: '离休干部的医药费实行实报实销。', source: '《离休干部医疗待遇规定》第五条' },
  { n: 2, text: '报销时须提供医院出具的正式票据。', source: '《离休干部医疗待遇规定》第七条' },
];

const fake = new FakeOpenAi();
beforeAll(() => fake.start());
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('grounded answers', () => {
  it('returns the cited answer and sends only the numbered passages with the file system prompt', async () => {
    const { llm, counts } = makeLlm(fake.baseURL);
    fake.push({ kind: 'content', content: '您的医药费可以实报实销[1]，报销时请带好医院的正式票据[2]。' });

    const result = await llm.answer('离休干部看病能报销吗', passages);

    expect(result).toEqual({ text: '您的医药费可以实报实销[1]，报销时请带好医院的正式票据[2]。', cited: [1, 2] });
    const body = fake.chats[0]!.body;
    expect(body.model).toBe('fake-model');
    expect(body.max_tokens).toBeGreaterThan(0);
    expect(body.max_tokens).toBeLessThanOrEqual(400);
    expect(body.messages[0]).toEqual({ role: 'system', content: readFileSync(join(PROMPTS_DIR, 'llm/answer-system.md'), 'utf8').trim() });
    const user: string = body.messages[1].content;
    expect(user).toContain('<passage id="1" source="《离休干部医疗待遇规定》第五条">\n离休干部的医药费实行实报实销。\n</passage>');
    expect(user).toContain('<passage id="2"');
    expect(user).toContain('<question>\n离休干部看病能报销吗\n</question>');
    expect(await counts()).toEqual({ answer: { ok: 1 } });
  });

  it('accepts 【n】 citations and reports only the passages cited', async () => {
    const { llm } = makeLlm(fake.baseURL);
    fake.push({ kind: 'content', content: '需要正式票据【2】。' });
    expect(await llm.answer('报销要什么', passages)).toEqual({ text: '需要正式票据[2]。', cited: [2] });
  });

  it('drops reasoning blocks and Markdown before checking', async () => {
    const { llm } = makeLlm(fake.baseURL);
    fake.push({ kind: 'content', content: '<think>用户问报销，资料[9]不相关</think>\n**可以**实报实销[1]。' });
    expect(await llm.answer('能报销吗', passages)).toEqual({ text: '可以实报实销[1]。', cited: [1] });
  });

  it('rejects an answer citing a passage that was not given', async () => {
    const { llm, counts } = makeLlm(fake.baseURL);
    fake.push({ kind: 'content', content: '可以报销[1]，每年还有体检补贴500元[3]。' });
    expect(await llm.answer('能报销吗', passages)).toBeNull();
    expect(await counts()).toEqual({ answer: { invalid: 1 } });
  });

  it('rejects an answer without any citation', async () => {
    const { llm, counts } = makeLlm(fake.baseURL);
    fake.push({ kind: 'content', content: '可以报销，您放心。' });
    expect(await llm.answer('能报销吗', passages)).toBeNull();
    fake.push({ kind: 'content', content: null });
    expect(await llm.answer('能报销吗', passages)).toBeNull();
    expect(await counts()).toEqual({ answer: { invalid: 2 } });
  });

  it('does not call the model without passages', async () => {
    const { llm } = makeLlm(fake.baseURL);
    expect(await llm.answer('能报销吗', [])).toBeNull();
    expect(fake.received).toHaveLength(0);
  });

  it('keeps the input within the passage budget', async () => {
    const { llm } = makeLlm(fake.baseURL);
    const many = Array.from({ length: 12 }, (_, i) => ({ n: i + 1, text: '条'.repeat(2000), source: `《文件》第${i + 1}条` }));
    fake.push({ kind: 'content', content: '见[12]。' });
    expect(await llm.answer('问题', many)).toBeNull(); // [12] was never sent
    const user: string = fake.chats[0]!.body.messages[1].content;
    expect(user.length).toBeLessThan(6000);
    expect(user).not.toContain('<passage id="12"');
  });
});

describe('figures in grounded answers', () => {
  const money: GroundedPassage[] = [
    { n: 1, text: '离休干部的医药费实行实报实销，护理费每月１，２００元。', source: '《离休干部医疗待遇规定》第五条' },
    { n: 2, text: '丧葬补助费为上年度月平均工资的三倍，抚恤金最高5万元，审核在15个工作日内完成。', source: '《丧葬费办法》第七条' },
  ];

  it('rejects an answer with an amount found in no cited passage (the extractive answer is used instead)', async () => {
    const { llm, counts } = makeLlm(fake.baseURL);
    fake.push({ kind: 'content', content: '离休干部医疗费用实报实销，每月另发护理费5000元[1]。' });
    expect(await llm.answer('离休干部看病怎么报销', money)).toBeNull();
    // the figure is in a passage, but not in the one cited
    fake.push({ kind: 'content', content: '审核在15个工作日内完成[1]。' });
    expect(await llm.answer('多久审核完', money)).toBeNull();
    // a Chinese-numeral amount that no passage has
    fake.push({ kind: 'content', content: '丧葬补助费为月平均工资的四倍[2]。' });
    expect(await llm.answer('丧葬费多少', money)).toBeNull();
    // a percentage and a decimal
    fake.push({ kind: 'content', content: '护理费每月1200元，可报销95%[1]。' });
    expect(await llm.answer('护理费多少', money)).toBeNull();
    expect(await counts()).toEqual({ answer: { invalid: 4 } });
  });

  it('accepts figures written differently from the passage: full-width digits, separators, 万 and Chinese numerals', async () => {
    const { llm, counts } = makeLlm(fake.baseURL);
    fake.push({ kind: 'content', content: '护理费每月1200元[1]。' });
    expect(await llm.answer('护理费多少', money)).toEqual({ text: '护理费每月1200元[1]。', cited: [1] });
    fake.push({ kind: 'content', content: '丧葬补助费是月平均工资的3倍，抚恤金最多50,000元，15个工作日内审核完[2]。' });
    expect((await llm.answer('丧葬费多少', money))?.cited).toEqual([2]);
    fake.push({ kind: 'content', content: '护理费每月一千二百元[1]，抚恤金最高五万元，按第七条办理[2]。' });
    expect((await llm.answer('能领多少', money))?.cited).toEqual([1, 2]);
    fake.push({ kind: 'content', content: '医药费实报实销，一律凭票据办理[1]。' });
    expect((await llm.answer('能报销吗', money))?.cited).toEqual([1]);
    expect(await counts()).toEqual({ answer: { ok: 4 } });
  });

  it('checkAnswer checks figures against the texts it is given', () => {
    const texts = new Map([[1, '《办法》第二条\n体检每年一次，费用不超过800元。']]);
    expect(checkAnswer('体检每年一次，不超过800元[1]。', [1], texts).cited).toEqual([1]);
    expect(() => checkAnswer('体检每年三次[1]。', [1], texts)).toThrow(RejectedOutput);
    expect(() => checkAnswer('不超过８００．５元[1]。', [1], texts)).toThrow(/800\.5/);
    // without texts only the citations are checked (as before)
    expect(checkAnswer('体检每年三次[1]。', [1]).cited).toEqual([1]);
  });
});

describe('normalizeCitations', () => {
  it('turns full-width and list citations into [n]', () => {
    expect(normalizeCitations('甲［１］乙【2】丙[1, 2]丁[3、4]')).toBe('甲[1]乙[2]丙[1][2]丁[3][4]');
  });
});

describe('answerBatch (eval answers with the LLM on)', () => {
  it('uses the model where it passes the checks and the fallback elsewhere, in order', async () => {
    const { answerBatch } = await import('../../src/llm/index.js');
    const { llm } = makeLlm(fake.baseURL);
    fake.otherwise({
      kind: 'respond',
      fn: (body) => {
        const q = /<question>\n(.*)\n<\/question>/.exec(body.messages[1].content)?.[1] ?? '';
        return { kind: 'content', content: q.startsWith('好') ? `答：${q}[1]` : `答：${q}[5]` };
      },
    });
    const jobs = ['好1', '坏2', '好3', '好4', '坏5'].map((question) => ({
      question,
      passages: [{ text: `资料${question}`, source: '《文件》第一条' }], // the figure the answer repeats is in its passage
      fallback: `原文：${question}`,
    }));
    const result = await answerBatch(llm, jobs, 2);
    expect(result.texts).toEqual(['答：好1[1]', '原文：坏2', '答：好3[1]', '答：好4[1]', '原文：坏5']);
    expect(result.generated).toEqual([true, false, true, true, false]);
  });
});
