/** Grounded answers for many questions at once (`yinling eval answers` with the LLM on). */
import type { Llm } from './types.js';

export interface AnswerJob {
  question: string;
  /** Retrieved passages, best first; numbered [1], [2]… in this order. */
  passages: { text: string; source: string }[];
  /** The offline reply, used when the model fails or its answer does not pass the checks. */
  fallback: string;
}

export interface AnswerBatchResult {
  /** One reply per job, in order: the model's text, or the fallback. */
  texts: string[];
  /** Which replies came from the model. */
  generated: boolean[];
}

/** Answers every job with at most `concurrency` calls in flight; never throws. */
export async function answerBatch(llm: Llm, jobs: AnswerJob[], concurrency = 4): Promise<AnswerBatchResult> {
  const texts = jobs.map((j) => j.fallback);
  const generated = jobs.map(() => false);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      const job = jobs[i]!;
      const passages = job.passages.map((p, k) => ({ n: k + 1, text: p.text, source: p.source }));
      const answer = await llm.answer(job.question, passages).catch(() => null);
      if (answer) {
        texts[i] = answer.text;
        generated[i] = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, jobs.length)) }, worker));
  return { texts, generated };
}
