/**
 * QA round 5, activities: part of a party dropping out lowers the booking instead of cancelling it
 * (A-H1), a list number with seats (A-M1), "不对 我要的是象棋" at a summary (A-M2), the true reason
 * for too many seats (A-L1), the CLI reading an activity's kind from its title (A-L2).
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { seatsKept } from '../../src/skills/activities/cancel.js';
import { statedAge } from '../../src/skills/activities/parse.js';
import { register } from '../../src/cli/activity.js';
import { inProcessCli } from '../helpers/cli.js';

let app: TestApp;
const create = (title: string, category: string, startAt: string, capacity: number) =>
  app.services.store.activities.create({ title, category, startAt, place: '活动中心', capacity, maxSeatsPerBooking: 2 }, app.clock.now());
const active = async (u: string) => (await app.services.store.activities.listByUser(`http:${u}`)).map((b) => [b.activityId, b.seats, b.status]);

beforeEach(async () => {
  app = await createTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('seats kept when part of the party drops out', () => {
  it('reads who still goes, and the whole party going as a cancellation', () => {
    expect(seatsKept('象棋比赛老伴去不了了 就我一个人去', 2)).toBe(1);
    expect(seatsKept('老伴去不了了', 2)).toBe(1);
    expect(seatsKept('改成1位', 2)).toBe(1);
    expect(seatsKept('退一位', 2)).toBe(1);
    expect(seatsKept('取消一个名额', 3)).toBe(2);
    expect(seatsKept('象棋比赛不去了', 2)).toBeNull();
    expect(seatsKept('我和老伴都去不了了', 2)).toBeNull();
    expect(seatsKept('我们俩都不去了', 2)).toBeNull();
    expect(seatsKept('就我一个人去', 1)).toBeNull(); // a booking of one seat has nothing to lower
  });
});

describe('"老伴去不了了 就我一个人去" with a booking of two (QA A-H1)', () => {
  beforeEach(async () => {
    await create('迎新春象棋比赛', '棋牌', '2026-12-05T01:30:00Z', 3);
    await app.ask('报名象棋比赛 我和老伴', { userId: 'a1' });
    expect(await app.ask('1', { userId: 'a1' })).toContain('2位');
    await app.ask('报名象棋比赛 我和老伴', { userId: 'w' }); // one seat left: the pair waits together
    expect(await app.ask('2', { userId: 'w' })).toContain('排队候补');
  });

  it('asks to lower the booking to one seat, keeps the person\'s seat, and gives the freed one to the waitlist', async () => {
    const summary = await app.say('象棋比赛老伴去不了了 就我一个人去', { userId: 'a1' });
    expect(summary.data).toMatchObject({ cancel: 'summary_reduce', from: 2, seats: 1 });
    const text = summary.replies[0]!.text;
    expect(text).toContain('从2位改成1位（您自己）');
    expect(text).toContain('回复 1 确认');
    expect(text).not.toContain('确认取消');
    const done = await app.say('1', { userId: 'a1' });
    expect(done.data).toMatchObject({ cancel: 'reduced', seats: 1, promoted: ['http:w'] });
    expect(done.replies[0]!.text).toContain('现在是1位');
    expect(await active('a1')).toEqual([['1', 1, 'confirmed']]);
    expect(await active('w')).toEqual([['1', 2, 'confirmed']]);
    await app.flush();
    expect(app.sent.filter((m) => m.to.chatId === 'w').map((m) => m.reply.text).join('\n')).toContain('有空位了');
  });

  it('"2" keeps both seats', async () => {
    await app.ask('象棋比赛老伴去不了了 就我一个人去', { userId: 'a1' });
    expect(await app.ask('2', { userId: 'a1' })).toContain('还是2位');
    expect(await active('a1')).toEqual([['1', 2, 'confirmed']]);
  });

  it('a plain cancellation of two seats says both go, and "改成1位" there lowers it instead', async () => {
    const text = await app.ask('取消象棋比赛', { userId: 'a1' });
    expect(text).toContain('两位都会取消');
    const lower = await app.say('改成1位', { userId: 'a1' });
    expect(lower.data).toMatchObject({ cancel: 'summary_reduce', seats: 1 });
    expect(await app.ask('确认', { userId: 'a1' })).toContain('现在是1位');
    expect(await active('a1')).toEqual([['1', 1, 'confirmed']]);
  });

  it('"我们都不去了" at the lowering question turns it into the cancellation of both', async () => {
    await app.ask('老伴去不了了', { userId: 'a1' });
    const text = await app.ask('我们都不去了', { userId: 'a1' });
    expect(text).toContain('两位都会取消');
    expect(await app.ask('1', { userId: 'a1' })).toContain('已为您取消');
    expect(await active('a1')).toEqual([]);
  });

  it('a cancel-all summary names the seats of each booking', async () => {
    await create('冬季健康讲座', '讲座', '2026-12-03T06:00:00Z', 40);
    await app.ask('报名健康讲座', { userId: 'a1' });
    await app.ask('1', { userId: 'a1' });
    const text = await app.ask('全部取消', { userId: 'a1' });
    expect(text).toContain('「迎新春象棋比赛」（12月5日（周六）上午9:30，2位）');
    expect(text).not.toContain('「冬季健康讲座」（12月3日（周四）下午2:00，1位）');
  });
});

describe('list numbers and corrections at a summary (QA A-M1, A-M2)', () => {
  beforeEach(async () => {
    await create('八段锦晨练体验课', '健身', '2026-12-02T01:00:00Z', 10);
    await create('冬季健康讲座', '讲座', '2026-12-03T06:00:00Z', 40);
    await create('迎新春象棋比赛', '棋牌', '2026-12-05T01:30:00Z', 3);
  });

  it('"3 我跟老伴俩" after the list is item 3 for two', async () => {
    await app.ask('活动', { userId: 'a1' });
    const r = await app.say('3 我跟老伴俩', { userId: 'a1' });
    expect(r.data).toMatchObject({ booking: 'summary', activityId: '3', seats: 2 });
    expect(r.replies[0]!.text).toContain('「迎新春象棋比赛」');
  });

  it('"不对 我要的是象棋" starts over with 象棋比赛 for the same party; the next "1" books that one', async () => {
    await app.ask('活动', { userId: 'a1' });
    expect(await app.ask('1，两个人', { userId: 'a1' })).toContain('「八段锦晨练体验课」');
    const again = await app.say('不对 我要的是象棋', { userId: 'a1' });
    expect(again.data).toMatchObject({ booking: 'summary', activityId: '3', seats: 2 });
    expect(await app.ask('1', { userId: 'a1' })).toContain('报名成功！「迎新春象棋比赛」');
    expect(await active('a1')).toEqual([['3', 2, 'confirmed']]);
  });

  it('"不对" naming nothing known drops the summary and offers the list, so a "1" never books the unwanted one blindly', async () => {
    await app.ask('报名八段锦', { userId: 'a1' });
    const r = await app.ask('不对 我要的是跳舞', { userId: 'a1' });
    expect(r).toContain('这个先不报');
    expect(r).toContain('1. 八段锦晨练体验课');
    expect(await active('a1')).toEqual([]);
  });
});

describe('too many seats for an activity of one seat (QA A-L1)', () => {
  it('"书法班 我们三个人报" (one seat in all, taken; limit 2) names the seat and the waitlist, not a limit of 1', async () => {
    const a = await create('书法班', '书画摄影', '2026-12-09T01:00:00Z', 1);
    await app.services.store.activities.book({ activityId: a.id, userId: 'http:x', seats: 1, chat: { channel: 'http', chatId: 'x' } }, app.clock.now());
    const text = await app.ask('书法班 我们三个人报', { userId: 'a8' });
    expect(text).toContain('一共只有1个名额，已经报满了，报不了3位');
    expect(text).toContain('排队候补');
    expect(text).not.toContain('每次最多');
  });
});

describe('yinling activity add reads the kind from the title (QA A-L2)', () => {
  const added: Record<string, unknown>[] = [];
  const run = inProcessCli(register, () => app.services, (v) => void added.push(JSON.parse(JSON.stringify(v)) as Record<string, unknown>));
  const add = async (title: string, ...more: string[]) => {
    await run('activity', 'add', '--title', title, '--start', '2026-12-05T09:30:00+08:00', '--place', '棋牌室', '--capacity', '3', ...more, '--json');
    return added.at(-1)!;
  };

  it('without --category as the staff chat does; --category given is kept; nothing known is 其他', async () => {
    expect(await add('迎新春象棋比赛')).toMatchObject({ title: '迎新春象棋比赛', category: '棋牌' });
    expect(await add('迎新春象棋比赛', '--category', '文艺')).toMatchObject({ category: '文艺' });
    expect(await add('年终座谈')).toMatchObject({ category: '其他' });
  });
});

describe('an age stated when booking reads the activity\'s notes first (QA P-M7)', () => {
  it('reads a stated age, not a count of people or a date', () => {
    expect(['我八十三了', '今年83岁', '我都七十六了', '83周岁'].map(statedAge)).toEqual([83, 83, 76, 83]);
    expect(['我们三个人报', '12月5日的象棋', '报2位', '3 我跟老伴俩'].map(statedAge)).toEqual([null, null, null, null]);
  });

  it('"我八十三了 能报名去参观乡村振兴吗" shows the notes staff wrote, then the summary; without an age, just the summary', async () => {
    await app.services.store.activities.create(
      { title: '乡村振兴示范点参观', category: '参观', startAt: '2026-12-12T00:00:00Z', place: '老干部局门口', capacity: 20, notes: '一般在80周岁以下；75岁以上须家属陪同。' },
      app.clock.now(),
    );
    const text = await app.ask('我八十三了 能报名去参观乡村振兴吗', { userId: 'a10' });
    expect(text).toContain('您今年83岁。「乡村振兴示范点参观」的说明：一般在80周岁以下；75岁以上须家属陪同。');
    expect(text.indexOf('的说明')).toBeLessThan(text.indexOf('您要报名'));
    await app.ask('2', { userId: 'a10' });
    expect(await app.ask('报名参观乡村振兴', { userId: 'a11' })).not.toContain('的说明');
  });
});
