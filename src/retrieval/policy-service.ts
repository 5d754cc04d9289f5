/** Policy retrieval and answering as skills see it. Placeholder until the retrieval issue lands. */
export interface PolicySource {
  docId: string;
  title: string;
  /** e.g. 第五条 */
  article?: string;
  text: string;
  score: number;
}

export interface PolicyAnswer {
  /** 'faq' fast path, 'extractive' sentences, 'llm' grounded answer, or 'none' below threshold. */
  kind: 'faq' | 'extractive' | 'llm' | 'none';
  text: string;
  /** The rest of the answer for "回复 更多". */
  more?: string;
  sources: PolicySource[];
}

export interface PolicyService {
  /** Answers a question from the knowledge base; kind 'none' when nothing is relevant enough. */
  answer(question: string, opts?: { staff?: boolean }): Promise<PolicyAnswer>;
}
