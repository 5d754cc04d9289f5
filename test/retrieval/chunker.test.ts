import { describe, expect, it } from 'vitest';
import { chunkDocument, splitSentences } from '../../src/retrieval/chunker.js';

describe('splitSentences', () => {
  it('keeps the closing punctuation (and closing quotes) at the end of each sentence', () => {
    expect(splitSentences('第一句。第二句！第三句？“引号里。”最后；尾巴')).toEqual(['第一句。', '第二句！', '第三句？', '“引号里。”', '最后；', '尾巴']);
  });
});

describe('chunkDocument', () => {
  const doc = {
    id: 'a.md',
    title: '离休干部医药费报销办法',
    text: [
      '# 离休干部医药费报销办法',
      '## 第一章 总则',
      '第一条 为保障离休干部医疗待遇，制定本办法。',
      '第二条 本办法适用于本市离休干部。',
      '## 第二章 报销',
      '第三条 医药费实报实销。住院费用由原单位先行垫付。',
      '说明段落，不属于条款的文字。',
    ].join('\n'),
  };

  it('splits at headings and articles, and records the heading path and article', () => {
    const chunks = chunkDocument(doc);
    expect(chunks.map((c) => c.article)).toEqual(['第一条', '第二条', '第三条']);
    expect(chunks[0]!.path).toBe('第一章 总则');
    expect(chunks[2]!.path).toBe('第二章 报销');
    expect(chunks[2]!.text).toBe('医药费实报实销。住院费用由原单位先行垫付。说明段落，不属于条款的文字。');
    expect(chunks.every((c) => c.docId === 'a.md')).toBe(true);
  });

  it('cuts long articles at sentence ends, and an over-long sentence at commas', () => {
    const sentence = '这是一句比较长的话，用来测试切分，' + '内容'.repeat(20) + '。';
    const long = { id: 'b', title: 'T', text: `第五条 ${sentence.repeat(6)}\n第六条 ${'很长，'.repeat(80)}结束。` };
    const chunks = chunkDocument(long, { maxChars: 120 });
    const art5 = chunks.filter((c) => c.article === '第五条');
    expect(art5.length).toBeGreaterThan(1);
    for (const c of art5) {
      expect(c.text.length).toBeLessThanOrEqual(120);
      expect(c.text.endsWith('。')).toBe(true);
    }
    const art6 = chunks.filter((c) => c.article === '第六条');
    expect(art6.length).toBeGreaterThan(1);
    expect(art6.every((c) => c.text.length <= 120)).toBe(true);
    expect(art6.map((c) => c.text).join('')).toBe(`${'很长，'.repeat(80)}结束。`);
  });

  it('splits one-line reprints at inline 一、/二、 markers and keeps chunks within the limit', () => {
    const part = (n: string) => `${n}、关于第${n}部分的安排 ${'这一部分的具体内容写得比较长，需要切开。'.repeat(4)}`;
    const oneLine = { id: 'c', title: '', text: `${'前言很长的一段话。'.repeat(30)} ${part('一')} ${part('二')}` };
    const chunks = chunkDocument(oneLine, { maxChars: 120 });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((c) => c.text.length <= 120)).toBe(true);
    expect(chunks.some((c) => c.text.includes('二、关于第二部分的安排'))).toBe(true);
  });
});
