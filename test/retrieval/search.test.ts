import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../src/retrieval/search-index.js';
import { reciprocalRankFusion, topK } from '../../src/retrieval/fusion.js';
import { FaqMatcher } from '../../src/retrieval/faq.js';
import { Synonyms } from '../../src/retrieval/synonyms.js';
import { extractAnswer } from '../../src/retrieval/extractive.js';

const corpus = [
  { id: 'yiliao', title: '离休干部医药费报销办法', text: '第一条 离休干部医药费实报实销。\n第二条 住院费用由原单位先行垫付，出院后结算。\n第三条 异地就医需要提前备案。' },
  { id: 'kanwang', title: '住院看望办法', text: '第一条 离退休干部住院的，原单位在三日内派人到医院看望。\n第二条 看望时可以带慰问品。' },
  { id: 'shengri', title: '生日慰问办法', text: '第一条 每年生日原单位送生日蛋糕一个。\n第二条 八十岁以上整寿的，单位领导上门祝寿。' },
  { id: 'laonian', title: '老年大学招生办法', text: '第一条 老年大学每年春季和秋季招生。\n第二条 报名可以到学校，也可以在线报名。' },
  { id: 'huodong', title: '活动中心管理办法', text: '第一条 活动中心每天上午八点开门。\n第二条 棋牌室、书画室免费开放。' },
];

describe('SearchIndex on a small corpus', () => {
  const index = SearchIndex.build(corpus, { synonyms: Synonyms.parse('离退休干部 老干部 老同志\n医药费 看病钱\n') });

  it('BM25 ranks the right document and chunk first', () => {
    expect(index.searchDocs('离休干部住院费用怎么结算', 'bm25', 3)[0]!.doc.id).toBe('yiliao');
    expect(index.searchDocs('过生日送蛋糕吗', 'bm25', 3)[0]!.doc.id).toBe('shengri');
    const chunk = index.searchChunks('老年大学可以在线报名吗', 'bm25', 3)[0]!.chunk;
    expect(chunk.docId).toBe('laonian');
    expect(chunk.article).toBe('第二条');
  });

  it('counts a sub-word of a longer question word at half weight (内蒙古 is not 内蒙古 + 内蒙 + 蒙古)', () => {
    const q = index.analyze('内蒙古的离休干部怎么报销');
    const weight = Object.fromEntries(q.words.map((w) => [w.term, w.weight]));
    expect(weight['内蒙古']).toBe(1);
    expect(weight['内蒙']).toBe(0.5);
    expect(weight['离休干部']).toBe(1);
    expect(weight['干部']).toBe(0.5);
    expect(weight['报销']).toBe(1);
  });

  it('the bigram baseline and the vector ranker find the obvious document too', () => {
    expect(index.searchDocs('生日蛋糕', 'bigram-bm25', 3)[0]!.doc.id).toBe('shengri');
    expect(index.searchDocs('活动中心几点开门', 'vector', 3)[0]!.doc.id).toBe('huodong');
    expect(index.searchChunks('棋牌室书画室', 'vector', 2)[0]!.chunk.docId).toBe('huodong');
    expect(index.searchDocs('活动中心几点开门', 'hybrid', 3)[0]!.doc.id).toBe('huodong');
  });

  it('synonym expansion finds documents written with the formal word', () => {
    const q = index.analyze('老同志看病钱');
    expect(q.words.map((w) => w.term)).toEqual(expect.arrayContaining(['医药费']));
    expect(index.searchDocs('看病钱怎么报', 'bm25', 3)[0]!.doc.id).toBe('yiliao');
  });

  it('extractive answers quote the best sentence with its article', () => {
    const ex = extractAnswer(index, '住院了单位多久来看望', { maxChars: 120 });
    expect(ex.doc!.id).toBe('kanwang');
    expect(ex.chunk!.article).toBe('第一条');
    expect(ex.text).toContain('三日内派人到医院看望');
    expect(ex.coverage).toBeGreaterThan(0.5);
    expect(extractAnswer(index, '明天股市会涨吗').coverage).toBeLessThan(0.2);
  });
});

describe('fusion', () => {
  it('reciprocal-rank fusion rewards items ranked well by both rankers', () => {
    const fused = reciprocalRankFusion([
      [{ id: 1, score: 9 }, { id: 2, score: 8 }, { id: 3, score: 7 }],
      [{ id: 4, score: 0.9 }, { id: 2, score: 0.8 }, { id: 5, score: 0.7 }],
    ]);
    expect(fused[0]!.id).toBe(2);
    expect(fused.map((f) => f.id).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 62);
  });

  it('topK keeps the best k in order', () => {
    const scores = Float32Array.from([0, 5, 1, 9, 3, 7]);
    expect(topK([0, 1, 2, 3, 4, 5], scores, 3).map((r) => r.id)).toEqual([3, 5, 1]);
  });
});

describe('FAQ fast path', () => {
  const faq = new FaqMatcher([
    { id: 'f1', question: '过生日单位送蛋糕吗？', similar: ['生日有蛋糕吗', '生日慰问有什么'], answer: '每年生日送蛋糕一个。', source: { doc: 'shengri', article: '第一条' } },
    { id: 'f2', question: '老年大学怎么报名？', similar: ['老年大学在哪报名', '怎么上老年大学'], answer: '到学校或在线报名。', source: { doc: 'laonian', article: '第二条' } },
  ]);

  it('matches a similar question above the threshold and nothing unrelated', () => {
    const m = faq.match('请问生日有没有蛋糕', 0.7);
    expect(m?.entry.id).toBe('f1');
    expect(faq.match('老年大学如何报名？', 0.7)?.entry.id).toBe('f2');
    expect(faq.match('明天股市会涨吗', 0.7)).toBeNull();
    expect(faq.best('明天股市会涨吗')!.score).toBeLessThan(0.3);
  });
});

describe('FAQ answers for how the question is asked', () => {
  it('drops an opening yes or no when the question asks how much, when or where', async () => {
    const { answerFor } = await import('../../src/retrieval/service.js');
    const answer = '能。门诊统筹起付标准700元。';
    expect(answerFor('退休的门诊起付线多少', answer)).toBe('门诊统筹起付标准700元。');
    expect(answerFor('门诊能报销吗', answer)).toBe(answer);
    expect(answerFor('门诊能不能报', answer)).toBe(answer);
    expect(answerFor('门诊报销比例是多少', '离休干部全额报销。')).toBe('离休干部全额报销。');
  });
});

describe('synonym expansion', () => {
  it('adds a synonym jieba cuts into single characters only as whole words (报消 adds neither 报 nor 消)', () => {
    const index = SearchIndex.build([{ id: 'a', title: '报销办法', text: '离休干部医药费实报实销。' }], { vectors: false, synonyms: Synonyms.parse('报销 报消 报账\n') });
    const terms = index.analyze('离休干部怎么报销').words.map((w) => w.term);
    expect(terms).toContain('报账');
    expect(terms.filter((t) => [...t].length === 1)).toEqual([]);
  });
});

describe('FAQ phrasings that ask for something else', () => {
  it('prefers the phrasing asking for the same kind of thing (多少 is not answered by 怎么办)', () => {
    // both phrasings read 交通补贴 once their question words are gone: only what they ask differs
    const faq = new FaqMatcher([
      { id: 'a', question: '交通补贴怎么办', similar: [], answer: '不需要申请，按月发放。', source: { doc: 'x', article: '第四条' } },
      { id: 'b', question: '交通补贴多少', similar: [], answer: '每人每月260元。', source: { doc: 'x', article: '第二条' } },
    ]);
    expect(faq.best('交通补贴多少钱')!.entry.id).toBe('b');
    expect(faq.best('交通补贴怎么办呀')!.entry.id).toBe('a');
  });
});
