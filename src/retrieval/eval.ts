/**
 * Retrieval and answer evaluation on JSONL sets (see ../shared/eval/README.md): document-level
 * recall@1/5/10 and MRR@10 for every method side by side, and the answer hit rate of the
 * extractive reply against a baseline.
 */
import { readFileSync } from 'node:fs';
import type { SourceDoc } from './chunker.js';
import { SearchIndex, SEARCH_METHODS, type SearchMethod, type BuildOptions } from './search-index.js';
import { extractAnswer, baselineAnswer } from './extractive.js';
import { DEFAULT_METHOD_FOR_ANSWERS } from './defaults.js';
import { citationOf } from './service.js';
import { answerBatch, type AnswerJob } from '../llm/batch-answers.js';
import type { Llm } from '../llm/types.js';

export interface EvalQuery {
  id: string;
  text: string;
  positives: string[];
  answers: string[];
}

export interface RetrievalMethodResult {
  name: string;
  queries: number;
  'recall@1': number;
  'recall@5': number;
  'recall@10': number;
  'mrr@10': number;
  p50_ms: number;
  p99_ms: number;
}

export interface RetrievalReport {
  default: SearchMethod;
  /** Who made the vectors of the vector methods: "hashed-tfidf" (offline) or the embedding model's id. */
  embedder?: string;
  methods: RetrievalMethodResult[];
}

export interface AnswerReport {
  default: string;
  /** `generated`: share of replies written by the model (the "llm" row only). */
  methods: { name: string; queries: number; answer_hit: number; generated?: number }[];
}

/** The method the assistant uses. */
export const DEFAULT_METHOD: SearchMethod = DEFAULT_METHOD_FOR_ANSWERS;

/** Reads a JSONL file (blank lines skipped). */
export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Reads an eval corpus as source documents. */
export function readCorpus(file: string): SourceDoc[] {
  return readJsonl<{ id: string; title?: string; text: string }>(file).map((d) => ({ id: d.id, title: d.title ?? '', text: d.text }));
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** Relevant document ids of a query: its positives plus every document containing a gold answer of 4+ characters. */
export function relevantDocs(q: EvalQuery, docs: SourceDoc[], squashed: string[]): Set<string> {
  const rel = new Set(q.positives);
  const answers = q.answers.map(squash).filter((a) => a.length >= 4);
  if (answers.length) docs.forEach((d, i) => answers.some((a) => squashed[i]!.includes(a)) && rel.add(d.id));
  return rel;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/** Builds an index over the corpus (vectors included). */
export function buildEvalIndex(corpus: SourceDoc[], opts: BuildOptions = {}): SearchIndex {
  return SearchIndex.build(corpus, opts);
}

/** Evaluates every method on the queries; `k` is the cut-off for recall@k/MRR (10). */
export function evalRetrieval(index: SearchIndex, corpus: SourceDoc[], queries: EvalQuery[], k = 10, methods: SearchMethod[] = SEARCH_METHODS): RetrievalReport {
  const rels = relevance(corpus, queries);
  const results = methods.map((method) => {
    // warm-up so the first query's lazy set-up is not counted
    index.searchDocs(queries[0]?.text ?? '', method, k);
    const runs = queries.map((q) => {
      const t0 = performance.now();
      const hits = index.searchDocs(q.text, method, Math.max(k, 10));
      return { hits, ms: performance.now() - t0 };
    });
    return scoreRuns(method, runs, rels, k);
  });
  return { default: DEFAULT_METHOD, methods: results };
}

/**
 * The same with the query vectors of the index's LLM embedder (EMBEDDING_MODEL): the vector methods
 * embed each question through the endpoint (its time counts in the latency), the others as above.
 */
export async function evalRetrievalAsync(index: SearchIndex, corpus: SourceDoc[], queries: EvalQuery[], k = 10, methods: SearchMethod[] = SEARCH_METHODS): Promise<RetrievalReport> {
  const rels = relevance(corpus, queries);
  const results: RetrievalMethodResult[] = [];
  for (const method of methods) {
    await index.searchDocsAsync(queries[0]?.text ?? '', method, k);
    const runs: { hits: { doc: { id: string } }[]; ms: number }[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      const hits = await index.searchDocsAsync(q.text, method, Math.max(k, 10));
      runs.push({ hits, ms: performance.now() - t0 });
    }
    results.push(scoreRuns(method, runs, rels, k));
  }
  return { default: DEFAULT_METHOD, methods: results };
}

function relevance(corpus: SourceDoc[], queries: EvalQuery[]): Set<string>[] {
  const squashed = corpus.map((d) => squash(`${d.title}${d.text}`));
  return queries.map((q) => relevantDocs(q, corpus, squashed));
}

function scoreRuns(name: string, runs: { hits: { doc: { id: string } }[]; ms: number }[], rels: Set<string>[], k: number): RetrievalMethodResult {
  let r1 = 0, r5 = 0, r10 = 0, mrr = 0;
  runs.forEach(({ hits }, qi) => {
    const rel = rels[qi]!;
    const rank = hits.findIndex((h) => rel.has(h.doc.id));
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0 && rank < Math.max(k, 10)) r10++;
    if (rank >= 0 && rank < k) mrr += 1 / (rank + 1);
  });
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  const n = runs.length || 1;
  return {
    name,
    queries: runs.length,
    'recall@1': round(r1 / n),
    'recall@5': round(r5 / n),
    'recall@10': round(r10 / n),
    'mrr@10': round(mrr / n),
    p50_ms: round(percentile(times, 50), 3),
    p99_ms: round(percentile(times, 99), 3),
  };
}

const goldsOf = (q: EvalQuery) => q.answers.map(squash).filter((a) => a.length > 0 && a.length <= 150);

/** Questions with a gold answer of at most 150 characters (the ones the answer figures count). */
export function answerableQueries(queries: EvalQuery[]): EvalQuery[] {
  return queries.filter((q) => goldsOf(q).length > 0);
}

/** Share of questions (gold answer <= 150 chars) whose reply, cut at maxChars, contains the gold answer. */
export function evalAnswers(index: SearchIndex, queries: EvalQuery[], maxChars = 300): AnswerReport {
  const usable = answerableQueries(queries);
  let hit = 0;
  let base = 0;
  for (const q of usable) {
    const golds = goldsOf(q);
    // the extractive answer may use the whole budget (the chat reply itself stays short, with 更多)
    const reply = squash(extractAnswer(index, q.text, { maxChars, fill: true }).text.slice(0, maxChars));
    const baseline = squash(baselineAnswer(index, q.text, maxChars).slice(0, maxChars));
    if (golds.some((g) => reply.includes(g))) hit++;
    if (golds.some((g) => baseline.includes(g))) base++;
  }
  const n = usable.length || 1;
  return {
    default: 'extractive',
    methods: [
      { name: 'bigram-bm25-window', queries: usable.length, answer_hit: round(base / n) },
      { name: 'extractive', queries: usable.length, answer_hit: round(hit / n) },
    ],
  };
}

/** The grounded-answer jobs of the questions: the top three passages and the extractive reply as the fallback. */
export function answerJobs(index: SearchIndex, queries: EvalQuery[], maxChars = 300): AnswerJob[] {
  return queries.map((q) => ({
    question: q.text,
    passages: index
      .searchDocs(q.text, DEFAULT_METHOD, 3)
      .filter((h) => h.best)
      .map((h) => ({ text: h.best!.chunk.text, source: citationOf(h.doc, h.best!.chunk.article) })),
    fallback: extractAnswer(index, q.text, { maxChars, fill: true }).text.slice(0, maxChars),
  }));
}

/** The "llm" row of `yinling eval answers`: grounded answers (the extractive reply where the model fails). */
export async function evalLlmAnswers(
  index: SearchIndex,
  queries: EvalQuery[],
  llm: Llm,
  maxChars = 300,
  concurrency = 4,
): Promise<{ name: string; queries: number; answer_hit: number; generated: number }> {
  const usable = answerableQueries(queries);
  const { texts, generated } = await answerBatch(llm, answerJobs(index, usable, maxChars), concurrency);
  let hit = 0;
  usable.forEach((q, i) => {
    const reply = squash(texts[i]!.slice(0, maxChars));
    if (goldsOf(q).some((g) => reply.includes(g))) hit++;
  });
  const n = usable.length || 1;
  return { name: 'llm', queries: usable.length, answer_hit: round(hit / n), generated: round(generated.filter(Boolean).length / n) };
}
