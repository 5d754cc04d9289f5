/** Phone and ID-card numbers never reach the logs unmasked. */
import { describe, it, expect } from 'vitest';
import { Writable } from 'node:stream';
import { maskPersonalData } from '../../src/core/privacy.js';
import { createLogger } from '../../src/core/logger.js';

describe('privacy', () => {
  it('masks mobile, landline and ID-card numbers', () => {
    expect(maskPersonalData('电话13812345678')).toBe('电话138****5678');
    expect(maskPersonalData('身份证110101194901011234')).toBe('身份证110101********1234');
    expect(maskPersonalData('座机010-62345678')).toBe('座机010-****5678');
    expect(maskPersonalData('编号FK20261127-0007')).toBe('编号FK20261127-0007');
  });

  it('masks numbers in log messages and in logged objects', async () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += String(chunk);
        cb();
      },
    });
    // at debug, where a text may still be logged (above debug only its length is: test/core/logger-privacy.test.ts)
    const logger = createLogger('debug', false, sink);
    logger.debug({ text: '我的电话13812345678', nested: { id: '110101194901011234' } }, '来电 13900001111');
    await new Promise((r) => setTimeout(r, 20));
    expect(out).toContain('138****5678');
    expect(out).toContain('139****1111');
    expect(out).toContain('110101********1234');
    expect(out).not.toContain('13812345678');
    expect(out).not.toContain('110101194901011234');
  });
});

describe('privacy: numbers as people type them', () => {
  it.each([
    ['请打我电话+86 138 1234 5678', '138****5678', '1234 5678'],
    ['电话138-1234-5678', '138****5678', '1234-5678'],
    ['8613812345678', '138****5678', '12345678'],
    ['+8613812345678', '138****5678', '12345678'],
    ['１３８１２３４５６７８', '138****5678', '12345678'],
    ['身份证110101 19490101 1234', '110101********1234', '19490101'],
    ['老身份证110101490101123', '110101******123', '490101'],
    ['(010)12345678', '(010)****5678', '12345678'],
  ])('%s', (input, shown, hidden) => {
    const masked = maskPersonalData(input);
    expect(masked).toContain(shown);
    expect(masked).not.toContain(hidden);
  });

  it('leaves ticket numbers, dates, amounts and years alone', () => {
    for (const text of ['编号FK20261127-0007', '2026年12月3日下午2:00', '报销8000元', '1949年参加工作', '余12个名额']) {
      expect(maskPersonalData(text)).toBe(text);
    }
  });
});
