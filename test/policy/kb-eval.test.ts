/** Answer-or-refuse on the sample knowledge base, with an independently written question set. */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicyService } from '../../src/retrieval/index.js';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/logger.js';
import { evaluateKb, type KbQuestion, type KbEvalReport } from '../../src/retrieval/kb-eval.js';
import { isWeakWord } from '../../src/retrieval/search-index.js';
import { readJsonl } from '../../src/cli.js';

let report: KbEvalReport;
/** Out-of-domain questions answered as if the base had the answer: no notice, not tentative. */
const plainlyAnswered = (r: KbEvalReport) => r.answeredOutOfDomain - r.answeredOutOfDomainWithNotice - r.answeredOutOfDomainTentative;
beforeAll(async () => {
  const config = parseConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'yinling-kb-')) });
  const policy = await loadPolicyService({ config, logger: silentLogger() });
  report = await evaluateKb(policy!, readJsonl<KbQuestion>('test/fixtures/kb-questions.jsonl'));
}, 120_000);

describe('knowledge base answer-or-refuse', () => {
  it('a second independent set (49 in-base questions, 25 near-domain ones the base lacks) holds up too', async () => {
    const config = parseConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'yinling-kb3-')) });
    const policy = await loadPolicyService({ config, logger: silentLogger() });
    const second = await evaluateKb(policy!, readJsonl<KbQuestion>('test/fixtures/kb-questions-qa3.jsonl'));
    expect(second.inDomain).toBe(49);
    expect(second.rates.answer_right).toBeGreaterThanOrEqual(0.75);
    expect(second.rates.answer_wrong).toBeLessThanOrEqual(0.03);
    expect(second.rates.honest_out_of_domain).toBeGreaterThanOrEqual(0.75);
    expect(plainlyAnswered(second)).toBeLessThanOrEqual(Math.floor(second.outOfDomain * 0.2));
  }, 120_000);
  it('answers most in-domain questions from the right document', () => {
    expect(report.inDomain).toBeGreaterThanOrEqual(100);
    expect(report.rates.answer_right).toBeGreaterThanOrEqual(0.8);
  });
  it('almost never answers from the wrong document', () => {
    expect(report.rates.answer_wrong).toBeLessThanOrEqual(0.03);
  });
  it('refuses most questions the knowledge base does not cover, or says it has no article on them', () => {
    expect(report.outOfDomain).toBeGreaterThanOrEqual(20);
    expect(report.rates.refused_out_of_domain).toBeGreaterThanOrEqual(0.55);
    expect(report.rates.honest_out_of_domain).toBeGreaterThanOrEqual(0.8);
  });
  it('a loose match is quoted tentatively: it helps in-domain questions and is rare out of domain', () => {
    expect(report.answeredRightTentative).toBeGreaterThan(0);
    expect(report.rates.answer_right).toBeGreaterThan(report.rates.answer_right_plain);
    expect(report.answeredOutOfDomainTentative).toBeLessThan(report.answeredRightTentative);
  });
  it('an out-of-domain question that is answered anyway mostly says first which word the base never mentions', () => {
    // at most one in five questions the base lacks gets a passage without the "没有专门讲「…」" or the tentative notice
    expect(plainlyAnswered(report)).toBeLessThanOrEqual(Math.floor(report.outOfDomain * 0.2));
    expect(report.answeredOutOfDomainWithNotice).toBeGreaterThan(0);
    expect(report.answeredRightWithNotice).toBeLessThanOrEqual(Math.ceil(report.answeredRight * 0.05));
  });
  it('does not count who or when is asking as the topic', () => {
    for (const w of ['俺', '82', '76岁', '几次', '一年', '三个', '三万多', '好几万', '大半年', '礼拜', '几星', '能带']) expect(isWeakWord(w), w).toBe(true);
    for (const w of ['体检', '退休费', '丧葬费', '三甲', '十一五规划']) expect(isWeakWord(w), w).toBe(false);
  });
});
