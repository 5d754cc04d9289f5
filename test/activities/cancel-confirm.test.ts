/** Answering a cancellation summary: "确认取消报名" / "取消报名" / naming the same booking again are a yes. */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { yesNo } from '../../src/skills/activities/parse.js';

describe('cancellation confirmation', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    const now = app.clock.now();
    await app.services.store.activities.create({ title: '象棋比赛', category: '棋牌', startAt: '2026-12-09T06:00:00Z', place: '活动中心', capacity: 10, maxSeatsPerBooking: 2 }, now);
    await app.services.store.activities.create({ title: '门球赛', category: '球类', startAt: '2026-12-10T06:00:00Z', place: '活动中心', capacity: 10, maxSeatsPerBooking: 2 }, now);
  });
  afterEach(async () => {
    await app.close();
  });
  const book = async (u: string, title: string) => {
    await app.ask(`报名${title}`, { userId: u });
    expect(await app.ask('1', { userId: u })).toContain('报名成功');
  };
  const active = async (u: string) => (await app.services.store.activities.listByUser(`http:${u}`)).filter((b) => b.status !== 'cancelled').map((b) => b.activityId);

  it('reads the wordings of a yes and a no to "取消吗"', () => {
    expect(['确认取消报名', '取消报名', '要取消报名', '取消这个报名', '是的，确认取消', '不去了', '不参加了'].map((t) => yesNo(t, true))).toEqual(Array(7).fill(true));
    expect(['不取消报名', '不要取消', '先不取消', '保留', '还是去吧'].map((t) => yesNo(t, true))).toEqual(Array(5).fill(false));
  });

  for (const answer of ['确认取消报名', '取消报名', '取消象棋比赛']) {
    it(`cancels on "${answer}" after the summary instead of repeating it`, async () => {
      await book('a', '象棋比赛');
      await book('a', '门球赛');
      expect(await app.ask('取消象棋比赛', { userId: 'a' })).toContain('您要取消报名');
      const r = await app.say(answer, { userId: 'a' });
      expect(r.data).toMatchObject({ cancel: 'cancelled' });
      expect(r.replies.map((x) => x.text).join('\n')).toContain('已为您取消「象棋比赛」');
      expect(await active('a')).toEqual(['2']);
    });
  }

  it('moves to another booking when one is named, and never shows the same summary twice in a row', async () => {
    await book('b', '象棋比赛');
    await book('b', '门球赛');
    await app.ask('取消象棋比赛', { userId: 'b' });
    const other = await app.say('取消门球赛', { userId: 'b' });
    expect(other.data).toMatchObject({ cancel: 'summary', activityId: '2' });
    expect(await active('b')).toEqual(['1', '2']);
    const texts: string[] = [];
    for (const t of ['取消门球赛的那个', '确认取消报名']) texts.push(await app.ask(t, { userId: 'b' }));
    expect(texts[0]).toContain('已为您取消「门球赛」');
    expect(await active('b')).toEqual(['1']);
  });

  it('"不取消报名" keeps the booking', async () => {
    await book('c', '象棋比赛');
    await app.ask('取消报名', { userId: 'c' });
    expect(await app.ask('不取消报名', { userId: 'c' })).not.toContain('您要取消报名');
    expect(await active('c')).toEqual(['1']);
  });

  it('takes a yes or a no only when the whole message is one', () => {
    expect(['不去了吧', '不去了。', '好的呀', '确认取消啊', '好的，谢谢', '我不去了'].map((t) => yesNo(t, true))).toEqual(Array(6).fill(true));
    expect(['不取消了吧', '还是去吧', '算了吧'].map((t) => yesNo(t, true))).toEqual(Array(3).fill(false));
    expect(['周末不去了吧', '大家周末去哪玩', '大家周末去哪玩？', '你不去了吧', '你去吧', '不去了，腰疼', '老张不去了'].map((t) => yesNo(t, true))).toEqual(Array(7).fill(null));
  });

  it('"周末不去了吧" and "大家周末去哪玩？" after the summary do not cancel; "不去了吧" does', async () => {
    await book('d', '象棋比赛');
    expect(await app.ask('取消象棋比赛', { userId: 'd' })).toContain('您要取消报名');
    expect(await app.ask('周末不去了吧', { userId: 'd' })).not.toContain('已为您取消');
    expect(await active('d')).toEqual(['1']);
    const q = await app.say('大家周末去哪玩？', { userId: 'd' });
    expect(q.replies.map((x) => x.text).join('\n')).not.toContain('已为您取消');
    expect(await active('d')).toEqual(['1']);
    expect(await app.ask('取消象棋比赛', { userId: 'd' })).toContain('您要取消报名');
    expect(await app.ask('不去了吧', { userId: 'd' })).toContain('已为您取消「象棋比赛」');
    expect(await active('d')).toEqual([]);
  });
});
