/**
 * Reads the knowledge folder: Markdown with front matter, plain text, .docx (mammoth) and .pdf
 * (unpdf) documents, plus faq.yaml. A bad file (empty, binary, broken front matter, unreadable)
 * is reported by name and skipped; it never stops the others.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, extname, basename, sep } from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import { guessTitle, type SourceDoc } from './chunker.js';
import type { FaqEntry } from './faq.js';

/** A file that could not be used, and why (shown by `yinling ingest` and logged at start). */
export interface FileProblem {
  file: string;
  reason: string;
}

export interface KnowledgeSet {
  docs: SourceDoc[];
  faq: FaqEntry[];
  problems: FileProblem[];
  /** Absolute paths of the jieba dictionary and synonyms files (may not exist). */
  dictFile: string;
  synonymsFile: string;
}

/** File names at the top of the knowledge folder that are not documents. */
export const SPECIAL_FILES = new Set(['faq.yaml', 'faq.yml', 'dict.txt', 'synonyms.txt', 'readme.md']);
const DOC_EXTENSIONS = new Set(['.md', '.markdown', '.txt', '.docx', '.pdf']);

/** Every document file under dir (sorted, relative paths with forward slashes). */
export function listKnowledgeFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(d, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** True when the bytes look like a binary file rather than UTF-8 text. */
function looksBinary(buf: Buffer): boolean {
  const head = buf.subarray(0, 4096);
  if (head.includes(0)) return true;
  const text = head.toString('utf8');
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  return bad > 8 || bad > text.length / 20;
}

/** Reads one document file; throws an Error whose message is the reason to report. */
export async function readDocumentFile(dir: string, rel: string): Promise<SourceDoc> {
  const full = join(dir, rel);
  const ext = extname(rel).toLowerCase();
  const buf = readFileSync(full);
  if (buf.length === 0) throw new Error('空文件 (empty file)');
  const fallbackTitle = basename(rel, extname(rel));
  if (ext === '.docx') {
    const mammoth = await import('mammoth');
    let value: string;
    try {
      value = (await mammoth.extractRawText({ buffer: buf })).value;
    } catch (e) {
      throw new Error(`无法读取 Word 文件 (unreadable .docx: ${(e as Error).message})`);
    }
    return textDoc(rel, fallbackTitle, value);
  }
  if (ext === '.pdf') {
    const { extractText, getDocumentProxy } = await import('unpdf');
    let text: string;
    try {
      const pdf = await getDocumentProxy(new Uint8Array(buf));
      text = (await extractText(pdf, { mergePages: true })).text;
    } catch (e) {
      throw new Error(`无法读取 PDF 文件 (unreadable .pdf: ${(e as Error).message})`);
    }
    return textDoc(rel, fallbackTitle, text);
  }
  if (looksBinary(buf)) throw new Error('不是文本文件 (binary content)');
  const raw = buf.toString('utf8').replace(/^\uFEFF/, '');
  if (ext === '.md' || ext === '.markdown') {
    let parsed: matter.GrayMatterFile<string>;
    try {
      // a fresh options object disables gray-matter's cache, so a fixed file is re-read
      parsed = matter(raw, {});
    } catch (e) {
      throw new Error(`文件头格式错误 (broken front matter: ${(e as Error).message.split('\n')[0]})`);
    }
    const meta: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed.data ?? {})) {
      if (v !== null && v !== undefined) meta[k] = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    }
    const h1 = /^#\s+(.+)$/m.exec(parsed.content)?.[1]?.trim();
    const doc = textDoc(rel, meta.title || h1 || fallbackTitle, parsed.content, false);
    return { ...doc, meta };
  }
  return textDoc(rel, fallbackTitle, raw);
}

function textDoc(rel: string, title: string, text: string, titleFromText = true): SourceDoc {
  if (!text.trim()) throw new Error('没有文字内容 (no text)');
  // a Word/PDF/text file without metadata: its first short line is its title
  return { id: rel, title: (titleFromText && guessTitle(text)) || title, text, file: rel };
}

/** Reads faq.yaml (a list of {id, question, similar[], answer, source:{doc, article}}). */
export function readFaq(dir: string, problems: FileProblem[]): FaqEntry[] {
  const file = ['faq.yaml', 'faq.yml'].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) return [];
  try {
    const data = parseYaml(readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(data)) throw new Error('应是问题列表 (expected a list)');
    const out: FaqEntry[] = [];
    data.forEach((e: Record<string, unknown>, i) => {
      if (!e || typeof e.question !== 'string' || typeof e.answer !== 'string') {
        problems.push({ file: `${basename(file)}#${i + 1}`, reason: '缺少 question 或 answer (missing question/answer)' });
        return;
      }
      const source = (e.source ?? {}) as Record<string, unknown>;
      out.push({
        id: String(e.id ?? `faq-${i + 1}`),
        question: e.question,
        similar: Array.isArray(e.similar) ? e.similar.map(String) : [],
        answer: e.answer,
        source: { doc: String(source.doc ?? ''), ...(source.article ? { article: String(source.article) } : {}) },
      });
    });
    return out;
  } catch (e) {
    problems.push({ file: basename(file), reason: `无法解析 (unparseable: ${(e as Error).message.split('\n')[0]})` });
    return [];
  }
}

/** Reads the whole knowledge folder; `onFile` is called after each document (for progress bars). */
export async function readKnowledge(dir: string, onFile?: (done: number, total: number, file: string) => void): Promise<KnowledgeSet> {
  const problems: FileProblem[] = [];
  const docs: SourceDoc[] = [];
  const files = listKnowledgeFiles(dir).filter((f) => !SPECIAL_FILES.has(f.toLowerCase()));
  let done = 0;
  for (const rel of files) {
    done++;
    if (!DOC_EXTENSIONS.has(extname(rel).toLowerCase())) {
      problems.push({ file: rel, reason: '不支持的文件类型 (unsupported type; use .md .txt .docx .pdf)' });
    } else {
      try {
        docs.push(await readDocumentFile(dir, rel));
      } catch (e) {
        problems.push({ file: rel, reason: (e as Error).message });
      }
    }
    onFile?.(done, files.length, rel);
  }
  return { docs, faq: readFaq(dir, problems), problems, dictFile: join(dir, 'dict.txt'), synonymsFile: join(dir, 'synonyms.txt') };
}
