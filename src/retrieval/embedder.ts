/**
 * Embedders for the vector index. The offline default needs no model download: the jieba words
 * and character bigrams of a text, weighted by their corpus idf and sublinear tf, hashed with a
 * sign bit into a fixed number of dimensions (the "hashing trick"), then L2-normalised.
 * An OpenAI-compatible embedder (EMBEDDING_MODEL) comes from src/llm (createLlmEmbedder) and is
 * used through SearchIndex.useEmbedder.
 */

/** Turns texts into unit vectors of `dim` dimensions. */
export interface Embedder {
  readonly name: string;
  readonly dim: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** Features of a text: term -> weight (the caller applies idf). */
export type FeatureFn = (text: string) => Map<string, number>;

/** FNV-1a 32-bit hash of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashes weighted features into a unit vector. */
export function hashVector(features: Map<string, number>, dim: number): Float32Array {
  const v = new Float32Array(dim);
  for (const [f, w] of features) {
    const h = fnv1a(f);
    v[h % dim]! += h & 0x80000000 ? -w : w;
  }
  let n = 0;
  for (let i = 0; i < dim; i++) n += v[i]! * v[i]!;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < dim; i++) v[i]! /= n;
  return v;
}

/** The offline hashed tf-idf embedder. */
export class HashedTfidfEmbedder implements Embedder {
  readonly name = 'hashed-tfidf';
  constructor(
    readonly dim: number,
    private readonly features: FeatureFn,
  ) {}

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => hashVector(this.features(t), this.dim));
  }

  /** Synchronous variant for the query path. */
  embedOne(text: string): Float32Array {
    return hashVector(this.features(text), this.dim);
  }
}
