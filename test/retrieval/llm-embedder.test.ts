import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKnowledgeIndex, loadPolicyService } from '../../src/retrieval/index.js';
import { NO_VECTORS, OFFLINE_EMBEDDER } from '../../src/retrieval/search-index.js';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/logger.js';
import { Metrics } from '../../src/core/metrics.js';
import { FakeOpenAi, closedPort } from '../llm/fake-openai.js';
import { llmConfig, makeLlm } from '../llm/setup.js';

const root = mkdtempSync(join(tmpdir(), 'yl-embed-'));
const knowledge = join(root, 'knowledge');
const fake = new FakeOpenAi();

beforeAll(async () => {
  await fake.start();
  mkdirSync(knowledge, { recursive: true });
  writeFileSync(join(knowledge, 'kanwang.md'), '---\ntitle: 住院看望办法\n---\n第一条 离退休干部住院的，原单位在三日内派人到医院看望。\n第二条 看望时可以带慰问品。\n');
  writeFileSync(join(knowledge, 'shengri.md'), '---\ntitle: 生日慰问办法\n---\n第一条 每年生日原单位送生日蛋糕一个。\n');
});
afterAll(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

describe('vector index from the LLM embedder', () => {
  const config = (dir: string) => parseConfig({ DATA_DIR: join(root, dir), KNOWLEDGE_DIR: knowledge, LOG_LEVEL: 'silent' });

  it('builds the vectors with the embedder, reloads them, and rebuilds when the embedder changes', async () => {
    const { embedder } = makeLlm(fake.baseURL);
    const first = await openKnowledgeIndex(config('a'), undefined, embedder);
    expect(first.report.rebuilt).toBe(true);
    expect(first.index.embedderId).toBe(embedder!.id);
    expect(first.index.vectors!.getNumDimensions()).toBe(8);
    const hits = await first.index.searchDocsAsync('住院看望', 'vector', 2);
    expect(hits.length).toBeGreaterThan(0);
    expect(fake.received.filter((r) => r.path.endsWith('/embeddings')).length).toBe(2); // chunks, then the query

    const again = await openKnowledgeIndex(config('a'), undefined, embedder);
    expect(again.report.rebuilt).toBe(false);
    expect(again.index.embedderId).toBe(embedder!.id);
    expect((await again.index.searchDocsAsync('住院看望', 'hybrid', 2))[0]!.doc.id).toBe('kanwang.md');

    // another model, or none: rebuilt with that embedder's vectors / the offline ones
    const other = makeLlm(fake.baseURL, { EMBEDDING_MODEL: 'other-embed' }).embedder!;
    expect((await openKnowledgeIndex(config('a'), undefined, other)).report.rebuilt).toBe(true);
    const offline = await openKnowledgeIndex(config('a'));
    expect(offline.report.rebuilt).toBe(true);
    expect(offline.index.embedderId).toBe(OFFLINE_EMBEDDER);
    expect(offline.index.vectors!.getNumDimensions()).toBe(offline.index.params.dim);
  });

  it('an unreachable embedder leaves BM25 alone, and the service still answers', async () => {
    const down = `http://127.0.0.1:${await closedPort()}/v1`;
    const { embedder } = makeLlm(down);
    const opened = await openKnowledgeIndex(config('b'), undefined, embedder);
    expect(opened.index.embedderId).toBe(NO_VECTORS);
    expect(opened.index.vectors).toBeUndefined();
    expect((await opened.index.searchDocsAsync('住院看望', 'hybrid', 2))[0]!.doc.id).toBe('kanwang.md');

    const cfg = { ...llmConfig(down), DATA_DIR: join(root, 'c'), KNOWLEDGE_DIR: knowledge };
    const policy = await loadPolicyService({ config: cfg, logger: silentLogger(), metrics: new Metrics() });
    const answer = await policy!.answer('离退休干部住院了，单位派人到医院看望吗');
    expect(answer, JSON.stringify(answer)).toMatchObject({ kind: 'extractive', citation: '《住院看望办法》第一条' });
  });
});
