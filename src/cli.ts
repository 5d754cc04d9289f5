/** The `yinling` command (commander). Each area adds its commands from src/cli/<area>.ts. */
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadConfig, ConfigError, type Config } from './config.js';
import type { Services } from './services.js';
import type { CliContext } from './cli/context.js';
import { buildServices, createHandler, createRouter } from './app.js';
import { startService } from './service.js';
import { runTerminalChat } from './channels/terminal/index.js';
import { scoreIntents, type IntentEvalRow } from './core/router/eval.js';
import { Prompts } from './core/prompts.js';
import { silentLogger } from './core/logger.js';
import { loadPolicyService } from './retrieval/index.js';
import { evaluateKb, type KbQuestion } from './retrieval/kb-eval.js';
import { homophoneTypos } from './retrieval/typos.js';
import type { KnowledgePolicyService } from './retrieval/service.js';
import { register as registerActivity } from './cli/activity.js';
import { register as registerFeedback } from './cli/feedback.js';
import { register as registerStaff } from './cli/staff.js';
import { register as registerPolicy } from './cli/policy.js';
import { register as registerBroadcast } from './cli/broadcast.js';

/** Reads a JSON-lines file; blank lines are skipped, a bad line names its number. */
export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), i }))
    .filter((x) => x.line)
    .map(({ line, i }) => {
      try {
        return JSON.parse(line) as T;
      } catch {
        throw new Error(`${file}:${i + 1}: not valid JSON`);
      }
    });
}

function cliContext(getConfig: () => Promise<Config>, opts: { withoutPolicy?: boolean } = {}): CliContext & { config: () => Promise<Config> } {
  let services: Promise<Services> | null = null;
  return {
    config: getConfig,
    open: () => {
      services ??= getConfig().then((config) => buildServices(config, { logger: silentLogger(), withoutPolicy: opts.withoutPolicy ?? false }));
      return services;
    },
    close: async () => {
      if (services) await (await services).store.close();
    },
    printJson: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  };
}

/** Builds the program (exported for tests). */
export function buildProgram(): Command {
  let config: Config | null = null;
  const getConfig = async () => (config ??= await loadConfig());
  const program = new Command();
  program.name('yinling').description('银龄助手 — policy answers, feedback and activities for retired cadres').showHelpAfterError();

  program
    .command('start')
    .description('run the service (HTTP web chat, staff console, configured chat channels)')
    .action(async () => {
      const running = await startService(await getConfig());
      const shutdown = async () => {
        await running.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
    });

  program
    .command('chat')
    .description('chat with the assistant in this terminal')
    .option('--user <id>', 'user id to chat as', 'local')
    .option('--name <name>', 'user name')
    .option('--staff', 'chat as a staff member')
    .action(async (opts: { user: string; name?: string; staff?: boolean }) => {
      const cfg = await getConfig();
      if (opts.staff) cfg.STAFF_IDS.push(`terminal:${opts.user}`);
      const services = await buildServices(cfg, { logger: silentLogger() });
      try {
        await runTerminalChat(services, createHandler(services), { userId: opts.user, ...(opts.name ? { userName: opts.name } : {}), staff: Boolean(opts.staff) });
      } finally {
        await services.store.close();
      }
    });

  program
    .command('route')
    .description('route utterances from stdin (one per line) -> JSONL {text, intent, confidence, slots}')
    .action(async () => {
      const cfg = await getConfig();
      const router = createRouter({ prompts: Prompts.load(cfg.PROMPTS_DIR), config: cfg });
      const rl = createInterface({ input: process.stdin });
      for await (const line of rl) {
        const text = line.trim();
        if (!text) continue;
        const r = router.routeOffline(text);
        process.stdout.write(`${JSON.stringify({ text, intent: r.intent, confidence: r.confidence, slots: r.slots })}\n`);
      }
    });

  const evalCommand = program.command('eval').description('measure quality on labelled data');
  evalCommand
    .command('intents')
    .description('intent accuracy, per-intent F1 and confusions')
    .requiredOption('--file <file>', 'JSONL with {"text","intent"}')
    .option('--json', 'print JSON')
    .action(async (opts: { file: string; json?: boolean }) => {
      const cfg = await getConfig();
      const router = createRouter({ prompts: Prompts.load(cfg.PROMPTS_DIR), config: cfg });
      const rows = readJsonl<IntentEvalRow>(opts.file);
      const report = scoreIntents(rows, (t) => router.routeOffline(t).intent);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      process.stdout.write(`intents: ${report.total} utterances, accuracy ${report.accuracy.toFixed(3)}\n`);
      for (const [intent, m] of Object.entries(report.perIntent)) {
        process.stdout.write(`  ${intent.padEnd(16)} P ${m.precision.toFixed(2)}  R ${m.recall.toFixed(2)}  F1 ${m.f1.toFixed(2)}  (n=${m.support})\n`);
      }
      for (const c of report.confusions) process.stdout.write(`  ${c.expected} -> ${c.predicted}: ${c.count}  e.g. ${c.examples.join(' | ')}\n`);
    });

  evalCommand
    .command('kb')
    .description('answer-or-refuse on the knowledge base: right document, wrong document, refusals')
    .requiredOption('--file <file>', 'JSONL with {"text","doc"} (doc: file name without extension, or null)')
    .option('--typos', 'put one homophone typo into each question (seeded), and compare with the typo correction off')
    .option('--json', 'print JSON')
    .action(async (opts: { file: string; typos?: boolean; json?: boolean }) => {
      const cfg = await getConfig();
      const policy = await loadPolicyService({ config: cfg, logger: silentLogger() });
      if (!policy) throw new Error('the knowledge base could not be loaded');
      let questions = readJsonl<KbQuestion>(opts.file);
      if (opts.typos) {
        const alphabet = (policy as KnowledgePolicyService).index.docTexts.join('');
        const typed = homophoneTypos(questions.map((q) => q.text), alphabet);
        questions = questions.map((q, i) => ({ ...q, text: typed[i]! }));
        const plain = await loadPolicyService({ config: cfg, logger: silentLogger(), typoFix: false });
        const off = await evaluateKb(plain!, questions);
        process.stderr.write(`with typos, correction off: right ${off.rates.answer_right.toFixed(3)}, wrong ${off.rates.answer_wrong.toFixed(3)}, refused ${off.rates.refused_in_domain.toFixed(3)}, out-of-domain refused ${off.rates.refused_out_of_domain.toFixed(3)}\n`);
      }
      const report = await evaluateKb(policy, questions);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const { rates } = report;
      process.stdout.write(
        `kb: ${report.inDomain} in-domain, ${report.outOfDomain} out-of-domain\n` +
          `  answered from the right document ${rates.answer_right.toFixed(3)} (plainly ${rates.answer_right_plain.toFixed(3)}, tentatively ${report.answeredRightTentative}), wrong document ${rates.answer_wrong.toFixed(3)}, refused ${rates.refused_in_domain.toFixed(3)}\n` +
          `  out-of-domain refused ${rates.refused_out_of_domain.toFixed(3)}, honest ${rates.honest_out_of_domain.toFixed(3)}: of the ${report.answeredOutOfDomain} answered, ${report.answeredOutOfDomainWithNotice} say first that the base never mentions a word of the question, ${report.answeredOutOfDomainTentative} are tentative\n` +
          `  (that notice on ${report.answeredRightWithNotice} of the ${report.answeredRight} right answers)\n`,
      );
      for (const m of report.misses) process.stdout.write(`  ${m.text} -> ${m.got ?? '(refused)'} [${m.kind}${m.tentative ? ', tentative' : ''}], expected ${m.expected ?? '(refuse)'}\n`);
    });

  const ctx = cliContext(getConfig);
  registerActivity(program, ctx, evalCommand);
  registerFeedback(program, ctx, evalCommand);
  registerStaff(program, ctx, evalCommand);
  registerPolicy(program, ctx, evalCommand);
  registerBroadcast(program, ctx);
  program.hook('postAction', async () => {
    await ctx.close();
  });
  return program;
}

/** Entry point: a configuration error is one line, not a stack trace. */
export async function main(argv: string[]): Promise<void> {
  // `yinling … | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`yinling: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
