/**
 * What staff see and type (QA C4, C5, C6): the status of an activity whose sign-up deadline has
 * passed reads 报名截止 / "deadline passed", never 报名中 / open; the category of a new activity fits
 * its title (太极拳晨练 is not a ball game); the capacity may be written in Chinese numerals; CLI
 * sentences use singular and plural correctly.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { register } from '../../src/cli/activity.js';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { inProcessCli } from '../helpers/cli.js';
import { signupState } from '../../src/store/activity-types.js';
import { chineseNumber } from '../../src/skills/activities/parse.js';

const at = (localIso: string) => new Date(`${localIso}+08:00`).toISOString();
const staff = { userId: 'staff1' };

describe('activities as staff see them', () => {
  let app: TestApp;
  let visit: string;

  const cli = inProcessCli(register, () => app.services);

  beforeEach(async () => {
    // harness clock: 2026-12-01 10:00 Beijing
    app = await createTestApp({ config: { STAFF_IDS: 'http:staff1' } });
    const acts = app.services.store.activities;
    const now = app.clock.now();
    visit = (await acts.create({ title: '红色教育基地参观', category: '参观', startAt: at('2026-12-10T08:00:00'), place: '活动中心门口', capacity: 30, deadline: at('2026-11-30T17:00:00') }, now)).id;
    await acts.create({ title: '冬季健康讲座', category: '讲座', startAt: at('2026-12-03T14:00:00'), place: '报告厅', capacity: 40 }, now);
  });
  afterEach(async () => {
    await app.close();
  });

  describe('C4: a passed sign-up deadline', () => {
    it('reads 报名截止 in the staff chat list, while open ones read 报名中', async () => {
      const text = await app.ask('活动管理', staff);
      expect(text).toMatch(/「红色教育基地参观」[^\n]*报名截止/u);
      expect(text).not.toMatch(/「红色教育基地参观」[^\n]*报名中/u);
      expect(text).toMatch(/「冬季健康讲座」[^\n]*报名中/u);
    });

    it('reads "deadline passed" in `activity list` and `activity show`, and retirees are told it has closed', async () => {
      const list = await cli('activity', 'list');
      expect(list).toMatch(/红色教育基地参观[^\n]*deadline passed/u);
      expect(list).toMatch(/冬季健康讲座[^\n]*open/u);
      expect(await cli('activity', 'show', visit)).toMatch(/^\d+\s+红色教育基地参观[^\n]*deadline passed/u);
      expect(await app.ask('报名红色教育基地参观', { userId: 'a' })).toContain('报名已经截止了');
    });

    it('shows an activity that has started as started in `activity list --all`, and a deadline still ahead as open', async () => {
      app.clock.set(at('2026-12-03T15:00:00'));
      expect(await cli('activity', 'list', '--all')).toMatch(/冬季健康讲座[^\n]*started/u);
      const a = (await app.services.store.activities.get(visit))!;
      expect(signupState(a, new Date(at('2026-11-30T16:59:00')))).toBe('open');
      expect(signupState(a, new Date(at('2026-11-30T17:01:00')))).toBe('deadline');
      expect(signupState({ ...a, status: 'cancelled' }, new Date(at('2026-11-30T17:01:00')))).toBe('cancelled');
    });
  });

  describe('C6: CLI counts in English', () => {
    it('says "1 person will be told" and "2 people will be told" when cancelling', async () => {
      const acts = app.services.store.activities;
      const one = (await acts.create({ title: '门球赛', category: '球类', startAt: at('2026-12-06T09:00:00'), place: '门球场', capacity: 1 }, app.clock.now())).id;
      const two = (await acts.create({ title: '书法讲座', category: '讲座', startAt: at('2026-12-07T09:00:00'), place: '礼堂', capacity: 5 }, app.clock.now())).id;
      await acts.book({ activityId: one, userId: 'http:a', seats: 1, chat: { channel: 'http', chatId: 'a', chatType: 'private', userId: 'a' } }, app.clock.now());
      for (const u of ['a', 'b']) await acts.book({ activityId: two, userId: `http:${u}`, seats: 1, chat: { channel: 'http', chatId: u, chatType: 'private', userId: u } }, app.clock.now());
      const said1 = await cli('activity', 'cancel', one);
      expect(said1).toContain('1 person will be told');
      expect(said1).not.toContain('people');
      expect(await cli('activity', 'cancel', two)).toContain('2 people will be told');
      expect(await cli('activity', 'cancel', visit)).toContain('0 people will be told');
    });

    it('says "1 seat" for a one-seat activity and "N seats" otherwise, in add and show', async () => {
      const added = await cli('activity', 'add', '--title', '乒乓球友谊赛', '--start', '2026-12-05T14:30:00+08:00', '--place', '一楼', '--capacity', '1');
      expect(added).toMatch(/ 1 seat\n$/u);
      const id = /activity (\d+) added/u.exec(added)![1]!;
      expect(await cli('activity', 'show', id)).toContain('confirmed (0/1 seat):');
      expect(await cli('activity', 'add', '--title', '讲座', '--start', '2026-12-05T14:30:00+08:00', '--place', '礼堂', '--capacity', '40')).toMatch(/ 40 seats\n$/u);
      expect(await cli('activity', 'show', visit)).toContain('confirmed (0/30 seats):');
    });
  });
});

describe('C5: adding an activity in the staff chat', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp({ config: { STAFF_IDS: 'http:staff1' } });
  });
  afterEach(async () => {
    await app.close();
  });

  it('files 太极拳晨练 under 健身, not 球类, and retirees asking for 太极 get it, not the ball games', async () => {
    const s = await app.ask('新增活动 太极拳晨练，12月8日上午8点，活动中心门口，20', staff);
    expect(s).toContain('「太极拳晨练」（健身）');
    expect(await app.ask('1', staff)).toContain('已新增活动');
    await app.services.store.activities.create({ title: '门球友谊赛', category: '球类', startAt: at('2026-12-06T09:00:00'), place: '门球场', capacity: 10 }, app.clock.now());
    const list = await app.ask('有没有打太极的活动', { userId: 'a' });
    expect(list).toContain('太极拳晨练');
    expect(list).not.toContain('门球友谊赛');
  });

  it.each([
    ['八段锦健身操', '健身'],
    ['老年合唱排练', '文艺'],
    ['广场舞比赛', '健身'],
    ['太极柔力球表演赛', '球类'],
    ['京剧票友联欢', '文艺'],
    ['春季健步走', '健身'],
    ['象棋比赛', '棋牌'],
    ['书法班', '书画摄影'],
    ['智能手机培训', '其他'],
  ])('files %s under %s', async (title, category) => {
    expect(await app.ask(`新增活动 ${title}，12月8日上午9点，活动中心，20`, staff)).toContain(`「${title}」（${category}）`);
  });

  it('takes a category staff write themselves, and reads a kind word as its category', async () => {
    expect(await app.ask('新增活动 重阳登高，12月8日上午9点，西山，20，参观', staff)).toContain('「重阳登高」（参观）');
    await app.say('2', staff);
    expect(await app.ask('新增活动 重阳登高，12月8日上午9点，西山，20，健身活动', staff)).toContain('「重阳登高」（健身）');
  });

  it.each([
    ['十五', 15],
    ['二十', 20],
    ['三十个', 30],
    ['四十人', 40],
    ['一百二十', 120],
    ['两百', 200],
    ['名额：50', 50],
    ['５０', 50],
  ])('accepts the capacity "%s" (= %i)', async (text, n) => {
    const s = await app.ask(`新增活动 合唱排练,下周二下午3点,三楼,${text}`, staff);
    expect(s).toContain(`名额：${n}人`);
    expect(await app.ask('1', staff)).toContain('已新增活动');
    expect((await app.services.store.activities.list()).find((a) => a.title === '合唱排练')).toMatchObject({ capacity: n, category: '文艺' });
  });

  it.each(['很多', '一二', '5到10人', '零'])('still refuses the capacity "%s" with the format', async (text) => {
    expect(await app.ask(`新增活动 合唱排练,下周二下午3点,三楼,${text}`, staff)).toContain('名额要写一个数字');
  });
});

describe('C5: Chinese numerals', () => {
  it.each([
    ['15', 15],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['九十九', 99],
    ['一百', 100],
    ['一百零五', 105],
    ['二百五十', 250],
    ['两百', 200],
    ['一千二', 1200],
    ['两千零八', 2008],
    ['三万', 30000],
    ['一万五', 15000],
  ])('reads %s as %i', (text, n) => {
    expect(chineseNumber(text)).toBe(n);
  });
  it.each(['一二', '百', '十十', '百十百', 'abc', ''])('refuses %s', (text) => {
    expect(chineseNumber(text)).toBeNull();
  });
});
