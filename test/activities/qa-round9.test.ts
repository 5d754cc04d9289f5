/**
 * QA round 9, activities. A-M5: at a booking summary a question no rule knows ("讲座要钱不") is answered
 * and the summary waits; "那能带老伴不" makes it 2 seats and says so; "行 俺俩都去" / "行 给我报上" are a yes.
 * A-M7: an age said at a summary ("我今年82了 能去不") gets the activity's notes, as in a first message.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { fixedPolicy } from '../helpers/fixed-policy.js';
import { activeBookings, addQaActivities } from '../helpers/qa-activities.js';
import { parseSeats, yesNo, yesWithSeats } from '../../src/skills/activities/parse.js';

let app: TestApp;
const active = (u: string) => activeBookings(app, u);
const texts = (r: { replies: { text: string }[] }) => r.replies.map((x) => x.text).join('\n');
const ANSWER = '文体活动一般不收费。';

beforeEach(async () => {
  app = await createTestApp({ policy: fixedPolicy({ text: ANSWER }) });
  await addQaActivities(app); // 1 讲座, 2 书法班, 3 参观, 4 象棋比赛
});
afterEach(async () => {
  await app.close();
});

describe('at a booking summary (QA9 A-M5)', () => {
  it('"讲座要钱不" is answered as a policy question and the summary waits; "那能带老伴不" says 2位; "行 俺俩都去" books 2', async () => {
    expect(await app.ask('我想报个名 下礼拜四那个讲座', { userId: 'a' })).toContain('人数：1位');
    const q = await app.say('讲座要钱不', { userId: 'a' });
    expect(q.intent).toBe('policy_query');
    expect(texts(q)).toContain(ANSWER);
    expect(texts(q)).toContain('「冬季健康讲座」1位还没有报上，回复 1 确认报名');
    const two = await app.say('那能带老伴不', { userId: 'a' });
    expect(texts(two)).toContain('好的，改成2位（您和老伴）。');
    expect(texts(two)).toContain('人数：2位');
    expect(await active('a')).toEqual([]);
    const done = await app.say('行 俺俩都去', { userId: 'a' });
    expect(done.data).toMatchObject({ booking: 'confirmed', activityId: '1', seats: 2 });
    expect(await active('a')).toEqual([['1', 2, 'confirmed']]);
  });

  it('"那能带老伴不" at the summary itself changes the party and says so; "1" books 2', async () => {
    await app.ask('报名冬季健康讲座', { userId: 'b' });
    const two = await app.say('那能带老伴不', { userId: 'b' });
    expect(texts(two)).toContain('好的，改成2位（您和老伴）。');
    expect(two.data).toMatchObject({ booking: 'summary', seats: 2 });
    expect((await app.say('1', { userId: 'b' })).data).toMatchObject({ booking: 'confirmed', seats: 2 });
  });

  it('"行 俺俩都去" at a 1-seat summary books 2 and says the party changed', async () => {
    await app.ask('报名冬季健康讲座', { userId: 'c' });
    const done = await app.say('行 俺俩都去', { userId: 'c' });
    expect(texts(done)).toContain('好的，改成2位。');
    expect(done.data).toMatchObject({ booking: 'confirmed', seats: 2 });
    expect(await active('c')).toEqual([['1', 2, 'confirmed']]);
  });

  it('"行 俺俩都去" with one seat left does not book at once: the summary says only 1 is left', async () => {
    await app.services.store.activities.book({ activityId: '2', userId: 'http:x', seats: 1, chat: { channel: 'http', chatId: 'x' } }, app.clock.now());
    await app.ask('报名书法班', { userId: 'd' });
    const r = await app.say('行 俺俩都去', { userId: 'd' });
    expect(texts(r)).toContain('只剩1个名额');
    expect(await active('d')).toEqual([]);
  });

  it('"行 给我报上" after a question at the summary books it (was: "没有找到您说的活动" + the list)', async () => {
    await app.ask('报名迎新春象棋比赛', { userId: 'e' });
    expect(await app.ask('这个比赛在哪里比啊', { userId: 'e' })).toContain('还没有报上，回复 1 确认报名');
    const done = await app.say('行 给我报上', { userId: 'e' });
    expect(texts(done)).not.toContain('没有找到');
    expect(done.data).toMatchObject({ booking: 'confirmed', activityId: '4', seats: 1 });
  });

  it('reads the wordings', () => {
    expect(yesNo('行 给我报上')).toBe(true);
    expect(yesNo('好 帮我报上')).toBe(true);
    expect(yesWithSeats('行 俺俩都去')).toBe(2);
    expect(yesWithSeats('好的 我和老伴两个人')).toBe(2);
    expect(yesWithSeats('那能带老伴不')).toBeNull();
    expect(yesWithSeats('不去了 俺俩都不去')).toBeNull();
    expect(yesWithSeats('行')).toBeNull();
  });
});

describe('an age said at a summary (QA9 A-M7)', () => {
  it('"我今年82了 能去不" at a visit\'s summary gets its notes and the family question, not a refusal', async () => {
    await app.ask('报名参观乡村振兴示范点', { userId: 'f' });
    const r = await app.say('我今年82了 能去不', { userId: 'f' });
    expect(r.intent).toBe('activity_book');
    expect(texts(r)).toContain('一般在80周岁以下；75岁以上须家属陪同');
    expect(texts(r)).toContain('要带家属一起报2位吗？');
    expect((await app.say('1', { userId: 'f' })).data).toMatchObject({ booking: 'confirmed', activityId: '3', seats: 2 });
  });

  it('an age at the summary of an activity without notes is still a question for the router', async () => {
    await app.ask('报名冬季健康讲座', { userId: 'g' });
    const r = await app.say('我今年82了 能去不', { userId: 'g' });
    expect(r.intent).toBe('policy_query');
    expect(texts(r)).toContain('「冬季健康讲座」1位还没有报上');
  });
});

describe('a count at the seat-limit question (QA9 A-M6)', () => {
  for (const said of ['算了 就两个', '就两个', '两个吧', '那就两位']) {
    it(`"${said}" after "每次最多报2位…请告诉我报几位" is 2 seats, not a cancel`, async () => {
      expect(await app.ask('报名冬季健康讲座 我们三个人', { userId: 'h' })).toContain('每次最多报2位，报不了3位');
      const r = await app.say(said, { userId: 'h' });
      expect(r.data).toMatchObject({ booking: 'summary', activityId: '1', seats: 2 });
      expect(texts(r)).not.toContain('没有找到');
      expect((await app.say('1', { userId: 'h' })).data).toMatchObject({ booking: 'confirmed', activityId: '1', seats: 2 });
    });
  }

  it('"算了" alone still leaves', async () => {
    await app.ask('报名冬季健康讲座 我们三个人', { userId: 'i' });
    expect((await app.say('算了', { userId: 'i' })).data).toMatchObject({ booking: 'dropped' });
    expect(await active('i')).toEqual([]);
  });
});

describe('a third person named along (QA9 A-M8)', () => {
  it('"报名冬季健康讲座 我和老伴 还有我闺女" gets the limit (每次最多报2位，报不了3位), not a silent 2位', async () => {
    const r = await app.say('报名冬季健康讲座 我和老伴 还有我闺女', { userId: 'j' });
    expect(texts(r)).toContain('每次最多报2位，报不了3位');
    expect(texts(r)).not.toContain('人数：2位');
    expect((await app.say('就两个', { userId: 'j' })).data).toMatchObject({ booking: 'summary', seats: 2 });
  });

  it('counts everyone named along, and only them', () => {
    expect(parseSeats('我和老伴 还有我闺女')).toBe(3);
    expect(parseSeats('我跟老伴带上孙子')).toBe(3);
    expect(parseSeats('我和老伴')).toBe(2);
    expect(parseSeats('我和老伴两个人')).toBe(2);
    expect(parseSeats('俺俩')).toBe(2);
  });
});

describe('Low (QA9 A-L2, A-L4)', () => {
  it('"给我报两个" → list → "1": the summary is for 2 (the count was dropped)', async () => {
    expect(await app.ask('给我报两个', { userId: 'k' })).toContain('想报名请回复编号');
    const r = await app.say('1', { userId: 'k' });
    expect(r.data).toMatchObject({ booking: 'summary', activityId: '1', seats: 2 });
    expect(texts(r)).toContain('人数：2位');
  });

  it('"取消冬季健康讲座 取消了有啥影响不": the cancelling rule before the cancel summary; a plain cancel has none', async () => {
    await app.ask('报名冬季健康讲座', { userId: 'l' });
    await app.ask('1', { userId: 'l' });
    const r = texts(await app.say('取消冬季健康讲座 取消了有啥影响不', { userId: 'l' }));
    expect(r).toContain('活动开始24小时前');
    expect(r).toContain('第六条');
    expect(r.indexOf('您要取消报名')).toBeGreaterThan(r.indexOf('24小时'));
    expect(await active('l')).toEqual([['1', 1, 'confirmed']]);
    await app.ask('2', { userId: 'l' });
    expect(await app.ask('取消冬季健康讲座', { userId: 'l' })).not.toContain('24小时');
  });
});

describe('a family counted without 人 or 位 (QA10 A-M9)', () => {
  it('"我们一家四口" is four people: the limit is said, and "那就报两个吧" sets 2', async () => {
    const { parseSeats } = await import('../../src/skills/activities/parse.js');
    expect(parseSeats('我们一家四口')).toBe(4);
    expect(parseSeats('我们四个')).toBe(4);
    expect(parseSeats('我们两个月后再说')).toBeNull();
  });
});
