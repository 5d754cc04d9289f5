/**
 * Stage 3 of routing: an example-based classifier. Labelled utterances (prompts/intent-examples.yaml)
 * become TF-IDF vectors over jieba words and character bigrams; a message scores each intent by the
 * mean cosine similarity of its k nearest examples of that intent.
 */
import type { KnownIntent } from '../types.js';
import { isKnownIntent } from '../types.js';
import { charBigrams, wordTokens } from '../../retrieval/tokenizer.js';

type Vector = Map<string, number>;

export interface Classification {
  intent: KnownIntent;
  score: number;
  ranking: { intent: KnownIntent; score: number }[];
}

/** Words count fully, bigrams half: words carry meaning, bigrams catch typos and unseen words. */
function features(text: string): Map<string, number> {
  const tf = new Map<string, number>();
  for (const w of wordTokens(text, { stopWords: true })) tf.set(`w:${w}`, (tf.get(`w:${w}`) ?? 0) + 1);
  for (const b of charBigrams(text)) tf.set(`b:${b}`, (tf.get(`b:${b}`) ?? 0) + 0.5);
  return tf;
}

function normalize(v: Vector): Vector {
  let norm = 0;
  for (const x of v.values()) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}

export class ExampleClassifier {
  private readonly idf = new Map<string, number>();
  private readonly examples: { intent: KnownIntent; vector: Vector }[] = [];
  /** Words of the examples and in how many examples each occurs (the router's typo vocabulary). */
  readonly words = new Map<string, number>();
  /** Character pairs of the examples and in how many examples each occurs. */
  readonly pairs = new Map<string, number>();

  /** Builds the classifier from intent -> example utterances. */
  constructor(
    examples: Record<string, string[]>,
    private readonly k = 3,
  ) {
    const docs: { intent: KnownIntent; tf: Map<string, number> }[] = [];
    for (const [intent, texts] of Object.entries(examples)) {
      if (!isKnownIntent(intent)) throw new Error(`intent examples: unknown intent "${intent}"`);
      for (const text of texts) {
        const tf = features(text);
        docs.push({ intent, tf });
        for (const f of tf.keys()) {
          if (f.startsWith('w:')) this.words.set(f.slice(2), (this.words.get(f.slice(2)) ?? 0) + 1);
          else this.pairs.set(f.slice(2), (this.pairs.get(f.slice(2)) ?? 0) + 1);
        }
      }
    }
    const df = new Map<string, number>();
    for (const d of docs) for (const f of d.tf.keys()) df.set(f, (df.get(f) ?? 0) + 1);
    for (const [f, n] of df) this.idf.set(f, Math.log(1 + docs.length / n));
    for (const d of docs) this.examples.push({ intent: d.intent, vector: this.weigh(d.tf) });
  }

  private weigh(tf: Map<string, number>): Vector {
    const v: Vector = new Map();
    for (const [f, n] of tf) {
      const idf = this.idf.get(f);
      if (idf !== undefined) v.set(f, (1 + Math.log(n)) * idf);
    }
    return normalize(v);
  }

  /** Scores every intent for `text`; null when the text shares nothing with any example. */
  classify(text: string): Classification | null {
    const q = this.weigh(features(text));
    if (q.size === 0) return null;
    const perIntent = new Map<KnownIntent, number[]>();
    for (const ex of this.examples) {
      const s = dot(q, ex.vector);
      const list = perIntent.get(ex.intent) ?? [];
      list.push(s);
      perIntent.set(ex.intent, list);
    }
    const ranking = [...perIntent.entries()]
      .map(([intent, scores]) => {
        const top = scores.sort((a, b) => b - a).slice(0, this.k);
        return { intent, score: top.reduce((a, b) => a + b, 0) / top.length };
      })
      .sort((a, b) => b.score - a.score);
    const best = ranking[0];
    if (!best || best.score <= 0) return null;
    return { intent: best.intent, score: best.score, ranking };
  }
}
