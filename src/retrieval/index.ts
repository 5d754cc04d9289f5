/**
 * Builds the policy service from knowledge/: loads the persisted index from
 * `${DATA_DIR}/index/` when the knowledge folder's content hash is unchanged, else rebuilds it.
 */
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { Llm, LlmEmbedder } from '../llm/types.js';
import { HomophoneCorrector, readDictWords } from './typos.js';
import type { Metrics } from '../core/metrics.js';
import { FaqMatcher, type FaqEntry } from './faq.js';
import { readKnowledge, type FileProblem } from './loaders.js';
import { knowledgeHash, loadIndex, saveIndex } from './persist.js';
import type { PolicyService } from './policy-service.js';
import { OFFLINE_EMBEDDER, SearchIndex } from './search-index.js';
import { DEFAULT_SERVICE_OPTIONS, KnowledgePolicyService } from './service.js';
import { Synonyms } from './synonyms.js';
import { getJieba } from './tokenizer.js';

export type { PolicyService } from './policy-service.js';
export { KnowledgePolicyService } from './service.js';

/** Where the index of a configuration lives. */
export function indexDir(config: Pick<Config, 'DATA_DIR'>): string {
  return join(config.DATA_DIR, 'index');
}

export interface BuildReport {
  docs: number;
  chunks: number;
  faq: number;
  problems: FileProblem[];
  seconds: number;
  rebuilt: boolean;
}

/** Progress callback: stage 'read' (files), 'tokenize' (documents), 'vectors' (chunks). */
export type ProgressFn = (done: number, total: number, stage: string) => void;

/**
 * Reads knowledge/, builds the index and saves it (used by `yinling ingest` and by start-up).
 * With an LLM embedder the vectors are its own (none when it fails: BM25 only), else the offline
 * hashed tf-idf ones.
 */
export async function buildKnowledgeIndex(
  config: Pick<Config, 'DATA_DIR' | 'KNOWLEDGE_DIR'>,
  onProgress?: ProgressFn,
  embedder?: LlmEmbedder,
): Promise<{ index: SearchIndex; faq: FaqEntry[]; report: BuildReport }> {
  const t0 = performance.now();
  const hash = knowledgeHash(config.KNOWLEDGE_DIR);
  const set = await readKnowledge(config.KNOWLEDGE_DIR, (d, n) => onProgress?.(d, n, 'read'));
  const synonyms = Synonyms.load(set.synonymsFile);
  const jieba = getJieba([set.dictFile], synonyms.allTerms());
  const index = SearchIndex.build(set.docs, { jieba, synonyms, vectors: !embedder, ...(onProgress ? { onProgress } : {}) });
  if (embedder) await index.useEmbedder(embedder, onProgress);
  saveIndex(indexDir(config), index, { hash, faq: set.faq, problems: set.problems });
  const seconds = (performance.now() - t0) / 1000;
  return { index, faq: set.faq, report: { docs: index.docs.length, chunks: index.chunks.length, faq: set.faq.length, problems: set.problems, seconds, rebuilt: true } };
}

/** Loads the saved index when it matches knowledge/ and the embedder, otherwise rebuilds it. */
export async function openKnowledgeIndex(
  config: Pick<Config, 'DATA_DIR' | 'KNOWLEDGE_DIR'>,
  onProgress?: ProgressFn,
  embedder?: LlmEmbedder,
): Promise<{ index: SearchIndex; faq: FaqEntry[]; report: BuildReport }> {
  const t0 = performance.now();
  const hash = knowledgeHash(config.KNOWLEDGE_DIR);
  const synonyms = Synonyms.load(join(config.KNOWLEDGE_DIR, 'synonyms.txt'));
  const jieba = knowledgeJieba(config.KNOWLEDGE_DIR, synonyms);
  let saved: ReturnType<typeof loadIndex> = null;
  try {
    saved = loadIndex(indexDir(config), { jieba, synonyms });
  } catch {
    saved = null; // a damaged index is rebuilt
  }
  // vectors of another embedder (or none, after a failed embedding) mean a rebuild
  if (saved && saved.extras.hash === hash && saved.index.embedderId === (embedder?.id ?? OFFLINE_EMBEDDER)) {
    const { index, extras } = saved;
    if (embedder) index.attachEmbedder(embedder);
    return {
      index,
      faq: extras.faq,
      report: { docs: index.docs.length, chunks: index.chunks.length, faq: extras.faq.length, problems: extras.problems, seconds: (performance.now() - t0) / 1000, rebuilt: false },
    };
  }
  return buildKnowledgeIndex(config, onProgress, embedder);
}

/**
 * Loads (or rebuilds) the persisted index and returns the service; undefined when knowledge/ cannot
 * be used. The vector index uses the LLM embedder when one is given, or when `metrics` are given and
 * EMBEDDING_MODEL with the LLM endpoint is configured (createLlmEmbedder).
 */
export async function loadPolicyService(deps: { config: Config; logger: Logger; llm?: Llm; metrics?: Metrics; embedder?: LlmEmbedder; typoFix?: boolean }): Promise<PolicyService | undefined> {
  const { config, logger } = deps;
  try {
    const wanted = deps.metrics && config.OPENAI_BASE_URL && config.EMBEDDING_MODEL;
    const embedder = deps.embedder ?? (wanted ? (await import('../llm/index.js')).createLlmEmbedder({ config, logger, metrics: deps.metrics! }) : undefined);
    const { index, faq, report } = await openKnowledgeIndex(config, undefined, embedder);
    if (embedder && index.embedderId !== embedder.id) logger.warn({ embedder: embedder.id }, 'embeddings failed; policy search uses BM25 only');
    for (const p of report.problems) logger.warn({ file: p.file, reason: p.reason }, 'knowledge file skipped');
    logger.info({ docs: report.docs, chunks: report.chunks, faq: report.faq, rebuilt: report.rebuilt, seconds: Number(report.seconds.toFixed(2)) }, 'policy index ready');
    return new KnowledgePolicyService(index, new FaqMatcher(faq, { jieba: knowledgeJieba(config.KNOWLEDGE_DIR) }), {
      ...DEFAULT_SERVICE_OPTIONS,
      ...(deps.typoFix === false ? {} : { corrector: knowledgeCorrector(index, config.KNOWLEDGE_DIR) }),
      faqThreshold: config.FAQ_MIN_SIMILARITY,
      minCoverage: config.POLICY_MIN_RELEVANCE,
      minTentative: config.POLICY_TENTATIVE_RELEVANCE,
      ...(deps.llm ? { llm: deps.llm } : {}),
      logger,
    });
  } catch (e) {
    logger.error({ err: (e as Error).message }, 'policy index could not be built; policy answers unavailable');
    return undefined;
  }
}

/** jieba with the knowledge base's words: dict.txt and every synonym group's terms. */
export function knowledgeJieba(knowledgeDir: string, synonyms = Synonyms.load(join(knowledgeDir, 'synonyms.txt'))) {
  return getJieba([join(knowledgeDir, 'dict.txt')], synonyms.allTerms());
}

/**
 * The homophone corrector of a knowledge base: its own words (by the number of documents using
 * them) and the domain dictionary (dict.txt, synonyms.txt), read at the first question.
 */
export function knowledgeCorrector(index: SearchIndex, knowledgeDir: string): HomophoneCorrector {
  const jieba = knowledgeJieba(knowledgeDir);
  return new HomophoneCorrector(
    function* () {
      const words = index.fields.dw;
      for (const t of words.header.terms) yield [t, words.df(t)];
      const all = index.docs.length;
      for (const w of readDictWords(join(knowledgeDir, 'dict.txt'))) yield [w, all];
      for (const w of Synonyms.load(join(knowledgeDir, 'synonyms.txt')).allTerms()) yield [w, all];
    },
    (pair) => index.fields.db.df(pair),
    (text) => jieba.cut(text, false),
  );
}
