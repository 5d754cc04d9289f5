/**
 * Structural chunking for Chinese documents: headings -> 第X条 articles -> sentences.
 * Sentences end at 。！？； (the punctuation stays with its sentence); a chunk never crosses an
 * article or heading boundary, and carries the heading path so it reads on its own.
 */

/** One searchable piece of a document. */
export interface Chunk {
  /** Position of the chunk in the whole index (set by the index builder). */
  id: number;
  docId: string;
  /** Heading path inside the document, e.g. "第二章 医疗待遇". */
  path: string;
  /** Article label such as 第五条, when the chunk is inside one. */
  article?: string;
  /** The chunk body (without the heading path). */
  text: string;
}

/** A document as the loaders produce it. */
export interface SourceDoc {
  id: string;
  title: string;
  text: string;
  /** Front-matter fields (issuer, doc_no, effective…), when present. */
  meta?: Record<string, string>;
  /** File the document came from (relative to the knowledge folder). */
  file?: string;
}

export interface ChunkOptions {
  /** Upper bound of a chunk body in characters (a single longer sentence is cut hard). */
  maxChars?: number;
}

const CN_NUM = '一二三四五六七八九十百千零〇两';
const ARTICLE = new RegExp(`^(第[${CN_NUM}\\d]+条)[\\s　]*`);
const CHAPTER = new RegExp(`^第[${CN_NUM}\\d]+[编章节部分]`);
const CN_LIST_HEADING = new RegExp(`^(?:[${CN_NUM}]+、|（[${CN_NUM}]+）|\\([${CN_NUM}]+\\))`);
const SENTENCE = /[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|$)/g;

/** Splits text into sentences; the closing punctuation (and closing quotes) stay at the end. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SENTENCE)) {
    const s = m[0].trim();
    if (s) out.push(s);
  }
  return out;
}

interface Block {
  kind: 'heading' | 'article' | 'para';
  level: number;
  text: string;
  article?: string;
}

/** A heading line: markdown #, 第X章/节, or a short 一、/（一） line without sentence punctuation. */
function classifyLine(line: string): Block {
  const md = /^(#{1,6})\s+(.*)$/.exec(line);
  if (md) return { kind: 'heading', level: md[1]!.length, text: md[2]!.trim() };
  const art = ARTICLE.exec(line);
  if (art) return { kind: 'article', level: 9, text: line.slice(art[0].length).trim(), article: art[1]! };
  const short = line.length <= 40 && !/[。！？；，,]/.test(line.replace(/[。]$/, ''));
  if (CHAPTER.test(line) && line.length <= 40) return { kind: 'heading', level: 2, text: line };
  if (short && CN_LIST_HEADING.test(line)) return { kind: 'heading', level: line.startsWith('（') || line.startsWith('(') ? 4 : 3, text: line };
  return { kind: 'para', level: 10, text: line };
}

/**
 * Splits one-line texts (web reprints) at inline list headings such as " 一、" or " （二）" so
 * their structure is not lost; text with real line breaks is kept as it is.
 */
function toLines(text: string): string[] {
  const normal = text.replace(/\r\n?/g, '\n');
  const lines = normal.split('\n');
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (line.length > 400) {
      // inline structure markers after whitespace start a new line
      const parts = line.split(new RegExp(`\\s+(?=(?:第[${CN_NUM}\\d]+条|[${CN_NUM}]+、|（[${CN_NUM}]+）))`));
      for (const p of parts) if (p.trim()) out.push(p.trim());
    } else out.push(line);
  }
  return out;
}

/** Packs sentences into bodies of at most maxChars; a longer sentence is cut at commas, then hard. */
function pack(sentences: string[], maxChars: number): string[] {
  const bodies: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur) bodies.push(cur);
    cur = '';
  };
  for (const s of sentences) {
    if (s.length > maxChars) {
      flush();
      for (const piece of cutLong(s, maxChars)) bodies.push(piece);
      continue;
    }
    if (cur.length + s.length > maxChars) flush();
    cur += s;
  }
  flush();
  return bodies;
}

function cutLong(s: string, maxChars: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const part of s.split(/(?<=[，,、：:])/)) {
    if (cur.length + part.length > maxChars && cur) {
      out.push(cur);
      cur = '';
    }
    if (part.length > maxChars) {
      for (let i = 0; i < part.length; i += maxChars) out.push(part.slice(i, i + maxChars));
      continue;
    }
    cur += part;
  }
  if (cur) out.push(cur);
  return out;
}

/** Chunks one document structurally; ids are left at -1 for the index builder to assign. */
export function chunkDocument(doc: SourceDoc, opts: ChunkOptions = {}): Chunk[] {
  const maxChars = opts.maxChars ?? 240;
  const chunks: Chunk[] = [];
  const headings: { level: number; text: string }[] = [];
  let article: string | undefined;
  let buffer: string[] = [];

  const path = () => headings.map((h) => h.text).join(' ');
  const flush = () => {
    if (buffer.length === 0) return;
    const sentences = buffer.flatMap(splitSentences);
    for (const body of pack(sentences, maxChars)) {
      chunks.push({ id: -1, docId: doc.id, path: path(), ...(article ? { article } : {}), text: body });
    }
    buffer = [];
  };

  for (const line of toLines(doc.text)) {
    const block = classifyLine(line);
    if (block.kind === 'heading') {
      flush();
      article = undefined;
      while (headings.length && headings[headings.length - 1]!.level >= block.level) headings.pop();
      // a markdown H1 equal to the title adds nothing
      if (!(block.level === 1 && block.text === doc.title)) headings.push({ level: block.level, text: block.text });
    } else if (block.kind === 'article') {
      flush();
      article = block.article;
      if (block.text) buffer.push(block.text);
    } else {
      buffer.push(block.text);
    }
  }
  flush();
  return chunks;
}

/** A title for an untitled text: its first line (or first run before a wide gap), when short. */
export function guessTitle(text: string): string {
  const first = text.trim().split(/\n|\s{2,}|\s(?=\S{20,})/)[0]?.trim() ?? '';
  return first.length > 0 && first.length <= 60 && !/[。！？；]$/.test(first) ? first : '';
}
