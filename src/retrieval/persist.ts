/**
 * Persists the index under `${DATA_DIR}/index/`: meta.json (format version, knowledge content
 * hash, documents, chunks, BM25 headers, FAQ, problems), one binary file per BM25 array, and the
 * hnswlib graph. A new index is written beside the old one and swapped in by renames.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { Bm25Index, type Bm25Header } from './bm25.js';
import type { Chunk } from './chunker.js';
import type { FaqEntry } from './faq.js';
import type { FileProblem } from './loaders.js';
import { listKnowledgeFiles } from './loaders.js';
import { FIELD_NAMES, SearchIndex, type FieldName, type IndexedDoc, type RankingParams } from './search-index.js';

/** Bump when the on-disk format or the analysis changes, so old indexes are rebuilt. */
export const INDEX_FORMAT = 11;

interface Meta {
  format: number;
  hash: string;
  builtAt: string;
  params: RankingParams;
  docs: IndexedDoc[];
  chunks: Omit<Chunk, 'id' | 'docId'>[];
  chunkDoc: number[];
  fields: Record<FieldName, Bm25Header>;
  faq: FaqEntry[];
  problems: FileProblem[];
  vectors: boolean;
  /** Who made the vectors (OFFLINE_EMBEDDER, an LLM embedder id, or NO_VECTORS) and their dimension. */
  embedder: string;
  vectorDim: number;
}

/** What a saved index holds besides the search index. */
export interface SavedExtras {
  hash: string;
  faq: FaqEntry[];
  problems: FileProblem[];
}

/** sha256 over the format version and every file (path and bytes) of the knowledge folder. */
export function knowledgeHash(dir: string): string {
  const h = createHash('sha256');
  h.update(`format:${INDEX_FORMAT}\n`);
  for (const rel of listKnowledgeFiles(dir)) {
    h.update(`${rel}\n`);
    h.update(readFileSync(join(dir, rel)));
    h.update('\n');
  }
  return h.digest('hex');
}

/** Reads only the stored hash (null when there is no readable index). */
export function savedHash(dir: string): string | null {
  try {
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Partial<Meta>;
    return meta.format === INDEX_FORMAT ? (meta.hash ?? null) : null;
  } catch {
    return null;
  }
}

/** Writes the index to `dir` (replacing what was there). */
export function saveIndex(dir: string, index: SearchIndex, extras: SavedExtras): void {
  const tmp = `${dir}.new-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const fields = {} as Record<FieldName, Bm25Header>;
  for (const name of FIELD_NAMES) {
    const f = index.fields[name];
    fields[name] = f.header;
    writeFileSync(join(tmp, `${name}.ids.bin`), Buffer.from(f.ids.buffer, f.ids.byteOffset, f.ids.byteLength));
    writeFileSync(join(tmp, `${name}.tfs.bin`), Buffer.from(f.tfs.buffer, f.tfs.byteOffset, f.tfs.byteLength));
    writeFileSync(join(tmp, `${name}.len.bin`), Buffer.from(f.lengths.buffer, f.lengths.byteOffset, f.lengths.byteLength));
  }
  if (index.vectors) index.vectors.writeIndexSync(join(tmp, 'vectors.hnsw'));
  writeFileSync(join(tmp, 'texts.json'), JSON.stringify(index.docTexts));
  const meta: Meta = {
    format: INDEX_FORMAT,
    hash: extras.hash,
    builtAt: new Date().toISOString(),
    params: { ...index.params, rerank: undefined } as unknown as RankingParams,
    docs: index.docs,
    chunks: index.chunks.map(({ path, article, text }) => ({ path, ...(article ? { article } : {}), text })),
    chunkDoc: Array.from(index.chunkDoc),
    fields,
    faq: extras.faq,
    problems: extras.problems,
    vectors: Boolean(index.vectors),
    embedder: index.embedderId,
    vectorDim: index.vectors ? index.vectors.getNumDimensions() : 0,
  };
  // meta.json last: an index without it is never read
  writeFileSync(join(tmp, 'meta.json'), JSON.stringify(meta));
  const old = `${dir}.old-${process.pid}`;
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}

function readArray<T>(file: string, make: (buf: ArrayBuffer) => T): T {
  const b = readFileSync(file);
  return make(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
}

/** Loads a saved index; null when missing, of another format, or unreadable. */
export function loadIndex(dir: string, opts: ConstructorParameters<typeof SearchIndex>[1] = {}): { index: SearchIndex; extras: SavedExtras } | null {
  let meta: Meta;
  try {
    meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
  } catch {
    return null;
  }
  if (meta.format !== INDEX_FORMAT) return null;
  const fields = {} as Record<FieldName, Bm25Index>;
  for (const name of FIELD_NAMES) {
    fields[name] = new Bm25Index(
      meta.fields[name],
      readArray(join(dir, `${name}.ids.bin`), (b) => new Uint32Array(b)),
      readArray(join(dir, `${name}.tfs.bin`), (b) => new Uint16Array(b)),
      readArray(join(dir, `${name}.len.bin`), (b) => new Float32Array(b)),
    );
  }
  const chunks: Chunk[] = meta.chunks.map((c, i) => ({ id: i, docId: meta.docs[meta.chunkDoc[i]!]!.id, ...c }));
  let vectors: hnswlib.HierarchicalNSW | undefined;
  if (meta.vectors && chunks.length > 0) {
    vectors = new hnswlib.HierarchicalNSW('cosine', meta.vectorDim || meta.params.dim);
    vectors.readIndexSync(join(dir, 'vectors.hnsw'));
    // ef is not stored in the file
    vectors.setEf(64);
  }
  const docTexts = JSON.parse(readFileSync(join(dir, 'texts.json'), 'utf8')) as string[];
  const index = new SearchIndex(
    { docs: meta.docs, docTexts, chunks, fields, chunkDoc: Uint32Array.from(meta.chunkDoc), params: meta.params, embedderId: meta.embedder, ...(vectors ? { vectors } : {}) },
    opts,
  );
  return { index, extras: { hash: meta.hash, faq: meta.faq, problems: meta.problems } };
}
