import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchIndex } from '../../src/retrieval/search-index.js';
import { evalAnswers, evalLlmAnswers, answerJobs, type EvalQuery } from '../../src/retrieval/eval.js';
import { extractAnswer, scoringText } from '../../src/retrieval/extractive.js';
import { FakeOpenAi } from '../llm/fake-openai.js';
import { makeLlm } from '../llm/setup.js';

const filler = '各单位要高度重视，认真组织实施，确保各项工作落到实处。';
const corpus = [
  { id: 'a', title: '住院看望办法', text: `${filler}离退休干部住院的，原单位在三日内派人到医院看望；看望时可以带慰问品。${filler.repeat(6)}` },
  { id: 'b', title: '生日慰问办法', text: `每年生日原单位送生日蛋糕一个。${filler.repeat(3)}` },
];
const queries: EvalQuery[] = [
  { id: 'q1', text: '住院了单位多久来看望？', positives: ['a'], answers: ['原单位在三日内派人到医院看望；看望时可以带慰问品。'] },
  { id: 'q2', text: '过生日送什么？', positives: ['b'], answers: ['每年生日原单位送生日蛋糕一个。'] },
  { id: 'q3', text: '没有答案的问题', positives: ['b'], answers: ['x'.repeat(200)] },
];
const index = SearchIndex.build(corpus, { vectors: false });

describe('extractive answers', () => {
  it('keeps a clause after ； with its sentence, and fills the budget only when asked', () => {
    const ex = extractAnswer(index, '住院了单位多久来看望', { maxChars: 120 });
    expect(ex.text).toContain('三日内派人到医院看望；看望时可以带慰问品。');
    const short = extractAnswer(index, '住院了单位多久来看望', { maxChars: 60 });
    const filled = extractAnswer(index, '住院了单位多久来看望', { maxChars: 60, fill: true });
    expect(short.text.length).toBeLessThan(60);
    expect(filled.text.length).toBe(60);
    expect(filled.text.startsWith(short.text)).toBe(true);
  });

  it('scores the opening sentence without a headline glued to the text, so the answer further on is quoted', () => {
    const notice = {
      id: 'n',
      title: '',
      text: `离退休干部住院看望慰问工作安排的通知 为做好有关工作，现通知如下。${filler.repeat(12)}离退休干部住院满三天的，由老干部处派人看望并送慰问金五百元。${filler.repeat(12)}`,
    };
    const idx = SearchIndex.build([notice, corpus[1]!], { vectors: false });
    const ex = extractAnswer(idx, '离退休干部住院看望慰问送多少慰问金？', { maxChars: 120 });
    expect(ex.text.startsWith('离退休干部住院满三天的')).toBe(true);
    // a short title (a name) stays part of the sentence; later sentences are never cut
    expect(scoringText('范廷颂 范廷颂枢机，是越南天主教枢机。', true)).toBe('范廷颂 范廷颂枢机，是越南天主教枢机。');
    expect(scoringText('离退休干部住院看望慰问工作安排的通知 为做好工作，现通知如下。', true)).toBe('为做好工作，现通知如下。');
    expect(scoringText('离退休干部住院看望慰问工作安排的通知 为做好工作，现通知如下。', false)).toContain('通知 为做好');
  });

  it('eval answers counts questions with a gold answer of at most 150 characters', () => {
    const report = evalAnswers(index, queries, 300);
    const ex = report.methods.find((m) => m.name === 'extractive')!;
    expect(ex.queries).toBe(2);
    expect(ex.answer_hit).toBe(1);
  });
});

describe('eval answers with the LLM on', () => {
  const fake = new FakeOpenAi();
  beforeAll(() => fake.start());
  afterAll(() => fake.close());

  it('adds an "llm" row: the model answer where it passes, the extractive reply elsewhere', async () => {
    const { llm, counts } = makeLlm(fake.baseURL);
    fake.otherwise({
      kind: 'respond',
      fn: (body) => {
        const q = /<question>\n(.*)\n<\/question>/.exec(body.messages[1].content)?.[1] ?? '';
        // the model answers the birthday question (citing [1]) and fails the check on the other
        return { kind: 'content', content: q.includes('生日') ? '每年生日原单位送生日蛋糕一个。[1]' : '不知道[9]' };
      },
    });
    const jobs = answerJobs(index, queries.slice(0, 2), 300);
    expect(jobs[0]!.passages[0]!.source).toContain('《住院看望办法》');
    expect(jobs[0]!.fallback).toContain('三日内');
    const row = await evalLlmAnswers(index, queries, llm, 300, 2);
    expect(row).toMatchObject({ name: 'llm', queries: 2, answer_hit: 1, generated: 0.5 });
    const calls = await counts();
    expect(Object.values(calls.answer ?? {}).reduce((a, b) => a + b, 0)).toBe(2);
  });
});
