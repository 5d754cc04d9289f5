/** Turns a PolicyAnswer into the reply text an elderly reader sees (texts from prompts/policy.yaml). */
import type { Prompts } from '../../core/prompts.js';
import type { PolicyAnswer } from '../../retrieval/policy-service.js';

/** 《title》第X条 of a source. */
function citationOf(s: { title: string; article?: string }): string {
  return `《${s.title}》${s.article ?? ''}`;
}

/**
 * The answer, its basis, "更多" and rating hints; staff also get the related sources. `hints: false`
 * leaves out the "更多" and rating lines (several answers in one reply say them once, at the end).
 */
export function formatPolicyAnswer(answer: PolicyAnswer, prompts: Prompts, opts: { staff?: boolean; hints?: boolean } = {}): string {
  const lines: string[] = [];
  // a 退休 question answered from the 离休 rules (or the other way): say whose rules these are first
  // (one notice: it says as much as the two below)
  if (answer.otherStatus && answer.kind !== 'llm') lines.push(prompts.t('policy.other_status', answer.otherStatus));
  // the base never mentions a topic word of the question: say the quote is only the closest passage
  else if (answer.kind === 'extractive' && answer.uncovered?.length) lines.push(prompts.t('policy.uncovered', { words: answer.uncovered.map((w) => `「${w}」`).join('、') }));
  // only a loose match: say no article says it exactly (the quote may still help)
  else if (answer.kind === 'extractive' && answer.tentative) lines.push(prompts.t('policy.tentative'));
  if (answer.kind === 'extractive') lines.push(prompts.t('policy.quote', { text: answer.text }));
  else lines.push(answer.text);
  if (answer.kind === 'llm') {
    const cites = [...new Set(answer.sources.map(citationOf))].join('、');
    if (cites) lines.push(prompts.t('policy.basis_list', { citations: cites }));
  } else if (answer.citation) lines.push(prompts.t('policy.basis', { citation: answer.citation }));
  if (opts.staff && answer.sources.length > 1) {
    lines.push(prompts.t('policy.staff_sources_title'));
    answer.sources.forEach((s, i) => lines.push(prompts.t('policy.staff_source_line', { n: i + 1, citation: citationOf(s), score: Number(s.score.toFixed(2)) })));
  }
  if (opts.hints === false) return lines.join('\n');
  if (offersStaff(answer)) lines.push(prompts.t('policy.staff_offer'));
  if (answer.more) lines.push(prompts.t('policy.more_hint'));
  lines.push(prompts.t('policy.rate_hint'));
  return lines.join('\n');
}

/** True when the reply quotes only the closest passage (a topic the base never names, a loose match, the other status's rules): "1" then passes the question to staff. */
export function offersStaff(answer: PolicyAnswer): boolean {
  return (answer.kind === 'extractive' && Boolean(answer.uncovered?.length || answer.tentative)) || (answer.kind !== 'llm' && Boolean(answer.otherStatus));
}
