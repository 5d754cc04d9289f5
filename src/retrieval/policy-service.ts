/** Policy retrieval and answering as skills see it. */
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
  /** The answer body: FAQ answer, quoted sentences or the model's answer (empty for 'none'). */
  text: string;
  /** The rest of the answer for "回复 更多". */
  more?: string;
  sources: PolicySource[];
  /** 《document》第X条 of the main source (absent for 'none'). */
  citation?: string;
  /** Stable reference of what was answered (for ratings), e.g. "faq:faq-001" or "doc:x.md#第三条". */
  ref?: string;
  /** Relevance figure that decided (FAQ similarity or topic-word coverage), 0..1. */
  confidence?: number;
  /**
   * Topic nouns of the question the knowledge base never mentions (extractive answers only): the
   * quote is the closest passage, not an answer about them, and the reply says so first.
   */
  uncovered?: string[];
  /**
   * Extractive answers only: the passage is the closest the base has, below the relevance needed
   * for a plain answer (PolicyServiceOptions.minTentative..minCoverage). The reply says so first
   * and offers staff.
   */
  tentative?: boolean;
  /**
   * The question asks about 离休 or 退休 alone and the quoted document is the other one's rules
   * (a 退休 question answered from 《离休干部护理费发放办法》): the reply says whose rules they are.
   */
  otherStatus?: { asked: '离休' | '退休'; rules: '离休' | '退休' };
}

export interface AnswerOptions {
  staff?: boolean;
  /**
   * The question is a follow-up searched with the question before it: `focus` is the follow-up as
   * typed, `avoid` the citation of the answer before it, 《title》第X条 (that article is quoted
   * again only when nothing else fits), `docId` the document of that answer (the follow-up stays in
   * it when it is among the first ten found).
   */
  followUp?: { focus: string; avoid?: string; docId?: string };
}

export interface PolicyService {
  /** Answers a question from the knowledge base; kind 'none' when nothing is relevant enough. */
  answer(question: string, opts?: AnswerOptions): Promise<PolicyAnswer>;
  /**
   * True when every topic term of the question (a noun, a term of a synonym group, a word of three
   * characters or more; synonyms count) occurs in the document,
   * title included — a later question of a message ("讲一场给多少补贴" after "讲师团聘几年", "从哪个月开始发")
   * is then about the same matter; false when it names something the document does not.
   */
  sameMatter?(question: string, docId: string): boolean;
}
