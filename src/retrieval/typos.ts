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
 * Fuzzy pinyin (模糊音): many southern speakers switch their input method to accept z for zh, c for
 * ch, s for sh, l for n, an for ang, en for eng and in for ing, so 伤葬费 (shang) stands for 丧葬费
 * (sang). A stretch that matches no word exactly is tried again under those pairs, after every exact
 * match of the question is made (an exact reading always wins), with every rule above.
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

const FUZZY_INITIALS: Record<string, string> = { zh: 'z', ch: 'c', sh: 's', n: 'l' };
const FUZZY_FINALS: Record<string, string> = { ang: 'an', eng: 'en', ing: 'in' };

/**
 * A toneless syllable under the common fuzzy-pinyin pairs: zh/z, ch/c, sh/s, n/l, ang/an, eng/en,
 * ing/in (shang and sang both give san, neng and leng give len). Only whole finals fold, so iang
 * stays apart from ian and uang from uan; after y and w (yang = iang, wang = uang, weng = ueng)
 * only ing/in folds (ying, yin).
 */
export function fuzzySyllable(syllable: string): string {
  const m = /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?([a-zü]+)$/.exec(syllable);
  if (!m || syllable === 'ng') return syllable;
  const initial = m[1] ?? '';
  const final = m[2]!;
  const glide = initial === 'y' || initial === 'w';
  return (FUZZY_INITIALS[initial] ?? initial) + (glide && final !== 'ing' ? final : (FUZZY_FINALS[final] ?? final));
}

/** Words by their reading and every leading part of every reading ("li", "li xiu"). */
interface ReadingTable {
  words: Map<string, string[]>;
  prefixes: Set<string>;
}

export interface CorrectorOptions {
  /** Also accept fuzzy-pinyin matches (z/zh, c/ch, s/sh, n/l, an/ang, en/eng, in/ing) after exact ones; on by default. */
  fuzzy?: boolean;
}

export class HomophoneCorrector {
  /**
   * Domain words by their reading ("li xiu"), most frequent in the knowledge base first, with every
   * leading part of every reading to give up on a stretch early; built at the first question.
   */
  private tables: { exact: ReadingTable; fuzzy: ReadingTable } | undefined;

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
    private readonly options: CorrectorOptions = {},
  ) {}

  private get byReading(): { exact: ReadingTable; fuzzy: ReadingTable } {
    if (this.tables) return this.tables;
    const weight = new Map<string, number>();
    for (const [raw, df] of this.vocabulary()) {
      const w = normalizeText(raw);
      if (w.length < 2 || w.length > MAX_WORD || !HAN.test(w)) continue;
      weight.set(w, Math.max(df, weight.get(w) ?? 0));
    }
    const exact: ReadingTable = { words: new Map(), prefixes: new Set() };
    const fuzzy: ReadingTable = { words: new Map(), prefixes: new Set() };
    const add = (table: ReadingTable, read: string[], w: string) => {
      for (let j = 1; j <= read.length; j++) table.prefixes.add(read.slice(0, j).join(' '));
      const key = read.join(' ');
      let list = table.words.get(key);
      if (!list) table.words.set(key, (list = []));
      list.push(w);
    };
    for (const w of weight.keys()) {
      const read = readings(w);
      add(exact, read, w);
      if (this.options.fuzzy !== false) add(fuzzy, read.map(fuzzySyllable), w);
    }
    for (const table of [exact, fuzzy]) for (const list of table.words.values()) list.sort((a, b) => weight.get(b)! - weight.get(a)!);
    return (this.tables = { exact, fuzzy });
  }

  get size(): number {
    return this.byReading.exact.words.size;
  }

  /** The question with its homophone typos replaced, and what was replaced. */
  correct(text: string): { text: string; fixes: TypoFix[] } {
    const norm = normalizeText(text);
    if (!this.size) return { text: norm, fixes: [] };
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
    // longest words first, so 离休干部 wins over 离休; every exact reading before any fuzzy one
    stretches.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    const claimed = new Uint8Array(n);
    const { exact, fuzzy } = this.byReading;
    let read: string[][] | undefined;
    let fuzzyRead: string[][] | undefined;
    for (const table of this.options.fuzzy === false ? [exact] : [exact, fuzzy]) {
      for (const [i, len] of stretches) {
        if (!unknown.subarray(i, i + len - 1).includes(1) || claimed.subarray(i, i + len).includes(1)) continue;
        const typed = chars.slice(i, i + len).join('');
        // two characters are a word only when neither is a particle or a numeral (检一年, 会涨 are not)
        if (len === 2 && [...typed].some((c) => FUNCTION_CHARS.has(c) || NUMERALS.has(c))) continue;
        read ??= charReadings(run);
        // fuzzy: the usual reading of each character only (趣 is qu, not its rare cu, so 提趣 never reads ti chu)
        if (table === fuzzy) fuzzyRead ??= readings(run).map((r) => [fuzzySyllable(r)]);
        const word = this.lookup(typed, (table === fuzzy ? fuzzyRead! : read).slice(i, i + len), table);
        if (!word) continue;
        if (table === fuzzy && !this.fuzzyFits(chars, i, typed, word)) continue;
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
    }
    return chars.join('');
  }

  /**
   * The extra conditions of a fuzzy-pinyin match, which finds far more look-alikes than an exact one:
   * - it never brings in a particle or numeral (上个 shang ge is not 三个 san ge);
   * - a two-character word whose changed character has a neighbour in the question needs the
   *   knowledge base to write the word next to one of its neighbours: 离休干部足院了 gives 住院
   *   (部住 occurs), 足院了 alone gives 住院 too, but 象棋马走日咋走 keeps 走日 (马周 and 日咋 occur
   *   nowhere, so no 周日).
   */
  private fuzzyFits(chars: string[], i: number, typed: string, word: string): boolean {
    if ([...word].some((c, j) => c !== typed[j] && (FUNCTION_CHARS.has(c) || NUMERALS.has(c)))) return false;
    if (word.length !== 2) return true;
    const left = i > 0 ? chars[i - 1]! + word[0]! : '';
    const right = i + 2 < chars.length ? word[1]! + chars[i + 2]! : '';
    const [changedSide, otherSide] = word[0] !== typed[0] ? [left, right] : [right, left];
    return !changedSide || this.pairDf(changedSide) > 0 || (!!otherSide && this.pairDf(otherSide) > 0);
  }

  /** The most frequent vocabulary word read like the typed stretch that differs from it in allowed characters only. */
  private lookup(typed: string, read: string[][], table: ReadingTable): string | undefined {
    const allowed = typed.length >= 4 ? 2 : 1;
    // readings of the stretch, extended syllable by syllable while some vocabulary word starts so
    const prefixes = table.prefixes;
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
      const candidates = table.words.get(key);
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
 * With `fuzzy`, the other character reads differently but alike under the fuzzy-pinyin pairs
 * (丧 sang -> 伤 shang), as with 模糊音 switched on.
 */
export function homophoneTypos(questions: string[], alphabet: Iterable<string>, seed = 7, opts: { fuzzy?: boolean } = {}): string[] {
  const key = (r: string) => (opts.fuzzy ? fuzzySyllable(r) : r);
  const byReading = new Map<string, string[]>();
  const own = new Map<string, string>();
  for (const c of new Set(alphabet)) {
    if (!HAN.test(c) || FUNCTION_CHARS.has(c) || NUMERALS.has(c)) continue;
    const r = pinyin(c, { toneType: 'none' });
    own.set(c, r);
    let list = byReading.get(key(r));
    if (!list) byReading.set(key(r), (list = []));
    list.push(c);
  }
  const rand = seeded(seed);
  return questions.map((q) => {
    const chars = [...q];
    const read = charReadings(q.replace(/[^\p{Script=Han}]/gu, '\u4e00'));
    const spots = chars
      .map((c, i) => {
        const r = read[i]![0]!;
        const fits = (o: string) => o !== c && (!opts.fuzzy || own.get(o) !== r);
        return { c, i, others: HAN.test(c) && !FUNCTION_CHARS.has(c) && !NUMERALS.has(c) ? (byReading.get(key(r)) ?? []).filter(fits) : [] };
      })
      .filter((s) => s.others.length > 0);
    if (!spots.length) return q;
    const s = spots[Math.floor(rand() * spots.length)]!;
    chars[s.i] = s.others[Math.floor(rand() * s.others.length)]!;
    return chars.join('');
  });
}
