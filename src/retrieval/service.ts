/**
 * The knowledge-base policy service: FAQ fast path, then retrieval with a relevance check, then a
 * grounded LLM answer when a model is configured, else an extractive answer with its citation.
 */
import type { Logger } from '../core/logger.js';
import type { Llm } from '../llm/types.js';
import type { Chunk } from './chunker.js';
import { extractAnswer } from './extractive.js';
import { DEFAULT_METHOD_FOR_ANSWERS } from './defaults.js';
import type { FaqEntry, FaqMatcher } from './faq.js';
import type { AnswerOptions, PolicyAnswer, PolicyService, PolicySource } from './policy-service.js';
import type { IndexedDoc, SearchIndex } from './search-index.js';
import { onlyStatus } from './regions.js';
import type { HomophoneCorrector } from './typos.js';

export interface PolicyServiceOptions {
  /** FAQ similarity (0..1) needed for the fast path. */
  faqThreshold: number;
  /** Share of the question's topic words (idf-weighted) the best passage must contain. */
  minCoverage: number;
  /**
   * Below minCoverage but at least this much: the closest passage is quoted as a tentative answer
   * (the reply says first that no article says it exactly, and offers staff). Above minCoverage by
   * default, which turns the band off.
   */
  minTentative?: number;
  /** Characters of the first reply (the rest goes to "更多"). */
  replyChars: number;
  llm?: Llm;
  logger?: Logger;
  /** Homophone typos of the vocabulary (离修 -> 离休); the corrected question is used when it matches better. */
  corrector?: HomophoneCorrector;
}

export const DEFAULT_SERVICE_OPTIONS: PolicyServiceOptions = { faqThreshold: 0.7, minCoverage: 0.5, minTentative: 0.4, replyChars: 120 };

/** 《title》第X条 */
export function citationOf(doc: { title: string }, article?: string): string {
  return `《${doc.title}》${article ?? ''}`;
}

/** The rating ref of a passage: doc:<id>#<article or heading path>. */
function refOf(doc: { id: string }, chunk: Chunk): string {
  return `doc:${doc.id}#${chunk.article ?? chunk.path}`;
}

export class KnowledgePolicyService implements PolicyService {
  private readonly docsBySlug = new Map<string, IndexedDoc>();

  constructor(
    readonly index: SearchIndex,
    readonly faq: FaqMatcher,
    readonly opts: PolicyServiceOptions = DEFAULT_SERVICE_OPTIONS,
  ) {
    for (const d of index.docs) {
      this.docsBySlug.set(d.id, d);
      this.docsBySlug.set(d.id.replace(/\.[^./]+$/, ''), d);
      this.docsBySlug.set(d.id.replace(/\.[^./]+$/, '').split('/').pop()!, d);
    }
  }

  async answer(asked: string, opts: AnswerOptions = {}): Promise<PolicyAnswer> {
    const question = this.readQuestion(asked);
    // a follow-up is searched with the question before it, whose FAQ entry may match again: the
    // article just quoted is not the answer to what the follow-up asks on
    const matched = this.faq.match(question, this.opts.faqThreshold);
    const faq = matched && opts.followUp?.avoid && opts.followUp.avoid === this.faqCitation(matched.entry) ? null : matched;
    const related = this.related(question, opts.staff ? 5 : 1);
    if (faq) {
      const doc = this.docsBySlug.get(faq.entry.source.doc);
      const title = doc?.title ?? faq.entry.source.doc;
      const source: PolicySource = { docId: doc?.id ?? faq.entry.source.doc, title, ...(faq.entry.source.article ? { article: faq.entry.source.article } : {}), text: faq.entry.answer, score: faq.score };
      // "更多" after an FAQ answer shows the article it cites, word for word.
      const article = doc && faq.entry.source.article ? this.articleText(doc, faq.entry.source.article) : '';
      return {
        kind: 'faq',
        text: answerFor(question, faq.entry.answer),
        ...(article ? { more: `《${title}》${faq.entry.source.article}：${article}` } : {}),
        sources: opts.staff ? [source, ...related.filter((s) => s.docId !== source.docId || s.article !== source.article)].slice(0, 5) : [source],
        citation: citationOf({ title }, faq.entry.source.article),
        ref: `faq:${faq.entry.id}`,
        confidence: round(faq.score),
        ...otherStatus(question, title),
      };
    }
    const avoid = opts.followUp?.avoid;
    const stay = opts.followUp?.docId;
    const followUp = opts.followUp
      ? { focus: opts.followUp.focus, ...(avoid ? { avoid: (c: Chunk) => Boolean(c.article) && avoid === citationOf(this.docOf(c), c.article) } : {}), ...(stay ? { docId: stay } : {}) }
      : undefined;
    const ex = extractAnswer(this.index, question, { maxChars: this.opts.replyChars, maxSentences: 3, ...(followUp ? { followUp } : {}) });
    const tentative = ex.coverage < this.opts.minCoverage;
    // a follow-up stays inside the document the question before it found (the skill checks that), so
    // a looser match of its own words is still worth a tentative quote
    const floor = (this.opts.minTentative ?? this.opts.minCoverage) * (opts.followUp ? FOLLOW_UP_FLOOR : 1);
    if (!ex.doc || !ex.chunk || !ex.text || (tentative && ex.coverage < floor)) {
      return { kind: 'none', text: '', sources: opts.staff ? related : [], confidence: round(ex.coverage) };
    }
    const main: PolicySource = { docId: ex.doc.id, title: ex.doc.title, ...(ex.chunk.article ? { article: ex.chunk.article } : {}), text: ex.text, score: ex.coverage };
    const sources = opts.staff ? [main, ...related.filter((s) => !(s.docId === main.docId && s.article === main.article))].slice(0, 5) : [main];
    const base = { citation: citationOf(ex.doc, ex.chunk.article), ref: refOf(ex.doc, ex.chunk), confidence: round(ex.coverage) };
    // a tentative match is quoted word for word, never paraphrased by the model
    if (this.opts.llm && !tentative) {
      const passages = this.passages(question);
      try {
        const generated = await this.opts.llm.answer(question, passages.map((p, i) => ({ n: i + 1, text: p.chunk.text, source: citationOf(p.doc, p.chunk.article) })));
        if (generated) {
          const cited = generated.cited.map((n) => passages[n - 1]).filter((p): p is { doc: IndexedDoc; chunk: Chunk } => Boolean(p));
          const llmSources = cited.map((p) => ({ docId: p.doc.id, title: p.doc.title, ...(p.chunk.article ? { article: p.chunk.article } : {}), text: p.chunk.text, score: 1 }));
          // the citation and rating ref name the article the reply cites first, not the extractive pick
          const first = cited[0];
          const shown = first ? { citation: citationOf(first.doc, first.chunk.article), ref: refOf(first.doc, first.chunk) } : {};
          return { kind: 'llm', text: generated.text, sources: llmSources.length ? llmSources : sources, ...base, ...shown };
        }
      } catch (e) {
        this.opts.logger?.warn({ err: (e as Error).message }, 'llm answer failed; using the extractive answer');
      }
    }
    const uncovered = ex.query ? this.index.uncoveredNouns(ex.query, `${ex.doc.title} ${ex.text}`) : [];
    return { kind: 'extractive', text: ex.text, ...(ex.more ? { more: ex.more } : {}), sources, ...base, ...(uncovered.length ? { uncovered } : {}), ...(tentative ? { tentative } : {}), ...otherStatus(question, ex.doc.title) };
  }

  /** 《title》第X条 of an FAQ entry's source, as answers cite it. */
  private faqCitation(entry: FaqEntry): string {
    return citationOf({ title: this.docsBySlug.get(entry.source.doc)?.title ?? entry.source.doc }, entry.source.article);
  }

  sameMatter(question: string, docId: string): boolean {
    const i = this.index.docs.findIndex((d) => d.id === docId);
    if (i < 0) return false;
    const q = this.index.analyze(this.readQuestion(question));
    return this.index.termsOutside(q, `${this.index.docs[i]!.title} ${this.index.docTexts[i]!}`).length === 0;
  }

  /**
   * The question with its homophone typos corrected, when the corrected one matches the knowledge
   * base better (FAQ similarity or passage relevance); otherwise the question as typed.
   */
  private readQuestion(question: string): string {
    // spoken filler hides a typo from the segmentation: "那个体见" is cut 那/个体/见
    const fixed = this.opts.corrector?.correct(question.replace(FILLER, ' '));
    if (!fixed?.fixes.length) return question;
    const fit = (q: string) => Math.max(this.faq.best(q)?.score ?? 0, extractAnswer(this.index, q, { maxChars: this.opts.replyChars, maxSentences: 3 }).coverage);
    const better = fit(fixed.text) >= fit(question);
    this.opts.logger?.debug({ fixes: fixed.fixes, used: better }, 'homophone typos in a policy question');
    return better ? fixed.text : question;
  }

  /** The document of a chunk. */
  private docOf(chunk: Chunk): { title: string } {
    return this.docsBySlug.get(chunk.docId) ?? { title: '' };
  }

  /** The full text of one article of a document (its chunks joined). */
  private articleText(doc: IndexedDoc, article: string): string {
    const index = this.index.docs.indexOf(doc);
    if (index < 0) return '';
    return this.index
      .chunksOf(index)
      .filter((c) => c.article === article)
      .map((c) => c.text)
      .join('');
  }

  /** The best chunks (one per document) as grounding passages for the model. */
  private passages(question: string): { doc: IndexedDoc; chunk: Chunk }[] {
    return this.index
      .searchDocs(question, DEFAULT_METHOD_FOR_ANSWERS, 3)
      .filter((h) => h.best)
      .map((h) => ({ doc: h.doc, chunk: h.best!.chunk }));
  }

  /** Related sources (staff see several). */
  private related(question: string, k: number): PolicySource[] {
    return this.index.searchDocs(question, DEFAULT_METHOD_FOR_ANSWERS, k).map((h) => ({
      docId: h.doc.id,
      title: h.doc.title,
      ...(h.best?.chunk.article ? { article: h.best.chunk.article } : {}),
      text: h.best?.chunk.text ?? '',
      score: round(h.score),
    }));
  }
}

/** Spoken filler that carries nothing (also dropped from the topic by stripQuestionWords). */
const FILLER = /那个|这个|就是说/gu;

/** Share of the tentative threshold a follow-up needs. */
const FOLLOW_UP_FLOOR = 0.6;

const round = (x: number) => Math.round(x * 1000) / 1000;

/** `otherStatus` of an answer: the question names 离休 or 退休 alone, the document's title only the other one. */
function otherStatus(question: string, title: string): Pick<PolicyAnswer, 'otherStatus'> {
  const asked = onlyStatus(question);
  const rules = onlyStatus(title);
  return asked && rules && asked !== rules ? { otherStatus: { asked, rules } } : {};
}

/** An answer opening with a bare yes or no ("能。", "有。", "不用。"). */
const VERDICT = /^(能|会|有|可以|是|是的|要|需要|发|给|不能|不会|没有|不可以|不是|不要|不需要|不用|不发|不给)[。，,！!]\s*/u;
/**
 * The verb a yes or no answers, by the verdict without its negation: "不用。" answers "要自己先垫不", not
 * "医药费全报吗" (there it would read as "no, not reimbursed").
 */
const VERDICT_ASKS: [RegExp, RegExp][] = [
  [/^(能|可以)$/u, /(能|可以|可不可以|行)/u],
  [/^会$/u, /会/u],
  [/^有$/u, /有/u],
  [/^是(的)?$/u, /是/u],
  [/^(要|需要|用)$/u, /(要|需要|用|得)/u],
  [/^(发|给)$/u, /(发|给)/u],
];
/** A question that asks for a yes or a no (吗, 能不能, 是不是, 有没有, and the spoken 先垫不 / 能报不 …). */
const YES_NO = /([吗么嘛不][\s？?。!！~]*$|(\p{Script=Han})不\2|没有[\s？?。]*$|是否|能否|可否|可以.{0,6}吗)/u;
/** A question about how much, when, where or how (多少, 几, 哪, 什么时候 …) is not answered with "能。" first. */
const OPEN_QUESTION = /(多少|几|哪|什么|啥|怎么|咋|如何|多久|多长|何时)/u;

/**
 * The FAQ answer for this wording: its opening yes/no is dropped when the question did not ask for
 * one, or asked it of another verb (a similar phrasing "医药费全报吗" of "看病要自己花钱吗").
 */
export function answerFor(question: string, answer: string): string {
  const verdict = VERDICT.exec(answer);
  if (!verdict) return answer;
  const verb = verdict[1]!.replace(/^(不|没)/u, '') || verdict[1]!;
  const asksVerb = VERDICT_ASKS.find(([v]) => v.test(verb))?.[1].test(question) ?? true;
  if (YES_NO.test(question) && !OPEN_QUESTION.test(question) && asksVerb) return answer;
  return answer.slice(verdict[0].length);
}
