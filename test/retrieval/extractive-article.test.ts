import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../src/retrieval/search-index.js';
import { extractAnswer } from '../../src/retrieval/extractive.js';

const withArticles = {
  id: 'sangzang',
  title: '丧葬费办法',
  text: [
    '第六条 丧葬补助费标准为当地上年度职工月平均工资的三倍。',
    '第七条 家属应当在干部去世后60日内到原单位申报丧葬补助费。申报时带好死亡证明。',
    '第八条 原单位在收到材料后15个工作日内审核发放。',
  ].join('\n'),
};
const plain = {
  id: 'fuwu',
  title: '复工复产服务通知',
  text: '各单位： 一、加快审核 企业申报退税的，税务机关加快审核。符合条件的尽快办理。 二、延期申报 受疫情影响的企业可以延期申报纳税。',
};

describe('purpose clauses', () => {
  const doc = {
    id: 'hulifei',
    title: '离休干部护理费发放办法',
    text: [
      '第一条 为做好离休干部护理费发放工作，保障不能自理的离休干部得到照顾，制定本办法。',
      '第二条 经鉴定完全不能自理的离休干部，护理费每月1200元；部分不能自理的，每月600元。',
      '第三条 本办法由市委老干部局负责解释。',
    ].join('\n'),
  };
  const index = SearchIndex.build([doc]);

  it('quotes the article that answers, not the purpose clause that repeats the title', () => {
    const ex = extractAnswer(index, '离休干部护理费发放多少', { maxChars: 120 });
    expect(ex.chunk!.article).toBe('第二条');
    expect(ex.text).toContain('1200元');
    // without the rule the purpose clause wins on the title's words
    expect(extractAnswer(index, '离休干部护理费发放多少', { maxChars: 120, params: { purpose: 1 } }).chunk!.article).toBe('第一条');
  });
});

describe('extractive quotes stay inside the cited article', () => {
  const index = SearchIndex.build([withArticles, plain]);

  it('does not run on into the next article, even when the budget would allow it', () => {
    const ex = extractAnswer(index, '去世后家属多久内申报丧葬补助费', { maxChars: 300 });
    expect(ex.chunk!.article).toBe('第七条');
    expect(ex.text).toContain('60日内');
    expect(ex.text).toContain('申报时带好死亡证明');
    expect(ex.text).not.toContain('15个工作日');
    expect(ex.more).toBe('');
  });

  it('fills the eval budget from the same article only', () => {
    const ex = extractAnswer(index, '去世后家属多久内申报丧葬补助费', { maxChars: 300, fill: true });
    expect(ex.text).not.toContain('15个工作日');
    expect(ex.text).not.toContain('三倍');
  });

  it('"更多" holds the rest of the article, not the next one', () => {
    const ex = extractAnswer(index, '去世后家属多久内申报丧葬补助费', { maxChars: 30, maxSentences: 1 });
    expect(ex.text).toContain('60日内');
    expect(ex.more).toBe('申报时带好死亡证明。');
  });

  it('keeps quoting across inline headings of a document without articles', () => {
    const ex = extractAnswer(index, '企业申报退税税务机关加快审核', { maxChars: 300 });
    expect(ex.doc!.id).toBe('fuwu');
    expect(ex.chunk!.article).toBeUndefined();
    expect(ex.text).toContain('加快审核');
    expect(ex.text).toContain('延期申报纳税');
  });
});

describe('the document subject does not choose the sentence', () => {
  // 健康体检 is in almost every sentence: it says which document, not which sentence
  const doc = {
    id: 'tijian',
    title: '健康体检办法',
    text: [
      '第二条 离休干部健康体检每年一次，健康体检在市人民医院进行。',
      '第三条 健康体检项目包括血常规、心电图和腹部彩超，健康体检结果由医院寄送本人。',
      '第四条 未参加的，当年资格不累计、不折现。',
      '第五条 健康体检费用由原单位承担，健康体检当天请空腹。',
    ].join('\n'),
  };
  const index = SearchIndex.build([doc]);

  it('weighs a question word by how rare it is among the document sentences', () => {
    for (const q of ['今年没去健康体检 能折现吗', '没参加健康体检能折现不']) {
      expect(extractAnswer(index, q, { maxChars: 120 }).chunk!.article, q).toBe('第四条');
      // without the in-document rarity the sentence that repeats 健康体检 twice wins
      expect(extractAnswer(index, q, { maxChars: 120, params: { local: 0, wFocus: 0 } }).chunk!.article, q).toBe('第五条');
    }
  });
});
