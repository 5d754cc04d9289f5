/**
 * Extractive answers without an LLM: find the best document, score its sentences by the query's
 * idf-weighted words and bigrams, and quote a window that starts at the best sentence.
 */
import type { Chunk } from './chunker.js';
import { splitSentences } from './chunker.js';
import type { AnalyzedQuery, IndexedDoc, SearchIndex, SearchMethod } from './search-index.js';
import { DEFAULT_METHOD_FOR_ANSWERS } from './defaults.js';
import { charBigrams, normalizeText } from './tokenizer.js';
import { DEFAULT_RERANK, docFeatures } from './rerank.js';
import { AGE_TYPE, ANSWER_TYPES, answersAsked, askingClause, focusWord, statesAsked, typeWordStated } from './answer-types.js';
import { onlyStatus } from './regions.js';

export { statesAsked, answersAsked } from './answer-types.js';

export interface Extract {
  /** The quoted sentences (at most maxChars). */
  text: string;
  /** The rest of the article after the quote, for "更多". */
  more: string;
  doc?: IndexedDoc;
  docIndex?: number;
  /** Chunk holding the first quoted sentence (its article is cited). */
  chunk?: Chunk;
  /** Share of the topic words found in the best document/chunk (relevance check). */
  coverage: number;
  /** The analysed query. */
  query?: AnalyzedQuery;
}

/**
 * How a sentence is chosen to start the quote. Its idf score (query words and bigrams it holds)
 * is divided by length^damping (a long preamble that echoes every word should not win; lengths
 * under `minLength` count as `minLength`, so a short signature line naming the issuer does not
 * win either), divided by the best such score in the document, and added to weighted proximity
 * features of the sentence with its successor (rerank.ts): longest common substring with the
 * question and adjacent question-word pairs in order.
 */
export interface AnswerParams {
  damping: number;
  minLength: number;
  wLcs: number;
  wPairs: number;
  wWin: number;
  /** Share of its score a purpose or interpretation clause keeps. */
  purpose: number;
  /** Bonus of a sentence that states what the question asks for (an amount, a time, a place, a way). */
  wType: number;
  /** Exponent of the in-document rarity of a query term (0: off). */
  local: number;
  /** Bonus of a sentence that names the alternative the question names (离休 or 退休 alone, 门诊 or 住院). */
  wStatus: number;
  /**
   * Bonus of a sentence holding the question's focus (focusWord: its last topic word, or a synonym),
   * times the focus's rarity among the document's sentences.
   */
  wFocus: number;
}

/** Chosen on the even-id half of the ncp-policy dev questions (docs/retrieval.md). */
export const DEFAULT_ANSWER_PARAMS: AnswerParams = { damping: 0.3, minLength: 20, wLcs: 2, wPairs: 1, wWin: 0, purpose: 0.3, wType: 0.4, local: 2, wStatus: 0.4, wFocus: 1.5 };

/**
 * Alternatives a rule is about one of, never both at once: 离休 or 退休 (alone, not inside 离退休),
 * 门诊 or 住院. A rule for one is no answer to a question about the other, though it shares every
 * other word ("门诊报销比例多少" is not answered by "住院的报销比例为…").
 */
const STATUS_PAIR = /(?<!离)(离休|退休)(?!休)/gu;
const ALTERNATIVES = [STATUS_PAIR, /(门诊|住院)/gu];

/**
 * For each pair of alternatives the question names one of: +1 when the sentence names that one too
 * ("退休的有交通费吗" is answered by the article on 退休干部, not by one on 离退休干部 in general); -1 when
 * it names only the other one of any pair (a 住院 rule does not answer a 门诊 question about 退休干部).
 */
function namesAlternative(question: string, sentence: string, skip?: RegExp): number {
  let score = 0;
  for (const re of ALTERNATIVES) {
    if (re === skip) continue;
    const asked = new Set([...question.matchAll(re)].map((m) => m[1]));
    if (asked.size !== 1) continue;
    const [status] = asked;
    const named = new Set([...sentence.matchAll(re)].map((m) => m[1]));
    if (named.has(status)) score += 1;
    // a general rule with an exception for the other one in a later clause ("学费为每门课程每学期200元，
    // 离休干部免收学费") still answers the question
    else if (named.size > 0 && [...sentence.split(/[，,；;：:]/u)[0]!.matchAll(re)].length > 0) return -1;
  }
  return score;
}

/** An article quoted whole from its start when its best sentence is not the first (the chat reply's length). */
const SHORT_ARTICLE = 120;

/** Share of its score a sentence keeps that names only the other alternative (as statusConflict for documents). */
const OTHER_ALTERNATIVE = 0.3;

/** Weight of the follow-up's own words in choosing the sentence (the question's words count 1 in all). */
const FOLLOW_UP_FOCUS = 1;


/**
 * The purpose, interpretation or commencement clause of a regulation ("为做好…，制定本办法。", "本办法由…负责
 * 解释。", "本办法自…起施行。"): it repeats the title's words, so it matches every question about the
 * document, and answers none.
 */
const PURPOSE_CLAUSE = /^(第[一二三四五六七八九十百零]+条\s*)?((为了?|根据|依据|按照).{2,120}(制定|制订|特制定)本(办法|规定|制度|细则|条例|方案|意见|规则|须知|守则)|本(办法|规定|制度|细则|条例|方案|规则)由.{1,30}(负责)?解释|本(办法|规定|制度|细则|条例|方案|规则)自.{4,16}起施行)/u;
/** The scope clause ("本办法适用于…"): it answers only a question about whom the rules cover. */
const SCOPE_CLAUSE = /^(第[一二三四五六七八九十百零]+条\s*)?本(办法|规定|制度|细则|条例|方案|规则)适用于/u;
const ASKS_SCOPE = /(适用|哪些人|什么人|啥人|谁|范围|对象)/u;
/** The definition clause ("本办法所称退休费，即…"): it answers only a question about what a word means. */
const DEFINITION_CLAUSE = /^(第[一二三四五六七八九十百零]+条\s*)?本(办法|规定|制度|细则|条例|方案|规则)所称/u;
const ASKS_MEANING = /(什么是|是什么|啥是|是啥|指什么|指的是|什么意思|啥意思|包括哪些|算不算)/u;

/**
 * A headline glued to the start of a document's text ("解燃“煤”之急 山西煤炭企业加快复工复产 新华社太原…"):
 * at least 12 characters without a space or a comma/full stop, then a space. Plain-text imports and
 * the shared eval corpora carry their title this way.
 */
const GLUED_TITLE = /^[^\s，。,]{12,60}\s+/;

/**
 * The text a sentence is scored on: the document's first sentence without a glued headline. The
 * headline repeats the question's topic words, so the opening sentence won on them although the
 * answer lies further on; a short title (a name, as in a Wikipedia passage) is kept.
 */
export function scoringText(text: string, first: boolean): string {
  if (!first) return text;
  const rest = text.replace(GLUED_TITLE, '');
  return rest || text;
}

interface Sentence {
  text: string;
  chunk: Chunk;
}

/**
 * Score of a sentence: idf of the query words and (half weight) bigrams it contains. A synonym group
 * counts once: a sentence that holds the question's own word (体检) gets nothing more for the group's
 * other terms (健康体检, and its pieces 健康, 康体); one that holds only another term of the group
 * (检查身体) gets half of that term's idf. Otherwise the sentence that says 健康体检 would outscore
 * the one that answers "体检在哪个医院" on the concept the question names once.
 */
function sentenceScore(index: SearchIndex, q: AnalyzedQuery, text: string, local?: Map<string, number>): number {
  let s = 0;
  const lower = text.toLowerCase();
  const expanded = q.expanded;
  const lw = (t: string) => local?.get(t) ?? 1;
  for (const w of q.words) {
    if (!expanded?.has(w.term) && (lower.includes(w.term) || typeWordStated(w.term, text))) s += w.weight * index.fields.cw.idf(w.term) * lw(w.term);
  }
  const grams = new Set(charBigrams(text));
  for (const b of q.bigrams) if (!expanded?.has(b.term) && grams.has(b.term)) s += 0.5 * b.weight * index.fields.cb.idf(b.term) * lw(b.term);
  if (!expanded) return s;
  const sw = index.params.synonymWeight;
  for (const g of q.synonymGroups ?? []) {
    if (g.present.some((t) => lower.includes(t))) continue;
    let best = 0;
    for (const t of g.others) if (lower.includes(t)) best = Math.max(best, index.fields.cw.idf(t));
    s += sw * best;
  }
  return s;
}

/**
 * How rare each query term is among the document's sentences, relative to a term found in one
 * sentence (1), to the power `exponent`: a term in every sentence (the document's own subject,
 * 老年大学 in the senior-university rules) tells little about which sentence answers.
 */
function localRarity(q: AnalyzedQuery, sentences: string[], exponent: number): Map<string, number> {
  const lower = sentences.map((t) => t.toLowerCase());
  const out = new Map<string, number>();
  for (const t of [...q.words, ...q.bigrams]) {
    if (out.has(t.term)) continue;
    out.set(t.term, rarity(lower.reduce((c, s) => c + (s.includes(t.term) ? 1 : 0), 0), sentences.length, exponent));
  }
  return out;
}

/** In-document rarity of something found in `df` of `n` sentences, relative to one sentence (1). */
function rarity(df: number, n: number, exponent: number): number {
  const idf = (d: number) => Math.log(1 + (n - d + 0.5) / (d + 0.5));
  const one = idf(1);
  return df <= 1 || one <= 0 ? 1 : Math.pow(idf(df) / one, exponent);
}

/**
 * The focus of a question (focusWord in answer-types.ts) with the other terms of its synonym group:
 * the sentence that answers holds it, while the subject and the condition also turn up in
 * sentences that answer something else — the list naming the event, the rule on who may propose.
 */
export function focusTerms(q: AnalyzedQuery): string[] {
  const word = focusWord(q.topicWords);
  if (!word) return [];
  return [word, ...(q.synonymGroups ?? []).filter((g) => g.present.includes(word)).flatMap((g) => g.others)];
}

const FULL_SENTENCE = /[^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*|$)/g;

/** Sentences ending at 。！？ only: a clause after ； belongs to its sentence (lists of items stay whole). */
export function fullSentences(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(FULL_SENTENCE)) {
    const s = m[0].trim();
    if (s) out.push(s);
  }
  return out;
}

/** Sentences of a document with the chunk each belongs to. */
function docSentences(index: SearchIndex, doc: number, split: (t: string) => string[] = splitSentences): Sentence[] {
  return index.chunksOf(doc).flatMap((chunk) => split(chunk.text).map((text) => ({ text, chunk })));
}

/**
 * Same article: a quote stays inside the article it cites. Text outside articles (a preamble, or a
 * document without any, as in the shared eval corpora) is one section, headings notwithstanding.
 */
function sameArticle(a: Chunk, b: Chunk): boolean {
  return a.article === b.article;
}

/** Same article and heading path: what "更多" continues with. */
function sameSection(a: Chunk, b: Chunk): boolean {
  return a.article === b.article && a.path === b.path;
}

/**
 * Picks the window: from the best sentence forward while it fits in maxChars; with `article`, it
 * stops before the first sentence of another article.
 */
function window(sentences: Sentence[], best: number, maxChars: number, maxSentences: number, article = false): { from: number; to: number } {
  let to = best;
  let len = sentences[best]!.text.length;
  const home = sentences[best]!.chunk;
  while (
    to + 1 < sentences.length &&
    to - best + 1 < maxSentences &&
    len + sentences[to + 1]!.text.length <= maxChars &&
    (!article || sameArticle(home, sentences[to + 1]!.chunk))
  ) {
    to++;
    len += sentences[to]!.text.length;
  }
  return { from: best, to };
}

/** The extractive answer to a question (empty text when nothing matches). */
export function extractAnswer(
  index: SearchIndex,
  question: string,
  opts: { maxChars?: number; maxSentences?: number; method?: SearchMethod; moreChars?: number; params?: Partial<AnswerParams>;
    /** Fill maxChars completely (whole sentences, then the start of the next ones); the eval's view of a long reply. */
    fill?: boolean;
    /**
     * A follow-up ("那钱打到哪" after "退休费今年涨多少"): the question is the previous one with the
     * follow-up's words; `focus` is the follow-up alone, whose words choose the sentence, and `avoid`
     * marks the chunks already quoted, which keep half their score (a follow-up asks for something
     * the answer before did not say). `docId`: the document of the answer before, kept when it is
     * among the first ten.
     */
    followUp?: { focus: string; avoid?: (chunk: Chunk) => boolean; docId?: string };
  } = {},
): Extract {
  const ap = { ...DEFAULT_ANSWER_PARAMS, ...opts.params };
  const maxChars = opts.maxChars ?? 300;
  const q = index.analyze(question);
  // a follow-up stays in the document of the answer before it when that one is among the first ten
  const stay = opts.followUp?.docId;
  const hits = index.searchDocs(question, opts.method ?? DEFAULT_METHOD_FOR_ANSWERS, stay ? 10 : 1);
  const hit = (stay && hits.find((h) => h.doc.id === stay)) || hits[0];
  if (!hit) return { text: '', more: '', coverage: 0, query: q };
  const sentences = docSentences(index, hit.index, fullSentences);
  if (sentences.length === 0) return { text: '', more: '', coverage: 0, query: q };
  const view = sentences.map((s, i) => scoringText(s.text, i === 0));
  const local = ap.local ? localRarity(q, view, ap.local) : undefined;
  const base = view.map((t) => sentenceScore(index, q, t, local) / Math.pow(Math.max(t.length, ap.minLength), ap.damping));
  const top = Math.max(...base) || 1;
  const focus = opts.followUp ? index.analyze(opts.followUp.focus) : undefined;
  const focusBase = focus ? view.map((t) => sentenceScore(index, focus, t, local) / Math.pow(Math.max(t.length, ap.minLength), ap.damping)) : undefined;
  const focusTop = focusBase ? Math.max(...focusBase) || 1 : 1;
  // what is asked for (an amount, a place …): the follow-up's own question when it asks one ("那钱打到哪")
  const asked = opts.followUp && ANSWER_TYPES.some((t) => t.asks.test(opts.followUp!.focus)) ? opts.followUp.focus : question;
  // a follow-up asking for an amount, a time, a place or an age ("我才五十八能上不") asks for that: when a
  // sentence of the document states one, the sentences that do not keep half their score
  const focusChecks = asked !== question && view.some((t) => answersAsked(asked, t) === true);
  // an age said or asked ("我九十一了…", "多大岁数能上"): the sentences stating an age limit are the rules
  // for it, when the document has one
  const ageChecks = !focusChecks && AGE_TYPE.asks.test(question) && view.some((t) => AGE_TYPE.states.test(t));
  // the document is the other status's rules ("退休的能申请护理费不" in 《离休干部护理费发放办法》): the
  // sentence saying whom they are for is the answer, not one to pass over
  const docStatus = onlyStatus(hit.doc.title);
  const otherRules = docStatus !== null && onlyStatus(question) !== null && docStatus !== onlyStatus(question);
  const useFeatures = ap.wLcs > 0 || ap.wPairs > 0 || ap.wWin > 0;
  const profile = useFeatures ? index.queryProfile(q) : undefined;
  // the focus (focusTerms) counts by its rarity in the document: 退休金 in the pension rules is in
  // every sentence and says nothing about which one answers
  // a follow-up's focus is its own ("那通讯费呢"), never the question before it
  // … and is read in the clause that asks ("老伴能领多少抚恤金", not the "老伴没工作" after it)
  const askedText = opts.followUp?.focus ?? question;
  const asking = askingClause(askedText);
  const aboutTerms = ap.wFocus ? focusTerms(asking === askedText.trim() ? (focus ?? q) : index.analyze(asking)) : [];
  const holdsFocus = view.map((t) => aboutTerms.length > 0 && aboutTerms.some((f) => t.toLowerCase().includes(f)));
  const focusWeight = ap.wFocus * rarity(holdsFocus.filter(Boolean).length, view.length, ap.local || 1);
  // naming the asked alternative (离休) tells sentences apart only where some sentence names the other one
  const distinguishes = view.some((t) => namesAlternative(question, t, otherRules ? STATUS_PAIR : undefined) < 0);
  let best = 0;
  let bestScore = -1;
  sentences.forEach((_s, i) => {
    let sc = base[i]! / top;
    if (holdsFocus[i] && base[i]! > 0) sc += focusWeight;
    if (profile && base[i]! > 0) {
      const [win, lcs, pairs] = docFeatures(profile, normalizeText(view[i]!), DEFAULT_RERANK) as [number, number, number];
      sc += ap.wWin * win + ap.wLcs * lcs + ap.wPairs * pairs;
    }
    if (ap.wType && (base[i]! > 0 || focusChecks)) sc += ap.wType * statesAsked(asked, view[i]!);
    if (focusChecks && answersAsked(asked, view[i]!) === false) sc *= 0.5;
    if (ageChecks && !AGE_TYPE.states.test(view[i]!)) sc *= 0.5;
    const named = ap.wStatus && base[i]! > 0 ? namesAlternative(question, view[i]!, otherRules ? STATUS_PAIR : undefined) : 0;
    const alt = named > 0 && !distinguishes ? 0 : named;
    if (alt > 0) sc += ap.wStatus * alt;
    else if (alt < 0) sc *= OTHER_ALTERNATIVE;
    if (focusBase) sc += FOLLOW_UP_FOCUS * (focusBase[i]! / focusTop);
    const clause = view[i]!.trim();
    if (PURPOSE_CLAUSE.test(clause) || (SCOPE_CLAUSE.test(clause) && !ASKS_SCOPE.test(question)) || (DEFINITION_CLAUSE.test(clause) && !ASKS_MEANING.test(question))) sc *= ap.purpose;
    // the article just quoted keeps half, unless it states what the follow-up asks for ("那一年能给几回"
    // after a quote that said 每年最多慰问两次: the answer was there, and is the answer again)
    // … or names the follow-up's own focus and states what the question asks ("那通讯费呢" after the
    // 交通费 amount: the sentence quoted gave both amounts)
    if (opts.followUp?.avoid?.(sentences[i]!.chunk) && !((asked === opts.followUp.focus || holdsFocus[i]) && statesAsked(asked, view[i]!))) sc *= 0.5;
    if (sc > bestScore) {
      bestScore = sc;
      best = i;
    }
  });
  // a short article (numbered, as the sample base writes them) is quoted from its start: its first
  // sentence states the rule the later ones go on about ("见面不少于2次。见面一般安排在春节…")
  if (sentences[best]!.chunk.article) {
    let from = best;
    while (from > 0 && sameArticle(sentences[from - 1]!.chunk, sentences[best]!.chunk)) from--;
    let to = best;
    while (to + 1 < sentences.length && sameArticle(sentences[to + 1]!.chunk, sentences[best]!.chunk)) to++;
    const length = sentences.slice(from, to + 1).reduce((n, x) => n + x.text.length, 0);
    if (from < best && length <= SHORT_ARTICLE) best = from;
  }
  const chunk = sentences[best]!.chunk;
  // The quote never leaves the article of its first sentence: that article is the one cited.
  // Without articles (plain-text corpora) this is the whole document, as before.
  const w = window(sentences, best, maxChars, opts.maxSentences ?? 99, true);
  // the end of the article holding the quote
  let end = w.to;
  while (end + 1 < sentences.length && sameArticle(chunk, sentences[end + 1]!.chunk)) end++;
  let text = sentences.slice(w.from, w.to + 1).map((s) => s.text).join('');
  if (opts.fill && w.to < end && text.length < maxChars) {
    // use the whole budget: the start of the next sentences of the article, up to maxChars
    text += sentences.slice(w.to + 1, end + 1).map((s) => s.text).join('').slice(0, maxChars - text.length);
    w.to = end;
  }
  let cut = '';
  if (text.length > maxChars) {
    cut = text.slice(maxChars);
    text = text.slice(0, maxChars);
  }
  // "更多": the rest of the same article (or heading section), capped
  const rest = sentences.slice(w.to + 1, end + 1).filter((s) => sameSection(chunk, s.chunk));
  const more = (cut + rest.map((s) => s.text).join('')).slice(0, opts.moreChars ?? 600);
  // The relevance check reads the same text around the best sentence as before the article stop.
  const span = window(sentences, best, maxChars, opts.maxSentences ?? 99);
  const spanText = sentences.slice(span.from, span.to + 1).map((s) => s.text).join('');
  const spanTo = opts.fill && spanText.length < maxChars ? sentences.length - 1 : span.to;
  const coverage = index.coverage(q, `${hit.doc.title} ${chunk.path} ${sentences.slice(Math.max(0, best - 1), spanTo + 2).map((s) => s.text).join('')}`, index.docTexts[hit.index]);
  return { text, more, doc: hit.doc, docIndex: hit.index, chunk, coverage, query: q };
}

/** Baseline: bigram-BM25 top document, the sentence window with the most query bigrams. */
export function baselineAnswer(index: SearchIndex, question: string, maxChars = 300): string {
  const top = index.searchDocs(question, 'bigram-bm25', 1)[0];
  if (!top) return '';
  const sentences = docSentences(index, top.index);
  if (sentences.length === 0) return '';
  const qGrams = new Set(charBigrams(question));
  let best = 0;
  let bestScore = -1;
  sentences.forEach((s, i) => {
    const sc = charBigrams(s.text).filter((g) => qGrams.has(g)).length;
    if (sc > bestScore) {
      bestScore = sc;
      best = i;
    }
  });
  const w = window(sentences, best, maxChars, 99);
  return sentences.slice(w.from, w.to + 1).map((s) => s.text).join('');
}
