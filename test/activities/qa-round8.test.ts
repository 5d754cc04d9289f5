/**
 * QA round 8, activities. A-M1: a question (or another request) at a booking summary is answered and
 * the summary waits beside it (skills/activities/parked.ts), restated after the answer, so that "1" /
 * "好 那报上吧" / "确认" books it; it ends sensibly (time, "0", passed over, closed) and says so.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { fixedPolicy } from '../helpers/fixed-policy.js';
import { activeBookings, addQaActivities } from '../helpers/qa-activities.js';
import { familyFromAge, keywordOf } from '../../src/skills/activities/parse.js';

let app: TestApp;
const active = (u: string) => activeBookings(app, u);
const texts = (r: { replies: { text: string }[] }) => r.replies.map((x) => x.text).join('\n');
const WAITS = '「冬季健康讲座」1位还没有报上，回复 1 确认报名，回复 2 不报了。';
const ANSWER = '体检报告15个工作日内出具。';

beforeEach(async () => {
  app = await createTestApp({ policy: fixedPolicy({ text: ANSWER, noAnswer: /股市/u }) });
  await addQaActivities(app); // 1 讲座, 2 书法班, 3 参观, 4 象棋比赛
});
afterEach(async () => {
  await app.close();
});

describe('a question at a booking summary keeps the booking waiting (QA8 A-M1)', () => {
  it('"体检报告多久能拿到" is answered, the summary is restated after the answer, and "1" books it', async () => {
    expect(await app.ask('报名冬季健康讲座', { userId: 'a' })).toContain('回复 1 确认，回复 2 取消');
    const q = await app.say('体检报告多久能拿到', { userId: 'a' });
    expect(q.intent).toBe('policy_query');
    const out = texts(q);
    expect(out).toContain(ANSWER);
    expect(out.indexOf(WAITS)).toBeGreaterThan(out.indexOf(ANSWER));
    expect(await active('a')).toEqual([]);
    const done = await app.say('1', { userId: 'a' });
    expect(done.intent).toBe('activity_book');
    expect(done.data).toMatchObject({ booking: 'confirmed', activityId: '1', seats: 1 });
    expect(await active('a')).toEqual([['1', 1, 'confirmed']]);
    // nothing waits any more: the next "1" is the menu's, and nothing is booked twice
    expect(await app.ask('我的报名', { userId: 'a' })).not.toContain('还没有报上');
    expect((await app.say('1', { userId: 'a' })).intent).toBe('policy_query');
    expect(await active('a')).toEqual([['1', 1, 'confirmed']]);
  });

  for (const yes of ['好 那报上吧', '好的 报上吧', '确认', '那就报上吧']) {
    it(`"${yes}" after the restated summary books it, for the party of the summary`, async () => {
      await app.ask('报名参观乡村振兴示范点 我和老伴', { userId: 'b' });
      const q = texts(await app.say('参观要自己出钱吗', { userId: 'b' }));
      expect(q).toContain('「参观乡村振兴示范点」2位还没有报上，回复 1 确认报名');
      const done = await app.say(yes, { userId: 'b' });
      expect(done.data).toMatchObject({ booking: 'confirmed', activityId: '3', seats: 2 });
      expect(texts(done)).not.toContain('没有找到');
      expect(await active('b')).toEqual([['3', 2, 'confirmed']]);
    });
  }

  it('"2" (or "不报了") after the restated summary drops it and books nothing', async () => {
    await app.ask('报名冬季健康讲座', { userId: 'c' });
    await app.ask('体检报告多久能拿到', { userId: 'c' });
    const no = await app.say('2', { userId: 'c' });
    expect(no.data).toMatchObject({ booking: 'dropped' });
    expect(await app.ask('体检报告多久能拿到', { userId: 'c' })).not.toContain('还没有报上');
    expect(await active('c')).toEqual([]);
  });

  it('"好" under the answer\'s "有帮助吗？回复 好 / 不好" is the rating, not a yes; the summary is offered again', async () => {
    await app.ask('报名冬季健康讲座', { userId: 'r' });
    await app.ask('体检报告多久能拿到', { userId: 'r' });
    const rated = await app.say('好', { userId: 'r' });
    expect(rated.data).toMatchObject({ rated: true });
    expect(texts(rated)).toContain(WAITS);
    expect(await active('r')).toEqual([]);
    expect((await app.say('1', { userId: 'r' })).data).toMatchObject({ booking: 'confirmed', activityId: '1' });
  });

  it('a reply that offers its own numbers keeps them: the summary is said to be kept, offered afterwards', async () => {
    await app.ask('报名迎新春象棋比赛', { userId: 'd' });
    const list = texts(await app.say('这周末有什么活动', { userId: 'd' }));
    expect(list).toContain('「迎新春象棋比赛」1位还没有报上，先给您留着');
    expect(list).not.toContain('回复 1 确认报名');
    // "1" picks from the list just shown (冬季健康讲座), not the summary kept
    const pick = await app.say('1', { userId: 'd' });
    expect(pick.data).toMatchObject({ booking: 'summary', activityId: '1' });
    expect(texts(pick)).not.toContain('象棋');
    const booked = await app.say('1', { userId: 'd' });
    expect(booked.data).toMatchObject({ booking: 'confirmed', activityId: '1' });
    expect(texts(booked)).toContain('「迎新春象棋比赛」1位还没有报上，回复 1 确认报名');
    expect((await app.say('1', { userId: 'd' })).data).toMatchObject({ booking: 'confirmed', activityId: '4' });
    expect(await active('d')).toEqual([
      ['1', 1, 'confirmed'],
      ['4', 1, 'confirmed'],
    ]);
  });

  it('it waits DIALOG_TTL_MINUTES: later, the next reply says it was not booked, and "1" books nothing', async () => {
    await app.ask('报名冬季健康讲座', { userId: 'e' });
    await app.ask('体检报告多久能拿到', { userId: 'e' });
    app.clock.advance(31 * 60_000);
    const late = texts(await app.say('1', { userId: 'e' }));
    expect(late).toContain('刚才的「冬季健康讲座」一直没有确认，没有给您报上');
    expect(await active('e')).toEqual([]);
    expect(await app.ask('体检报告多久能拿到', { userId: 'e' })).not.toContain('冬季健康讲座');
  });

  it('offered twice and passed over a third time, it is dropped with one line', async () => {
    await app.ask('报名冬季健康讲座', { userId: 'f' });
    expect(await app.ask('体检报告多久能拿到', { userId: 'f' })).toContain(WAITS);
    expect(await app.ask('体检在哪个医院', { userId: 'f' })).toContain(WAITS);
    const third = await app.ask('体检多少钱', { userId: 'f' });
    expect(third).not.toContain('回复 1 确认报名');
    expect(third).toContain('没有给您报上');
    expect((await app.say('1', { userId: 'f' })).intent).toBe('policy_query');
    expect(await active('f')).toEqual([]);
  });

  it('"0" leaves it: the menu says it was not booked', async () => {
    await app.ask('报名冬季健康讲座', { userId: 'g' });
    await app.ask('体检报告多久能拿到', { userId: 'g' });
    const menu = await app.say('0', { userId: 'g' });
    expect(menu.intent).toBe('help');
    expect(texts(menu)).toContain('「冬季健康讲座」还没有报上');
    expect((await app.say('1', { userId: 'g' })).intent).toBe('policy_query');
    expect(await active('g')).toEqual([]);
  });

  it('booking the same activity again meanwhile ends it silently; nothing is booked twice', async () => {
    await app.ask('报名冬季健康讲座', { userId: 'h' });
    await app.ask('体检报告多久能拿到', { userId: 'h' });
    expect(await app.ask('报名冬季健康讲座', { userId: 'h' })).toContain('您要报名');
    const booked = texts(await app.say('1', { userId: 'h' }));
    expect(booked).toContain('报名成功');
    expect(booked).not.toContain('还没有报上');
    expect(await app.ask('体检报告多久能拿到', { userId: 'h' })).not.toContain('冬季健康讲座');
    expect(await active('h')).toEqual([['1', 1, 'confirmed']]);
  });

  it('seats are counted again: full since, the restatement offers the queue and "1" queues', async () => {
    await app.ask('报名书法班', { userId: 'k' });
    await app.ask('体检报告多久能拿到', { userId: 'k' });
    for (const u of ['x1', 'x2']) {
      await app.ask('报名书法班', { userId: u });
      await app.ask('1', { userId: u });
    }
    const again = await app.ask('体检在哪个医院', { userId: 'k' });
    expect(again).toContain('「书法班」名额已满，1位还没有报上。回复 1 排队候补');
    const queued = await app.say('1', { userId: 'k' });
    expect(queued.data).toMatchObject({ booking: 'waitlisted', activityId: '2', position: 1 });
    expect(await active('k')).toEqual([['2', 1, 'waitlisted']]);
  });

  it('seats taken between the restatement and "1": the store decides at "1" and the reply says it queued', async () => {
    await app.ask('报名书法班', { userId: 'k2' });
    expect(await app.ask('体检报告多久能拿到', { userId: 'k2' })).toContain('「书法班」1位还没有报上，回复 1 确认报名');
    for (const u of ['y1', 'y2']) {
      await app.ask('报名书法班', { userId: u });
      await app.ask('1', { userId: u });
    }
    const queued = await app.say('1', { userId: 'k2' });
    expect(queued.data).toMatchObject({ booking: 'waitlisted', activityId: '2' });
    expect(texts(queued)).toContain('名额已满，已为您排队候补');
  });

  it('sign-up stopped meanwhile: the next reply says so and drops it', async () => {
    await app.ask('报名冬季健康讲座', { userId: 'm' });
    await app.ask('体检报告多久能拿到', { userId: 'm' });
    await app.services.store.activities.setSignupOpen('1', false);
    const out = await app.ask('体检在哪个医院', { userId: 'm' });
    expect(out).toContain('「冬季健康讲座」');
    expect(out).toContain('已停止报名');
    expect(out).not.toContain('回复 1 确认报名');
    expect((await app.say('1', { userId: 'm' })).intent).toBe('policy_query');
    expect(await active('m')).toEqual([]);
  });

  it('a "partial" summary (fewer seats than the party) waits too; freed seats since book the whole party', async () => {
    await app.ask('报名书法班', { userId: 'p0' });
    await app.ask('1', { userId: 'p0' });
    expect(await app.ask('报名书法班 我和老伴', { userId: 'p' })).toContain('只剩1个名额');
    expect(await app.ask('体检报告多久能拿到', { userId: 'p' })).toContain('「书法班」只剩1个名额，还没有报上。请回复 1 先报1位');
    expect(await app.ask('1', { userId: 'p' })).toContain('报名成功');
    expect(await active('p')).toEqual([['2', 1, 'confirmed']]);

    await app.ask('报名书法班 我和老伴', { userId: 'q' });
    await app.ask('取消书法班', { userId: 'p0' });
    await app.ask('1', { userId: 'p0' });
    await app.ask('取消书法班', { userId: 'p' });
    await app.ask('1', { userId: 'p' });
    // both seats are free now: the summary kept is a plain one for two, and "1" books both
    expect(await app.ask('体检报告多久能拿到', { userId: 'q' })).toContain('「书法班」2位还没有报上，回复 1 确认报名');
    expect((await app.say('1', { userId: 'q' })).data).toMatchObject({ booking: 'confirmed', seats: 2 });
  });

  it('a summary adding a seat ("老伴也要去") waits too, and "1" raises the booking', async () => {
    await app.ask('报名冬季健康讲座', { userId: 's' });
    await app.ask('1', { userId: 's' });
    expect(await app.ask('老伴也要去', { userId: 's' })).toContain('从1位改成2位');
    expect(await app.ask('体检报告多久能拿到', { userId: 's' })).toContain('「冬季健康讲座」还是1位，改成2位还没有确认。回复 1 确认');
    expect((await app.say('1', { userId: 's' })).data).toMatchObject({ booking: 'raised', seats: 2 });
    expect(await active('s')).toEqual([['1', 2, 'confirmed']]);
  });

  it('"取消冬季健康讲座" at its own summary is a no: nothing waits and nothing is booked', async () => {
    await app.ask('报名冬季健康讲座', { userId: 't' });
    const no = await app.say('取消冬季健康讲座', { userId: 't' });
    expect(no.data).toMatchObject({ booking: 'dropped' });
    expect(await app.ask('体检报告多久能拿到', { userId: 't' })).not.toContain('冬季健康讲座');
    expect(await active('t')).toEqual([]);
  });
});

describe('"再加一个人" adds a seat to a booking (QA8 A-M2)', () => {
  const book = async (u: string, text: string) => {
    await app.ask(text, { userId: u });
    expect(await app.ask('1', { userId: u })).toContain('报名成功');
  };

  for (const more of ['再加一个人', '再加一位', '加一个人', '多报一个', '帮我再加一位']) {
    it(`"${more}" with one booking asks "从1位改成2位" and "1" raises it`, async () => {
      await book('a', '报名冬季健康讲座');
      const ask = await app.say(more, { userId: 'a' });
      // the router may say activity_cancel ("帮我再加一位"): the booking skill answers it all the same
      expect([ask.intent, ask.data?.intent]).toContain('activity_book');
      expect(ask.data).toMatchObject({ booking: 'summary_raise', activityId: '1', from: 1, seats: 2 });
      expect(texts(ask)).toContain('从1位改成2位');
      expect((await app.say('1', { userId: 'a' })).data).toMatchObject({ booking: 'raised', seats: 2 });
      expect(await active('a')).toEqual([['1', 2, 'confirmed']]);
    });
  }

  it('with several bookings it asks which one (numbered), then raises the one picked', async () => {
    await book('b', '报名冬季健康讲座');
    await book('b', '报名迎新春象棋比赛');
    const which = await app.say('再加一个人', { userId: 'b' });
    const out = texts(which);
    expect(out).toContain('要给哪一个加人');
    expect(out).toContain('1. 「冬季健康讲座」');
    expect(out).toContain('2. 「迎新春象棋比赛」');
    const summary = await app.say('2', { userId: 'b' });
    expect(summary.data).toMatchObject({ booking: 'summary_raise', activityId: '4', from: 1, seats: 2 });
    expect((await app.say('1', { userId: 'b' })).data).toMatchObject({ booking: 'raised', activityId: '4', seats: 2 });
    expect(await active('b')).toEqual([
      ['1', 1, 'confirmed'],
      ['4', 2, 'confirmed'],
    ]);
  });

  it('with several bookings, naming one raises that one at once', async () => {
    await book('c', '报名冬季健康讲座');
    await book('c', '报名迎新春象棋比赛');
    expect((await app.say('象棋比赛再加一个人', { userId: 'c' })).data).toMatchObject({ booking: 'summary_raise', activityId: '4' });
  });

  it('with no booking it says so and shows the list; nothing is booked', async () => {
    const none = await app.say('再加一个人', { userId: 'd' });
    expect(texts(none)).toContain('您现在没有报名的活动，加不了人');
    expect(texts(none)).toContain('1. 冬季健康讲座');
    expect(texts(none)).not.toContain('没有找到');
    expect(await active('d')).toEqual([]);
  });

  it('"再加一个人" at a booking summary makes it one seat more', async () => {
    await app.ask('报名冬季健康讲座', { userId: 'e' });
    const more = await app.say('再加一个人', { userId: 'e' });
    expect(more.data).toMatchObject({ booking: 'summary', activityId: '1', seats: 2 });
    expect((await app.say('1', { userId: 'e' })).data).toMatchObject({ booking: 'confirmed', seats: 2 });
  });
});

describe('follow-ups and leftovers are never read as an activity name (QA8 A-M3)', () => {
  it('keywordOf leaves nothing of "好 那报上吧" or "那下周的呢"', () => {
    expect(keywordOf('好 那报上吧')).toBe('');
    expect(keywordOf('那下周的呢', '下周')).toBe('');
    expect(keywordOf('报名跳伞')).toBe('跳伞');
  });

  it('"那下周的呢" after "有没有下棋的活动" lists next week\'s chess, not "没有找到那的活动"', async () => {
    expect(await app.ask('有没有下棋的活动', { userId: 'a' })).toContain('迎新春象棋比赛');
    const next = await app.say('那下周的呢', { userId: 'a' });
    const out = texts(next);
    expect(next.data).toMatchObject({ activities: ['4'] });
    expect(out).toContain('12月7日（周一）到12月13日（周日）的棋牌活动');
    expect(out).not.toContain('没有找到');
    expect(out).not.toContain('参观乡村振兴示范点');
    // the numbers are those of the new list
    expect((await app.say('1', { userId: 'a' })).data).toMatchObject({ booking: 'summary', activityId: '4' });
  });

  it('"那这周的呢" with no chess this week says so and lists the week\'s others', async () => {
    await app.ask('有没有下棋的活动', { userId: 'b' });
    const out = await app.ask('那这周的呢', { userId: 'b' });
    expect(out).toContain('没有棋牌活动');
    expect(out).toContain('1. 冬季健康讲座');
    expect(out).toContain('2. 书法班');
    expect(out).not.toContain('迎新春象棋比赛');
    expect(out).not.toContain('没有找到');
  });

  it('"好 那报上吧" with nothing waiting never echoes "好 那 上"', async () => {
    const out = await app.ask('好 那报上吧', { userId: 'c' });
    expect(out).not.toMatch(/没有找到.*[好那上]/u);
    expect(out).toContain('1. 冬季健康讲座');
  });

  it('a name that matches nothing is quoted; leftovers are not', async () => {
    expect(await app.ask('报名跳伞', { userId: 'd' })).toContain('没有找到跳伞的活动');
    const out = await app.ask('报名啥', { userId: 'e' });
    expect(out).toContain('没有找到您说的活动');
    expect(out).not.toContain('没有找到啥');
  });
});

describe('family along when the notes require it at the person\'s age (QA8 A-L1)', () => {
  const ASK = '我八十三了 能报名去参观乡村振兴示范点吗';

  it('reads the age from which the notes ask for family', () => {
    expect(familyFromAge('一般在80周岁以下；75岁以上须家属陪同')).toBe(75);
    expect(familyFromAge('年满80周岁的须由子女陪同')).toBe(80);
    expect(familyFromAge('七十五岁以上需家人陪同参加')).toBe(75);
    expect(familyFromAge('一般在80周岁以下')).toBeNull();
    expect(familyFromAge('请穿运动鞋')).toBeNull();
  });

  it('"我八十三了 能报名去参观…吗" shows the notes and asks "要带家属一起报2位吗？", numbered; "1" books two seats', async () => {
    const summary = await app.say(ASK, { userId: 'a' });
    const out = texts(summary);
    expect(out).toContain('75岁以上须家属陪同');
    expect(out).toContain('要带家属一起报2位吗？');
    expect(out).toContain('回复 1 带家属一起报2位，回复 2 只报您自己1位');
    expect(out).not.toContain('人数：1位');
    expect(summary.data).toMatchObject({ booking: 'summary_family', activityId: '3', family: 2 });
    expect(await active('a')).toEqual([]);
    expect((await app.say('1', { userId: 'a' })).data).toMatchObject({ booking: 'confirmed', activityId: '3', seats: 2 });
    expect(await active('a')).toEqual([['3', 2, 'confirmed']]);
  });

  for (const [answer, seats] of [
    ['2', 1],
    ['不用', 1],
    ['就我自己', 1],
    ['带老伴一起', 2],
    ['好的', 2],
  ] as const) {
    it(`"${answer}" to the family question books ${seats} seat(s)`, async () => {
      await app.ask(ASK, { userId: 'b' });
      expect((await app.say(answer, { userId: 'b' })).data).toMatchObject({ booking: 'confirmed', seats });
    });
  }

  it('"算了" books nothing; a question keeps the question waiting', async () => {
    await app.ask(ASK, { userId: 'c' });
    expect((await app.say('算了', { userId: 'c' })).data).toMatchObject({ booking: 'dropped' });
    expect(await active('c')).toEqual([]);
    await app.ask(ASK, { userId: 'd' });
    expect(await app.ask('参观要自己出钱吗', { userId: 'd' })).toContain('回复 1 带家属一起报2位');
    expect((await app.say('1', { userId: 'd' })).data).toMatchObject({ booking: 'confirmed', seats: 2 });
  });

  it('younger than the notes\' age, a party already named, or fewer than two seats free: the usual summary', async () => {
    expect((await app.say('我70岁了 报名参观乡村振兴示范点', { userId: 'e' })).data).toMatchObject({ booking: 'summary', seats: 1 });
    expect((await app.say('我八十三了 我和老伴报名参观乡村振兴示范点', { userId: 'f' })).data).toMatchObject({ booking: 'summary', seats: 2 });
    await app.services.store.activities.update('3', { capacity: 1 });
    expect((await app.say(ASK, { userId: 'g' })).data).toMatchObject({ booking: 'summary', seats: 1 });
  });
});
