/**
 * Retrieval speed on a 10,000-chunk index: build seconds, load-from-disk seconds, p50/p99 query
 * milliseconds (default method). Documents: the shared ncp-policy corpus when present, else the
 * sample knowledge base, repeated with shuffled sentences until the index holds 10,000 chunks.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchFigure } from './types.js';
import type { SourceDoc } from '../src/retrieval/chunker.js';
import { splitSentences } from '../src/retrieval/chunker.js';
import { readCorpus, readJsonl, type EvalQuery } from '../src/retrieval/eval.js';
import { readKnowledge } from '../src/retrieval/loaders.js';
import { SearchIndex } from '../src/retrieval/search-index.js';
import { DEFAULT_METHOD_FOR_ANSWERS } from '../src/retrieval/defaults.js';
import { loadIndex, saveIndex } from '../src/retrieval/persist.js';

const TARGET_CHUNKS = 10_000;
/** Measured passes over the (at most 300) questions. */
const PASSES = 5;
const NCP = '../shared/eval/ncp-policy';

/** A deterministic shuffle (so runs are comparable). */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = items.slice();
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function sourceDocs(): Promise<{ docs: SourceDoc[]; queries: string[]; from: string }> {
  if (existsSync(join(NCP, 'corpus.jsonl'))) {
    return { docs: readCorpus(join(NCP, 'corpus.jsonl')), queries: readJsonl<EvalQuery>(join(NCP, 'queries-dev.jsonl')).map((q) => q.text), from: 'ncp-policy' };
  }
  const set = await readKnowledge('knowledge');
  return { docs: set.docs, queries: set.faq.flatMap((f) => [f.question, ...f.similar]), from: 'knowledge/' };
}

/** Runs the retrieval benchmark. */
export async function run(): Promise<BenchFigure[]> {
  const { docs, queries, from } = await sourceDocs();
  // estimate chunks per copy, then add shuffled copies until the target is reached
  const probe = SearchIndex.build(docs, { vectors: false });
  const copies = Math.max(1, Math.ceil(TARGET_CHUNKS / Math.max(1, probe.chunks.length)));
  const all: SourceDoc[] = [];
  for (let c = 0; c < copies; c++) {
    for (const d of docs) all.push(c === 0 ? d : { id: `${d.id}#${c}`, title: d.title, text: shuffled(splitSentences(d.text), c * 7919 + d.id.length).join('') });
  }
  const t0 = performance.now();
  let index = SearchIndex.build(all);
  const buildS = (performance.now() - t0) / 1000;
  const dir = mkdtempSync(join(tmpdir(), 'yl-bench-'));
  try {
    saveIndex(join(dir, 'index'), index, { hash: 'bench', faq: [], problems: [] });
    const t1 = performance.now();
    index = loadIndex(join(dir, 'index'))!.index;
    const loadS = (performance.now() - t1) / 1000;
    const qs = queries.slice(0, 300);
    // one warm-up pass (JIT, lazy caches), then PASSES measured passes over the questions: with
    // 300 samples the p99 was the third slowest query, i.e. whichever one met a GC pause or the
    // other core's work; 1,500 samples make it a property of the queries
    for (const q of qs) index.searchDocs(q, DEFAULT_METHOD_FOR_ANSWERS, 10);
    const times: number[] = [];
    for (let pass = 0; pass < PASSES; pass++) {
      for (const q of qs) {
        const t = performance.now();
        index.searchDocs(q, DEFAULT_METHOD_FOR_ANSWERS, 10);
        times.push(performance.now() - t);
      }
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 1000) / 1000;
    const note = `${index.chunks.length} chunks from ${from}, method ${DEFAULT_METHOD_FOR_ANSWERS}`;
    const sampled = `${note}, ${times.length} queries (${qs.length} questions × ${PASSES})`;
    return [
      { name: 'retrieval query p50', value: pct(0.5), unit: 'ms', note: sampled },
      { name: 'retrieval query p99', value: pct(0.99), unit: 'ms', note: sampled },
      { name: 'retrieval query max', value: pct(1), unit: 'ms', note: sampled },
      { name: 'retrieval index build', value: Math.round(buildS * 100) / 100, unit: 's', note },
      { name: 'retrieval index load from disk', value: Math.round(loadS * 1000) / 1000, unit: 's', note },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Run directly (`node bin/run-ts.js bench/retrieval.ts`): print the figures.
const entry = process.argv[1] ?? '';
if (import.meta.url === pathToFileURL(entry).href) {
  for (const f of await run()) console.log(`${f.name}: ${f.value} ${f.unit}${f.note ? `  (${f.note})` : ''}`);
}
