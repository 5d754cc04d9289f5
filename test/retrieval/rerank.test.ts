import { describe, expect, it } from 'vitest';
import { docFeatures, headingBigrams, itemHeadings, itemHeadMatch, queryProfile, topicBigrams, DEFAULT_RERANK } from '../../src/retrieval/rerank.js';
import { SearchIndex } from '../../src/retrieval/search-index.js';
import { charBigrams, normalizeText, searchTokens, stripQuestionWords, wordTokens } from '../../src/retrieval/tokenizer.js';

function profile(question: string) {
  const topic = stripQuestionWords(question);
  return queryProfile(topic, [...new Set(searchTokens(topic))], wordTokens(topic, { stopWords: true }), [...new Set(charBigrams(topic))], () => 1, () => 1);
}

describe('rerank features', () => {
  const p = profile('离休干部住院费用怎么结算？');

  it('window coverage, longest common substring and word pairs are high where the question is answered together', () => {
    const together = '第二条 离休干部住院费用由原单位先行垫付，出院后结算。';
    const scattered = `离休干部的待遇。${'其他规定。'.repeat(60)}住院的。${'其他规定。'.repeat(60)}费用结算。`;
    const [winT, lcsT, pairsT] = docFeatures(p, together, DEFAULT_RERANK);
    const [winS, lcsS, pairsS] = docFeatures(p, scattered, DEFAULT_RERANK);
    expect(winT).toBeCloseTo(1);
    expect(winT).toBeGreaterThan(winS!);
    expect(lcsT).toBeGreaterThan(lcsS!);
    expect(pairsT).toBeGreaterThan(pairsS!);
    expect(docFeatures(p, '活动中心每天上午八点开门。', DEFAULT_RERANK)).toEqual([0, 0, 0]);
  });

  it('finds every occurrence of one- and two-character terms', () => {
    const q = queryProfile('药 费用', ['药', '费用'], ['药', '费用'], ['药', '费用'], () => 1, () => 1);
    const [win] = docFeatures(q, '药品的费用', DEFAULT_RERANK);
    expect(win).toBeCloseTo(1);
  });
});

describe('item headings', () => {
  it('reads what follows 第X条, (一), 一、, 一是, 1. and ① up to the first stop, space or colon', () => {
    const text = normalizeText(
      '二、扎实做好政策宣传 各地要…… （七）强化线上税费咨询服务。增强热线力量。一是对落实政策的企业给予补助；第三条 离休干部住院费用由原单位垫付。1.延长申报期限 2020.02 不是编号 ①加强引导办理：内容',
    );
    expect(itemHeadings(text)).toEqual(['扎实做好政策宣传', '强化线上税费咨询服务', '对落实政策的企业给予补助', '离休干部住院费用由原单位垫付', '延长申报期限', '加强引导办理']);
  });

  it('scores the heading the question asks back above one that shares a few words', () => {
    const q = topicBigrams(profile('国家税务总局如何强化线上税费咨询服务？'));
    const heads = (text: string) => headingBigrams(itemHeadings(normalizeText(text)));
    const asked = itemHeadMatch(q, heads('（六）优化网上办税缴费平台。加强运维。（七）强化线上税费咨询服务。增强热线力量。'));
    const near = itemHeadMatch(q, heads('（一）加强税务服务工作。下一步将强化线上税费咨询服务，鼓励各地丰富事项。'));
    expect(asked).toBeGreaterThan(0.5);
    expect(near).toBeLessThan(asked / 2);
    expect(itemHeadMatch(q, heads('没有编号的一段话，强化线上税费咨询服务。'))).toBe(0);
  });
});

describe('the rerank method', () => {
  // a long notice that repeats the words apart, and a short one that answers the question in one sentence
  const filler = '各单位要高度重视，认真组织实施，确保各项工作落到实处。';
  const corpus = [
    { id: 'long', title: '关于做好企业服务工作的通知', text: `${filler.repeat(3)}企业用电要保障。${filler.repeat(4)}成本方面要统筹。${filler.repeat(4)}降低负担。${filler.repeat(3)}企业用电用水。` },
    { id: 'short', title: '支持企业的若干措施', text: `${filler}对中小企业用电、用气成本给予阶段性降低，降低企业用电成本百分之五。${filler}` },
    { id: 'other', title: '老年大学招生办法', text: '老年大学每年春季和秋季招生。' },
  ];
  const index = SearchIndex.build(corpus, { vectors: false });

  it('ranks the passage that holds the question together first, and keeps every first-stage document', () => {
    const hits = index.searchDocs('怎么降低企业用电成本？', 'rerank', 10);
    expect(hits[0]!.doc.id).toBe('short');
    expect(new Set(hits.map((h) => h.doc.id))).toEqual(new Set(index.searchDocs('怎么降低企业用电成本？', 'bm25', 10).map((h) => h.doc.id)));
    expect(hits[0]!.best?.chunk.docId).toBe('short');
  });
});
