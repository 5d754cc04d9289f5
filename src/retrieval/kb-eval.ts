/**
 * Answer-or-refuse evaluation on the organisation's own knowledge base: in-domain questions must be
 * answered from the right document, out-of-domain questions must get the honest no-answer reply.
 */
import { basename } from 'node:path';
import type { PolicyService } from './policy-service.js';

export interface KbQuestion {
  text: string;
  /** Expected document (file name without extension), or null when the base has no answer. */
  doc: string | null;
  article?: string;
}

export interface KbEvalReport {
  inDomain: number;
  outOfDomain: number;
  /** In-domain questions answered from the expected document. */
  answeredRight: number;
  /** In-domain questions answered from another document (the worst outcome). */
  answeredWrong: number;
  /** In-domain questions refused. */
  refused: number;
  /** Out-of-domain questions refused (as they should be). */
  refusedOutOfDomain: number;
  /** Out-of-domain questions answered anyway. */
  answeredOutOfDomain: number;
  /** Of those, the answers that say first which question words the base never mentions (PolicyAnswer.uncovered). */
  answeredOutOfDomainWithNotice: number;
  /** In-domain answers from the right document that carry that notice all the same. */
  answeredRightWithNotice: number;
  /** Out-of-domain questions answered with a tentative quote ("可能有关，供您参考" and the staff offer). */
  answeredOutOfDomainTentative: number;
  /** In-domain answers from the right document given only tentatively. */
  answeredRightTentative: number;
  /** Of the in-domain answers, the share citing the expected article too. */
  articleRight: number;
  /**
   * answer_right counts tentative answers from the right document too; answer_right_plain only the
   * plain ones. honest_out_of_domain: out-of-domain questions refused, or answered with the notice
   * or tentatively (the reply says the base has no article on it, and offers staff).
   */
  rates: { answer_right: number; answer_right_plain: number; answer_wrong: number; refused_in_domain: number; refused_out_of_domain: number; honest_out_of_domain: number };
  misses: { text: string; expected: string | null; got: string | null; kind: string; tentative?: boolean }[];
}

const docName = (docId: string): string => basename(docId).replace(/\.[^.]+$/, '');

/** Runs every question through the policy service and scores answer-or-refuse. */
export async function evaluateKb(policy: PolicyService, questions: KbQuestion[]): Promise<KbEvalReport> {
  const r: KbEvalReport = {
    inDomain: 0,
    outOfDomain: 0,
    answeredRight: 0,
    answeredWrong: 0,
    refused: 0,
    refusedOutOfDomain: 0,
    answeredOutOfDomain: 0,
    answeredOutOfDomainWithNotice: 0,
    answeredRightWithNotice: 0,
    answeredOutOfDomainTentative: 0,
    answeredRightTentative: 0,
    articleRight: 0,
    rates: { answer_right: 0, answer_right_plain: 0, answer_wrong: 0, refused_in_domain: 0, refused_out_of_domain: 0, honest_out_of_domain: 0 },
    misses: [],
  };
  for (const q of questions) {
    const a = await policy.answer(q.text);
    const top = a.kind === 'none' ? null : a.sources[0];
    const got = top ? docName(top.docId) : null;
    if (q.doc === null) {
      r.outOfDomain++;
      if (got === null) r.refusedOutOfDomain++;
      else {
        r.answeredOutOfDomain++;
        if (a.uncovered?.length) r.answeredOutOfDomainWithNotice++;
        else if (a.tentative) r.answeredOutOfDomainTentative++;
        r.misses.push({ text: q.text, expected: null, got, kind: a.kind, ...(a.tentative ? { tentative: true } : {}) });
      }
      continue;
    }
    r.inDomain++;
    if (got === null) r.refused++;
    else if (got === q.doc) {
      r.answeredRight++;
      if (a.uncovered?.length) r.answeredRightWithNotice++;
      if (a.tentative) r.answeredRightTentative++;
      if (!q.article || top?.article === q.article) r.articleRight++;
    } else r.answeredWrong++;
    if (got !== q.doc) r.misses.push({ text: q.text, expected: q.doc, got, kind: a.kind, ...(a.tentative ? { tentative: true } : {}) });
  }
  const div = (a: number, b: number) => Math.round((a / Math.max(1, b)) * 1000) / 1000;
  r.rates = {
    answer_right: div(r.answeredRight, r.inDomain),
    answer_right_plain: div(r.answeredRight - r.answeredRightTentative, r.inDomain),
    answer_wrong: div(r.answeredWrong, r.inDomain),
    refused_in_domain: div(r.refused, r.inDomain),
    refused_out_of_domain: div(r.refusedOutOfDomain, r.outOfDomain),
    honest_out_of_domain: div(r.refusedOutOfDomain + r.answeredOutOfDomainWithNotice + r.answeredOutOfDomainTentative, r.outOfDomain),
  };
  return r;
}
