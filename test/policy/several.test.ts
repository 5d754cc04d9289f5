/** Several questions in one message are answered one by one, each with its own citation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/harness.js';
import { samplePolicyApp, type SamplePolicyApp } from '../helpers/sample-policy.js';
import { splitQuestions } from '../../src/skills/policy/split.js';

let sample: SamplePolicyApp;
let app: TestApp;

beforeAll(async () => {
  sample = await samplePolicyApp('yl-several-');
  app = sample.app;
}, 120_000);
afterAll(() => sample.close());

describe('splitting a message into questions', () => {
  it('splits at question marks and at 另外 / 还有 / 顺便问一下 when each part is a question with a topic', () => {
    const texts = (q: string) => splitQuestions(q).map((p) => p.text);
    expect(texts('生日慰问送什么？春节慰问金多少？')).toEqual(['生日慰问送什么', '春节慰问金多少']);
    expect(texts('我是离休的今年体检标准多少钱另外体检在哪个医院')).toEqual(['我是离休的今年体检标准多少钱', '体检在哪个医院']);
    expect(texts('离休干部医药费要自己垫付吗 顺便问下报销要多久')).toEqual(['离休干部医药费要自己垫付吗', '报销要多久']);
  });

  it('a later part without a topic of its own is searched with the topic of the part before it', () => {
    expect(splitQuestions('离休干部住院了单位几天来看望？送多少慰问金')).toEqual([
      { text: '离休干部住院了单位几天来看望', query: '离休干部住院了单位几天来看望' },
      { text: '送多少慰问金', query: '离休干部住院了单位几天来看望 送多少慰问金' },
    ]);
    expect(splitQuestions('过节慰问发多少钱另外什么时候发').map((p) => p.query)).toEqual(['过节慰问发多少钱', '过节慰问发多少钱 什么时候发']);
    expect(splitQuestions('生日慰问送什么？春节慰问金多少？').map((p) => p.query)).toEqual(['生日慰问送什么', '春节慰问金多少']);
  });

  it('drops a connective the message opens with', () => {
    expect(splitQuestions('另外的那个护理费标准是多少')).toEqual([{ text: '护理费标准是多少', query: '护理费标准是多少' }]);
  });

  it('keeps one question whole: a remark, a bare follow-up or a single question', () => {
    for (const q of ['体检在哪个医院？谢谢', '老伴住院了还有什么待遇吗', '离休费什么时候涨']) expect(splitQuestions(q), q).toEqual([{ text: q, query: q }]);
    // a space after who is asking is no second question
    for (const q of ['我是退休的 住院能报多少', '离休干部 住院报销比例多少']) expect(splitQuestions(q), q).toHaveLength(1);
  });

  it('splits two questions typed without a question mark, at a space or a comma', () => {
    expect(splitQuestions('老年大学啥时候报名 一个人能报几门').map((p) => p.text)).toEqual(['老年大学啥时候报名', '一个人能报几门']);
    expect(splitQuestions('参观考察要自己出钱吗，我82了能去吗').map((p) => p.text)).toEqual(['参观考察要自己出钱吗', '我82了能去吗']);
  });
});

describe('answering several questions', () => {
  it('answers each under its number with its own citation, and asks for one rating', async () => {
    const text = await app.ask('生日慰问送什么？春节慰问金多少？', { userId: 's1' });
    expect(text).toContain('您问了2件事');
    expect(text).toMatch(/1\. 问：生日慰问送什么\n[\s\S]*依据：《离退休干部生日慰问办法》/);
    expect(text).toMatch(/2\. 问：春节慰问金多少\n[\s\S]*依据：《离退休干部节日慰问办法》/);
    expect(text.match(/有帮助吗？回复 好 \/ 不好/g)).toHaveLength(1);
    expect(await app.ask('好', { userId: 's1' })).toContain('谢谢您的评价');
  });

  it('answers a follow-up without a topic from the topic of the question before it', async () => {
    const text = await app.ask('离休干部住院了单位几天来看望？送多少慰问金', { userId: 's3' });
    expect(text).toMatch(/2\. 问：送多少慰问金\n[\s\S]*依据：《离退休干部住院看望办法》/);
  });

  it('a later part that continues the topic is answered by its own words, not by the article just quoted', async () => {
    const university = await app.ask('老年大学啥时候报名 一个人能报几门', { userId: 's4' });
    expect(university).toMatch(/1\. 问：老年大学啥时候报名\n[\s\S]*第四条/);
    expect(university).toMatch(/2\. 问：一个人能报几门\n[\s\S]*3门课程[\s\S]*第七条/);
    const visit = await app.ask('参观考察要自己出钱吗 我82了能去吗', { userId: 's5' });
    expect(visit).toMatch(/1\. 问：参观考察要自己出钱吗\n[\s\S]*个人不承担费用[\s\S]*第五条/);
    expect(visit).toMatch(/2\. 问：我82了能去吗\n[\s\S]*80周岁以下[\s\S]*第三条/);
  });

  it('says plainly which part has no answer in the documents', async () => {
    const text = await app.ask('离休干部住院了单位会来看望吗？还有明天股市会涨吗？', { userId: 's2' });
    expect(text).toMatch(/1\. 问：离休干部住院了单位会来看望吗\n[\s\S]*依据：/);
    expect(text).toMatch(/2\. 问：明天股市会涨吗\n政策文件里没有找到明确的说法/);
  });
});
