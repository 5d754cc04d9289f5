/**
 * A compact BM25 field index: an inverted index over term ids with typed-array postings, built
 * once, scored with an accumulator array. Serialises to one JSON header plus two binary arrays.
 */

export interface Bm25Params {
  k1: number;
  b: number;
}

/** A weighted query term. */
export interface QueryTerm {
  term: string;
  weight: number;
}

/** The serialised form (see toJSON / fromParts). */
export interface Bm25Header {
  params: Bm25Params;
  terms: string[];
  /** Offset of each term's postings; length terms.length + 1. */
  offsets: number[];
  docCount: number;
  avgLen: number;
}

/** Builds a field index from token lists (one list per item, the item id is its position). */
export class Bm25Builder {
  private readonly postings = new Map<string, number[]>();
  private readonly lengths: number[] = [];

  /** Adds the next item's tokens. */
  add(tokens: string[]): void {
    const id = this.lengths.length;
    this.lengths.push(tokens.length);
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = []));
      list.push(id, n);
    }
  }

  /** Freezes into a searchable index. */
  build(params: Bm25Params): Bm25Index {
    const terms = [...this.postings.keys()];
    const offsets = new Array<number>(terms.length + 1);
    let total = 0;
    for (let i = 0; i < terms.length; i++) {
      offsets[i] = total;
      total += this.postings.get(terms[i]!)!.length / 2;
    }
    offsets[terms.length] = total;
    const ids = new Uint32Array(total);
    const tfs = new Uint16Array(total);
    for (let i = 0; i < terms.length; i++) {
      const list = this.postings.get(terms[i]!)!;
      let o = offsets[i]!;
      for (let j = 0; j < list.length; j += 2, o++) {
        ids[o] = list[j]!;
        tfs[o] = Math.min(list[j + 1]!, 65535);
      }
    }
    const lengths = Float32Array.from(this.lengths);
    const avgLen = this.lengths.length ? this.lengths.reduce((a, b) => a + b, 0) / this.lengths.length : 0;
    return new Bm25Index({ params, terms, offsets, docCount: this.lengths.length, avgLen }, ids, tfs, lengths);
  }
}

/** A searchable BM25 field. */
export class Bm25Index {
  private readonly termIndex = new Map<string, number>();
  private readonly norm: Float32Array;

  constructor(
    readonly header: Bm25Header,
    readonly ids: Uint32Array,
    readonly tfs: Uint16Array,
    readonly lengths: Float32Array,
  ) {
    header.terms.forEach((t, i) => this.termIndex.set(t, i));
    const { k1, b } = header.params;
    const avg = header.avgLen || 1;
    this.norm = new Float32Array(lengths.length);
    for (let i = 0; i < lengths.length; i++) this.norm[i] = k1 * (1 - b + (b * lengths[i]!) / avg);
  }

  get size(): number {
    return this.header.docCount;
  }

  /** Document frequency of a term (0 when unseen). */
  df(term: string): number {
    const i = this.termIndex.get(term);
    return i === undefined ? 0 : this.header.offsets[i + 1]! - this.header.offsets[i]!;
  }

  /** BM25 idf (always positive). */
  idf(term: string): number {
    const n = this.header.docCount;
    const df = this.df(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Adds weight * BM25(term) of every matching item into `scores`; returns the touched ids. */
  accumulate(query: QueryTerm[], scores: Float32Array, weight: number, touched: number[], seen: Uint8Array): void {
    const k1 = this.header.params.k1;
    for (const q of query) {
      const ti = this.termIndex.get(q.term);
      if (ti === undefined) continue;
      const start = this.header.offsets[ti]!;
      const end = this.header.offsets[ti + 1]!;
      const w = weight * q.weight * this.idfAt(end - start);
      for (let o = start; o < end; o++) {
        const id = this.ids[o]!;
        const tf = this.tfs[o]!;
        if (!seen[id]) {
          seen[id] = 1;
          touched.push(id);
        }
        scores[id]! += (w * tf * (k1 + 1)) / (tf + this.norm[id]!);
      }
    }
  }

  private idfAt(df: number): number {
    const n = this.header.docCount;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}

/** Merges duplicate query terms, summing their weights. */
export function mergeTerms(terms: QueryTerm[]): QueryTerm[] {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t.term, Math.max(m.get(t.term) ?? 0, 0) + t.weight);
  return [...m].map(([term, weight]) => ({ term, weight }));
}
