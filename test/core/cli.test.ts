/** `yinling route` and `yinling eval intents --json` as a user runs them. */
import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const yinling = (args: string[], input?: string) => execFileSync('node', ['bin/yinling.js', ...args], { encoding: 'utf8', ...(input !== undefined ? { input } : {}) });

describe('CLI', () => {
  it('route: one JSON line per utterance with intent, confidence and slots', () => {
    const lines = yinling(['route'], '菜单\n\n报名门球赛，我和老伴两个人\n我老伴住院了\n')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.intent)).toEqual(['help', 'activity_book', 'feedback']);
    expect(lines[1]).toMatchObject({ text: '报名门球赛，我和老伴两个人', slots: { seats: 2 } });
    expect(typeof lines[0].confidence).toBe('number');
  });

  it('chat: answers piped lines and exits 0 at the end of input or at 退出', () => {
    const env = { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'yl-chat-')) };
    for (const [input, replies] of [['最近有什么活动\n', 2], ['你好\n退出\n', 2], ['你好\n最近有什么活动\n生日慰问送什么\n', 4]] as const) {
      const run = spawnSync('node', ['bin/yinling.js', 'chat', '--user', 'u1'], { input, env, encoding: 'utf8', timeout: 60_000 });
      expect(run.status).toBe(0);
      // the greeting, then one reply for every line, even when the lines arrive all at once
      expect(run.stdout.match(/回复 0 回主菜单，回复 9 找工作人员/g)).toHaveLength(replies);
      expect(run.stdout).toContain('再见');
    }
  }, 120_000);

  it('eval intents --json: accuracy, per-intent precision/recall/F1 and confusions', () => {
    const out = JSON.parse(yinling(['eval', 'intents', '--file', 'test/fixtures/intents-holdout.jsonl', '--json']));
    expect(out.accuracy).toBeGreaterThan(0.9);
    expect(out.perIntent.policy_query).toEqual(expect.objectContaining({ precision: expect.any(Number), recall: expect.any(Number), f1: expect.any(Number) }));
    expect(Array.isArray(out.confusions)).toBe(true);
  });
});
