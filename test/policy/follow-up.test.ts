/**
 * Asking on after an answer ("那退休的呢"), the README's two-question example, and how a sentence is
 * chosen inside the right document (what the question asks for; a synonym group counted once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/harness.js';
import { samplePolicyApp, type SamplePolicyApp } from '../helpers/sample-policy.js';
import type { PolicyService } from '../../src/retrieval/policy-service.js';
import { followUpQuery } from '../../src/skills/policy/split.js';
import { answersAsked, statesAsked } from '../../src/retrieval/extractive.js';

let sample: SamplePolicyApp;
let app: TestApp;
let policy: PolicyService;

beforeAll(async () => {
  sample = await samplePolicyApp('yl-follow-');
  app = sample.app;
  policy = sample.policy;
}, 120_000);
afterAll(() => sample.close());

describe('follow-up questions', () => {
  it('reads a follow-up with the question before it; a 离休/退休 it names replaces the other', () => {
    expect(followUpQuery('离休干部体检标准多少钱', '那退休的呢')).toBe('退休干部体检标准多少钱 那退休的呢');
    expect(followUpQuery('退休干部住院单位几天内来看', '那离休的呢')).toBe('离休干部住院单位几天内来看 那离休的呢');
    expect(followUpQuery('离退休干部住院看望', '那要是住了一个多月呢')).toBe('离退休干部住院看望 那要是住了一个多月呢');
    // a question of its own, or nothing before it, is no follow-up
    expect(followUpQuery('离休干部体检标准多少钱', '老年大学秋季班什么时候报名')).toBeNull();
    expect(followUpQuery('离休干部体检标准多少钱', '那离休干部去世了丧葬补助费和一次性抚恤金怎么算呢')).toBeNull();
    expect(followUpQuery('', '那退休的呢')).toBeNull();
  });

  it('answers "那退休的呢" and "那离休的呢" about the matter just answered', async () => {
    await app.say('离休干部体检标准多少钱', { userId: 'f1' });
    const retired = await app.say('那退休的呢', { userId: 'f1' });
    expect(retired.intent).toBe('policy_query');
    expect(retired.replies[0]!.text).toContain('800元');
    expect(retired.replies[0]!.text).toContain('健康体检办法');

    await app.say('退休干部住院单位几天内来看', { userId: 'f2' });
    const retiredCadre = await app.say('那离休的呢', { userId: 'f2' });
    expect(retiredCadre.replies[0]!.text).toContain('3日内');
    expect(retiredCadre.replies[0]!.text).toContain('住院看望办法');
  });

  it('"那离休的呢" after a 退休 answer may be answered from the 离休 rules, never by a scope clause', async () => {
    await app.say('住院报销?', { userId: 'f5' });
    const other = await app.say('那离休的呢', { userId: 'f5' });
    expect(other.intent).toBe('policy_query');
    expect(other.replies[0]!.text).toContain('《离休干部医药费保障和报销办法》');
    // asked alone it is no follow-up; still, "本办法适用于…" answers only a question about whom the rules cover
    const alone = await policy.answer('那离休的呢');
    expect(alone.text).not.toMatch(/^本办法适用于/);
    expect((await policy.answer('离休费调整办法适用于哪些人')).text).toMatch(/适用于/);
  });

  it('spoken questions the base answers are answered: filler, numbers in words, 人走了', async () => {
    const cases: [string, string, string][] = [
      // 那个 hid the typo 体见 from the segmentation (那/个体/见)
      ['请问一下那个体见今年啥时候开始的在哪个医院做', '《离退休干部健康体检办法》第三条', '体检中心'],
      // 九十岁 is the 90周岁 of the article
      ['我家老爷子九十岁了离休费是不是还要多加点', '《离休干部离休费调整办法》第五条', '年满90周岁'],
      ['人走了以后家里能领多少钱', '《离退休干部丧葬费抚恤金和遗属生活困难补助办法》', '抚恤金'],
      // 换成 is the 改为 of the documents
      ['哎呀我想问问这个生日蛋糕我不爱吃能不能换成别的', '《离退休干部生日慰问办法》第三条', '蛋糕券'],
    ];
    for (const [q, citation, text] of cases) {
      const answer = await policy.answer(q);
      expect(answer.kind, q).not.toBe('none');
      expect(answer.citation, q).toContain(citation);
      expect(answer.text, q).toContain(text);
    }
  });

  it('a missing topic jieba tags as a name (保姆, nrt) is named before the closest passage', async () => {
    const answer = await policy.answer('退休干部能不能报销保姆费');
    expect(answer.kind).toBe('extractive');
    expect(answer.uncovered).toContain('保姆');
  });

  it('a question about 退休 is not answered from the 离休 rules when the 退休 rules cover it', async () => {
    const answer = await policy.answer('退休干部医药费怎么报销');
    expect(answer.citation).toMatch(/^《退休干部医疗保险待遇和报销办法》/);
  });

  it('a follow-up that asks for something new is answered by its own words, and 1 sends both questions to staff', async () => {
    await app.say('退休费今年涨多少', { userId: 'f3' });
    const where = await app.say('那钱打到哪', { userId: 'f3' });
    expect(where.intent).toBe('policy_query');
    const text = where.replies[0]!.text;
    expect(text).toContain('打入本人养老金账户');
    expect(text).toContain('《退休人员基本养老金调整办法》第七条');
    // a loose match says so and offers staff; the ticket carries the question it follows
    await app.say('护理费多少', { userId: 'f3b' });
    const month = await app.say('那从哪个月开始发', { userId: 'f3b' });
    expect(month.replies[0]!.text).toContain('《离休干部护理费发放办法》第七条');
    expect(month.replies[0]!.text).toContain('回复 1 转给工作人员');
    await app.say('1', { userId: 'f3b' });
    const [ticket] = await app.services.store.tickets.list({ userId: 'http:f3b' });
    expect(ticket?.text).toBe('护理费多少 那从哪个月开始发');
  });

  it('a follow-up does not quote the article just quoted when another one fits', async () => {
    const { SearchIndex } = await import('../../src/retrieval/search-index.js');
    const { extractAnswer } = await import('../../src/retrieval/extractive.js');
    const doc = {
      id: 'kanwang',
      title: '住院看望办法',
      text: ['第二条 离休干部住院的，原单位3日内派人到医院看望。', '第三条 离休干部住院时间较长的，原单位每月电话问候一次。'].join('\n'),
    };
    const index = SearchIndex.build([doc]);
    const question = '离休干部住院了单位会来医院看望吗 那要是住院时间长呢';
    expect(extractAnswer(index, question).chunk!.article).toBe('第二条');
    const followUp = { focus: '那要是住院时间长呢', avoid: (c: { article?: string }) => c.article === '第二条' };
    expect(extractAnswer(index, question, { followUp }).chunk!.article).toBe('第三条');
  });

  it('a short question without a topic of its own asks on about the last answer: 多久之内去办, 什么时候订', async () => {
    expect(followUpQuery('丧葬费多少钱', '多久之内去办')).toBe('丧葬费多少钱 多久之内去办');
    expect(followUpQuery('订报纸一年多少钱', '那我是退休的 原来是副处长')).not.toBeNull();
    await app.say('丧葬费多少钱', { userId: 'f6' });
    const when = await app.say('多久之内去办', { userId: 'f6' });
    expect(when.replies[0]!.text).toContain('去世后60日内');
    expect(when.replies[0]!.text).toContain('第七条');
    // a question of its own right after it is answered as such, not glued to the funeral rules
    const papers = await app.say('订报纸一年多少钱', { userId: 'f6' });
    expect(papers.replies[0]!.text).toContain('《离退休干部订阅报刊办法》第二条');
    expect(papers.replies[0]!.text).not.toContain('可能有关');
    const subscribe = await app.say('什么时候订', { userId: 'f6' });
    expect(subscribe.replies[0]!.text).toContain('10月1日至10月31日');
    const rank = await app.say('那我是退休的 原来是副处长', { userId: 'f6' });
    expect(rank.replies[0]!.text).toContain('《离退休干部订阅报刊办法》第二条');
  });

  it('a new matter after an answer is routed as a new message, not glued to the last question', async () => {
    await app.say('离休干部体检标准多少钱', { userId: 'f3' });
    const r = await app.say('那我想报名参加象棋比赛', { userId: 'f3' });
    expect(r.intent).not.toBe('policy_query');
  });
});

describe('choosing the sentence inside the right document', () => {
  it('the README example: each of the two questions gets its own article', async () => {
    const r = await app.say('体检标准多少钱？另外体检在哪个医院', { userId: 'f4' });
    const text = r.replies[0]!.text;
    expect(text).toContain('1. 问：体检标准多少钱');
    expect(text).toContain('2. 问：体检在哪个医院');
    expect(text).toMatch(/第一人民医院体检中心[\s\S]*健康体检办法》第三条/);
  });

  it('a sentence that states what is asked for (an amount, a time, a place, a way) is preferred', () => {
    expect(statesAsked('丧葬费给多少', '丧葬补助费标准为8000元。')).toBe(1);
    expect(statesAsked('丧葬费给多少', '家属到原单位申报丧葬补助费。')).toBe(0);
    expect(statesAsked('报销要多久', '自收到材料之日起20个工作日内审核完毕。')).toBe(1);
    expect(statesAsked('体检在哪个医院', '体检机构为第一人民医院体检中心。')).toBe(1);
    expect(statesAsked('护理费咋申请', '由本人或家属向原单位提出申请。')).toBe(1);
    expect(statesAsked('离休干部能参加吗', '离休干部可以参加。')).toBe(0);
    // a count is not money: "每年复核一次" does not say how much 护理费 is
    expect(statesAsked('护理费给多少', '享受护理费的离休干部每年复核一次。')).toBe(0);
    expect(statesAsked('参观考察一年组织几回', '每年组织一至两次。')).toBe(1);
    // an age limit for "七十八了还行不行"
    expect(statesAsked('我想当志愿者 七十八了还行不行', '志愿者年龄一般不超过75周岁。')).toBe(1);
    expect(answersAsked('护理费多少', '照常发放。住院期间，护理费不停发。')).toBe(false);
    expect(answersAsked('护理费多少', '完全不能自理的每月1800元。')).toBe(true);
    expect(answersAsked('护理费咋申请', '向原单位提出申请。')).toBeNull();
  });

  it('a question about 退休 alone is answered by the article on 退休干部, not one on 离退休干部 in general', async () => {
    for (const q of ['退休的有交通费吗', '俺们退休的有没有交通补贴啊']) {
      const answer = await policy.answer(q);
      expect(answer.citation, q).toBe('《离退休干部交通费和通讯费补贴办法》第三条');
      expect(answer.text, q).toContain('不发放交通费补贴');
    }
  });

  it('an FAQ answer without the amount asked for does not answer "护理费多少"; the article with the amounts does', async () => {
    for (const q of ['护理费多少', '护理费给多少']) {
      const answer = await policy.answer(q);
      expect(answer.citation, q).toBe('《离休干部护理费发放办法》第三条');
      expect(answer.text, q).toContain('1800元');
    }
  });

  it('an FAQ phrasing that swaps the main word of the question (门诊 for 医保) does not answer it', async () => {
    // "门诊一年最多能报多少" is a narrower question: the yearly ceiling of the whole insurance is 第七条
    const whole = await policy.answer('医保一年最多能报多少钱');
    expect(whole.citation).toBe('《退休干部医疗保险待遇和报销办法》第七条');
    expect(whole.text).toContain('40万元');
    const outpatient = await policy.answer('门诊一年最多能报多少钱');
    expect(outpatient.kind).toBe('faq');
    expect(outpatient.text).toContain('5000元');
  });

  it('a synonym of a word the question names does not outweigh the word itself', async () => {
    // 体检 expands to 健康体检: the sentence saying 健康体检 must not win over the one naming the hospitals
    const a = await policy.answer('体检在哪个医院');
    expect(a.sources[0]?.article).toBe('第三条');
  });

  it('words the base never uses count little unless they are nouns: colloquial questions are answered', async () => {
    // 准备 (a verb the base never uses) is the asker's wording, not the topic; it used to sink the question
    const colloquial = await policy.answer('护理费咋申请 要准备啥材料');
    expect(colloquial.kind).toBe('extractive');
    expect(colloquial.citation).toBe('《离休干部护理费发放办法》第五条');
    // an unknown noun is the topic the base lacks: refused, or answered with the notice naming it
    for (const [q, noun] of [['养老院一个月多少钱', '养老院'], ['遗嘱咋写才有效', '遗嘱']] as const) {
      const ood = await policy.answer(q);
      expect(ood.kind === 'none' || ood.uncovered?.includes(noun), q).toBe(true);
    }
  });

  it('a rule about the other one of 门诊/住院 does not answer; a word naming the kind of answer (比例, 岁数) is met by its value', async () => {
    // the 住院 article says 报销比例 verbatim; the 门诊 article says 报销70% and never 比例
    const outpatient = await policy.answer('门诊报销比例多少');
    expect(outpatient.citation).toBe('《退休干部医疗保险待遇和报销办法》第三条');
    expect(outpatient.text).toContain('70%');
    const inpatient = await policy.answer('住院报销比例多少');
    expect(inpatient.text).toContain('90%');
    // 岁数 is met by "75周岁", not by 当 inside 当天
    const age = await policy.answer('志愿者多大岁数不能当了');
    expect(age.citation).toBe('《银龄志愿服务管理办法》第二条');
    expect(age.text).toContain('75周岁');
  });

  it('俺 and 咱 are 我: a self-introduction does not sink the question; a question ending in 不 asks yes or no', async () => {
    for (const q of ['离休干部住院要自己垫付吗', '俺是离修干部住院了钱要自己先垫不']) {
      const a = await policy.answer(q);
      expect(a.citation, q).toBe('《离休干部医药费保障和报销办法》第四条');
      expect(a.text, q).toContain('无需垫付');
    }
    const dialect = await policy.answer('俺是离修干部住院了钱要自己先垫不');
    expect(dialect.text.startsWith('不用。')).toBe(true);
  });

  it('"那要是住了一个多月呢" after the visiting rule meets "住院时间超过30天" (a colloquial duration in synonyms.txt)', async () => {
    await app.say('离休干部住院了单位来看不', { userId: 'f9' });
    const longer = await app.say('那要是住了一个多月呢', { userId: 'f9' });
    expect(longer.replies[0]!.text).toContain('超过30天');
    expect(longer.replies[0]!.text).toContain('第五条');
  });
});
