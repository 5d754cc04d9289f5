/**
 * Message handling speed: routing alone and the whole pipeline in-process (SQLite file store),
 * and POST /api/messages on loopback driven by autocannon.
 * Run alone with `node bin/run-ts.js bench/pipeline.ts`; `npm run bench` includes it.
 */
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import type { BenchFigure } from './types.js';
import { parseConfig } from '../src/config.js';
import { buildServices, createHandler, createRouter } from '../src/app.js';
import { createHttpServer } from '../src/channels/http/server.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { silentLogger } from '../src/core/logger.js';

/** Utterances routed in the benchmark: the project's own held-out sets (not the shared eval set). */
function utterances(): string[] {
  const files = ['test/fixtures/intents-holdout2.jsonl', 'test/fixtures/intents-holdout3.jsonl'].filter((f) => existsSync(f));
  const texts = files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  );
  return texts.length ? texts : ['你好', '菜单', '最近有什么活动', '离休干部医药费怎么报销'];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const texts = utterances();
  const dir = mkdtempSync(join(tmpdir(), 'yinling-bench-'));
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dir, RATE_LIMIT_PER_MINUTE: '1000000' });

  // 1. Routing only (menu -> rules -> classifier), the hot path of every message.
  const services = await buildServices(config, { store: new SqliteStore(join(dir, 'bench.db')), logger: silentLogger(), llm: null, policy: null });
  const router = createRouter(services);
  for (const t of texts) router.routeOffline(t); // warm up jieba and the JIT
  const routeTimes: number[] = [];
  const rounds = 20;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      const s = process.hrtime.bigint();
      router.routeOffline(t);
      routeTimes.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
  }
  const routeSecs = Number(process.hrtime.bigint() - t0) / 1e9;
  routeTimes.sort((a, b) => a - b);
  figures.push({ name: 'routing in-process', value: Math.round(routeTimes.length / routeSecs), unit: 'msg/s' });
  figures.push({ name: 'routing p50', value: r3(percentile(routeTimes, 50)), unit: 'ms' });
  figures.push({ name: 'routing p99', value: r3(percentile(routeTimes, 99)), unit: 'ms' });

  // 2. The whole pipeline in-process: dedupe (SQLite), dialog lookup, router, skill, footer.
  // Policy questions are excluded here (their speed is the retrieval benchmark's).
  const handle = createHandler(services);
  const nonPolicy = texts.filter((t) => router.routeOffline(t).intent !== 'policy_query');
  const handleTimes: number[] = [];
  let i = 0;
  const p0 = process.hrtime.bigint();
  for (let r = 0; r < 5; r++) {
    for (const text of nonPolicy) {
      const userId = `bench-${i % 500}`;
      const s = process.hrtime.bigint();
      await handle({ channel: 'http', chatId: userId, chatType: 'private', userId, text, messageId: `m-${i++}` });
      await services.store.clearDialog(`http:${userId}:${userId}`);
      handleTimes.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
  }
  const handleSecs = Number(process.hrtime.bigint() - p0) / 1e9;
  handleTimes.sort((a, b) => a - b);
  figures.push({ name: 'pipeline in-process', value: Math.round(handleTimes.length / handleSecs), unit: 'msg/s', note: 'SQLite file, non-policy messages' });
  figures.push({ name: 'pipeline p50', value: r3(percentile(handleTimes, 50)), unit: 'ms' });
  figures.push({ name: 'pipeline p99', value: r3(percentile(handleTimes, 99)), unit: 'ms' });

  // 3. POST /api/messages on loopback (autocannon, 10 connections, 10 s), unique ids and users.
  const http = await createHttpServer(services, handle);
  await http.listen({ port: 0, host: '127.0.0.1' });
  const addr = http.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const bodies = ['你好', '菜单', '2', '谢谢你', '转人工', '我要投诉'];
  let n = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    connections: 10,
    duration: 10,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          const k = n++;
          return { ...req, body: JSON.stringify({ userId: `ac-${k % 2000}`, text: bodies[k % bodies.length], messageId: `ac-${k}` }) };
        },
      },
    ],
  });
  figures.push({ name: 'HTTP POST /api/messages', value: Math.round(result.requests.average), unit: 'req/s', note: `${result.non2xx} non-2xx, ${result.errors} errors` });
  figures.push({ name: 'HTTP p50', value: r2(result.latency.p50), unit: 'ms' });
  figures.push({ name: 'HTTP p99', value: r2(result.latency.p99), unit: 'ms' });
  await http.close();
  await services.store.close();
  rmSync(dir, { recursive: true, force: true });
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of await run()) console.log(`${f.name.padEnd(28)} ${String(f.value).padStart(10)} ${f.unit}${f.note ? `  (${f.note})` : ''}`);
}
