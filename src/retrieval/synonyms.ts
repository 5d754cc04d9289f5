/**
 * Synonym groups from knowledge/synonyms.txt: one group a line, canonical term first, terms
 * separated by spaces or commas. Used at query time to add the other terms of a group.
 */
import { existsSync, readFileSync } from 'node:fs';
import { normalizeText } from './tokenizer.js';

export class Synonyms {
  private readonly groups: string[][];
  private readonly byTerm = new Map<string, number>();

  constructor(groups: string[][]) {
    this.groups = groups.filter((g) => g.length > 1);
    this.groups.forEach((g, i) => g.forEach((t) => this.byTerm.set(t, i)));
  }

  /** Parses the synonyms file text (lines starting with # are comments). */
  static parse(text: string): Synonyms {
    const groups = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split(/[\s,，、|]+/).map((t) => normalizeText(t)).filter(Boolean));
    return new Synonyms(groups);
  }

  /** Loads the file; a missing file means no synonyms. */
  static load(file: string): Synonyms {
    return existsSync(file) ? Synonyms.parse(readFileSync(file, 'utf8')) : new Synonyms([]);
  }

  /** Every term of every group (for the jieba dictionary, so a synonym is cut as one word). */
  allTerms(): string[] {
    return this.groups.flat();
  }

  /** The group members of the groups whose terms occur in `text`, other than the ones present. */
  expand(text: string): string[] {
    const norm = normalizeText(text);
    const out = new Set<string>();
    this.groups.forEach((g) => {
      if (!g.some((t) => norm.includes(t))) return;
      for (const t of g) if (!norm.includes(t)) out.add(t);
    });
    return [...out];
  }

  /** The groups with a term in `text`: the terms present and the others (what `expand` adds). */
  groupsIn(text: string): { present: string[]; others: string[] }[] {
    const norm = normalizeText(text);
    const out: { present: string[]; others: string[] }[] = [];
    for (const g of this.groups) {
      const present = g.filter((t) => norm.includes(t));
      if (present.length) out.push({ present, others: g.filter((t) => !norm.includes(t)) });
    }
    return out;
  }

  /** Other terms of the groups a word belongs to (or overlaps, for words of 2+ characters). */
  alternatives(word: string): string[] {
    if (word.length < 2) return [];
    const out = new Set<string>();
    for (const g of this.groups) {
      if (g.some((t) => t === word || (t.length >= 2 && (word.includes(t) || t.includes(word))))) for (const t of g) if (t !== word) out.add(t);
    }
    return [...out];
  }

  get size(): number {
    return this.groups.length;
  }
}
