/** Embeddings from an OpenAI-compatible endpoint, for the retrieval engineer's vector index. */
import type { LlmEmbedder } from './types.js';
import type { LlmClient } from './client.js';
import { maskPersonalData } from '../core/privacy.js';

/** Texts per request (most servers accept far more; small batches keep each call under the timeout). */
export const EMBED_BATCH = 32;

export class OpenAiEmbedder implements LlmEmbedder {
  readonly id: string;

  constructor(
    private readonly client: LlmClient,
    private readonly settings: { model: string; baseURL: string; sendPersonalData: boolean },
  ) {
    this.id = `openai:${settings.model}@${settings.baseURL}`;
  }

  /** Unit-length vectors, one per text; null when any batch failed (the caller uses BM25 alone). */
  async embed(texts: string[]): Promise<Float32Array[] | null> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += EMBED_BATCH) {
      const batch = texts
        .slice(i, i + EMBED_BATCH)
        .map((t) => (this.settings.sendPersonalData ? t : maskPersonalData(t)) || ' ');
      const vectors = await this.client.embeddings(this.settings.model, batch);
      if (!vectors) return null;
      for (const v of vectors) out.push(normalize(v));
    }
    return out;
  }
}

function normalize(v: number[]): Float32Array {
  const out = Float32Array.from(v);
  let norm = 0;
  for (const x of out) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] = out[i]! / norm;
  return out;
}
