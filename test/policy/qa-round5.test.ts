/**
 * Policy defects of the fifth independent QA round: the second question of a message about the same
 * matter, a typo the base cannot otherwise tell, days of the week, and 退休 questions answered from
 * the 离休 rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/harness.js';
import { samplePolicyApp, type SamplePolicyApp } from '../helpers/sample-policy.js';
import type { PolicyService } from '../../src/retrieval/policy-service.js';
import { statesAsked } from '../../src/retrieval/answer-types.js';

let sample: SamplePolicyApp;
let app: TestApp;
let policy: PolicyService;

beforeAll(async () => {
  sample = await samplePolicyApp('yl-qa5-');
  app = sample.app;
  policy = sample.policy;
}, 120_000);
afterAll(() => sample.close());

/** The numbered parts of a several-questions reply, as [question, citation] pairs. */
async function parts(text: string, userId: string): Promise<{ kind: string; parts: { question: string; citation?: string }[] }> {
  const r = await app.say(text, { userId });
  return r.data as { kind: string; parts: { question: string; citation?: string }[] };
}

describe('the later question of a message about the same matter', () => {
  it('is searched with the question before it when it names nothing that document lacks', async () => {
    const lecture = await parts('讲师团聘几年 讲一场给多少补贴', 'q1');
    expect(lecture.parts[1]!.citation).toBe('《银龄讲师团管理办法》第六条');
    const nursing = await parts('护理费申请交上去多久能批下来 从哪个月开始发', 'q2');
    expect(nursing.parts[1]!.citation).toBe('《离休干部护理费发放办法》第七条');
  });

  it('is searched on its own when it names what that document lacks', async () => {
    const two = await parts('体检标准多少钱，另外老年大学在哪报名', 'q3');
    expect(two.parts.map((p) => p.citation)).toEqual(['《离退休干部健康体检办法》第二条', '《示例市老年大学招生和学籍管理办法》第四条']);
    expect(policy.sameMatter!('老年大学在哪报名', 'policies/jiankang-tijian.md')).toBe(false);
    expect(policy.sameMatter!('从哪个月开始发', 'policies/hulifei.md')).toBe(true);
  });

  it('an outpatient question is never answered with the inpatient rates', async () => {
    const r = await app.say('退休的看门诊一年自己先掏多少 剩下的报多少', { userId: 'q4' });
    expect(r.replies[0]!.text).toContain('第三条');
    expect(r.replies[0]!.text).not.toContain('住院的报销比例');
  });
});

describe('single questions', () => {
  it('a homophone typo is corrected when the corrected question fits the base as well as the typed one', async () => {
    const a = await policy.answer('体捡要提前几天约');
    expect(a.citation).toBe('《离退休干部健康体检办法》第四条');
  });

  it('礼拜几 asks for a day of the week, which 每周二、周四 states; 几年 asks for a duration; an age is no time', async () => {
    expect(statesAsked('阅文室礼拜几开', '每周二、周四上午9:00至11:30为固定阅文时间')).toBe(1);
    expect(statesAsked('讲师团聘几年', '聘期为3年。')).toBe(1);
    expect(statesAsked('讲师团聘几年', '年龄一般不超过75周岁。')).toBe(0);
    // an age said as a bare number after 我/才/今年 asks about an age limit; an amount does not
    expect(statesAsked('我才五十八能上老年大学不', '老年大学招收年满55周岁的离退休人员。')).toBe(1);
    expect(statesAsked('我今年八十三 能去参观吗', '一般为80周岁以下的老同志。')).toBe(1);
    expect(statesAsked('我才五十块钱', '一般为80周岁以下的老同志。')).toBe(0);
    const a = await policy.answer('阅文室礼拜几开');
    expect(a.citation).toBe('《离退休干部阅读文件制度》第三条');
  });

  it('a 退休 question answered from the 离休 rules says whose rules they are and offers staff', async () => {
    const a = await policy.answer('退休干部瘫在床上了有护理费吗');
    expect(a.otherStatus).toEqual({ asked: '退休', rules: '离休' });
    const r = await app.say('退休干部瘫在床上了有护理费吗', { userId: 'q5' });
    expect(r.replies[0]!.text).toContain('下面这条是对离休干部的规定');
    // the quote says whom the rules are for (第二条), not how to apply; one notice, not two
    expect(r.replies[0]!.text).toContain('《离休干部护理费发放办法》第二条');
    expect(r.replies[0]!.text).not.toContain('没有找到正好说这件事的条文');
    expect(r.replies[0]!.text).toContain('回复 1 转给工作人员');
    const handoff = await app.say('1', { userId: 'q5' });
    expect(handoff.replies[0]!.text).toMatch(/FK\d{8}-\d{4}/);
    // a 离休 question from the 离休 rules, or one from the rules for both, has no such notice
    expect((await policy.answer('离休干部护理费多少')).otherStatus).toBeUndefined();
    expect((await policy.answer('退休的有交通费吗')).otherStatus).toBeUndefined();
  });
});

describe('asking on after an answer', () => {
  it('the article just quoted is quoted again when it states what the follow-up asks for', async () => {
    await app.say('离休干部住院单位给多少慰问金', { userId: 'r1' });
    const r = await app.say('那一年能给几回', { userId: 'r1' });
    expect(r.replies[0]!.text).toContain('《离退休干部住院看望办法》第三条');
    expect(r.replies[0]!.text).toContain('每年最多慰问两次');
  });

  it('a question naming nothing the document just quoted lacks is asked on in it, though it does not sound like a follow-up', async () => {
    await app.say('我家老郑走了 他是退休干部 丧葬费给多少 抚恤金怎么算', { userId: 'r2' });
    const r = await app.say('要带啥材料去办 多少天内', { userId: 'r2' });
    expect(r.replies[0]!.text).toContain('第七条');
    expect(r.replies[0]!.text).toContain('60日内');
  });

  it('a question of its own after an answer is answered on its own', async () => {
    await app.say('退休费今年涨多少', { userId: 'r3' });
    const r = await app.say('体检在哪个医院', { userId: 'r3' });
    expect(r.replies[0]!.text).toContain('健康体检办法》第三条');
  });

  it('a later question of a message is not answered by the FAQ entry that answered the first one', async () => {
    const nursing = await parts('护理费一个月多少钱 怎么申请', 'r4');
    expect(nursing.kind).toBe('several');
    expect(nursing.parts).toHaveLength(2);
    expect(nursing.parts[1]!.citation).not.toBe(nursing.parts[0]!.citation);
    const lecture = await parts('讲师团多大岁数能参加 讲一次给多少钱', 'r5');
    expect(lecture.parts.map((p) => p.citation)).toEqual(['《银龄讲师团管理办法》第二条', '《银龄讲师团管理办法》第六条']);
  });
});

describe('spoken forms', () => {
  it('九十多岁 reads as 90多岁, and a verb with a directional ending (上门来) counts as the verb (上门), with no notice', async () => {
    const { stripQuestionWords } = await import('../../src/retrieval/tokenizer.js');
    expect(stripQuestionWords('九十多岁的老干部')).toContain('90多岁');
    const a = await policy.answer('九十多岁的老干部单位多久上门来一次');
    expect(a.kind).toBe('extractive');
    expect(a.citation).toBe('《离退休干部走访看望制度》第四条');
    expect(a.uncovered).toBeUndefined();
    expect(a.tentative).toBeUndefined();
  });

  it('a distinguishing word (额外, jieba tag b) is not named as a missing topic', async () => {
    const a = await policy.answer('离休干部满九十岁了离休费还有额外增加吗');
    expect(a.citation).toBe('《离休干部离休费调整办法》第五条');
    expect(a.uncovered).toBeUndefined();
  });
});

describe('after several answers', () => {
  it('a follow-up asks on about the last question answered', async () => {
    await app.say('体检标准多少钱，另外老年大学在哪报名', { userId: 's1' });
    const r = await app.say('一个人能报几门', { userId: 's1' });
    expect(r.intent).toBe('policy_query');
    expect(r.replies[0]!.text).toContain('老年大学招生和学籍管理办法》第七条');
  });
});

describe('places', () => {
  it('a city the base never names, where the asker lives or goes, is 外地 to the base; another city\'s own rules are not', async () => {
    const moved = await policy.answer('我跟儿子去深圳住了 退休的 看病要办啥手续');
    expect(moved.citation).toBe('《离退休干部异地安置和异地就医备案办法》第二条');
    expect(moved.uncovered).toBeUndefined();
    const winter = await policy.answer('我在海南过冬半年多 看病能报销吗');
    expect(winter.citation).toMatch(/异地安置和异地就医备案办法/);
    const shanghai = await policy.answer('上海的退休金今年涨多少？');
    expect(shanghai.kind === 'none' || shanghai.uncovered?.includes('上海')).toBe(true);
  });

  it('the asker\'s own people (我爹, 俺娘) are who is asked about, not the topic', async () => {
    const a = await policy.answer('我爹今年满一百岁了 生日有啥说法');
    expect(a.citation).toBe('《离退休干部生日慰问办法》第五条');
    expect(a.uncovered).toBeUndefined();
  });

  it('礼拜一 and 星期四 are the 周一 and 周四 of the rules: a second question the first quote answers is answered by it', async () => {
    const r = await app.say('活动中心几点开门 礼拜一开不开', { userId: 'w1' });
    expect(r.replies[0]!.text).toContain('每周一闭馆');
    expect(r.replies[0]!.text).not.toContain('没有找到明确的说法');
    const reading = await policy.answer('阅文室星期四开不开');
    expect(reading.citation).toBe('《离退休干部阅读文件制度》第三条');
  });
});

describe('QA round 6', () => {
  it('上/下 are no topic words: "…上了三个礼拜不想上了 学费能退不" is the refund rule, not the term dates', async () => {
    const a = await policy.answer('老年大学上了三个礼拜不想上了 学费能退不');
    expect(a.citation).toBe('《示例市老年大学招生和学籍管理办法》第八条');
  });

  it('a follow-up asking for an age is answered by the sentence stating one', async () => {
    await app.say('一学期最多能报几门课', { userId: 'x1' });
    const r = await app.say('我才五十八能上不', { userId: 'x1' });
    expect(r.replies[0]!.text).toContain('年满55周岁');
  });

  it('多少天 asks for a time, not an amount; a sentence stating all that is asked beats one stating a part', () => {
    expect(statesAsked('多少天内去办', '在去世后60日内申报。')).toBe(1);
    expect(statesAsked('要带啥材料去办 多少天内', '持死亡证明、户口注销证明，在60日内到原单位申报。')).toBe(1);
    expect(statesAsked('要带啥材料去办 多少天内', '收到材料后15个工作日内审核。')).toBe(0.5);
  });

  it('a definition clause (本办法所称…) answers only what a word means', async () => {
    const a = await policy.answer('我今年七十二 退休的 今年养老金能涨多少');
    expect(a.text).not.toContain('本办法所称');
    const meaning = await policy.answer('退休费指的是什么');
    expect(meaning.text).toContain('本办法所称退休费');
  });

  it('打牌赢点钱 is the 赌博 the rules forbid (sample synonyms)', async () => {
    const a = await policy.answer('在活动中心打牌赢点钱被抓到了会咋处理');
    expect(a.citation).toBe('《示例市老干部活动中心管理办法》第八条');
  });

  it('a follow-up\'s opening 那 points back and is not glued to its noun: "那钱打到哪" is answered plainly', async () => {
    const { stripQuestionWords } = await import('../../src/retrieval/tokenizer.js');
    expect(stripQuestionWords('那钱打到哪')).not.toContain('那钱');
    expect(stripQuestionWords('那里能办')).toContain('那里');
    await app.say('退休费今年涨多少', { userId: 'y1' });
    const r = await app.say('那钱打到哪', { userId: 'y1' });
    expect(r.replies[0]!.text).toContain('第七条');
    expect(r.replies[0]!.text).not.toContain('没有找到正好说这件事的条文');
  });

  it('"腿脚不好去不了 咋办" asks about attending, not medicine: it goes to policy; 去不了 is the rules\' 不能到会', async () => {
    const r = await app.say('情况通报会我腿脚不好去不了 咋办', { userId: 'z1' });
    expect(r.intent).toBe('policy_query');
    expect(r.replies[0]!.text).not.toContain('请您问问医生');
    const a = await policy.answer('通报会去不了了咋办');
    expect(a.citation).toBe('《向离退休干部通报情况制度》第六条');
    const medical = await app.say('我腿疼咋办', { userId: 'z2' });
    expect(medical.replies[0]!.text).toContain('请您问问医生');
  });
});
