/**
 * QA round 6, G-N2: in a group, the person the assistant just booked may change what was just done
 * without the wake word ("老伴去不了了 就我一个人去"), as with numbers and follow-ups; the same words
 * from someone else, or long after, are talk among the members.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { GROUP_TALK_MS } from '../../src/core/middleware/group-trigger.js';

let app: TestApp;
afterEach(async () => app?.close());

const group = { chatType: 'group' as const, chatId: 'g3' };
const groupApp = async () => {
  app = await createTestApp({ config: { WAKE_WORDS: '小银', BOT_NAME: '银龄助手' } });
  await app.services.store.activities.create({ title: '冬季健康讲座', category: '讲座', startAt: '2026-12-09T06:00:00Z', place: '活动中心二楼', capacity: 20, maxSeatsPerBooking: 2 }, app.clock.now());
  return app;
};

describe('group: a change to the booking just made (QA6 G-N2)', () => {
  it('"老伴去不了了 就我一个人去" right after booking two seats reaches the assistant', async () => {
    await groupApp();
    await app.ask('小银 健康讲座给我们两口子报上', { ...group, userId: 'g3u1' });
    expect(await app.ask('行', { ...group, userId: 'g3u1' })).toContain('报名成功');
    const r = await app.say('老伴去不了了 就我一个人去', { ...group, userId: 'g3u1' });
    expect(r.dropped).toBeUndefined();
    expect(r.intent).toBe('activity_cancel');
    expect(r.replies.length).toBeGreaterThan(0);
  });

  it('the same words from another member, or after the talk window, are dropped', async () => {
    await groupApp();
    await app.ask('小银 健康讲座给我们两口子报上', { ...group, userId: 'g3u1' });
    await app.ask('行', { ...group, userId: 'g3u1' });
    expect((await app.say('老伴去不了了 就我一个人去', { ...group, userId: 'g3u2' })).dropped).toBe('not_addressed');
    app.clock.advance(GROUP_TALK_MS + 60_000);
    expect((await app.say('老伴去不了了 就我一个人去', { ...group, userId: 'g3u1' })).dropped).toBe('not_addressed');
  });

  it('after other talk (a greeting), chatter that sounds like a cancellation is still dropped', async () => {
    await groupApp();
    await app.ask('小银 你好', { ...group, userId: 'g3u4' });
    expect((await app.say('明天聚餐我不去了', { ...group, userId: 'g3u4' })).dropped).toBe('not_addressed');
  });
});
