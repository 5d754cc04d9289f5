/**
 * Homophone typos of the domain vocabulary. Retirees type with pinyin input methods, whose
 * candidate lists put 修 beside 休 and 消 beside 销: "离修干部住院报消" means 离休干部住院报销.
 * A stretch of the question is replaced by a word of the domain vocabulary (dict.txt and
 * synonyms.txt) only when
 * - both read the same in pinyin (tones ignored, as the input method ignores them),
 * - they differ in one character (two for words of four or more characters), and
 * - the stretch as typed is not found in the knowledge base (one of its character pairs occurs in
 *   no document) nor is it one word of the general dictionary, so a real word is never "corrected";
 * - the stretch starts and ends where the word segmentation does (离/修/干部 -> 离休干部, but
 *   糖尿病/饮食 never gives 病因), and a particle or numeral is never changed.
 * Everything else is left alone: the question is searched as typed.
 * pinyin-pro gives the readings (contextual, so 重庆 reads chong qing).
 */
import { existsSync, readFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';
import { normalizeText } from './tokenizer.js';

export interface TypoFix {
  from: string;
  to: string;
}

const HAN = /^\p{Script=Han}+$/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const MAX_WORD = 8;

/** Readings of a run of Han characters, one per character, without tones (contextual, then the others). */
function readings(run: string): string[] {
  const out = pinyin(run, { toneType: 'none', type: 'array' });
  return out.length === run.length ? out : [...run].map((c) => pinyin(c, { toneType: 'none' }));
}

/**
 * Every reading of each character (a heteronym such as 藏 gives cang and zang), at most three,
 * from a per-character cache: a question costs map lookups once its characters have been seen.
 */
function charReadings(run: string): string[][] {
  return [...run].map((c) => {
    let all = ALL_READINGS.get(c);
    if (!all) ALL_READINGS.set(c, (all = pinyin(c, { toneType: 'none', type: 'array', multiple: true }).slice(0, 3)));
    return all;
  });
}
const ALL_READINGS = new Map<string, string[]>();

/**
 * Characters typed on purpose far more often than by mistake (particles, modal verbs, pronouns):
 * never replaced, so 单位会来看望吗 keeps its 会.
 */
const FUNCTION_CHARS = new Set([...'的地得了着过是在有会要能可就都也还又再和与及或而不没别把被给让叫对向从到往为以于吗呢吧啊呀嘛么我你您他她它们这那哪谁啥怎几多很太更最']);

const NUMERALS = new Set([...'一二三四五六七八九十百千万两零']);

/** Reading combinations tried per stretch (heteronyms multiply them). */
const MAX_KEYS = 16;

export class HomophoneCorrector {
  /** Domain words by their reading ("li xiu"), most frequent in the knowledge base first; built at the first question. */
  private table: Map<string, string[]> | undefined;
  /** Every leading part of every word's reading ("li", "li xiu"), to give up on a stretch early. */
  private readonly prefixes = new Set<string>();

  /**
   * @param vocabulary the words: the knowledge base's own (with the number of documents using
   *   each) and the domain dictionary (dict.txt, synonyms.txt); read at the first question
   * @param pairDf in how many documents of the knowledge base a character pair occurs
   */
  constructor(
    private readonly vocabulary: () => Iterable<[word: string, df: number]>,
    private readonly pairDf: (pair: string) => number,
    /** Word segmentation without new-word guessing (jieba, HMM off). */
    private readonly cut: (text: string) => string[] = (t) => [...t],
  ) {}

  private get byReading(): Map<string, string[]> {
    if (this.table) return this.table;
    const weight = new Map<string, number>();
    for (const [raw, df] of this.vocabulary()) {
      const w = normalizeText(raw);
      if (w.length < 2 || w.length > MAX_WORD || !HAN.test(w)) continue;
      weight.set(w, Math.max(df, weight.get(w) ?? 0));
    }
    const table = new Map<string, string[]>();
    for (const w of weight.keys()) {
      const read = readings(w);
      for (let j = 1; j <= read.length; j++) this.prefixes.add(read.slice(0, j).join(' '));
      const key = read.join(' ');
      let list = table.get(key);
      if (!list) table.set(key, (list = []));
      list.push(w);
    }
    for (const list of table.values()) list.sort((a, b) => weight.get(b)! - weight.get(a)!);
    return (this.table = table);
  }

  get size(): number {
    return this.byReading.size;
  }

  /** The question with its homophone typos replaced, and what was replaced. */
  correct(text: string): { text: string; fixes: TypoFix[] } {
    const norm = normalizeText(text);
    if (!this.byReading.size) return { text: norm, fixes: [] };
    const fixes: TypoFix[] = [];
    const out = norm.replace(HAN_RUN, (run) => this.correctRun(run, fixes));
    return { text: out, fixes };
  }

  private correctRun(run: string, fixes: TypoFix[]): string {
    if (run.length < 2) return run;
    const chars = [...run];
    const n = chars.length;
    // unknown[j]: the pair at j..j+1 occurs in no text of the vocabulary's source
    const unknown = new Uint8Array(n);
    let anyUnknown = false;
    for (let j = 0; j + 1 < n; j++) {
      if (this.pairDf(chars[j]! + chars[j + 1]!) === 0) {
        unknown[j] = 1;
        anyUnknown = true;
      }
    }
    if (!anyUnknown) return run;
    // a typo breaks a word into single characters: a stretch must start and end where the
    // segmentation does, and must not be one word of the general dictionary (上班 is no typo of 上半)
    const bounds = [0];
    const words = new Set<number>();
    let at = 0;
    for (const token of this.cut(run)) {
      const len = [...token].length;
      at += len;
      bounds.push(at);
      if (len >= 2) words.add((at - len) * 64 + at);
    }
    const stretches: [number, number][] = [];
    for (let a = 0; a < bounds.length; a++) {
      for (let b = a + 1; b < bounds.length; b++) {
        const len = bounds[b]! - bounds[a]!;
        if (len > MAX_WORD) break;
        if (len >= 2 && !words.has(bounds[a]! * 64 + bounds[b]!)) stretches.push([bounds[a]!, len]);
      }
    }
    // longest words first, so 离休干部 wins over 离休
    stretches.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    const claimed = new Uint8Array(n);
    let read: string[][] | undefined;
    void this.byReading; // builds the table and the prefixes at the first question
    for (const [i, len] of stretches) {
      if (!unknown.subarray(i, i + len - 1).includes(1) || claimed.subarray(i, i + len).includes(1)) continue;
      const typed = chars.slice(i, i + len).join('');
      // two characters are a word only when neither is a particle or a numeral (检一年, 会涨 are not)
      if (len === 2 && [...typed].some((c) => FUNCTION_CHARS.has(c) || NUMERALS.has(c))) continue;
      read ??= charReadings(run);
      const word = this.lookup(typed, read.slice(i, i + len));
      if (!word) continue;
      // a replaced character at the edge that pairs with its outside neighbour as the knowledge
      // base writes it is probably typed right (书画比赛: 比 goes with 赛, not 画笔)
      if (word[0] !== typed[0] && i > 0 && this.pairDf(chars[i - 1]! + typed[0]!) > 0) continue;
      if (word[len - 1] !== typed[len - 1] && i + len < n && this.pairDf(typed[len - 1]! + chars[i + len]!) > 0) continue;
      for (let j = 0; j < len; j++) {
        chars[i + j] = word[j]!;
        claimed[i + j] = 1;
      }
      fixes.push({ from: typed, to: word });
    }
    return chars.join('');
  }


  /** The most frequent vocabulary word read like the typed stretch that differs from it in allowed characters only. */
  private lookup(typed: string, read: string[][]): string | undefined {
    const allowed = typed.length >= 4 ? 2 : 1;
    // readings of the stretch, extended syllable by syllable while some vocabulary word starts so
    const prefixes = this.prefixes;
    let keys = [''];
    for (const options of read) {
      const next: string[] = [];
      for (const k of keys) {
        for (const o of options) {
          const key = k ? `${k} ${o}` : o;
          if (prefixes.has(key) && next.length < MAX_KEYS) next.push(key);
        }
      }
      if (!next.length) return undefined;
      keys = next;
    }
    for (const key of keys) {
      const candidates = this.byReading.get(key);
      if (!candidates || candidates.includes(typed)) continue;
      const word = candidates.find((w) => {
        let n = 0;
        for (let j = 0; j < w.length; j++) {
          if (w[j] === typed[j]) continue;
          if (FUNCTION_CHARS.has(typed[j]!)) return false;
          n++;
        }
        return n <= allowed;
      });
      if (word) return word;
    }
    return undefined;
  }

  /** True when every character pair of the stretch occurs in some document. */
  private known(s: string): boolean {
    return this.pairs(s).every((p) => this.pairDf(p) > 0);
  }

  private pairs(s: string): string[] {
    const out: string[] = [];
    for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
    return out;
  }
}

/** The words of a jieba dictionary file (first field of each line; # comments skipped). */
export function readDictWords(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(/\s+/)[0]!);
}

/** mulberry32: a small seeded generator, so an evaluation with typos is repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * For evaluation: puts one homophone typo into each question, as a pinyin input method would
 * (a content character replaced by another character of the same toneless reading, taken from
 * `alphabet`, the characters of the knowledge base). Questions without such a character are kept.
 */
export function homophoneTypos(questions: string[], alphabet: Iterable<string>, seed = 7): string[] {
  const byReading = new Map<string, string[]>();
  for (const c of new Set(alphabet)) {
    if (!HAN.test(c) || FUNCTION_CHARS.has(c) || NUMERALS.has(c)) continue;
    const r = pinyin(c, { toneType: 'none' });
    let list = byReading.get(r);
    if (!list) byReading.set(r, (list = []));
    list.push(c);
  }
  const rand = seeded(seed);
  return questions.map((q) => {
    const chars = [...q];
    const read = charReadings(q.replace(/[^\p{Script=Han}]/gu, '\u4e00'));
    const spots = chars
      .map((c, i) => ({ c, i, others: HAN.test(c) && !FUNCTION_CHARS.has(c) && !NUMERALS.has(c) ? (byReading.get(read[i]![0]!) ?? []).filter((o) => o !== c) : [] }))
      .filter((s) => s.others.length > 0);
    if (!spots.length) return q;
    const s = spots[Math.floor(rand() * spots.length)]!;
    chars[s.i] = s.others[Math.floor(rand() * s.others.length)]!;
    return chars.join('');
  });
}
