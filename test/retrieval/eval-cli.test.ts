/** `yinling eval retrieval|answers --json` print the documented shapes, with the baseline in the same run. */
import { describe, it, expect, beforeAll } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { FakeOpenAi } from '../llm/fake-openai.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'yinling-evalcli-'));
  const docs = [
    { id: 'a', title: '关于离休干部医药费报销的通知', text: '离休干部的医药费实行全额保障。报销时间为每月10日至20日，在老干部局服务窗口办理。' },
    { id: 'b', title: '老年大学招生简章', text: '老年大学春季学期招收书法班、摄影班，每门课程学费200元，报名时间为2月。' },
    { id: 'c', title: '健康体检安排', text: '离退休干部每年安排一次健康体检，体检地点为市人民医院体检中心。' },
  ];
  const queries = [
    { id: 'q1', text: '离休干部医药费什么时候报销', positives: ['a'], answers: ['每月10日至20日'] },
    { id: 'q2', text: '老年大学书法班学费多少', positives: ['b'], answers: ['200元'] },
    { id: 'q3', text: '体检在哪家医院', positives: ['c'], answers: ['市人民医院体检中心'] },
  ];
  writeFileSync(join(dir, 'corpus.jsonl'), docs.map((d) => JSON.stringify(d)).join('\n'));
  writeFileSync(join(dir, 'queries.jsonl'), queries.map((q) => JSON.stringify(q)).join('\n'));
});

const offline = { OPENAI_BASE_URL: '', EMBEDDING_MODEL: '', LLM_MODEL: '' };
const run = (...args: string[]) => JSON.parse(execFileSync('node', ['bin/yinling.js', 'eval', ...args, '--json'], { encoding: 'utf8', env: { ...process.env, ...offline, DATA_DIR: dir } }));

describe('eval commands', () => {
  it('retrieval: every method side by side with the bigram baseline', () => {
    const out = run('retrieval', '--corpus', join(dir, 'corpus.jsonl'), '--queries', join(dir, 'queries.jsonl'), '--k', '10');
    expect(typeof out.default).toBe('string');
    const names = out.methods.map((m: { name: string }) => m.name);
    expect(names).toEqual(expect.arrayContaining(['bigram-bm25', 'bm25', 'vector', 'hybrid', out.default]));
    for (const m of out.methods) {
      for (const key of ['queries', 'recall@1', 'recall@5', 'recall@10', 'mrr@10', 'p50_ms', 'p99_ms']) expect(typeof m[key], `${m.name}.${key}`).toBe('number');
      expect(m.queries).toBe(3);
    }
    const best = out.methods.find((m: { name: string }) => m.name === out.default);
    expect(best['recall@1']).toBe(1);
    expect(out.embedder).toBe('hashed-tfidf');
  });

  it('retrieval: with EMBEDDING_MODEL the vector methods embed the corpus and every question through the model', async () => {
    const fake = new FakeOpenAi();
    await fake.start();
    try {
      const { stdout } = await promisify(execFile)(
        'node',
        ['bin/yinling.js', 'eval', 'retrieval', '--corpus', join(dir, 'corpus.jsonl'), '--queries', join(dir, 'queries.jsonl'), '--json'],
        { encoding: 'utf8', env: { ...process.env, DATA_DIR: dir, OPENAI_BASE_URL: fake.baseURL, EMBEDDING_MODEL: 'fake-embed', LLM_MODEL: '' } },
      );
      const out = JSON.parse(stdout);
      expect(out.embedder).toContain('fake-embed');
      const names = out.methods.map((m: { name: string }) => m.name);
      expect(names).toEqual(expect.arrayContaining(['bigram-bm25', 'rerank', 'vector', 'hybrid', 'rerank-vector']));
      const calls = fake.received.filter((r) => r.path.endsWith('/embeddings'));
      // the chunks once, then each of the 3 questions (plus a warm-up) for each of the 3 vector methods
      expect(calls.length).toBe(1 + 3 * 4);
      expect(out.methods.find((m: { name: string }) => m.name === out.default)['recall@1']).toBe(1);
    } finally {
      await fake.close();
    }
  }, 60_000);

  it('answers: the share of replies containing the gold answer, with a baseline', () => {
    const out = run('answers', '--corpus', join(dir, 'corpus.jsonl'), '--queries', join(dir, 'queries.jsonl'), '--max-chars', '300');
    expect(typeof out.default).toBe('string');
    const byName = Object.fromEntries(out.methods.map((m: { name: string; answer_hit: number }) => [m.name, m]));
    expect(Object.keys(byName).length).toBeGreaterThanOrEqual(2);
    expect(byName[out.default].queries).toBe(3);
    expect(byName[out.default].answer_hit).toBe(1);
  });
});
