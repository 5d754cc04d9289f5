/** `yinling ask`, `yinling ingest`, `yinling eval retrieval|answers`. */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { CliContext } from './context.js';
import { loadConfig } from '../config.js';
import { buildKnowledgeIndex } from '../retrieval/index.js';
import { Metrics } from '../core/metrics.js';
import { silentLogger } from '../core/logger.js';
import { readCorpus, readJsonl, evalRetrieval, evalRetrievalAsync, evalAnswers, evalLlmAnswers, type EvalQuery, type RetrievalReport, type AnswerReport } from '../retrieval/eval.js';
import { SearchIndex } from '../retrieval/search-index.js';
import { formatPolicyAnswer } from '../skills/policy/format.js';

const STAGE_LABEL: Record<string, string> = { read: '读取文件', tokenize: '分词索引', vectors: '向量索引' };

/** Adds this area's commands to the program (and subcommands to `eval` when given). */
export function register(program: Command, ctx: CliContext, evalCommand?: Command): void {
  program
    .command('ask')
    .description('answer one policy question from the knowledge base, with citations')
    .argument('<question>', '问题')
    .option('--json', 'print the answer as JSON')
    .option('--staff', 'answer as staff (more sources)')
    .option('--more', 'also print the rest of the article (what "更多" shows in a chat)')
    .action(async (question: string, opts: { json?: boolean; staff?: boolean; more?: boolean }) => {
      const services = await ctx.open();
      const { prompts } = services;
      if (!services.policy) {
        if (opts.json) ctx.printJson({ kind: 'unavailable' });
        else console.log(prompts.t('policy.unavailable', { contact: services.config.STAFF_CONTACT }));
        process.exitCode = 1;
        return;
      }
      const answer = await services.policy.answer(question, { staff: opts.staff ?? false });
      if (opts.json) return ctx.printJson(answer);
      if (answer.kind === 'none') {
        const options = prompts.raw<{ key: string; label: string }[]>('policy.no_answer_options');
        console.log(prompts.t('policy.no_answer', { question }));
        for (const o of options) console.log(`${o.key}. ${o.label}`);
        return;
      }
      // one question, one answer: no chat hints ("回复 更多", the rating) a command line cannot take up
      console.log(formatPolicyAnswer(answer, prompts, { staff: opts.staff ?? false, hints: false }));
      if (answer.more && opts.more) console.log(`\n${prompts.t('policy.more_title')}\n${answer.more}`);
    });

  program
    .command('ingest')
    .description('(re)build the policy index from the knowledge folder')
    .option('--knowledge <dir>', 'knowledge folder (default KNOWLEDGE_DIR)')
    .option('--json', 'print the build report as JSON')
    .action(async (opts: { knowledge?: string; json?: boolean }) => {
      const config = await loadConfig();
      const knowledgeDir = opts.knowledge ?? config.KNOWLEDGE_DIR;
      const bar = new cliProgress.SingleBar(
        { format: '{stage} |{bar}| {value}/{total}', hideCursor: true, stream: process.stderr, noTTYOutput: false },
        cliProgress.Presets.shades_classic,
      );
      let stage = '';
      let started = false;
      const { report } = await buildKnowledgeIndex({ DATA_DIR: config.DATA_DIR, KNOWLEDGE_DIR: knowledgeDir }, (done, total, s) => {
        if (s !== stage) {
          if (started) bar.stop();
          bar.start(total, 0, { stage: (STAGE_LABEL[s] ?? s).padEnd(4, '　') });
          started = true;
          stage = s;
        }
        bar.update(done);
      });
      if (started) bar.stop();
      if (opts.json) return ctx.printJson(report);
      console.log(`索引完成：${report.docs} 个文件，${report.chunks} 个片段，${report.faq} 条常见问题，用时 ${report.seconds.toFixed(1)} 秒。`);
      for (const p of report.problems) console.log(`已跳过 ${p.file}：${p.reason}`);
    });

  if (!evalCommand) return;
  evalCommand
    .command('retrieval')
    .description('recall@1/5/10, MRR@10 and latency of every retrieval method (bigram BM25 baseline included)')
    .requiredOption('--corpus <file>', 'JSONL {"id","title","text"}')
    .requiredOption('--queries <file>', 'JSONL {"id","text","positives","answers"}')
    .option('--k <n>', 'cut-off', '10')
    .option('--json', 'print JSON')
    .action(async (opts: { corpus: string; queries: string; k: string; json?: boolean }) => {
      const corpus = readCorpus(opts.corpus);
      const queries = readJsonl<EvalQuery>(opts.queries);
      const k = Number(opts.k) || 10;
      // with EMBEDDING_MODEL configured the vector methods use the model, as the service would
      const config = await loadConfig();
      const { createLlmEmbedder } = await import('../llm/index.js');
      const embedder = createLlmEmbedder({ config, logger: silentLogger(), metrics: new Metrics() });
      const index = SearchIndex.build(corpus, { vectors: !embedder });
      let report: RetrievalReport;
      if (embedder && (await index.useEmbedder(embedder))) report = await evalRetrievalAsync(index, corpus, queries, k);
      else {
        if (embedder) {
          process.stderr.write(`the embedding model ${embedder.id} failed; the vector methods use the offline vectors\n`);
          index.buildVectors();
        }
        report = evalRetrieval(index, corpus, queries, k);
      }
      report.embedder = index.embedderId;
      if (opts.json) return ctx.printJson(report);
      printRetrieval(report, index);
    });
  evalCommand
    .command('answers')
    .description('share of extractive replies (cut at --max-chars) containing the gold answer, with a baseline')
    .requiredOption('--corpus <file>', 'JSONL {"id","title","text"}')
    .requiredOption('--queries <file>', 'JSONL {"id","text","positives","answers"}')
    .option('--max-chars <n>', 'reply length cut', '300')
    .option('--json', 'print JSON')
    .action(async (opts: { corpus: string; queries: string; maxChars: string; json?: boolean }) => {
      const corpus = readCorpus(opts.corpus);
      const queries = readJsonl<EvalQuery>(opts.queries);
      const index = SearchIndex.build(corpus, { vectors: false });
      const maxChars = Number(opts.maxChars) || 300;
      const report = evalAnswers(index, queries, maxChars);
      // with the LLM configured: a grounded-answer row, and the call counts on stderr
      const config = await loadConfig();
      const metrics = new Metrics();
      const { createLlm, llmCallCounts } = await import('../llm/index.js');
      const llm = createLlm({ config, logger: silentLogger(), metrics });
      if (llm) {
        report.methods.push(await evalLlmAnswers(index, queries, llm, maxChars, 4));
        process.stderr.write(`llm calls: ${JSON.stringify(await llmCallCounts(metrics))}\n`);
      }
      if (opts.json) return ctx.printJson(report);
      printAnswers(report);
    });
}

function printRetrieval(report: RetrievalReport, index: SearchIndex): void {
  console.log(`${index.docs.length} documents, ${index.chunks.length} chunks; default method: ${report.default}; vectors: ${report.embedder ?? index.embedderId}`);
  console.log('method        queries  R@1     R@5     R@10    MRR@10  p50ms   p99ms');
  for (const m of report.methods) {
    const cells = [m['recall@1'], m['recall@5'], m['recall@10'], m['mrr@10']].map((x) => x.toFixed(4));
    console.log(`${m.name.padEnd(14)}${String(m.queries).padEnd(9)}${cells.join('  ')}  ${m.p50_ms.toFixed(3).padEnd(8)}${m.p99_ms.toFixed(3)}`);
  }
}

function printAnswers(report: AnswerReport): void {
  console.log(`default: ${report.default}`);
  for (const m of report.methods) {
    const generated = m.generated !== undefined ? `  generated ${m.generated.toFixed(4)}` : '';
    console.log(`${m.name.padEnd(20)} queries ${m.queries}  answer_hit ${m.answer_hit.toFixed(4)}${generated}`);
  }
}
