/**
 * QA L7: the service log at info level holds ids, lengths and categories — never what people wrote
 * (ticket text, questions), names or phone numbers. Full text may appear at debug only (masked).
 */
import { describe, it, expect } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, withoutPersonalText } from '../../src/core/logger.js';
import { parseConfig } from '../../src/config.js';
import { buildServices, createHandler } from '../../src/app.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { ManualClock } from '../../src/core/clock.js';

function sink(): { stream: Writable; lines: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      out += String(chunk);
      cb();
    },
  });
  return { stream, lines: () => out };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('logs and personal data', () => {
  it('logs the length, not the words or the name, of personal fields above debug', async () => {
    const log = sink();
    const logger = createLogger('debug', false, log.stream);
    const entry = { ticket: 'FK20261127-0004', category: 'hospitalization', text: '我老伴住院了 在市中医院 可以打电话', userName: '赵老', to: { chatId: 'c1', name: '王老' } };
    logger.info(entry, 'ticket created');
    logger.warn({ question: '我的电话13812345678 住院怎么报销' }, 'policy answer failed');
    await settle();
    const info = log.lines();
    for (const secret of ['住院了', '市中医院', '赵老', '王老', '住院怎么报销', '1381', '5678']) expect(info).not.toContain(secret);
    expect(info).toContain('FK20261127-0004');
    expect(info).toContain('"category":"hospitalization"');
    expect(info).toContain('"textChars":18');
    expect(info).toContain('"chatId":"c1"');
    expect(entry.text).toBe('我老伴住院了 在市中医院 可以打电话'); // the caller's object is not changed
    logger.debug({ text: '我老伴住院了 电话13812345678' }, 'detail');
    await settle();
    expect(log.lines()).toContain('我老伴住院了 电话138****5678');
  });

  it('keeps other fields as they are', () => {
    expect(withoutPersonalText({ ticket: 'FK1', n: 3, ok: true, text: 42 })).toEqual({ ticket: 'FK1', n: 3, ok: true, text: 42 });
  });

  it('a hospital report filed through the conversation leaves no ticket text or name in the info log', async () => {
    const log = sink();
    const store = new SqliteStore(':memory:');
    const services = await buildServices(parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info' }), {
      store,
      clock: new ManualClock('2026-12-01T02:00:00Z'),
      logger: createLogger('info', false, log.stream),
      llm: null,
      policy: null,
    });
    const handle = createHandler(services);
    let n = 0;
    const say = (text: string) => handle({ channel: 'http', chatId: 'u7', chatType: 'private', userId: 'u7', userName: '赵老', text, messageId: `m${++n}` });
    await say('我老伴住院了 在市中医院 可以打电话');
    const done = await say('1');
    expect(done.replies[0]!.text).toMatch(/FK\d{8}-\d{4}/);
    await settle();
    const out = log.lines();
    expect(out).toContain('ticket created');
    for (const secret of ['住院了', '市中医院', '可以打电话', '赵老']) expect(out).not.toContain(secret);
    await store.close();
  });
});
