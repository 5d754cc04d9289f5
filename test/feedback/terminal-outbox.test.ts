/**
 * QA B10 (F13b): a staff reply and the rating question queued for terminal:local while no chat was open
 * are shown when `yinling chat` starts, and a bare "5" typed next is the rating. The rating question's
 * "回复 1～5" offers every digit, so no half list ("2. 2 分 … 5. 5 分") is written under it.
 */
import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offersKey, withOptionLines } from '../../src/core/middleware/footer.js';

describe('terminal chat and the outbox', () => {
  it('shows queued staff replies and the rating question first; "5" is then the rating', () => {
    const env = { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'yl-b10-')), RATE_LIMIT_PER_MINUTE: '500' };
    const chat = (input: string) => {
      const run = spawnSync('node', ['bin/yinling.js', 'chat'], { input, env, encoding: 'utf8', timeout: 60_000 });
      expect(run.status).toBe(0);
      return run.stdout;
    };
    const cli = (args: string[]) => execFileSync('node', ['bin/yinling.js', ...args], { env, encoding: 'utf8' });
    const first = chat('我要投诉 上门送阅文件的同志态度不好\n1\n');
    const no = /FK\d{8}-\d{4}/.exec(first)?.[0];
    expect(no).toBeDefined();
    cli(['feedback', 'reply', no!, '已批评教育，向您道歉', '--as', '张老师']);
    cli(['feedback', 'close', no!]);
    const next = chat('5\n');
    expect(next).toContain('已批评教育，向您道歉');
    expect(next).toContain('请给我们的服务打个分');
    expect(next).not.toContain('2. 2 分');
    expect(next).toContain('谢谢您打了 5 分');
    expect(next).not.toContain('没太明白');
    // delivered once: the next chat opens with the greeting again
    const later = chat('你好\n');
    expect(later).not.toContain('已批评教育');
    expect(later).toContain('您好');
  }, 120_000);

  it('"回复 1～5" offers 1 to 5', () => {
    for (const text of ['请打分：回复 1～5，5 分最满意。', '回复1-5', '回复 1到5']) {
      for (const key of ['1', '3', '5']) expect(offersKey(text, key)).toBe(true);
      expect(offersKey(text, '6')).toBe(false);
    }
    const options = [1, 2, 3, 4, 5].map((n) => ({ key: String(n), label: `${n} 分` }));
    expect(withOptionLines({ text: '请给我们的服务打个分：回复 1～5，5 分最满意。', options }).text).toBe('请给我们的服务打个分：回复 1～5，5 分最满意。');
  });
});
