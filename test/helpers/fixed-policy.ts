/**
 * A policy service with one fixed cited answer, for conversation tests about other skills (the
 * feedback flow around a policy question): the answer's wording is not what those tests check.
 * Questions matching `noAnswer` get the honest no-answer result (with its own "1. 转给工作人员").
 */
import type { PolicyAnswer, PolicyService } from '../../src/retrieval/policy-service.js';

export function fixedPolicy(opts: { text?: string; noAnswer?: RegExp } = {}): PolicyService {
  return {
    async answer(question: string): Promise<PolicyAnswer> {
      if (opts.noAnswer?.test(question)) return { kind: 'none', text: '', sources: [], confidence: 0.1 };
      return {
        kind: 'extractive',
        text: opts.text ?? '离休干部住院费用按规定全额报销。',
        sources: [{ docId: 'd1', title: '离休干部医疗待遇规定', article: '第五条', text: opts.text ?? '离休干部住院费用按规定全额报销。', score: 0.9 }],
        citation: '《离休干部医疗待遇规定》第五条',
        ref: 'doc:d1#第五条',
        confidence: 0.9,
      };
    },
  };
}
