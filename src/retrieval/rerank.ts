/**
 * Second-stage reranking of the first-stage (BM25) documents with cheap proximity features
 * computed on the document text itself:
 * - win: the largest share of the query's idf mass (words + bigrams) found inside one window of
 *   `windowChars` characters (a long notice that mentions the words far apart loses to the short
 *   one that answers them together);
 * - lcs: the longest common substring of the question topic and the document, relative to the
 *   topic length (quoted names and phrases);
 * - pairs: the share (idf-weighted) of adjacent topic-word pairs that appear in order within a
 *   few characters (sequential dependence).
 * The features read a document's two best chunks of the first stage. The final score is a linear combination with the first-stage score divided by the best
 * first-stage score; weights were chosen on the even-id half of the ncp-policy dev queries and
 * checked on the odd half (docs/retrieval.md).
 */

export interface RerankParams {
  /** Documents of the first stage that are reranked. */
  depth: number;
  windowChars: number;
  /** Characters allowed between two adjacent query words for the pair feature. */
  pairGap: number;
  /** Weights: first-stage score (relative to the best), then the features. */
  wBm25: number;
  wWin: number;
  wLcs: number;
  wPairs: number;
  /** Weight of the item-heading match (itemHeadMatch); 0 turns it off. */
  wHead?: number;
  /** Share of the score kept off a document whose headline names only other regions than the question. */
  regionConflict?: number;
  /** Share of the score kept off a document whose headline names only 退休 when the question asks about 离休 (or the other way). */
  statusConflict?: number;
  /** Share added to the score of a document whose title names only the status (离休 or 退休) the question names alone. */
  statusMatch?: number;
  /** Characters of a document's start read as its headline for that check. */
  leadChars?: number;
}

export const DEFAULT_RERANK: RerankParams = {
  depth: 30,
  windowChars: 150,
  pairGap: 4,
  wBm25: 1,
  wWin: 0.3,
  wLcs: 0.8,
  wPairs: 0.4,
  wHead: 0.4,
  regionConflict: 0.2,
  statusConflict: 0.5,
  statusMatch: 0.3,
  leadChars: 60,
};

/** What the features need of a query: its weighted terms and its compact topic string. */
export interface QueryProfile {
  /** Distinct terms (words and bigrams) with their weights (idf). */
  terms: { term: string; weight: number; word: boolean }[];
  totalWeight: number;
  wordWeight: number;
  /** The topic without spaces, for the longest common substring. */
  compact: string;
  /** Bigram of the compact topic at each start position. */
  bigramAt: Map<string, number[]>;
  /** Adjacent topic word pairs, as indexes into terms, with their weight. */
  pairs: { a: number; b: number; weight: number }[];
  pairWeight: number;
  /** Terms by their first two characters (or first character for one-character terms), with a bit filter in front. */
  byStart: Map<number, number[]>;
  filter: Uint8Array;
}

const FILTER_BITS = 4096;
const key2 = (c1: number, c2: number) => c1 * 65536 + c2;
const hash2 = (c1: number, c2: number) => (c1 * 31 + c2) & (FILTER_BITS - 1);
/** One-character terms are keyed with a second "character" no text has. */
const ONE = 0x1ffff;

/** Feature names in the order docFeatures returns them. */
export const FEATURE_NAMES = ['win', 'lcs', 'pairs'] as const;

/** Occurrences kept per term (common terms in very long notices are capped). */
const MAX_OCC = 200;

export function queryProfile(
  topic: string,
  words: string[],
  sequence: string[],
  bigrams: string[],
  idfWord: (t: string) => number,
  idfBigram: (t: string) => number,
): QueryProfile {
  const terms: QueryProfile['terms'] = [];
  const at = new Map<string, number>();
  const add = (term: string, weight: number, word: boolean) => {
    if (at.has(term) || !term) return;
    at.set(term, terms.length);
    terms.push({ term, weight, word });
  };
  for (const w of words) add(w, idfWord(w), true);
  for (const b of bigrams) add(b, idfBigram(b), false);
  for (const w of sequence) add(w, idfWord(w), true);
  let totalWeight = 0;
  let wordWeight = 0;
  for (const t of terms) {
    totalWeight += t.weight;
    if (t.word) wordWeight += t.weight;
  }
  const compact = topic.replace(/\s+/g, '');
  const bigramAt = new Map<string, number[]>();
  for (let i = 0; i + 1 < compact.length; i++) {
    const g = compact.slice(i, i + 2);
    let list = bigramAt.get(g);
    if (!list) bigramAt.set(g, (list = []));
    list.push(i);
  }
  const pairs: QueryProfile['pairs'] = [];
  let pairWeight = 0;
  for (let i = 0; i + 1 < sequence.length; i++) {
    const a = at.get(sequence[i]!)!;
    const b = at.get(sequence[i + 1]!)!;
    if (a === b) continue;
    const weight = terms[a]!.weight + terms[b]!.weight;
    pairs.push({ a, b, weight });
    pairWeight += weight;
  }
  const byStart = new Map<number, number[]>();
  const filter = new Uint8Array(FILTER_BITS);
  terms.forEach((t, ti) => {
    const c1 = t.term.charCodeAt(0);
    const c2 = t.term.length > 1 ? t.term.charCodeAt(1) : ONE;
    const k = key2(c1, c2);
    let list = byStart.get(k);
    if (!list) byStart.set(k, (list = []));
    list.push(ti);
    filter[c2 === ONE ? hash2(c1, 0) : hash2(c1, c2)] = 1;
  });
  return { terms, totalWeight, wordWeight, compact, bigramAt, pairs, pairWeight, byStart, filter };
}

/** Positions of every term in the text, in one pass (at most MAX_OCC per term). */
function occurrences(p: QueryProfile, text: string): number[][] {
  const occ: number[][] = p.terms.map(() => []);
  const n = text.length;
  let c2 = n > 0 ? text.charCodeAt(0) : 0;
  for (let i = 0; i < n; i++) {
    const c1 = c2;
    c2 = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    if (p.filter[hash2(c1, c2)]) {
      const list = p.byStart.get(key2(c1, c2));
      if (list) {
        for (const ti of list) {
          const t = p.terms[ti]!.term;
          if (t.length <= 2 || text.startsWith(t, i)) {
            const o = occ[ti]!;
            if (o.length < MAX_OCC) o.push(i);
          }
        }
      }
    }
    if (p.filter[hash2(c1, 0)]) {
      const list = p.byStart.get(key2(c1, ONE));
      if (list) for (const ti of list) if (occ[ti]!.length < MAX_OCC) occ[ti]!.push(i);
    }
  }
  return occ;
}

/** The features of one document (normalised text) for a query profile, in FEATURE_NAMES order. */
export function docFeatures(p: QueryProfile, text: string, params: RerankParams): number[] {
  const occ = occurrences(p, text);
  // best window: events sorted by position, two pointers
  const events: number[] = [];
  occ.forEach((list, ti) => {
    for (const pos of list) events.push(pos * 1024 + ti);
  });
  events.sort((a, b) => a - b);
  const count = new Uint16Array(p.terms.length);
  let covered = 0;
  let best = 0;
  let lo = 0;
  const W = params.windowChars;
  for (let hi = 0; hi < events.length; hi++) {
    const e = events[hi]!;
    const pos = Math.floor(e / 1024);
    const ti = e % 1024;
    if (count[ti]!++ === 0) covered += p.terms[ti]!.weight;
    while (pos - Math.floor(events[lo]! / 1024) >= W) {
      const tl = events[lo]! % 1024;
      if (--count[tl]! === 0) covered -= p.terms[tl]!.weight;
      lo++;
    }
    if (covered > best) best = covered;
  }
  const win = p.totalWeight ? best / p.totalWeight : 0;
  // longest common substring: extend every occurrence of a topic bigram
  let lcs = 0;
  const q = p.compact;
  p.terms.forEach((t, ti) => {
    if (t.word) return;
    const starts = p.bigramAt.get(t.term);
    if (!starts) return;
    for (const pos of occ[ti]!) {
      for (const s of starts) {
        if (q.length - s <= lcs) continue;
        let k = 2;
        while (s + k < q.length && text.charCodeAt(pos + k) === q.charCodeAt(s + k)) k++;
        if (k > lcs) lcs = k;
      }
    }
  });
  // adjacent word pairs in order, a few characters apart at most
  let pairHit = 0;
  for (const pr of p.pairs) {
    const la = p.terms[pr.a]!.term.length;
    const bs = occ[pr.b]!;
    if (bs.length === 0) continue;
    let found = false;
    let j = 0;
    for (const pa of occ[pr.a]!) {
      const from = pa + la;
      while (j < bs.length && bs[j]! < from) j++;
      if (j < bs.length && bs[j]! - from <= params.pairGap) {
        found = true;
        break;
      }
    }
    if (found) pairHit += pr.weight;
  }
  const pairs = p.pairWeight ? pairHit / p.pairWeight : 0;
  return [win, q.length ? lcs / q.length : 0, pairs];
}


/**
 * Enumerated item headings inside a text: what follows 第X条, (一), 一、, 一是, 1. or ① up to the
 * first full stop, colon, semicolon or space (at most 40 characters). Policy notices put the topic
 * of each measure there ("(七)强化线上税费咨询服务。"), and questions are often that topic asked back.
 */
const ITEM_RE = /(?:^|[\s。；;：:！？!?])(?:第[一二三四五六七八九十百零\d]{1,4}[条章节]|\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]{1,3}[、是]|\d{1,2}[.、](?!\d)|[\u2460-\u2473])\s*([^\s。；;：:！？!?]{4,40})/g;

export function itemHeadings(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ITEM_RE)) out.push(m[1]!);
  return out;
}

/** The topic's bigrams (a two-character word is one of them too) with their idf, and their total. */
export function topicBigrams(p: QueryProfile): { weight: Map<string, number>; total: number } {
  const weight = new Map<string, number>();
  let total = 0;
  for (const t of p.terms) {
    if (t.term.length !== 2 || !p.bigramAt.has(t.term)) continue;
    weight.set(t.term, t.weight);
    total += t.weight;
  }
  return { weight, total };
}

/**
 * How well the question matches one of the item headings, best heading: the square of the
 * heading's share of bigrams found in the question (the heading is asked back nearly whole) times
 * the square root of the question's idf-weighted bigram mass found in the heading (the question may
 * add who is asked: 国家税务总局…).
 */
export function itemHeadMatch(topic: { weight: Map<string, number>; total: number }, headings: string[][]): number {
  const { weight, total } = topic;
  if (!total) return 0;
  let best = 0;
  for (const grams of headings) {
    if (!grams.length) continue;
    let inQuery = 0;
    let mass = 0;
    for (const g of grams) {
      const w = weight.get(g);
      if (w !== undefined) {
        inQuery++;
        mass += w;
      }
    }
    const v = (inQuery / grams.length) ** 2 * Math.sqrt(mass / total);
    if (v > best) best = v;
  }
  return best;
}

/** The distinct character pairs of each heading (what itemHeadMatch reads). */
export function headingBigrams(headings: string[]): string[][] {
  return headings.map((head) => {
    const seen = new Set<string>();
    for (let i = 0; i + 1 < head.length; i++) seen.add(head.slice(i, i + 2));
    return [...seen];
  });
}
