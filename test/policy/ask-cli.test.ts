/** `yinling ask` as staff run it: one answer with its basis, no chat hints, the rest only on --more. */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'yl-ask-')), LOG_LEVEL: 'silent' };
const ask = (...args: string[]) => execFileSync('node', ['bin/yinling.js', 'ask', ...args], { encoding: 'utf8', env });

describe('yinling ask', () => {
  it('prints the answer and its basis without "回复 更多" or the rating question; --more adds the rest', () => {
    const plain = ask('护理费咋申请');
    expect(plain).toMatch(/依据：《[^》]+》第.+条/);
    expect(plain).not.toContain('回复 更多');
    expect(plain).not.toContain('有帮助吗');
    expect(plain).not.toContain('接着上面的内容');
    const more = ask('护理费咋申请', '--more');
    expect(more.startsWith(plain.trimEnd())).toBe(true);
    expect(more).toContain('接着上面的内容');
  }, 120_000);
});
