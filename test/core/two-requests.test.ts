/**
 * QA round 8 G-M1: a booking and a question in one message ("我想报名象棋比赛 顺便问下体检多少钱") —
 * both used to be lost (the whole sentence went to the policy answers and was refused). The question
 * is answered first, then the booking summary is shown, which owns the next "1".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { fixedPolicy } from '../helpers/fixed-policy.js';
import { bookingAndQuestion } from '../../src/core/dispatch.js';

let app: TestApp;
const ANSWER = '离休干部体检标准为每人每年1500元。';

beforeEach(async () => {
  app = await createTestApp({ policy: fixedPolicy({ text: ANSWER }) });
  await app.services.store.activities.create({ title: '迎新春象棋比赛', category: '棋牌', startAt: '2026-12-12T01:30:00Z', place: '活动中心', capacity: 3, maxSeatsPerBooking: 2 }, app.clock.now());
});
afterEach(async () => {
  await app.close();
});

describe('a booking and a question in one message', () => {
  it('splits only a booking followed by a question', () => {
    expect(bookingAndQuestion('我想报名象棋比赛 顺便问下体检多少钱')).toEqual({ booking: '我想报名象棋比赛', question: '体检多少钱' });
    expect(bookingAndQuestion('我想报名象棋比赛，另外体检多少钱？')).toEqual({ booking: '我想报名象棋比赛', question: '体检多少钱？' });
    expect(bookingAndQuestion('体检多少钱 另外护理费多少')).toBeNull();
    expect(bookingAndQuestion('我想报名象棋比赛 另外我老伴也去')).toBeNull();
    expect(bookingAndQuestion('顺便问下体检多少钱')).toBeNull();
  });

  it('answers the question, then shows the booking summary; "1" books it', async () => {
    const r = await app.say('我想报名象棋比赛 顺便问下体检多少钱', { userId: 'g1' });
    const text = r.replies.map((x) => x.text).join('\n');
    expect(text).toContain(ANSWER);
    expect(text).toContain('迎新春象棋比赛');
    expect(text.indexOf('迎新春象棋比赛')).toBeGreaterThan(text.indexOf(ANSWER));
    expect(text).toContain('回复 1 确认');
    expect(text).not.toContain('回复 好 / 不好');
    const done = await app.say('1', { userId: 'g1' });
    expect(done.data).toMatchObject({ booking: 'confirmed', seats: 1 });
    expect((await app.services.store.activities.listByUser('http:g1')).map((b) => b.status)).toEqual(['confirmed']);
  });
});
