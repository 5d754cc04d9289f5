/**
 * FAQ fast path: staff-written standard questions with similar phrasings. A question whose
 * tf-idf cosine with one phrasing (words + character bigrams, question words stripped) reaches
 * the threshold is answered with the FAQ answer and its source.
 */
import type { Jieba } from '@node-rs/jieba';
import { charBigrams, getJieba, searchTokens, stripQuestionWords } from './tokenizer.js';
import { answersAsked, askingClause, focusWord } from './answer-types.js';

export interface FaqEntry {
  id: string;
  question: string;
  similar: string[];
  answer: string;
  /** Document id (file name without extension, or the relative path) and article. */
  source: { doc: string; article?: string };
}

export interface FaqMatch {
  entry: FaqEntry;
  /** Cosine similarity 0..1 with the best matching phrasing. */
  score: number;
  matched: string;
}

type Vec = Map<string, number>;

export class FaqMatcher {
  private readonly idf = new Map<string, number>();
  private readonly phrasings: { entry: FaqEntry; text: string; vec: Vec; asks: Asks | null; focus?: string }[] = [];
  private readonly jieba: Jieba;

  constructor(
    readonly entries: FaqEntry[],
    opts: { jieba?: Jieba } = {},
  ) {
    this.jieba = opts.jieba ?? getJieba();
    const raw = entries.flatMap((entry) => [entry.question, ...entry.similar].map((text) => ({ entry, text, terms: this.terms(text) })));
    const df = new Map<string, number>();
    for (const p of raw) for (const t of new Set(p.terms)) df.set(t, (df.get(t) ?? 0) + 1);
    const n = raw.length || 1;
    for (const [t, d] of df) this.idf.set(t, Math.log(1 + n / d));
    this.unseenIdf = Math.log(1 + n);
    for (const p of raw) this.phrasings.push({ entry: p.entry, text: p.text, vec: this.vector(p.terms), asks: asks(p.text), focus: this.focus(p.terms) });
  }

  private unseenIdf: number;

  private terms(text: string): string[] {
    const topic = stripQuestionWords(text);
    return [...searchTokens(topic, this.jieba).map((w) => `w:${w}`), ...charBigrams(topic).map((b) => `b:${b}`)];
  }

  /** The focus word of a phrasing or question (focusWord), as a vector key. */
  private focus(terms: string[]): string | undefined {
    const word = focusWord(terms.filter((t) => t.startsWith('w:')).map((t) => t.slice(2)));
    return word && `w:${word}`;
  }

  private vector(terms: string[]): Vec {
    const v: Vec = new Map();
    for (const t of terms) v.set(t, (v.get(t) ?? 0) + 1);
    let norm = 0;
    for (const [t, tf] of v) {
      const w = (1 + Math.log(tf)) * (this.idf.get(t) ?? this.unseenIdf) * (t.startsWith('w:') ? 1 : 0.5);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  }

  /** The best FAQ phrasing for a question (null when there are no entries). */
  best(question: string): FaqMatch | null {
    const qTerms = this.terms(question);
    const q = this.vector(qTerms);
    const qAsks = asks(question);
    const clause = askingClause(question);
    const qFocus = this.focus(clause === question.trim() ? qTerms : this.terms(clause));
    let best: FaqMatch | null = null;
    for (const p of this.phrasings) {
      let dot = 0;
      const [small, large] = q.size < p.vec.size ? [q, p.vec] : [p.vec, q];
      for (const [t, w] of small) {
        const o = large.get(t);
        if (o) dot += w * o;
      }
      // the words without their question are alike, but "多少" is not answered by "咋领"
      if (qAsks && p.asks && qAsks !== p.asks) dot *= ASKS_MISMATCH;
      if (dot > 0.5 && this.swapsTopic(q, p.vec)) dot *= SWAPPED_TOPIC;
      // the same frame asking about another thing: "秋季班啥时候报名" is not "秋季班啥时候开课"
      else if (dot > 0.5 && qFocus && p.focus && !p.vec.has(qFocus) && !q.has(p.focus)) dot *= SWAPPED_FOCUS;
      // another subject in the same frame: "参观要自己花钱不" is not "离休干部看病要自己花钱吗"
      if (dot > 0.5 && this.swapsSubject(q, p.vec)) dot *= SWAPPED_SUBJECT;
      // "护理费多少" is not answered by "照常发放": an answer without the amount, time, place or age asked for
      if (dot > 0.5 && answersAsked(question, p.entry.answer) === false) dot *= UNANSWERED_TYPE;
      if (!best || dot > best.score) best = { entry: p.entry, score: dot, matched: p.text };
    }
    return best;
  }

  /**
   * The phrasing names another thing than the question in the same frame: its weightiest word is
   * missing from the question, and the question's weightiest word is missing from it ("门诊一年最多能报多少"
   * against "医保一年最多能报多少钱"): the FAQ answers a narrower or another question.
   */
  private swapsTopic(q: Vec, p: Vec): boolean {
    const top = (v: Vec) => {
      let best = '';
      let w = 0;
      for (const [t, x] of v) if (t.startsWith('w:') && t.length > 3 && x > w) [best, w] = [t, x];
      return best;
    };
    const tq = top(q);
    const tp = top(p);
    return Boolean(tq && tp && !p.has(tq) && !q.has(tp));
  }

  /** Each side names a noun (two characters or more) the other lacks. */
  private swapsSubject(q: Vec, p: Vec): boolean {
    const nouns = (v: Vec) => [...v.keys()].filter((t) => t.startsWith('w:') && t.length > 3 && this.isNoun(t.slice(2)));
    return nouns(q).some((t) => !p.has(t)) && nouns(p).some((t) => !q.has(t));
  }

  private readonly nounCache = new Map<string, boolean>();
  private isNoun(w: string): boolean {
    let n = this.nounCache.get(w);
    if (n === undefined) {
      const tags = this.jieba.tag(w, false);
      n = tags.length === 1 && /^(n|nr|nrt|nrfg|ns|nt|nz|ng)$/u.test(tags[0]!.tag);
      this.nounCache.set(w, n);
    }
    return n;
  }

  /** The match when it reaches the threshold. */
  match(question: string, threshold: number): FaqMatch | null {
    const b = this.best(question);
    return b && b.score >= threshold ? b : null;
  }
}

/** What a question asks for: an amount, a time, a place, a way, who, or a yes/no. */
type Asks = 'amount' | 'time' | 'place' | 'how' | 'who' | 'yesno';
const ASKS: [Asks, RegExp][] = [
  ['time', /(什么时候|啥时候|何时|哪天|几号|几月|多久|多长时间|几天)/u],
  ['amount', /(多少|几(个|次|块|元|成|份|门|项)|标准|比例)/u],
  ['place', /(哪里|哪儿|在哪|去哪|到哪|哪家|哪个(医院|地方|单位))/u],
  ['how', /(怎么|咋|如何|流程|手续|要带)/u],
  ['who', /(谁|哪些人|什么人|啥人)/u],
  ['yesno', /([吗么][\s？?。!！]*$|能不能|可不可以|是不是|有没有|要不要|会不会|是否)/u],
];
/** Share of its similarity a phrasing that asks for something else keeps. */
const ASKS_MISMATCH = 0.9;
/** Share of its similarity an entry keeps whose answer lacks what the question asks for (an amount, a time, a place, an age). */
const UNANSWERED_TYPE = 0.8;
/** Share of its similarity a phrasing keeps that swaps the question's main word for another (门诊 for 医保). */
const SWAPPED_TOPIC = 0.9;
/** Share of its similarity a phrasing keeps whose focus (focusWord) differs from the question's, neither holding the other's. */
const SWAPPED_FOCUS = 0.9;
/** Share of its similarity a phrasing keeps when each side names a noun the other lacks (参观 / 离休干部 看病). */
const SWAPPED_SUBJECT = 0.9;

function asks(text: string): Asks | null {
  for (const [kind, re] of ASKS) if (re.test(text)) return kind;
  return null;
}
