/**
 * Embedders for the vector index. The offline default needs no model download: the jieba words
 * and character bigrams of a text, weighted by their corpus idf and sublinear tf, hashed with a
 * sign bit into a fixed number of dimensions (the "hashing trick"), then L2-normalised.
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

/** An OpenAI-compatible embeddings endpoint (optional; EMBEDDING_MODEL with OPENAI_BASE_URL). */
export class OpenAiEmbedder implements Embedder {
  readonly name: string;
  constructor(
    private readonly opts: { baseURL: string; apiKey?: string; model: string; dim: number; timeoutMs: number },
  ) {
    this.name = `openai:${opts.model}`;
  }

  get dim(): number {
    return this.opts.dim;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const { default: OpenAI } = await import('openai');
    const client = new OpenAI({ baseURL: this.opts.baseURL, apiKey: this.opts.apiKey ?? 'none', timeout: this.opts.timeoutMs });
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += 64) {
      const res = await client.embeddings.create({ model: this.opts.model, input: texts.slice(i, i + 64) });
      for (const d of res.data) {
        const v = Float32Array.from(d.embedding);
        let n = 0;
        for (const x of v) n += x * x;
        n = Math.sqrt(n) || 1;
        out.push(v.map((x) => x / n));
      }
    }
    return out;
  }
}
