/**
 * Fewer seats left than asked (QA C1, A06/A06b/A06c): the summary offers the seats left or waiting
 * together (numbered, nothing written before the answer); a free seat is never shown as full, and a
 * waiting pair does not keep a single person from the last seat.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';

const at = (localIso: string) => new Date(`${localIso}+08:00`).toISOString();

describe('the last seats of an activity', () => {
  let app: TestApp;
  let cls: string;
  const acts = () => app.services.store.activities;

  beforeEach(async () => {
    app = await createTestApp();
    cls = (await acts().create({ title: '书法班', category: '老年大学', startAt: at('2026-12-09T09:00:00'), place: '三楼书画室', capacity: 2 }, app.clock.now())).id;
    await app.say('报名书法班', { userId: 'zhang' });
    await app.say('1', { userId: 'zhang' }); // 1 of 2 seats taken
  });
  afterEach(async () => {
    await app.close();
  });

  it('offers "先报1位" or "两位一起排队候补" when one seat is left and two are asked, and writes nothing before the answer', async () => {
    const s = await app.ask('报名书法班 我和老伴两个人');
    expect(s).toContain('只剩1个名额');
    expect(s).toContain('回复 1 先报1位，回复 2 两位一起排队候补');
    expect(s).not.toContain('名额已满');
    expect((await acts().listByActivity(cls)).waitlist).toEqual([]);
    const done = await app.say('1');
    expect(done.replies[0]!.text).toContain('报名成功');
    expect(done.replies[0]!.text).toContain('1位');
    expect((await acts().listByActivity(cls)).confirmed.map((b) => [b.userId, b.seats])).toEqual([
      ['http:zhang', 1],
      ['http:u1', 1],
    ]);
  });

  it('queues both together on "2"; a single person after them still gets the free seat, and the list never says full while it is free', async () => {
    await app.ask('我和老伴两个人报名书法班');
    const queued = await app.ask('2');
    expect(queued).toContain('两位一起排队候补「书法班」，排第1位');
    expect((await acts().listByActivity(cls)).waitlist.map((b) => [b.userId, b.seats])).toEqual([['http:u1', 2]]);
    // The list and the staff view: 1 seat is free, so not full.
    expect(await app.ask('最近有什么活动', { userId: 'li' })).toContain('剩1个名额');
    expect((await acts().get(cls))!.status).toBe('open');
    const s = await app.ask('报名书法班', { userId: 'li' });
    expect(s).toContain('您要报名');
    expect(s).not.toContain('名额已满');
    expect(await app.ask('1', { userId: 'li' })).toContain('报名成功');
    expect((await acts().get(cls))!.status).toBe('full');
  });

  it('promotes the waiting pair when two seats come free, and tells them', async () => {
    await app.say('我和老伴两个人报名书法班');
    await app.say('2');
    await app.say('报名书法班', { userId: 'li' });
    await app.say('1', { userId: 'li' });
    await app.say('取消报名', { userId: 'zhang' });
    await app.say('1', { userId: 'zhang' });
    expect((await acts().listByActivity(cls)).waitlist.map((b) => b.userId)).toEqual(['http:u1']); // 1 free, the pair needs 2
    await app.say('取消报名', { userId: 'li' });
    expect(await app.ask('1', { userId: 'li' })).toContain('已为您取消');
    await app.flush();
    const told = app.sent.filter((m) => m.to.userId === 'u1');
    expect(told).toHaveLength(1);
    expect(told[0]!.reply.text).toContain('有空位了');
    expect(told[0]!.reply.text).toContain('2位');
    expect(await app.ask('我的报名')).toContain('已报上');
  });

  it('reads worded answers to the choice: "先报一位", "一起排队", "算了", and restates once when unclear', async () => {
    await app.say('报名书法班，两位');
    expect(await app.ask('那就先报一位吧')).toContain('报名成功');
    await app.say('取消报名');
    await app.say('1');

    await app.say('我们俩报书法班', { userId: 'w' });
    expect(await app.ask('一起排队吧', { userId: 'w' })).toContain('一起排队候补');
    await app.say('我和爱人报名书法班', { userId: 'x' });
    expect(await app.ask('算了', { userId: 'x' })).toContain('先不报名');

    await app.say('报名书法班 2个人', { userId: 'y' });
    const again = await app.ask('老伴腿脚不好', { userId: 'y' });
    expect(again).toContain('还没有报上');
    expect(again).toContain('回复 1 先报1位');
    expect((await acts().listByUser('http:y'))).toEqual([]);
  });
});
