/** `yinling route` and `yinling eval intents --json` as a user runs them. */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';

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

  it('eval intents --json: accuracy, per-intent precision/recall/F1 and confusions', () => {
    const out = JSON.parse(yinling(['eval', 'intents', '--file', 'test/fixtures/intents-holdout.jsonl', '--json']));
    expect(out.accuracy).toBeGreaterThan(0.9);
    expect(out.perIntent.policy_query).toEqual(expect.objectContaining({ precision: expect.any(Number), recall: expect.any(Number), f1: expect.any(Number) }));
    expect(Array.isArray(out.confusions)).toBe(true);
  });
});
