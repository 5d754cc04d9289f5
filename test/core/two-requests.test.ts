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

/**
 * QA round 9 G-M2: the other wordings — side by side at a comma, a space or a new line, the question
 * first or last, a question about the activity being booked — are split the same way; a single
 * request (a booking with its party, a question about the seats or hour the summary shows, a
 * conditional) never is.
 */
describe('a booking and a question side by side (QA9 G-M2)', () => {
  it('splits the wordings of the report', () => {
    expect(bookingAndQuestion('帮我报个讲座，体检在哪个医院')).toEqual({ booking: '帮我报个讲座', question: '体检在哪个医院' });
    expect(bookingAndQuestion('体检多少钱 我还想报名象棋比赛')).toEqual({ booking: '我还想报名象棋比赛', question: '体检多少钱' });
    expect(bookingAndQuestion('体检多少钱\n报名冬季健康讲座')).toEqual({ booking: '报名冬季健康讲座', question: '体检多少钱' });
    expect(bookingAndQuestion('我和老伴报名参观 那个参观要自己花钱不')).toEqual({ booking: '我和老伴报名参观', question: '那个参观要自己花钱不' });
  });

  for (const one of [
    '报名冬季健康讲座',
    '报名 象棋比赛',
    '报名象棋比赛 我和老伴两个人',
    '报名参观 我和老伴',
    '12月3号的讲座 还有名额吗',
    '我想报名下周三的讲座 几点开始',
    '我要报名象棋比赛，能带老伴吗',
    '我想问问 报名讲座要交钱吗',
    '报名讲座的话 要交钱吗',
    '我八十三了 能报名去参观吗',
    '我76了 出去参加活动要家属陪着吗',
    '取消冬季健康讲座 取消了有啥影响不',
    '体检多少钱 护理费多少',
  ]) {
    it(`never splits a single request: "${one}"`, () => {
      expect(bookingAndQuestion(one)).toBeNull();
    });
  }

  for (const [said, title] of [
    ['帮我报个讲座，体检在哪个医院', '迎新春象棋比赛'],
    ['体检多少钱 我还想报名象棋比赛', '迎新春象棋比赛'],
    ['体检多少钱\n报名象棋比赛', '迎新春象棋比赛'],
  ] as const) {
    it(`"${said.replace('\n', '⏎')}": the answer, then the summary; "1" books`, async () => {
      if (said.includes('讲座')) await app.services.store.activities.create({ title: '冬季健康讲座', category: '讲座', startAt: '2026-12-03T06:00:00Z', place: '报告厅', capacity: 40, maxSeatsPerBooking: 2 }, app.clock.now());
      const r = await app.say(said, { userId: 'g2' });
      const text = r.replies.map((x) => x.text).join('\n');
      const booked = said.includes('讲座') ? '冬季健康讲座' : title;
      expect(text).toContain(ANSWER);
      expect(text.indexOf(`「${booked}」`)).toBeGreaterThan(text.indexOf(ANSWER));
      expect(text).toContain('回复 1 确认');
      expect((await app.say('1', { userId: 'g2' })).data).toMatchObject({ booking: 'confirmed', seats: 1 });
    });
  }

  it('"我和老伴报名参观 那个参观要自己花钱不": the question is answered and the summary is for 2', async () => {
    await app.services.store.activities.create({ title: '参观乡村振兴示范点', category: '参观', startAt: '2026-12-10T00:30:00Z', place: '示范点', capacity: 20, maxSeatsPerBooking: 2 }, app.clock.now());
    const r = await app.say('我和老伴报名参观 那个参观要自己花钱不', { userId: 'g3' });
    const text = r.replies.map((x) => x.text).join('\n');
    expect(text).toContain(ANSWER);
    expect(text).toContain('人数：2位');
    expect((await app.say('1', { userId: 'g3' })).data).toMatchObject({ booking: 'confirmed', seats: 2 });
  });
});
