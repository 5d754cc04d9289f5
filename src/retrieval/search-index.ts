/**
 * The policy search index: BM25 fields over jieba words and character bigrams at chunk and
 * document level, a hashed tf-idf vector index (hnswlib-node), and the ranking methods built on
 * them: the plain bigram BM25 baseline, "bm25", "vector" and "hybrid" (reciprocal-rank fusion).
 */
import type { Jieba } from '@node-rs/jieba';
import hnswlib from 'hnswlib-node';
import { Bm25Builder, Bm25Index, mergeTerms, type Bm25Params, type QueryTerm } from './bm25.js';
import { chunkDocument, type Chunk, type SourceDoc } from './chunker.js';
import { HashedTfidfEmbedder, hashVector } from './embedder.js';
import { reciprocalRankFusion, topK, type Ranked } from './fusion.js';
import { DEFAULT_RERANK, docFeatures, headingBigrams, itemHeadings, itemHeadMatch, queryProfile, topicBigrams, type QueryProfile, type RerankParams } from './rerank.js';
import { onlyStatus, regionConflict, regionsIn, statusConflict } from './regions.js';
import { focusWord, typeWordStated } from './answer-types.js';
import { Synonyms } from './synonyms.js';
import type { LlmEmbedder } from '../llm/types.js';
import { charBigrams, getJieba, normalizeText, searchTokens, stripQuestionWords, wordTokens } from './tokenizer.js';

export type SearchMethod = 'bigram-bm25' | 'bm25' | 'rerank' | 'vector' | 'hybrid' | 'rerank-vector';
export const SEARCH_METHODS: SearchMethod[] = ['bigram-bm25', 'bm25', 'rerank', 'vector', 'hybrid', 'rerank-vector'];
/** The methods that read the vector index. */
const VECTOR_METHODS = new Set<SearchMethod>(['vector', 'hybrid', 'rerank-vector']);

/** A document as the index keeps it (text kept for answers and for the "contains" relevance). */
export interface IndexedDoc {
  id: string;
  title: string;
  meta?: Record<string, string>;
  file?: string;
}

export interface ChunkHit {
  chunk: Chunk;
  score: number;
}

export interface DocHit {
  doc: IndexedDoc;
  /** Index of the document. */
  index: number;
  score: number;
  /** The best chunk of the document for this query. */
  best?: ChunkHit;
}

/** Tunable weights; the defaults were chosen on the shared dev sets (see docs/retrieval.md). */
export interface RankingParams {
  chunkParams: Bm25Params;
  docParams: Bm25Params;
  /** chunk field weights */
  wWord: number;
  wBigram: number;
  wTitle: number;
  /** document-level (whole text) weight added to the chunk aggregate */
  wDoc: number;
  /** share of the 2nd..4th best chunk scores added to the best */
  sumBonus: number;
  /** weight of query terms added by synonym expansion */
  synonymWeight: number;
  /** weight of a question word that is part of a longer question word (蒙古 in 内蒙古) */
  subWordWeight: number;
  /** hybrid: RRF k and weight of the vector ranking */
  rrfK: number;
  vectorWeight: number;
  dim: number;
  /** second stage of the 'rerank' method */
  rerank: RerankParams;
}

export const DEFAULT_PARAMS: RankingParams = {
  chunkParams: { k1: 1.2, b: 0.75 },
  docParams: { k1: 1.2, b: 0.75 },
  wWord: 1,
  wBigram: 1,
  wTitle: 0.25,
  wDoc: 1,
  sumBonus: 0.1,
  synonymWeight: 0.5,
  subWordWeight: 0.5,
  rrfK: 60,
  vectorWeight: 0.5,
  dim: 512,
  rerank: DEFAULT_RERANK,
};

/** The analysed query: weighted word and bigram terms. */
export interface AnalyzedQuery {
  words: QueryTerm[];
  bigrams: QueryTerm[];
  /** The topic words (no question words, no stop words) used for the relevance check. */
  topicWords: string[];
  /** The question without its question phrasing and punctuation (normalised). */
  topic: string;
  /** Terms only synonym expansion added (words and bigrams), and the synonym groups the question touches. */
  expanded?: Set<string>;
  synonymGroups?: { present: string[]; others: string[] }[];
  /** Places the base never names where the asker is or goes (去深圳住, 在海南): to the base, 外地. */
  away?: Set<string>;
}

export interface BuildOptions {
  jieba?: Jieba;
  synonyms?: Synonyms;
  params?: Partial<RankingParams>;
  chunkChars?: number;
  /** Skip the vector index (eval of BM25 only, or tests). */
  vectors?: boolean;
  onProgress?: (done: number, total: number, stage: string) => void;
}

/** Everything needed to rebuild the index object from disk. */
export interface IndexParts {
  docs: IndexedDoc[];
  docTexts: string[];
  chunks: Chunk[];
  fields: Record<FieldName, Bm25Index>;
  chunkDoc: Uint32Array;
  vectors?: hnswlib.HierarchicalNSW;
  params: RankingParams;
  /** Who made the vectors: OFFLINE_EMBEDDER, an LLM embedder's id, or NO_VECTORS. */
  embedderId?: string;
}

/** The embedder id of the built-in hashed tf-idf vectors. */
export const OFFLINE_EMBEDDER = 'hashed-tfidf';
/** The embedder id of an index without vectors (the LLM embedder failed: BM25 only). */
export const NO_VECTORS = 'none';

export type FieldName = 'cw' | 'cb' | 'ct' | 'dw' | 'db';
export const FIELD_NAMES: FieldName[] = ['cw', 'cb', 'ct', 'dw', 'db'];

/** Title + heading path + article label of a chunk (its "title" field). */
export function chunkHeading(doc: IndexedDoc, chunk: Chunk): string {
  return [doc.title, chunk.path, chunk.article].filter(Boolean).join(' ');
}

export class SearchIndex {
  readonly docs: IndexedDoc[];
  readonly docTexts: string[];
  readonly chunks: Chunk[];
  readonly fields: Record<FieldName, Bm25Index>;
  readonly chunkDoc: Uint32Array;
  readonly params: RankingParams;
  vectors?: hnswlib.HierarchicalNSW;
  /** Who made `vectors` (see OFFLINE_EMBEDDER); a saved index built with another embedder is rebuilt. */
  embedderId: string;
  /** The LLM embedder that made the vectors, for query vectors (searchDocsAsync). */
  private external?: LlmEmbedder;
  private readonly embedder: HashedTfidfEmbedder;
  private jieba: Jieba;
  synonyms: Synonyms;
  private readonly chunkScores: Float32Array;
  private readonly chunkSeen: Uint8Array;
  private readonly docScores: Float32Array;
  private readonly docSeen: Uint8Array;
  private readonly docBest: Int32Array;

  constructor(parts: IndexParts, opts: { jieba?: Jieba; synonyms?: Synonyms } = {}) {
    this.docs = parts.docs;
    this.docTexts = parts.docTexts;
    this.chunks = parts.chunks;
    this.fields = parts.fields;
    this.chunkDoc = parts.chunkDoc;
    // the rerank weights are query-time settings: an index saved by an older version uses the current ones
    this.params = { ...parts.params, rerank: parts.params.rerank ?? DEFAULT_RERANK };
    this.vectors = parts.vectors;
    this.embedderId = parts.embedderId ?? OFFLINE_EMBEDDER;
    this.jieba = opts.jieba ?? getJieba();
    this.synonyms = opts.synonyms ?? new Synonyms([]);
    this.embedder = new HashedTfidfEmbedder(this.params.dim, (t) => this.features(t));
    this.chunkScores = new Float32Array(this.chunks.length);
    this.chunkSeen = new Uint8Array(this.chunks.length);
    this.docScores = new Float32Array(this.docs.length);
    this.docSeen = new Uint8Array(this.docs.length);
    this.docBest = new Int32Array(this.docs.length).fill(-1);
    // what the rerank stage reads of every chunk (normalised text, item headings) is prepared once
    // here (about 10 ms per 1,000 chunks), so the first questions are as fast as the later ones
    for (let i = 0; i < this.chunks.length; i++) this.headingsOf(i);
  }

  /** Chunks, tokenises and indexes documents. */
  static build(sources: SourceDoc[], opts: BuildOptions = {}): SearchIndex {
    const params = { ...DEFAULT_PARAMS, ...opts.params };
    const jieba = opts.jieba ?? getJieba();
    const progress = opts.onProgress ?? (() => {});
    const docs: IndexedDoc[] = [];
    const docTexts: string[] = [];
    const chunks: Chunk[] = [];
    const chunkDocList: number[] = [];
    const chunkTerms: { words: string[]; grams: string[] }[] = [];
    const builders = Object.fromEntries(FIELD_NAMES.map((f) => [f, new Bm25Builder()])) as Record<FieldName, Bm25Builder>;
    sources.forEach((src, di) => {
      const doc: IndexedDoc = { id: src.id, title: src.title, ...(src.meta ? { meta: src.meta } : {}), ...(src.file ? { file: src.file } : {}) };
      docs.push(doc);
      docTexts.push(src.text);
      const full = `${src.title} ${src.text}`;
      builders.dw.add(searchTokens(full, jieba));
      builders.db.add(charBigrams(full));
      for (const c of chunkDocument(src, { maxChars: opts.chunkChars ?? 400 })) {
        c.id = chunks.length;
        chunks.push(c);
        chunkDocList.push(di);
        const words = searchTokens(c.text, jieba);
        const grams = charBigrams(c.text);
        builders.cw.add(words);
        builders.cb.add(grams);
        const heading = chunkHeading(doc, c);
        const headWords = searchTokens(heading, jieba);
        const headGrams = charBigrams(heading);
        builders.ct.add([...headWords, ...headGrams]);
        chunkTerms.push({ words: [...headWords, ...words], grams: [...headGrams, ...grams] });
      }
      if (di % 20 === 0 || di === sources.length - 1) progress(di + 1, sources.length, 'tokenize');
    });
    const fields = {
      cw: builders.cw.build(params.chunkParams),
      cb: builders.cb.build(params.chunkParams),
      ct: builders.ct.build(params.chunkParams),
      dw: builders.dw.build(params.docParams),
      db: builders.db.build(params.docParams),
    };
    const index = new SearchIndex({ docs, docTexts, chunks, fields, chunkDoc: Uint32Array.from(chunkDocList), params }, { jieba, ...(opts.synonyms ? { synonyms: opts.synonyms } : {}) });
    if (opts.vectors !== false) index.buildVectors(progress, chunkTerms);
    return index;
  }

  /** Builds the hnswlib index over the chunk vectors. */
  buildVectors(progress: (done: number, total: number, stage: string) => void = () => {}, terms?: { words: string[]; grams: string[] }[]): void {
    const n = this.chunks.length;
    const hnsw = new hnswlib.HierarchicalNSW('cosine', this.params.dim);
    hnsw.initIndex({ maxElements: Math.max(n, 1), m: 16, efConstruction: 64, randomSeed: 42 });
    for (let i = 0; i < n; i++) {
      const c = this.chunks[i]!;
      // tokens from the BM25 build are reused: tokenising twice doubled the build time
      const t = terms?.[i];
      const v = t ? hashVector(this.termFeatures(t.words, t.grams), this.params.dim) : this.embedder.embedOne(`${chunkHeading(this.docs[this.chunkDoc[i]!]!, c)} ${c.text}`);
      hnsw.addPoint(Array.from(v), i);
      if (i % 500 === 0 || i === n - 1) progress(i + 1, n, 'vectors');
    }
    hnsw.setEf(64);
    this.vectors = hnsw;
    this.embedderId = OFFLINE_EMBEDDER;
  }

  /**
   * Replaces the vectors with an LLM embedder's (chunk heading + text); false when the endpoint
   * failed, and the index then has no vectors (BM25 only). Query vectors come from the same
   * embedder in searchDocsAsync.
   */
  async useEmbedder(embedder: LlmEmbedder, progress: (done: number, total: number, stage: string) => void = () => {}): Promise<boolean> {
    const texts = this.chunks.map((c, i) => `${chunkHeading(this.docs[this.chunkDoc[i]!]!, c)} ${c.text}`);
    progress(0, texts.length, 'vectors');
    const vectors = texts.length ? await embedder.embed(texts) : [];
    if (!vectors || vectors.length !== texts.length || (texts.length && !vectors[0]!.length)) {
      this.vectors = undefined;
      this.external = undefined;
      this.embedderId = NO_VECTORS;
      return false;
    }
    const dim = vectors[0]?.length ?? 1;
    const hnsw = new hnswlib.HierarchicalNSW('cosine', dim);
    hnsw.initIndex({ maxElements: Math.max(texts.length, 1), m: 16, efConstruction: 64, randomSeed: 42 });
    vectors.forEach((v, i) => hnsw.addPoint(Array.from(v), i));
    hnsw.setEf(64);
    progress(texts.length, texts.length, 'vectors');
    this.vectors = hnsw;
    this.external = embedder;
    this.embedderId = embedder.id;
    return true;
  }

  /** Attaches the LLM embedder of a loaded index (its id must be the one the vectors were made with). */
  attachEmbedder(embedder: LlmEmbedder): void {
    if (embedder.id === this.embedderId) this.external = embedder;
  }

  /**
   * searchDocs with the query vector from the LLM embedder when the vectors are its own; when the
   * embedder fails (null), the vector methods fall back to the lexical ranking.
   */
  async searchDocsAsync(query: string, method: SearchMethod = 'hybrid', k = 10): Promise<DocHit[]> {
    if (!this.external || !VECTOR_METHODS.has(method)) return this.searchDocs(query, method, k);
    const v = (await this.external.embed([stripQuestionWords(query)]))?.[0];
    if (!v) return this.searchDocs(query, 'rerank', k);
    return this.searchDocs(query, method, k, v);
  }

  /** Idf-weighted, sublinear-tf features of a text (words, plus bigrams at half weight). */
  private features(text: string): Map<string, number> {
    return this.termFeatures(searchTokens(text, this.jieba), charBigrams(text));
  }

  private termFeatures(words: string[], grams: string[]): Map<string, number> {
    const out = new Map<string, number>();
    const add = (terms: string[], field: Bm25Index, scale: number, prefix: string) => {
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) out.set(prefix + t, scale * (1 + Math.log(n)) * field.idf(t));
    };
    add(words, this.fields.cw, 1, 'w:');
    add(grams, this.fields.cb, 0.5, 'b:');
    return out;
  }

  /** Query analysis: question words stripped, stop words removed, synonyms added at lower weight. */
  analyze(query: string): AnalyzedQuery {
    const topic = stripQuestionWords(query);
    const topicWords = wordTokens(topic, { stopWords: true, jieba: this.jieba });
    // search mode gives 内蒙古 and its sub-words 内蒙, 蒙古: a sub-word of a longer question word
    // counts at subWordWeight, so a long name is not counted three times
    const tokens = searchTokens(topic, this.jieba);
    const sub = this.params.subWordWeight ?? DEFAULT_PARAMS.subWordWeight;
    const words: QueryTerm[] = tokens.map((term) => ({ term, weight: tokens.some((o) => o.length > term.length && o.includes(term)) ? sub : 1 }));
    // jieba's dictionary glues a modal to a verb (能报, 能带, 可退): when the base never uses the pair,
    // the verb alone is searched too (报 meets 报读 and 报名), at the sub-word weight
    for (const t of tokens) {
      if (MODAL_VERB.test(t) && this.fields.dw.df(t) === 0 && !tokens.includes(t[1]!)) words.push({ term: t[1]!, weight: sub });
    }
    const bigrams: QueryTerm[] = charBigrams(topic).map((term) => ({ term, weight: 1 }));
    const sw = this.params.synonymWeight;
    // a synonym adds only terms the question lacks (老伴儿 must not count 老伴 a second time)
    const haveWords = new Set(words.map((w) => w.term));
    const haveGrams = new Set(bigrams.map((b) => b.term));
    for (const extra of this.synonyms.expand(topic)) {
      for (const term of searchTokens(extra, this.jieba)) {
        // a synonym that jieba cuts into single characters (报消 -> 报, 消) adds only noise
        if (!haveWords.has(term) && [...term].length >= 2) words.push({ term, weight: sw });
        haveWords.add(term);
      }
      for (const term of charBigrams(extra)) {
        if (!haveGrams.has(term)) bigrams.push({ term, weight: sw });
        haveGrams.add(term);
      }
    }
    // a place the base never names, where the asker is or goes, is somewhere else (外地) to the base
    const away = this.placesAway(topic, topicWords);
    for (const w of away) {
      for (const extra of ELSEWHERE.filter((e) => this.fields.dw.df(e) > 0)) {
        if (!haveWords.has(extra)) words.push({ term: extra, weight: sw });
        haveWords.add(extra);
        for (const term of charBigrams(extra)) {
          if (!haveGrams.has(term)) bigrams.push({ term, weight: sw });
          haveGrams.add(term);
        }
      }
    }
    const own = new Set([...tokens, ...charBigrams(topic)]);
    const expanded = new Set([...haveWords, ...haveGrams].filter((t) => !own.has(t)));
    return { words: mergeTerms(words), bigrams: mergeTerms(bigrams), topicWords, topic, expanded, synonymGroups: this.synonyms.groupsIn(topic), ...(away.size ? { away } : {}) };
  }

  /** Chunk-level BM25 (words + bigrams + heading field). */
  searchChunksBm25(q: AnalyzedQuery, k: number): Ranked[] {
    const touched: number[] = [];
    const p = this.params;
    this.fields.cw.accumulate(q.words, this.chunkScores, p.wWord, touched, this.chunkSeen);
    this.fields.cb.accumulate(q.bigrams, this.chunkScores, p.wBigram, touched, this.chunkSeen);
    this.fields.ct.accumulate([...q.words, ...q.bigrams], this.chunkScores, p.wTitle, touched, this.chunkSeen);
    const top = topK(touched, this.chunkScores, k);
    this.reset(touched, this.chunkScores, this.chunkSeen);
    return top;
  }

  /** Document ranking of a method, best first (each hit carries its best chunk when known). */
  searchDocs(query: string, method: SearchMethod = 'hybrid', k = 10, queryVector?: Float32Array): DocHit[] {
    const q = this.analyze(query);
    let ranked: { id: number; score: number; best?: number }[];
    if (method === 'bigram-bm25') ranked = this.docBaseline(query, k);
    else if (method === 'bm25') ranked = this.docBm25(q, k);
    else if (method === 'rerank') ranked = this.docRerank(q, k);
    else if (method === 'vector') ranked = this.docVector(query, k, queryVector);
    else {
      // hybrid fuses the first stage with the vectors; rerank-vector fuses the reranked list
      const lexical = method === 'rerank-vector' ? this.docRerank(q, Math.max(k, 30)) : this.docBm25(q, Math.max(k, 30));
      const vector = this.docVector(query, Math.max(k, 30), queryVector);
      const bestOf = new Map<number, number | undefined>();
      for (const r of [...vector, ...lexical]) bestOf.set(r.id, r.best);
      ranked = reciprocalRankFusion([lexical, vector], this.params.rrfK, [1, this.params.vectorWeight])
        .slice(0, k)
        .map((r) => ({ ...r, best: bestOf.get(r.id) }));
    }
    return ranked.slice(0, k).map((r) => ({
      doc: this.docs[r.id]!,
      index: r.id,
      score: r.score,
      ...(r.best !== undefined ? { best: { chunk: this.chunks[r.best]!, score: 0 } } : {}),
    }));
  }

  /** Chunk ranking (BM25, fused with the vector ranking for 'hybrid'), best first. */
  searchChunks(query: string, method: SearchMethod = 'hybrid', k = 10): ChunkHit[] {
    const q = this.analyze(query);
    let ranked: Ranked[];
    if (method === 'vector') ranked = this.chunkVector(query, k);
    else if (method === 'hybrid') {
      ranked = reciprocalRankFusion([this.searchChunksBm25(q, 30), this.chunkVector(query, 30)], this.params.rrfK, [1, this.params.vectorWeight]);
    } else ranked = this.searchChunksBm25(q, k);
    return ranked.slice(0, k).map((r) => ({ chunk: this.chunks[r.id]!, score: r.score }));
  }

  /** Plain character-bigram BM25 over whole documents (the baseline). */
  private docBaseline(query: string, k: number): Ranked[] {
    const touched: number[] = [];
    const terms = mergeTerms(charBigrams(query).map((term) => ({ term, weight: 1 })));
    this.fields.db.accumulate(terms, this.docScores, 1, touched, this.docSeen);
    const top = topK(touched, this.docScores, k);
    this.reset(touched, this.docScores, this.docSeen);
    return top;
  }

  /** Chunk BM25 aggregated per document (max + a share of the next best) plus whole-document BM25. */
  private docBm25(q: AnalyzedQuery, k: number): { id: number; score: number; best: number; second: number }[] {
    const p = this.params;
    const chunkTop = this.searchChunksBm25(q, 200);
    // per document: best chunk score and the sum of the next three
    const agg = new Map<number, { best: number; bestId: number; secondId: number; rest: number[] }>();
    for (const c of chunkTop) {
      const d = this.chunkDoc[c.id]!;
      const a = agg.get(d);
      if (!a) agg.set(d, { best: c.score, bestId: c.id, secondId: -1, rest: [] });
      else if (a.rest.length < 3) {
        if (a.rest.length === 0) a.secondId = c.id;
        a.rest.push(c.score);
      }
    }
    const touched: number[] = [];
    if (p.wDoc > 0) {
      this.fields.dw.accumulate(q.words, this.docScores, p.wDoc, touched, this.docSeen);
      this.fields.db.accumulate(q.bigrams, this.docScores, p.wDoc, touched, this.docSeen);
    }
    for (const [d, a] of agg) {
      if (!this.docSeen[d]) {
        this.docSeen[d] = 1;
        touched.push(d);
      }
      this.docScores[d]! += a.best + p.sumBonus * a.rest.reduce((s, x) => s + x, 0);
      this.docBest[d] = a.bestId;
    }
    const top = topK(touched, this.docScores, k).map((r) => ({ ...r, best: this.docBest[r.id]!, second: agg.get(r.id)?.secondId ?? -1 }));
    for (const d of touched) this.docBest[d] = -1;
    this.reset(touched, this.docScores, this.docSeen);
    return top.map((r) => (r.best >= 0 ? r : { ...r, best: this.firstChunkOf(r.id) }));
  }

  /**
   * BM25, then the first `depth` documents reordered by a linear combination of their relative
   * BM25 score and proximity features of their text (rerank.ts).
   */
  private docRerank(q: AnalyzedQuery, k: number): { id: number; score: number; best: number; second: number }[] {
    const rp = this.params.rerank ?? DEFAULT_RERANK;
    const first = this.docBm25(q, Math.max(k, rp.depth));
    if (first.length < 2) return first.slice(0, k);
    const profile = this.queryProfile(q);
    const top = first[0]!.score || 1;
    const n = Math.min(first.length, rp.depth);
    const queryRegions = rp.regionConflict ? regionsIn(q.topic) : [];
    const leadChars = rp.leadChars ?? 60;
    const bigrams = rp.wHead ? topicBigrams(profile) : undefined;
    // what the question asks about (focusWord and its synonyms): the asker's own rules must speak of it
    const focusWordOf = rp.statusMatch ? focusWord(q.topicWords) : undefined;
    const focus = focusWordOf ? [focusWordOf, ...(q.synonymGroups ?? []).filter((g) => g.present.includes(focusWordOf)).flatMap((g) => g.others)] : [];
    const rescored = first.slice(0, n).map((r) => {
      // the features read the document's two best chunks (in document order), not the whole text:
      // as good on the dev sets and five times cheaper on long notices
      const text = r.second < 0 ? this.chunkTextOf(r.best) : r.second < r.best ? `${this.chunkTextOf(r.second)}\n${this.chunkTextOf(r.best)}` : `${this.chunkTextOf(r.best)}\n${this.chunkTextOf(r.second)}`;
      const [win, lcs, pairs] = docFeatures(profile, text, rp) as [number, number, number];
      const head = rp.wHead ? itemHeadMatch(bigrams!, r.second < 0 ? this.headingsOf(r.best) : [...this.headingsOf(r.best), ...this.headingsOf(r.second)]) : 0;
      const score = rp.wBm25 * (r.score / top) + rp.wWin * win + rp.wLcs * lcs + rp.wPairs * pairs + (rp.wHead ?? 0) * head;
      const doc = this.docs[r.id]!;
      const lead = `${doc.title} ${this.docTexts[r.id]!.slice(0, leadChars)}`;
      const conflict = queryRegions.length > 0 && regionConflict(queryRegions, lead);
      const status = rp.statusConflict ? statusConflict(q.topic, lead) : false;
      // the rules for the asker's own status ("我是退休的…" and 《退休干部医疗保险…》) are the asker's rules,
      // when they are about the matter at all (half the best first-stage score: 《退休干部医疗保险…》 says
      // nothing of the 护理费 a 退休 question asks about) and speak of what is asked (过年 for "过年给多少钱")
      const own = rp.statusMatch && r.score >= 0.5 * top && (focus.length === 0 || focus.some((f) => this.docTexts[r.id]!.includes(f))) ? onlyStatus(q.topic) : null;
      const match = own !== null && onlyStatus(doc.title) === own;
      return { ...r, score: score * (conflict ? 1 - rp.regionConflict! : 1) * (status ? 1 - rp.statusConflict! : 1) * (match ? 1 + rp.statusMatch! : 1) };
    });
    rescored.sort((a, b) => b.score - a.score);
    // documents below the reranked depth keep their order, scored under the last reranked one
    const floor = rescored[rescored.length - 1]!.score;
    const rest = first.slice(n).map((r, i) => ({ ...r, score: floor - 1e-3 * (i + 1) }));
    return [...rescored, ...rest].slice(0, k);
  }

  /** The rerank features' view of a query (idf from the whole-document fields). */
  queryProfile(q: AnalyzedQuery): QueryProfile {
    return queryProfile(
      q.topic,
      [...new Set(searchTokens(q.topic, this.jieba))],
      q.topicWords,
      [...new Set(charBigrams(q.topic))],
      (t) => this.fields.dw.idf(t),
      (t) => this.fields.db.idf(t),
    );
  }

  private readonly chunkTexts: (string | undefined)[] = [];

  /** The normalised text of a chunk as the rerank features read it (computed once). */
  private chunkTextOf(chunk: number): string {
    let t = this.chunkTexts[chunk];
    if (t === undefined) t = this.chunkTexts[chunk] = normalizeText(this.chunks[chunk]!.text);
    return t;
  }

  private readonly chunkHeadings: (string[][] | undefined)[] = [];

  /** The character pairs of the enumerated item headings inside a chunk (computed once). */
  private headingsOf(chunk: number): string[][] {
    let h = this.chunkHeadings[chunk];
    if (h === undefined) h = this.chunkHeadings[chunk] = headingBigrams(itemHeadings(this.chunkTextOf(chunk)));
    return h;
  }

  private firstChunkOf(doc: number): number {
    return this.chunkDoc.indexOf(doc);
  }

  /** The chunks of a document, in document order. */
  chunksOf(doc: number): Chunk[] {
    const out: Chunk[] = [];
    let i = this.chunkDoc.indexOf(doc);
    if (i < 0) return out;
    while (i < this.chunks.length && this.chunkDoc[i] === doc) out.push(this.chunks[i++]!);
    return out;
  }

  /** Nearest chunks by the query vector (the hashed tf-idf one unless given; none for LLM vectors without one). */
  private chunkVector(query: string, k: number, queryVector?: Float32Array): Ranked[] {
    if (!this.vectors || this.chunks.length === 0) return [];
    if (!queryVector && this.embedderId !== OFFLINE_EMBEDDER) return [];
    const v = queryVector ?? this.embedder.embedOne(stripQuestionWords(query));
    const n = Math.min(k, this.chunks.length);
    const res = this.vectors.searchKnn(Array.from(v), n);
    return res.neighbors.map((id, i) => ({ id, score: 1 - res.distances[i]! }));
  }

  /** Vector ranking of documents: best chunk per document. */
  private docVector(query: string, k: number, queryVector?: Float32Array): { id: number; score: number; best: number }[] {
    const seen = new Map<number, { id: number; score: number; best: number }>();
    for (const c of this.chunkVector(query, Math.max(50, k * 5), queryVector)) {
      const d = this.chunkDoc[c.id]!;
      if (!seen.has(d)) seen.set(d, { id: d, score: c.score, best: c.id });
      if (seen.size >= k) break;
    }
    return [...seen.values()];
  }

  /**
   * Share of the query's topic words (idf-weighted) found in a text: 0 (none) to 1 (all). A word
   * found only elsewhere in `wider` (the rest of the document) counts half: 老伴 in "老伴去世了怎么办"
   * is answered by the procedure article of a document that names the 配偶 in another article.
   */
  coverage(q: AnalyzedQuery, text: string, wider = ''): number {
    // Words that say who or when is asking ("俺", "82", "一年", "几次") are not the topic.
    const words = [...new Set(q.topicWords)].filter((w) => !isWeakWord(w));
    if (words.length === 0) return 0;
    let total = 0;
    let found = 0;
    const hay = text.toLowerCase();
    const far = wider.toLowerCase();
    const has = (t: string, w: string) => t.includes(w) || this.alternatives(w, q).some((alt) => t.includes(alt));
    for (const w of words) {
      const idf = this.fields.cw.idf(w) * this.topicWeight(w);
      total += idf;
      // a word counts as found when it or one of its synonyms is in the text
      if (has(hay, w)) found += idf;
      else if (far && has(far, w)) found += 0.5 * idf;
      // a verb with a spoken directional ending (上门来, 拍下来) counts as the verb, half
      else if (spokenVerb(w) && has(hay, spokenVerb(w)!)) found += SUB_WORD_CREDIT * idf;
      // a word naming the kind of answer (多大岁数, 报销比例) is found in a value of that kind (年满55周岁)
      else if (typeWordStated(w, text)) found += idf;
    }
    return total ? found / total : 0;
  }

  /**
   * Other names of a question word: its synonyms, and for a place the base never names where the asker
   * is or goes (q.away: 去深圳住了, 在海南过冬) the base's own word for somewhere else (外地 or 异地, when
   * the base uses it): the organisation's rules say 外地, its retirees name the city. Another city's
   * own rules ("上海的退休金") are not that.
   */
  alternatives(w: string, q?: AnalyzedQuery): string[] {
    const synonyms = this.synonyms.alternatives(w);
    if (!q?.away?.has(w)) return synonyms;
    return [...synonyms, ...ELSEWHERE.filter((e) => this.fields.dw.df(e) > 0)];
  }

  /** Places in a question the base never names, said as where the asker is or goes (去/在/到/回/住 before it). */
  private placesAway(topic: string, topicWords: string[]): Set<string> {
    const out = new Set<string>();
    for (const w of new Set(topicWords)) {
      if ([...w].length < 2 || this.fields.dw.df(w) > 0 || !new RegExp(`(去|在|到|回|住)${w}`, 'u').test(topic)) continue;
      const tags = this.jieba.tag(w, false);
      if (tags.length > 0 && tags.every((t) => t.tag === 'ns')) out.add(w);
    }
    return out;
  }

  /**
   * How much a question word counts in the relevance check. A word the knowledge base never uses
   * (and no synonym group knows) has the highest idf there, yet most such words are the asker's own
   * wording, not the topic: 头天, 晚上, 不行, 准备, 不想. Such a word — one dictionary word, not a
   * noun by jieba's tags — counts UNKNOWN_WORD_WEIGHT of its idf; an unknown noun (遗嘱, 养老院) keeps
   * its full weight (it is what the base does not cover), and so does a typo (已嘱).
   */
  private topicWeight(w: string): number {
    if (this.fields.dw.df(w) > 0 || this.synonyms.alternatives(w).length > 0) return 1;
    // one word of jieba's dictionary that is no noun: the asker's wording. A stretch jieba reads as
    // several words (已嘱, 个任所得税: a typo, most likely) keeps its weight, as a noun does.
    const tags = this.jieba.tag(w, false);
    return tags.some((t) => NOUN_TAGS.has(t.tag)) ? 1 : UNKNOWN_WORD_WEIGHT;
  }

  /** A noun by jieba's tags (n, nr, nrt, nrfg, ns, nt, nz, vn, ng), or a compound of nouns only (个人所得税 = 个人 + 所得税). */
  private isNoun(w: string): boolean {
    const tags = this.jieba.tag(w, false);
    return tags.length > 0 && tags.every((t) => NOUN_TAGS.has(t.tag));
  }

  /**
   * The question's topic nouns the whole knowledge base never uses (no synonym either) and the
   * quoted text does not hold: 遗嘱 in "遗嘱咋写才有效", 养老院 in "养老院一个月多少钱". The base can
   * only answer around such a word, and the reply says so. Nouns by jieba's part-of-speech tags, so a
   * verb or time word the base happens not to use ("头天", "泄露") is not named.
   */
  uncoveredNouns(q: AnalyzedQuery, text: string): string[] {
    const hay = text.toLowerCase();
    return [...new Set(q.topicWords)].filter((w) => {
      if (isWeakWord(w) || this.fields.dw.df(w) > 0 || this.alternatives(w, q).length > 0 || hay.includes(w)) return false;
      // a verb with a spoken directional ending (上门来, 拍下来) is the verb the quote may hold
      const verb = spokenVerb(w);
      return this.isNoun(w) && !(verb && hay.includes(verb));
    });
  }

  /**
   * The question's topic terms the text does not hold, nor a synonym of them: nouns by jieba's tags,
   * terms of a synonym group (the base's own vocabulary: 体检, 老年大学, which jieba tags v and l) and
   * words of three characters or more. A verb or time word (开始, 报名) is not one.
   */
  termsOutside(q: AnalyzedQuery, text: string): string[] {
    const hay = text.toLowerCase();
    return [...new Set(q.topicWords)].filter((w) => {
      if (isWeakWord(w)) return false;
      const alternatives = this.alternatives(w, q);
      if (!(alternatives.length > 0 || [...w].length >= 3 || this.isNoun(w))) return false;
      return !hay.includes(w) && !alternatives.some((a) => hay.includes(a));
    });
  }

  private reset(ids: number[], scores: Float32Array, seen: Uint8Array): void {
    for (const id of ids) {
      scores[id] = 0;
      seen[id] = 0;
    }
  }
}

/** jieba part-of-speech tags of nouns: common, person, place, organisation, other proper, verbal (not the distinguishing b: 额外, 大型). */
const NOUN_TAGS = new Set(['n', 'nr', 'nrt', 'nrfg', 'ns', 'nt', 'nz', 'vn', 'ng']);

/** Words for somewhere other than the organisation's own city, as policy documents write it. */
const ELSEWHERE = ['外地', '异地'];

/** A directional complement at the end of a spoken verb: 上门来, 拍下来, 交上去. */
const DIRECTIONAL_END = /(下来|上来|上去|下去|起来|出来|回来|过来|过去|进来|进去|来|去)$/u;

/** The verb of a spoken form with a directional ending (上门来 → 上门, 拍下来 → 拍… only when two characters are left), else null. */
function spokenVerb(w: string): string | null {
  const verb = w.replace(DIRECTIONAL_END, '');
  return verb !== w && [...verb].length >= 2 ? verb : null;
}

/** Share of its idf a question word counts in the relevance check when the text holds only the verb of its spoken form. */
const SUB_WORD_CREDIT = 0.5;

/** Share of its idf a question word counts in the relevance check when the base never uses it and it is no noun. */
export const UNKNOWN_WORD_WEIGHT = 0.25;

/** Pronouns, particles, counts and ages: words a question carries that do not name its topic. */
const WEAK_WORDS = new Set(
  '俺 咱 咱们 我们 我 你 您 他 她 他们 去 来 帮 让 给 还 能 要 会 得 想 说 问 看 找 用 行 做 弄 搞 几次 几天 几个 几回 几年 几月 几号 一年 今年 明年 去年 每年 每月 一次 多 岁 礼拜 星期 个月 习惯 老爷子 老太太 老头子 老太婆 老人家 我家 自己 现在 以后 之前 时候 东西 事 事情 这个 那个 一下 一些 怎么'.split(' '),
);

/** The asker's own people, said with 我/俺/咱 (我爹, 俺娘, 我老伴): who is asked about, not the topic. */
const MY_PEOPLE = /^(我|俺|咱)(爹|娘|妈|爸|妈妈|爸爸|老伴|老头|老婆|爱人|儿子|闺女|女儿|孙子|孙女|家)$/u;

/** Counts in Chinese numerals, with or without their unit: 三个, 三万多, 好几万, 大半年, 两回. */
const CN_COUNT = /^(好|大)?[一二两三四五六七八九十百千万几半]+(个|岁|年|月|天|次|回|周|万|千|百|块|元|门|星|多)*$/u;
/** A modal verb glued to a one-character verb by jieba's dictionary: 能带, 能报, 可退, 要交. */
const MODAL_VERB = /^(能|可|要|会|想|该)\p{Script=Han}$/u;

/** True for single characters, numbers, ages, counts and the weak words above. */
export function isWeakWord(w: string): boolean {
  return [...w].length < 2 || MY_PEOPLE.test(w) || /^[\d.%]+$/.test(w) || /^\d+(岁|年|月|日|号|天|次|个)$/.test(w) || CN_COUNT.test(w) || MODAL_VERB.test(w) || WEAK_WORDS.has(w);
}