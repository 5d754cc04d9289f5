/**
 * User-facing text lives in prompts/*.yaml (zh-CN) so staff can edit it without code.
 * `prompts/core.yaml` key `footer` is read as `t('core.footer')`; `{name}` placeholders are filled.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { parse } from 'yaml';

export type PromptVars = Record<string, string | number | undefined | null>;

/** Read-only access to the prompt texts. */
export class Prompts {
  constructor(private readonly texts: Map<string, unknown>) {}

  /** Loads every `*.yaml` file of `dir`; the file name is the key's namespace. */
  static load(dir: string): Prompts {
    const texts = new Map<string, unknown>();
    if (!existsSync(dir)) throw new Error(`prompts folder not found: ${dir} (set PROMPTS_DIR)`);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
      const ns = basename(file, '.yaml');
      const doc = parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown> | null;
      flatten(ns, doc ?? {}, texts);
    }
    return new Prompts(texts);
  }

  /** The text of `key` with `{var}` placeholders filled; throws on a missing key (a bug, found by tests). */
  t(key: string, vars: PromptVars = {}): string {
    const value = this.texts.get(key);
    if (typeof value !== 'string') throw new Error(`missing prompt text: ${key}`);
    return fill(value, vars);
  }

  /** A list or object value (e.g. menu entries, example utterances). */
  raw<T = unknown>(key: string): T {
    if (!this.texts.has(key)) throw new Error(`missing prompt entry: ${key}`);
    return this.texts.get(key) as T;
  }

  /** True when the key exists. */
  has(key: string): boolean {
    return this.texts.has(key);
  }
}

function flatten(prefix: string, value: unknown, out: Map<string, unknown>): void {
  out.set(prefix, value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(`${prefix}.${k}`, v, out);
  }
}

/** Replaces `{name}` with vars.name (missing vars stay visible as-is, so a test notices). */
export function fill(template: string, vars: PromptVars): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined || v === null ? whole : String(v);
  });
}

/** Loads prompt files from a single explicit path (used by LLM prompt templates, *.md). */
export function readPromptFile(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}
