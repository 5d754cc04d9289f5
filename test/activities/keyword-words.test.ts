/** Keywords: function words ("我也要报名") and English words ("book the chess event") name nothing by themselves. */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { keywordOf } from '../../src/skills/activities/parse.js';

describe('keywords without function words and Latin words', () => {
  it('drops function words at the edges of what is left', () => {
    expect(['我也要报名', '我都想报', '俺们也要报名', '还想再报', '我也要报名。'].map((t) => keywordOf(t))).toEqual(Array(5).fill(''));
    expect(keywordOf('我也要报名书法班')).toBe('书法班');
    expect(keywordOf('还想再报象棋')).toBe('象棋');
    expect(keywordOf('书法班我也报')).toBe('书法班');
  });

  it('maps common English words and ignores the others', () => {
    expect(keywordOf('Hello, I want to book the chess event')).toBe('象棋');
    expect(keywordOf('I would like to join the calligraphy class')).toBe('书法 班');
    expect(keywordOf('Table tennis please')).toBe('乒乓');
    expect(keywordOf('tai chi')).toBe('太极');
    expect(keywordOf('the health lecture')).toBe('讲座');
    expect(keywordOf('photography')).toBe('摄影');
    expect(keywordOf('gateball')).toBe('门球');
    expect(keywordOf('ping-pong')).toBe('乒乓');
    expect(keywordOf('Hello, I want to book something')).toBe('');
    expect(keywordOf('What activities are there this week?')).toBe('');
  });

  describe('in a conversation', () => {
    let app: TestApp;
    beforeEach(async () => {
      app = await createTestApp();
      const now = app.clock.now();
      await app.services.store.activities.create({ title: '冬季健康讲座', category: '讲座', startAt: '2026-12-03T06:00:00Z', place: '报告厅', capacity: 40 }, now);
      await app.services.store.activities.create({ title: '迎新春象棋比赛', category: '棋牌', startAt: '2026-12-05T01:30:00Z', place: '棋牌室', capacity: 10 }, now);
    });
    afterEach(async () => {
      await app.close();
    });

    it('"我也要报名" shows the list, never "没有找到也的活动"', async () => {
      const out = await app.ask('我也要报名', { userId: 'b' });
      expect(out).not.toContain('没有找到');
      expect(out).toContain('1. 冬季健康讲座');
      expect(out).toContain('2. 迎新春象棋比赛');
    });

    it('"Hello, I want to book the chess event" finds the chess match', async () => {
      const out = await app.ask('Hello, I want to book the chess event', { userId: 'e' });
      expect(out).not.toContain('没有找到');
      expect(out).toContain('您要报名');
      expect(out).toContain('「迎新春象棋比赛」');
    });

    it('English without a known word shows the list', async () => {
      const r = await app.say('I want to book an event', { userId: 'f' });
      const out = r.replies.map((x) => x.text).join('\n');
      expect(out).not.toContain('没有找到');
      expect(r.intent).toBe('activity_book');
      expect(out).toContain('1. 冬季健康讲座');
    });
  });
});
