/** Several questions in one message are answered one by one, each with its own citation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { loadPolicyService } from '../../src/retrieval/index.js';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/logger.js';
import { splitQuestions } from '../../src/skills/policy/split.js';

const dataDir = mkdtempSync(join(tmpdir(), 'yl-several-'));
let app: TestApp;

beforeAll(async () => {
  const config = parseConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: 'knowledge', LOG_LEVEL: 'silent' });
  const policy = (await loadPolicyService({ config, logger: silentLogger() }))!;
  app = await createTestApp({ policy });
}, 120_000);
afterAll(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('splitting a message into questions', () => {
  it('splits at question marks and at 另外 / 还有 / 顺便问一下 when each part is a question with a topic', () => {
    expect(splitQuestions('生日慰问送什么？春节慰问金多少？')).toEqual(['生日慰问送什么', '春节慰问金多少']);
    expect(splitQuestions('我是离休的今年体检标准多少钱另外体检在哪个医院')).toEqual(['我是离休的今年体检标准多少钱', '体检在哪个医院']);
    expect(splitQuestions('丧葬费多少，顺便问一下抚恤金怎么领')).toEqual(['丧葬费多少', '抚恤金怎么领']);
  });

  it('keeps one question whole: a remark, a bare follow-up or a single question', () => {
    for (const q of ['体检在哪个医院？谢谢', '离休干部住院怎么报销？多少钱呢？', '老伴住院了还有什么待遇吗', '离休费什么时候涨']) expect(splitQuestions(q), q).toEqual([q]);
  });
});

describe('answering several questions', () => {
  it('answers each under its number with its own citation, and asks for one rating', async () => {
    const text = await app.ask('生日慰问送什么？春节慰问金多少？', { userId: 's1' });
    expect(text).toContain('您问了2件事');
    expect(text).toMatch(/1\. 问：生日慰问送什么\n[\s\S]*依据：《离退休干部生日慰问办法》/);
    expect(text).toMatch(/2\. 问：春节慰问金多少\n[\s\S]*依据：《离退休干部节日慰问办法》/);
    expect(text.match(/有帮助吗？回复 好 \/ 不好/g)).toHaveLength(1);
    expect(await app.ask('好', { userId: 's1' })).toContain('谢谢您的评价');
  });

  it('says plainly which part has no answer in the documents', async () => {
    const text = await app.ask('离休干部住院了单位会来看望吗？还有明天股市会涨吗？', { userId: 's2' });
    expect(text).toMatch(/1\. 问：离休干部住院了单位会来看望吗\n[\s\S]*依据：/);
    expect(text).toMatch(/2\. 问：明天股市会涨吗\n政策文件里没有找到明确的说法/);
  });
});
