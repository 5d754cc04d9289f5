/**
 * QA round 5, G-H1: in a group, the person at a confirmation answers in words ("好的", "确认",
 * "对，报上吧", "确认提交", "取消", "不要了") without the wake word, as a private chat accepts them.
 * Nobody else's words count, and the person's own chatter (not an answer word) is still not for us.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { isAnswerWord } from '../../src/core/middleware/group-trigger.js';

let app: TestApp;
afterEach(async () => app?.close());

const group = { chatType: 'group' as const, chatId: 'g1' };
const groupApp = async () => {
  app = await createTestApp({ config: { WAKE_WORDS: '小银', BOT_NAME: '银龄助手' } });
  const now = app.clock.now();
  await app.services.store.activities.create({ title: '八段锦晨练体验课', category: '健身', startAt: '2026-12-09T01:00:00Z', place: '活动中心广场', capacity: 10, maxSeatsPerBooking: 2 }, now);
  await app.services.store.activities.create({ title: '迎新春象棋比赛', category: '棋牌', startAt: '2026-12-05T01:30:00Z', place: '棋牌室', capacity: 10, maxSeatsPerBooking: 2 }, now);
  return app;
};
const active = async (u: string) => (await app.services.store.activities.listByUser(`http:${u}`)).filter((b) => b.status !== 'cancelled');

describe('answer words', () => {
  const words = () => app.services.prompts.raw<{ answers: string[]; soft: string[] }>('core.group_answer_words');
  it('reads a yes or a no said in words, and nothing else', async () => {
    await groupApp();
    for (const t of ['好的', '确认', '对，报上吧', '确认提交', '取消', '不要了', '好的 谢谢', '嗯嗯', '可以', '不用了吧', '算了']) expect(isAnswerWord(t, words()), t).toBe(true);
    for (const t of ['你好', '大家好', '今天天气真好', '老李你明天去不去', '好吗？', '对不起', '不好意思', '']) expect(isAnswerWord(t, words()), t).toBe(false);
  });
});

describe('group: words at a confirmation (QA G-H1)', () => {
  for (const yes of ['好的', '确认', '对，报上吧']) {
    it(`books on "${yes}" from the person at the booking summary`, async () => {
      await groupApp();
      expect(await app.ask('小银 报名八段锦', { ...group, userId: 'g1u1' })).toContain('您要报名');
      const r = await app.say(yes, { ...group, userId: 'g1u1' });
      expect(r.intent).toBe('activity_book');
      expect(r.replies[0]!.text).toContain('报名成功');
      expect(await active('g1u1')).toHaveLength(1);
    });
  }

  it('drops the booking on "不要了"', async () => {
    await groupApp();
    await app.ask('小银 报名八段锦', { ...group, userId: 'g1u1' });
    expect(await app.ask('不要了', { ...group, userId: 'g1u1' })).toContain('先不报名');
    expect(await active('g1u1')).toHaveLength(0);
  });

  it('never takes another member\'s words, nor the person\'s own chatter, as the answer', async () => {
    await groupApp();
    await app.ask('小银 报名八段锦', { ...group, userId: 'g1u1' });
    expect(await app.say('好的', { ...group, userId: 'g1u2' })).toMatchObject({ replies: [], dropped: 'not_addressed' });
    expect(await app.say('老李你明天去不去', { ...group, userId: 'g1u1' })).toMatchObject({ replies: [], dropped: 'not_addressed' });
    expect(await active('g1u1')).toHaveLength(0);
    // A member in no flow who says "好的" to the group is not answered either.
    expect(await app.say('好的', { ...group, userId: 'g1u3' })).toMatchObject({ replies: [], dropped: 'not_addressed' });
  });

  it('cancels on "取消" at the cancellation summary', async () => {
    await groupApp();
    await app.ask('小银 报名象棋比赛', { ...group, userId: 'g2u1' });
    expect(await app.ask('1', { ...group, userId: 'g2u1' })).toContain('报名成功');
    expect(await app.ask('小银 象棋比赛我不去了', { ...group, userId: 'g2u1' })).toContain('您要取消报名');
    const r = await app.say('取消', { ...group, userId: 'g2u1' });
    expect(r.replies[0]!.text).toContain('已为您取消');
    expect(await active('g2u1')).toHaveLength(0);
  });

  it('submits a hospital report on "确认提交" and alerts staff', async () => {
    await groupApp();
    await app.ask('小银 我老伴住院了', { ...group, userId: 'g1u7' });
    expect(await app.ask('在市第一人民医院 可以', { ...group, userId: 'g1u7' })).toContain('回复 1 确认提交');
    const r = await app.say('确认提交', { ...group, userId: 'g1u7' });
    expect(r.replies[0]!.text).toContain('已提交');
    expect(await app.services.store.tickets.list({ userId: 'http:g1u7' })).toHaveLength(1);
  });

  it('after the talk has gone quiet for minutes, words are chatter again and only a bare digit answers', async () => {
    await groupApp();
    await app.ask('小银 报名八段锦', { ...group, userId: 'g1u1' });
    app.clock.advance(6 * 60_000);
    expect(await app.say('好的', { ...group, userId: 'g1u1' })).toMatchObject({ replies: [], dropped: 'not_addressed' });
    expect(await app.ask('1', { ...group, userId: 'g1u1' })).toContain('报名成功');
  });
});

describe('group: words at a parked report\'s reminder (QA G-H1)', () => {
  it('"不提交了" from the reporter drops it; nobody else\'s words count', async () => {
    await groupApp();
    const reporter = { ...group, userId: 'g1u7' };
    await app.ask('小银 我老伴住院了 在市人民医院 可以打电话', reporter);
    expect(await app.ask('小银 报名八段锦', reporter)).toContain('先给您留着');
    expect(await app.say('不提交了', { ...group, userId: 'g1u8' })).toMatchObject({ replies: [], dropped: 'not_addressed' });
    expect(await app.ask('1', reporter)).toContain('报名成功');
    expect(await app.ask('不提交了', reporter)).toContain('不提交了');
    expect(await app.services.store.tickets.list({ userId: 'http:g1u7' })).toHaveLength(0);
  });
});
