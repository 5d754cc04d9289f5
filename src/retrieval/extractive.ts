/**
 * Extractive answers without an LLM: find the best document, score its sentences by the query's
 * idf-weighted words and bigrams, and quote a window that starts at the best sentence.
 */
import type { Chunk } from './chunker.js';
import { splitSentences } from './chunker.js';
import type { AnalyzedQuery, IndexedDoc, SearchIndex, SearchMethod } from './search-index.js';
import { DEFAULT_METHOD_FOR_ANSWERS } from './defaults.js';
import { charBigrams } from './tokenizer.js';

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

/** Sentence scores are divided by length^0.3 so a long preamble that echoes every word does not win (dev: 0.685 -> 0.70). */
const LENGTH_DAMPING = 0.3;

interface Sentence {
  text: string;
  chunk: Chunk;
}

/** Score of a sentence: idf of the query words and (half weight) bigrams it contains. */
function sentenceScore(index: SearchIndex, q: AnalyzedQuery, text: string): number {
  let s = 0;
  const lower = text.toLowerCase();
  for (const w of q.words) if (lower.includes(w.term)) s += w.weight * index.fields.cw.idf(w.term);
  const grams = new Set(charBigrams(text));
  for (const b of q.bigrams) if (grams.has(b.term)) s += 0.5 * b.weight * index.fields.cb.idf(b.term);
  return s;
}

/** Sentences of a document with the chunk each belongs to. */
function docSentences(index: SearchIndex, doc: number): Sentence[] {
  return index.chunksOf(doc).flatMap((chunk) => splitSentences(chunk.text).map((text) => ({ text, chunk })));
}

/** Picks the window: from the best sentence forward while it fits in maxChars. */
function window(sentences: Sentence[], best: number, maxChars: number, maxSentences: number): { from: number; to: number } {
  let to = best;
  let len = sentences[best]!.text.length;
  while (to + 1 < sentences.length && to - best + 1 < maxSentences && len + sentences[to + 1]!.text.length <= maxChars) {
    to++;
    len += sentences[to]!.text.length;
  }
  return { from: best, to };
}

/** The extractive answer to a question (empty text when nothing matches). */
export function extractAnswer(
  index: SearchIndex,
  question: string,
  opts: { maxChars?: number; maxSentences?: number; method?: SearchMethod; moreChars?: number } = {},
): Extract {
  const maxChars = opts.maxChars ?? 300;
  const q = index.analyze(question);
  const hits = index.searchDocs(question, opts.method ?? DEFAULT_METHOD_FOR_ANSWERS, 1);
  const top = hits[0];
  if (!top) return { text: '', more: '', coverage: 0, query: q };
  const sentences = docSentences(index, top.index);
  if (sentences.length === 0) return { text: '', more: '', coverage: 0, query: q };
  let best = 0;
  let bestScore = -1;
  sentences.forEach((s, i) => {
    const sc = sentenceScore(index, q, s.text) / Math.pow(Math.max(s.text.length, 20), LENGTH_DAMPING);
    if (sc > bestScore) {
      bestScore = sc;
      best = i;
    }
  });
  const w = window(sentences, best, maxChars, opts.maxSentences ?? 99);
  let text = sentences.slice(w.from, w.to + 1).map((s) => s.text).join('');
  let cut = '';
  if (text.length > maxChars) {
    cut = text.slice(maxChars);
    text = text.slice(0, maxChars);
  }
  const chunk = sentences[best]!.chunk;
  // "更多": the rest of the same article (or heading section), capped
  const rest = sentences.slice(w.to + 1).filter((s) => s.chunk.article === chunk.article && s.chunk.path === chunk.path);
  const more = (cut + rest.map((s) => s.text).join('')).slice(0, opts.moreChars ?? 600);
  const coverage = index.coverage(q, `${top.doc.title} ${chunk.path} ${sentences.slice(Math.max(0, best - 1), w.to + 2).map((s) => s.text).join('')}`);
  return { text, more, doc: top.doc, docIndex: top.index, chunk, coverage, query: q };
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
