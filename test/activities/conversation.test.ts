/** Conversation tests in Chinese for every activity path, through the whole pipeline (SQLite, ManualClock). */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { runReminderTick } from '../../src/skills/activities/jobs.js';

const H = 3600_000;
// The harness clock starts at 2026-12-01T02:00:00Z = 12月1日（周二）上午10:00 in Shanghai.
const at = (localIso: string) => new Date(`${localIso}+08:00`).toISOString();

describe('activities in conversation', () => {
  let app: TestApp;
  let chess: string;
  let lecture: string;
  let lecture2: string;
  let small: string;

  beforeEach(async () => {
    app = await createTestApp();
    const now = app.clock.now();
    const acts = app.services.store.activities;
    chess = (await acts.create({ title: '象棋比赛', category: '棋牌', startAt: at('2026-12-03T14:00:00'), place: '老干部活动中心', capacity: 30 }, now)).id;
    lecture = (await acts.create({ title: '健康养生讲座', category: '讲座', startAt: at('2026-12-09T09:30:00'), place: '三楼会议室', capacity: 50 }, now)).id;
    lecture2 = (await acts.create({ title: '智慧养老讲座', category: '讲座', startAt: at('2026-12-10T15:00:00'), place: '三楼会议室', capacity: 50 }, now)).id;
    small = (await acts.create({ title: '书法展参观', category: '参观', startAt: at('2026-12-05T09:00:00'), place: '市美术馆', capacity: 1 }, now)).id;
  });
  afterEach(async () => {
    await app.close();
  });

  it('lists upcoming activities, numbered, with seats left and the date in elderly format', async () => {
    const r = await app.say('最近有什么活动');
    expect(r.intent).toBe('activity_list');
    const text = r.replies[0]!.text;
    expect(text).toContain('1. 象棋比赛');
    expect(text).toContain('12月3日（周四）下午2:00');
    expect(text).toContain('剩30个名额');
    expect(text.indexOf('象棋比赛')).toBeLessThan(text.indexOf('书法展参观'));
    expect(r.replies.at(-1)!.text).toContain('回复 0 回主菜单');
  });

  it('books by number from the list, after a summary and "1"', async () => {
    await app.say('最近有什么活动');
    const summary = await app.ask('1');
    expect(summary).toContain('您要报名');
    expect(summary).toContain('象棋比赛');
    expect(summary).toContain('回复 1 确认，回复 2 取消');
    expect((await app.services.store.activities.listByActivity(chess)).confirmed).toHaveLength(0);
    const done = await app.say('1');
    expect(done.replies[0]!.text).toContain('报名成功');
    expect(done.intent).toBe('activity_book');
    expect((await app.services.store.activities.listByActivity(chess)).confirmed.map((b) => b.userId)).toEqual(['u1']);
  });
});
