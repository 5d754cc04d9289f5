import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { FakeOpenAi, closedPort } from './fake-openai.js';
import { makeLlm } from './setup.js';
import { EMBED_BATCH } from '../../src/llm/embedder.js';
import { createLlm, createLlmEmbedder } from '../../src/llm/index.js';
import { parseConfig } from '../../src/config.js';
import { Metrics } from '../../src/core/metrics.js';
import { silentLogger } from '../../src/core/logger.js';

const fake = new FakeOpenAi();
beforeAll(() => fake.start());
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('configuration', () => {
  it('is off unless OPENAI_BASE_URL and LLM_MODEL (or EMBEDDING_MODEL) are set', () => {
    const deps = (env: Record<string, string>) => ({ config: parseConfig(env), logger: silentLogger(), metrics: new Metrics() });
    expect(createLlm(deps({}))).toBeUndefined();
    expect(createLlm(deps({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }))).toBeUndefined();
    expect(createLlm(deps({ LLM_MODEL: 'qwen2.5:7b' }))).toBeUndefined();
    expect(createLlmEmbedder(deps({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'qwen2.5:7b' }))).toBeUndefined();
    expect(createLlmEmbedder(deps({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', EMBEDDING_MODEL: 'bge-m3' }))?.id).toBe(
      'openai:bge-m3@http://127.0.0.1:11434/v1',
    );
  });
});

describe('embedder', () => {
  it('returns one unit vector per text, in order, in batches', async () => {
    const { embedder, counts } = makeLlm(fake.baseURL);
    const texts = Array.from({ length: EMBED_BATCH + 3 }, (_, i) => `第${i}条 离休干部医疗待遇`);
    const vectors = await embedder!.embed(texts);

    expect(vectors).toHaveLength(texts.length);
    for (const v of vectors!) expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    const embeds = fake.received.filter((r) => r.path.endsWith('/embeddings'));
    expect(embeds.map((r) => r.body.input.length)).toEqual([EMBED_BATCH, 3]);
    expect(embeds[0]!.body).toMatchObject({ model: 'fake-embed', encoding_format: 'float' });
    expect(embeds[1]!.body.input[2]).toBe(texts[EMBED_BATCH + 2]);
    expect(await counts()).toEqual({ embed: { ok: 2 } });
  });

  it('returns null when the endpoint is unreachable', async () => {
    const { embedder, counts } = makeLlm(`http://127.0.0.1:${await closedPort()}/v1`);
    expect(await embedder!.embed(['你好'])).toBeNull();
    expect(await counts()).toEqual({ embed: { connection_error: 1 } });
  });
});
