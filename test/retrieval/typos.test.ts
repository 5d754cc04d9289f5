/** Homophone typos (pinyin input): corrected toward the knowledge base's words, never a real word. */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HomophoneCorrector, homophoneTypos } from '../../src/retrieval/typos.js';
import { SearchIndex } from '../../src/retrieval/search-index.js';
import { getJieba } from '../../src/retrieval/tokenizer.js';
import { knowledgeCorrector, loadPolicyService } from '../../src/retrieval/index.js';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/logger.js';
import { evaluateKb, type KbQuestion } from '../../src/retrieval/kb-eval.js';
import { readJsonl } from '../../src/cli.js';
import type { KnowledgePolicyService } from '../../src/retrieval/service.js';

describe('HomophoneCorrector', () => {
  const corpus = [
    { id: 'a', title: '离休干部住院看望', text: '离休干部住院，原单位派人看望。离休干部的医疗费用按规定报销。' },
    { id: 'b', title: '丧葬费和抚恤金', text: '离休干部去世后，发给丧葬费和一次性抚恤金。老伴可以申请遗属补助。' },
    { id: 'c', title: '文体活动', text: '书画比赛和象棋比赛在活动中心报名。糖尿病患者饮食要清淡。' },
  ];
  const index = SearchIndex.build(corpus, { vectors: false });
  const jieba = getJieba();
  const corrector = new HomophoneCorrector(
    () => index.fields.dw.header.terms.map((t) => [t, index.fields.dw.df(t)] as [string, number]),
    (pair) => index.fields.db.df(pair),
    (text) => jieba.cut(text, false),
  );

  it('replaces a character typed by its homophone inside a word of the knowledge base', () => {
    expect(corrector.correct('离修干部住院了单位会来看望吗').text).toBe('离休干部住院了单位会来看望吗');
    expect(corrector.correct('老半去世了扶恤金怎么算')).toEqual({
      text: '老伴去世了抚恤金怎么算',
      fixes: [
        { from: '扶恤金', to: '抚恤金' },
        { from: '老半', to: '老伴' },
      ],
    });
    // a heteronym is read every way: 藏 is cang or zang
    expect(corrector.correct('丧藏费怎么领').text).toBe('丧葬费怎么领');
  });

  it('leaves real words, particles and stretches across words alone', () => {
    for (const q of ['离休干部住院了单位会来看望吗', '明天股市会涨吗', '退休了还能返聘再上班吗', '糖尿病饮食要注意啥', '书画比赛在哪报名', '今天天气怎么样']) {
      expect(corrector.correct(q)).toEqual({ text: q, fixes: [] });
    }
  });

  it('puts repeatable homophone typos into questions for evaluation', () => {
    const qs = ['离休干部住院了单位会来看望吗', '丧葬费怎么领', '？？'];
    const once = homophoneTypos(qs, corpus.map((d) => d.text).join(''));
    expect(homophoneTypos(qs, corpus.map((d) => d.text).join(''))).toEqual(once);
    expect(once[2]).toBe('？？');
    const changed = once.filter((q, i) => q !== qs[i]);
    expect(changed.length).toBeGreaterThan(0);
    for (const [i, q] of once.entries()) expect([...q].filter((c, j) => c !== [...qs[i]!][j]).length).toBeLessThanOrEqual(1);
  });
});

describe('policy answers with typos (sample knowledge base)', () => {
  let policy: KnowledgePolicyService;
  let plain: KnowledgePolicyService;
  beforeAll(async () => {
    const config = parseConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'yinling-typo-')) });
    policy = (await loadPolicyService({ config, logger: silentLogger() })) as KnowledgePolicyService;
    plain = (await loadPolicyService({ config, logger: silentLogger(), typoFix: false })) as KnowledgePolicyService;
  }, 120_000);

  it('answers a question with a typo like the same question typed right', async () => {
    const right = await policy.answer('离休干部住院了单位会来看望吗');
    const typo = await policy.answer('离修干部住院了单位会来看望吗');
    expect(right.kind).not.toBe('none');
    expect(typo.citation).toBe(right.citation);
    expect((await policy.answer('明天股市会涨吗')).kind).toBe('none');
  });

  it('keeps most in-domain answers when every question carries a homophone typo', async () => {
    const questions = readJsonl<KbQuestion>('test/fixtures/kb-questions.jsonl');
    const typed = homophoneTypos(questions.map((q) => q.text), policy.index.docTexts.join(''));
    const noisy = questions.map((q, i) => ({ ...q, text: typed[i]! }));
    const on = await evaluateKb(policy, noisy);
    const off = await evaluateKb(plain, noisy);
    expect(on.rates.answer_right).toBeGreaterThan(off.rates.answer_right + 0.1);
    expect(on.rates.answer_wrong).toBeLessThanOrEqual(0.03);
    expect(on.rates.honest_out_of_domain).toBeGreaterThanOrEqual(0.7);
    const corrector = knowledgeCorrector(policy.index, 'knowledge');
    expect(corrector.correct('一年能体捡几次？').text).toBe('一年能体检几次?');
  }, 120_000);
});
