/**
 * A bare "报名" right after a narrowed list (QA C3, A16: "有没有下棋的活动" lists 2 chess items) offers
 * those items with the same numbers, not the full list with new ones.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';

const at = (localIso: string) => new Date(`${localIso}+08:00`).toISOString();

describe('"报名" after a narrowed list', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp(); // 2026-12-01 10:00 Beijing
    const acts = app.services.store.activities;
    const now = app.clock.now();
    await acts.create({ title: '银龄摄影展', category: '书画摄影', startAt: at('2026-12-02T09:00:00'), place: '一楼大厅', capacity: 50 }, now);
    await acts.create({ title: '冬季健康讲座', category: '讲座', startAt: at('2026-12-03T14:00:00'), place: '报告厅', capacity: 40 }, now);
    await acts.create({ title: '掼蛋比赛', category: '棋牌', startAt: at('2026-12-04T14:00:00'), place: '二楼棋牌室', capacity: 20 }, now);
    await acts.create({ title: '迎新春象棋比赛', category: '棋牌', startAt: at('2026-12-05T09:30:00'), place: '棋牌室', capacity: 16 }, now);
    await acts.create({ title: '书法班', category: '书画摄影', startAt: at('2026-12-16T09:00:00'), place: '三楼书画室', capacity: 2 }, now);
  });
  afterEach(async () => {
    await app.close();
  });

  it('offers the 2 chess items just shown after "有没有下棋的活动", and "1" is the first of them', async () => {
    const list = await app.ask('有没有下棋的活动');
    expect(list).toContain('1. 掼蛋比赛');
    expect(list).toContain('2. 迎新春象棋比赛');
    const again = await app.ask('报名');
    expect(again).toContain('1. 掼蛋比赛');
    expect(again).toContain('2. 迎新春象棋比赛');
    expect(again).not.toContain('银龄摄影展');
    expect(again).toContain('要看全部活动请回复“活动”');
    const s = await app.ask('1');
    expect(s).toContain('「掼蛋比赛」');
    expect(s).not.toContain('银龄摄影展');
  });

  it.each(['我要报名', '我想报个名', '报名参加'])('does the same for "%s" after a list narrowed by date', async (words) => {
    const list = await app.ask('这周末有什么活动');
    expect(list).toContain('迎新春象棋比赛');
    expect(list).not.toContain('冬季健康讲座');
    const again = await app.ask(words);
    expect(again).toContain('1. 迎新春象棋比赛');
    expect(again).not.toContain('冬季健康讲座');
    expect(await app.ask('1')).toContain('「迎新春象棋比赛」');
  });

  it('still shows everything for a bare "报名" with no list shown before, or after "活动" asks for all', async () => {
    const all = await app.ask('报名');
    expect(all).toContain('近期活动');
    expect(all).toContain('5. 书法班');
    await app.ask('有没有下棋的活动');
    const again = await app.ask('活动');
    expect(again).toContain('1. 银龄摄影展');
    expect(again).toContain('5. 书法班');
  });
});

describe('"看看活动"', () => {
  it('lists everything, with no "没有找到看看的活动"', async () => {
    const app = await createTestApp();
    await app.services.store.activities.create({ title: '掼蛋比赛', category: '棋牌', startAt: at('2026-12-04T14:00:00'), place: '二楼棋牌室', capacity: 20 }, app.clock.now());
    const r = await app.ask('看看活动');
    expect(r).toContain('1. 掼蛋比赛');
    expect(r).not.toContain('没有找到');
    await app.close();
  });
});
