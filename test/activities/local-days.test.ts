/**
 * Relative days are counted from the local calendar day in config.TIMEZONE (Asia/Shanghai), with
 * Monday-to-Sunday weeks, whatever the process time zone: the `now` instants below sit just after
 * local midnight (when the UTC date is still the day before), late on a Sunday and at New Year.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { parseDay } from '../../src/skills/activities/parse.js';
import { parseStaffActivity } from '../../src/skills/activities/staff-add.js';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { ManualClock } from '../../src/core/clock.js';

const tz = 'Asia/Shanghai';
const day = (text: string, iso: string) => {
  const d = parseDay(text, new Date(iso), tz);
  return d && !('error' in d) ? (d.last ? `${d.day}..${d.last}` : d.day) : d;
};

describe('relative days in Asia/Shanghai', () => {
  it('counts 今天/明天/后天/大后天 from the local day, also just after local midnight', () => {
    const wed0730 = '2026-12-01T23:30:00Z'; // Wed Dec 2 07:30 local, still Dec 1 in UTC
    expect(['今天', '明天', '后天', '大后天'].map((t) => day(t, wed0730))).toEqual(['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05']);
    const wed0001 = '2026-12-01T16:01:00Z'; // Wed Dec 2 00:01 local
    expect(day('明天', wed0001)).toBe('2026-12-03');
    const tue2359 = '2026-12-01T15:59:00Z'; // Tue Dec 1 23:59 local
    expect(day('明天', tue2359)).toBe('2026-12-02');
    expect(day('今天', '2026-12-31T16:30:00Z')).toBe('2027-01-01'); // New Year's Day 00:30 local
  });

  it('uses Monday-to-Sunday weeks: 下周X is in next week, 周X is this week or the next one once passed', () => {
    const tue = '2026-12-01T02:00:00Z'; // Tue Dec 1 10:00
    expect(['周日', '下周日', '下下周日', '下周三', '周三', '周二', '这周五', '星期天', '礼拜五', '下个星期一'].map((t) => day(t, tue))).toEqual([
      '2026-12-06', '2026-12-13', '2026-12-20', '2026-12-09', '2026-12-02', '2026-12-01', '2026-12-04', '2026-12-06', '2026-12-04', '2026-12-07',
    ]);
    const sun2100 = '2026-12-06T13:00:00Z'; // Sun Dec 6 21:00
    expect(['下周三', '周三', '周一', '周日', '今天', '这周末', '下周末', '下周'].map((t) => day(t, sun2100))).toEqual([
      '2026-12-09', '2026-12-09', '2026-12-07', '2026-12-06', '2026-12-06', '2026-12-06..2026-12-06', '2026-12-12..2026-12-13', '2026-12-07..2026-12-13',
    ]);
    const sun0030 = '2026-12-05T16:30:00Z'; // Sun Dec 6 00:30, still Saturday in UTC
    expect(['下周三', '周六', '周日', '明天'].map((t) => day(t, sun0030))).toEqual(['2026-12-09', '2026-12-12', '2026-12-06', '2026-12-07']);
    const sat = '2026-12-05T02:00:00Z'; // Sat Dec 5: "周五" means the coming Friday
    expect(day('周五', sat)).toBe('2026-12-11');
    expect(day('这周末', sat)).toBe('2026-12-05..2026-12-06');
  });

  it('reads absolute days forward and refuses days that do not exist', () => {
    const wed0030 = '2026-12-01T16:30:00Z'; // Wed Dec 2 00:30 local
    expect(day('1号', wed0030)).toBe('2027-01-01');
    expect(day('2号', wed0030)).toBe('2026-12-02');
    expect(day('12月1日', wed0030)).toBe('2027-12-01');
    expect(day('1月2日', wed0030)).toBe('2027-01-02');
    expect(day('2026年12月9日', wed0030)).toBe('2026-12-09');
    expect(parseDay('12月32号有什么活动', new Date(wed0030), tz)).toEqual({ error: '12月32号' });
    expect(parseDay('2月30日', new Date(wed0030), tz)).toEqual({ error: '2月30日' });
  });

  it('reads a staff member\'s start time as local wall-clock time', () => {
    const at = (when: string, iso: string) => {
      const r = parseStaffActivity(`新增活动 讲座，${when}，礼堂，20`, new Date(iso), tz);
      return 'error' in r ? r : r.startAt;
    };
    const wed0130 = '2026-12-01T17:30:00Z'; // Wed Dec 2 01:30 local
    expect(at('明天下午2点', wed0130)).toBe('2026-12-03T06:00:00.000Z');
    expect(at('今天晚上7点半', wed0130)).toBe('2026-12-02T11:30:00.000Z');
    expect(at('下周三上午9点', wed0130)).toBe('2026-12-09T01:00:00.000Z');
    expect(at('12月10日下午2点', wed0130)).toBe('2026-12-10T06:00:00.000Z');
    expect(at('上午9点', wed0130)).toBe('2026-12-02T01:00:00.000Z');
    expect(at('上午9点', '2026-12-02T02:00:00Z')).toEqual({ error: 'time' }); // 10:00 local: already past
    expect(at('昨天下午3点', wed0130)).toEqual({ error: 'time' });
    expect(at('明天', wed0130)).toEqual({ error: 'time' });
  });
});

describe('relative days in a conversation', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });
  const setup = async (iso: string, acts: [string, string][]) => {
    app = await createTestApp({ clock: new ManualClock(iso) });
    for (const [title, startAt] of acts)
      await app.services.store.activities.create({ title, category: '讲座', startAt, place: '活动中心', capacity: 10, maxSeatsPerBooking: 2 }, app.clock.now());
  };

  it('at Wed 07:30 local, 明天 is Thursday and 今天 is Wednesday', async () => {
    await setup('2026-12-01T23:30:00Z', [['健康讲座A', '2026-12-02T07:00:00Z'], ['健康讲座B', '2026-12-03T07:00:00Z']]);
    const book = await app.ask('报名明天的讲座', { userId: 'x' });
    expect(book).toContain('健康讲座B');
    expect(book).not.toContain('健康讲座A');
    await app.ask('2', { userId: 'x' });
    const today = await app.ask('今天有什么活动', { userId: 'y' });
    expect(today).toContain('12月2日（周三）的活动');
    expect(today).toContain('健康讲座A');
    expect(today).not.toContain('健康讲座B');
  });

  it('下周日 on a Tuesday and 下周三 on a Sunday evening name next week', async () => {
    await setup('2026-12-01T02:00:00Z', [['书画展参观', '2026-12-06T02:00:00Z'], ['摄影讲座', '2026-12-13T02:00:00Z']]);
    const sun = await app.ask('下周日有什么活动', { userId: 'x' });
    expect(sun).toContain('摄影讲座');
    expect(sun).not.toContain('书画展参观');
    await app.close();
    await setup('2026-12-06T13:00:00Z', [['门球友谊赛', '2026-12-09T02:00:00Z'], ['乒乓球赛', '2026-12-16T02:00:00Z']]);
    const wed = await app.ask('报名下周三的活动', { userId: 'x' });
    expect(wed).toContain('门球友谊赛');
    expect(wed).not.toContain('乒乓球赛');
  });
});

describe('a date that does not exist', () => {
  it('is said to be not understood instead of listing everything', async () => {
    const app = await createTestApp();
    try {
      await app.services.store.activities.create({ title: '象棋比赛', category: '棋牌', startAt: '2026-12-09T06:00:00Z', place: '活动中心', capacity: 10 }, app.clock.now());
      const text = await app.ask('12月32号有什么活动');
      expect(text).toContain('没看懂日期“12月32号”');
      expect(text).not.toContain('象棋比赛');
      expect(await app.ask('12月9号有什么活动')).toContain('象棋比赛');
    } finally {
      await app.close();
    }
  });
});
