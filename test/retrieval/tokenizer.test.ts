import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { charBigrams, getJieba, normalizeText, searchTokens, stripQuestionWords, wordTokens } from '../../src/retrieval/tokenizer.js';
import { Synonyms } from '../../src/retrieval/synonyms.js';

const dir = mkdtempSync(join(tmpdir(), 'yl-tok-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tokenizer', () => {
  it('keeps custom dictionary words whole', () => {
    const word = '银发暖心卡';
    expect(wordTokens(`我想办${word}`, { jieba: getJieba() })).not.toContain(word);
    const file = join(dir, 'dict.txt');
    writeFileSync(file, `# comment\n${word} 5000 n\n离休干部\n`);
    const jieba = getJieba([file]);
    expect(wordTokens(`我想办${word}`, { jieba })).toContain(word);
    expect(searchTokens(`离休干部${word}`, jieba)).toEqual(expect.arrayContaining(['离休干部', word]));
  });

  it('keeps the terms of the synonym groups whole, so a colloquial word finds its group', () => {
    expect(searchTokens('有没有车补', getJieba())).not.toContain('车补');
    const jieba = getJieba([], Synonyms.parse('交通补贴 交通费 车补\n').allTerms());
    expect(searchTokens('有没有车补', jieba)).toContain('车补');
  });

  it('writes ages, amounts and durations in digits as the documents do, and drops spoken filler', () => {
    expect(stripQuestionWords('十五天')).toBe('15天');
    expect(stripQuestionWords('七十二了')).toBe('72了');
    expect(stripQuestionWords('一百零五岁')).toBe('105岁');
    expect(stripQuestionWords('一百岁')).toBe('100岁');
    expect(stripQuestionWords('三天')).toBe('三天');
    expect(stripQuestionWords('老爷子九十岁了离休费还加吗')).toBe('老爷子90岁了离休费还加');
    expect(stripQuestionWords('住院三十天以上')).toBe('住院30天以上');
    // counts, articles and one-character numbers stay
    expect(stripQuestionWords('第十五条说一次性给三个月')).toBe('第十五条说一次性给三个月');
    expect(stripQuestionWords('那个体见几点开始')).toBe('体见 开始');
  });

  it('folds traditional variants and the ways of naming a weekday', () => {
    expect(normalizeText('以後星期一、礼拜天和周三')).toBe('以后周一、周日和周三');
    expect(charBigrams('礼拜一开门')).toEqual(charBigrams('周一开门'));
  });

  it('strips question phrasing and makes character bigrams', () => {
    expect(stripQuestionWords('请问离休干部住院怎么报销？')).toBe('离休干部住院 报销');
    expect(charBigrams('住院报销')).toEqual(['住院', '院报', '报销']);
    expect(charBigrams('a 药')).toEqual(['a', '药']);
  });

  it('expands synonyms to the other terms of a group', () => {
    const syn = Synonyms.parse('# 注释\n离退休干部 老干部 老同志\n医药费，看病钱\n');
    expect(syn.expand('老同志看病钱怎么报').sort()).toEqual(['医药费', '离退休干部', '老干部'].sort());
    expect(syn.expand('今天天气')).toEqual([]);
  });
});
