/**
 * QA round 6 (feedback and groups): F-N1 a rating said in words, and the digit after a misunderstanding;
 * G-N1 an answer to a staff reply in a group without the wake word; F-N2 a question answering a staff
 * reply; F-N3 "我不是投诉 我就问问规定"; F-N4 the typo 建意; F-N5 "还行吧" is no addition; F-N6 a withdrawal.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type SayOptions, type TestApp } from '../helpers/harness.js';
import { fixedPolicy } from '../helpers/fixed-policy.js';
import { readRatingWithWords } from '../../src/skills/feedback/rating.js';
import { asksStaffBack } from '../../src/skills/feedback/filed.js';
import { isWithdrawal } from '../../src/skills/feedback/withdraw.js';

const ticketNo = /FK\d{8}-\d{4}/;

let app: TestApp;
afterEach(async () => app?.close());

async function start(): Promise<TestApp> {
  return createTestApp({ config: { STAFF_IDS: 'http:staff1' }, policy: fixedPolicy({ text: '退休干部住院的，原单位应当在得知情况后7日内派人看望。' }) });
}
const say = (text: string, opts: SayOptions = {}) => app.ask(text, opts);

/** Files a ticket for `userId` and closes it (the rating question is then pending). */
async function filedAndClosed(userId: string): Promise<string> {
  await say('我要投诉 楼道的灯坏了半个月了', { userId });
  const no = (await say('1', { userId })).match(ticketNo)![0];
  app.clock.advance(60 * 60_000);
  await say(`关闭 ${no}`, { userId: 'staff1' });
  return no;
}

describe('F-N1: a rating said in words', () => {
  it('reads satisfaction words as a score; words that are not a rating are none', () => {
    expect(readRatingWithWords('非常满意 谢谢你们')).toMatchObject({ value: 5, remark: '' });
    expect(readRatingWithWords('很满意')).toMatchObject({ value: 5, remark: '' });
    expect(readRatingWithWords('满意')).toMatchObject({ value: 4, remark: '' });
    expect(readRatingWithWords('还行')).toMatchObject({ value: 3, remark: '' });
    expect(readRatingWithWords('一般般吧')).toMatchObject({ value: 3, remark: '' });
    expect(readRatingWithWords('不太满意 灯泡还是我儿子换的')).toMatchObject({ value: 2, remark: '灯泡还是我儿子换的' });
    expect(readRatingWithWords('不满意')).toMatchObject({ value: 2 });
    expect(readRatingWithWords('很不满意')).toMatchObject({ value: 1, remark: '' });
    // a score said with its number wins over the words
    expect(readRatingWithWords('还行吧 给三颗星')).toMatchObject({ value: 3, remark: '' });
    for (const text of ['一般几点开门', '我对食堂很不满意 饭菜太硬', '还行不行啊这个灯', '满意度调查是啥', '好的', '差不多吧']) expect(readRatingWithWords(text), text).toBeNull();
    // praise or blame without 满意 counts only where a bare digit would (bare: true)
    expect(readRatingWithWords('挺好的 谢谢你们')).toMatchObject({ value: 4, bare: true, remark: '' });
    expect(readRatingWithWords('不咋地')).toMatchObject({ value: 2, bare: true });
    expect(readRatingWithWords('非常满意')).toMatchObject({ bare: false });
  });

  it('"非常满意 谢谢你们" after the rating question records 5; "不太满意 灯泡还是我儿子换的" records 2, reopens and adds the words', async () => {
    app = await start();
    const no = await filedAndClosed('fc');
    const r = await app.say('非常满意 谢谢你们', { userId: 'fc' });
    expect(r.data).toMatchObject({ ticketNo: no, rating: 5 });
    expect(r.replies.map((x) => x.text).join('\n')).not.toContain('没太明白');
    expect((await app.services.store.tickets.get(no))!.rating).toBe(5);
    expect((await app.services.store.tickets.get(no))!.details?.additions).toBeUndefined();

    const no2 = await filedAndClosed('f3');
    const low = await app.say('不太满意 灯泡还是我儿子换的', { userId: 'f3' });
    expect(low.data).toMatchObject({ ticketNo: no2, rating: 2 });
    const t = (await app.services.store.tickets.get(no2))!;
    expect(t).toMatchObject({ rating: 2, status: 'accepted' });
    expect(t.details?.additions).toEqual(['灯泡还是我儿子换的']);
  });

  it('F-N5: "还行吧 给三颗星" records 3 and writes nothing into the ticket', async () => {
    app = await start();
    const no = await filedAndClosed('fa');
    const r = await app.say('还行吧 给三颗星', { userId: 'fa' });
    expect(r.data).toMatchObject({ rating: 3 });
    expect(r.replies.map((x) => x.text).join('\n')).not.toContain('记到');
    expect((await app.services.store.tickets.get(no))!.details?.additions).toBeUndefined();
  });

  it('"办得挺快" (a clarifying question) after the rating question: the rating is asked again, and "5" is the rating', async () => {
    app = await start();
    const no = await filedAndClosed('fg');
    const again = await app.say('办得挺快', { userId: 'fg' });
    expect(again.replies.map((x) => x.text).join('\n')).toContain(no);
    expect(again.replies.map((x) => x.text).join('\n')).not.toContain('您是想');
    const r = await app.say('5', { userId: 'fg' });
    expect(r.data).toMatchObject({ ticketNo: no, rating: 5 });
    // asked again once only: after a second miss a digit is the menu's
    const no2 = await filedAndClosed('fh');
    await say('办得挺快', { userId: 'fh' });
    await say('那个事情弄得不错', { userId: 'fh' });
    expect((await app.say('5', { userId: 'fh' })).data?.rating).toBeUndefined();
    expect((await app.services.store.tickets.get(no2))!.rating).toBeUndefined();
  });

  it('a bare digit right after a message not understood is still the rating (not the menu of the misunderstanding)', async () => {
    app = await start();
    const no = await filedAndClosed('fe');
    const first = await say('嗯嗯那个啥', { userId: 'fe' });
    // the reply to what was not understood says how to give the rating
    expect(first).toContain(no);
    const r = await app.say('5', { userId: 'fe' });
    expect(r.data).toMatchObject({ ticketNo: no, rating: 5 });
    expect((await app.services.store.tickets.get(no))!.rating).toBe(5);
  });
});

describe('G-N1: in a group, the answer to a staff reply without the wake word', () => {
  const g = { chatId: 'g1', chatType: 'group' as const };
  it('"内科六床 谢谢领导" from the person answered is offered as an addition; "1" adds it and tells staff; others stay dropped', async () => {
    app = await start();
    await say('小银 我家老钱昨天住院了 在市中医院 可以打电话', { userId: 'g1u4', ...g });
    const no = (await say('好的 提交吧', { userId: 'g1u4', ...g })).match(ticketNo)![0];
    app.clock.advance(20 * 60_000);
    expect(await say(`回复 ${no} 钱姨您好，老钱住几号床？我们下午过去。`, { userId: 'staff1' })).toContain('已回复');
    await app.flush();
    // someone else's chatter in the group is not for the assistant
    expect((await app.say('钱姨 老钱好点没', { userId: 'g1u5', ...g })).dropped).toBe('not_addressed');
    const offer = await app.say('内科六床 谢谢领导', { userId: 'g1u4', ...g });
    expect(offer.dropped).toBeUndefined();
    const text = offer.replies.map((r) => r.text).join('\n');
    expect(text).toContain(no);
    expect(text).toContain('内科六床');
    app.sent.length = 0;
    expect(await say('1', { userId: 'g1u4', ...g })).toContain(no);
    expect((await app.services.store.tickets.get(no))!.details?.additions).toEqual(['内科六床 谢谢领导']);
    await app.flush();
    expect(app.sent.some((s) => s.to.chatId === 'staff1' && s.reply.text.includes('内科六床'))).toBe(true);
  });

  it('hours later the answer is still heard; her chatter that adds nothing is dropped silently', async () => {
    app = await start();
    await say('小银 我家老钱昨天住院了 在市中医院 可以打电话', { userId: 'g1u4', ...g });
    const no = (await say('好的 提交吧', { userId: 'g1u4', ...g })).match(ticketNo)![0];
    app.clock.advance(60 * 60_000);
    await say(`回复 ${no} 钱姨您好，老钱住几号床？`, { userId: 'staff1' });
    app.clock.advance(3 * 60 * 60_000);
    expect((await app.say('好的好的', { userId: 'g1u4', ...g })).dropped).toBe('not_addressed');
    expect((await app.say('你们谁去菜市场', { userId: 'g1u4', ...g })).dropped).toBe('not_addressed');
    const offer = await say('内科六床', { userId: 'g1u4', ...g });
    expect(offer).toContain(no);
    // no reply to a ticket of hers: her words in the group are dropped as before
    expect((await app.say('内科六床', { userId: 'g1u6', ...g })).dropped).toBe('not_addressed');
  });
});

describe('F-N3: "我不是投诉 我就问问规定"', () => {
  it('after a policy answer: the rule again, no complaint summary, no ticket', async () => {
    app = await start();
    await say('我老头子去年住园了单位一直没来人看过这个有规定吗多少天要来', { userId: 'p2' });
    const r = await app.say('我不是投诉 我就问问规定', { userId: 'p2' });
    const text = r.replies.map((x) => x.text).join('\n');
    expect(text).not.toContain('类别：投诉');
    expect(text).not.toContain('请您核对');
    expect(text).toContain('7日内派人看望');
    expect(await app.services.store.tickets.list({})).toHaveLength(0);
  });

  it('with no question before: no complaint, asked for the question; the next words are a policy question', async () => {
    app = await start();
    const r = await say('我不是要投诉 就想问问规定', { userId: 'p3' });
    expect(r).not.toContain('类别');
    expect(r).toContain('规定');
    const next = await app.say('住院了单位几天来看', { userId: 'p3' });
    expect(next.intent).toBe('policy_query');
  });

  it('at a complaint summary: the draft is dropped and the question answered', async () => {
    app = await start();
    expect(await say('我要投诉 我老伴住院七天了单位也没人来看', { userId: 'p4' })).toContain('类别：投诉');
    const r = await app.say('我不是投诉 我就问问规定', { userId: 'p4' });
    const text = r.replies.map((x) => x.text).join('\n');
    expect(text).not.toContain('请您核对');
    expect(text).toContain('7日内派人看望');
    expect(await say('1', { userId: 'p4' })).not.toMatch(ticketNo);
    expect(await app.services.store.tickets.list({})).toHaveLength(0);
  });
});

describe('F-N2: a question in answer to a staff reply', () => {
  it('"那明天几点来修啊 我上午要去医院" is offered as an addition to the replied ticket; "1" adds it, no new ticket', async () => {
    app = await start();
    await say('我要投诉 楼道的灯坏了半个月了', { userId: 'fb' });
    const no = (await say('1', { userId: 'fb' })).match(ticketNo)![0];
    app.clock.advance(60 * 60_000);
    await say(`回复 ${no} 鲁老您好，楼道灯明天上午修。`, { userId: 'staff1' });
    const offer = await say('那明天几点来修啊 我上午要去医院', { userId: 'fb' });
    expect(offer).toContain(no);
    expect(offer).toContain('让工作人员看到吗');
    expect(await say('1', { userId: 'fb' })).toContain('已经补到');
    expect((await app.services.store.tickets.get(no))!.details?.additions).toEqual(['那明天几点来修啊 我上午要去医院']);
    expect(await app.services.store.tickets.list({})).toHaveLength(1);
  });

  it('reads only a question about when they come or do it', () => {
    for (const text of ['那明天几点来修啊 我上午要去医院', '你们啥时候过来', '那下午几点']) expect(asksStaffBack(text), text).toBe(true);
    for (const text of ['住院了单位多久来看', '体检什么时候办', '活动中心几点开门', '慰问金什么时候发']) expect(asksStaffBack(text), text).toBe(false);
  });

  it('a policy question after a staff reply is still a policy question', async () => {
    app = await start();
    await say('我要投诉 楼道的灯坏了半个月了', { userId: 'fb2' });
    const no = (await say('1', { userId: 'fb2' })).match(ticketNo)![0];
    app.clock.advance(60 * 60_000);
    await say(`回复 ${no} 鲁老您好，楼道灯明天上午修。`, { userId: 'staff1' });
    const r = await app.say('住院了单位几天来看', { userId: 'fb2' });
    expect(r.intent).toBe('policy_query');
    expect(r.replies.map((x) => x.text).join('\n')).not.toContain(no);
  });
});

describe('F-N4: the typo 建意', () => {
  it('"我有个建意 食堂能不能多做点软和的饭…" is a 建议; "我有个建意" alone asks for the matter', async () => {
    app = await start();
    expect(await say('我有个建意 食堂能不能多做点软和的饭 牙口不好嚼不动', { userId: 'fa' })).toContain('类别：建议');
    expect(await say('我有个建意', { userId: 'fa2' })).toContain('请您直接说说');
  });
});

describe('F-N6: a withdrawal', () => {
  it('reads a withdrawal of something reported, not a suggestion to remove something', () => {
    expect(isWithdrawal('我那个投诉不要了 撤回吧')).toBe(true);
    expect(isWithdrawal('停车那个投诉我不要了 撤回吧 物业已经管了')).toBe(true);
    expect(isWithdrawal('建议活动室别撤掉乒乓球台')).toBe(false);
    expect(isWithdrawal('那个活动不要了')).toBe(false);
  });

  it('with no ticket: nothing to withdraw, no complaint summary', async () => {
    app = await start();
    const r = await say('我那个投诉不要了 撤回吧', { userId: 'fd' });
    expect(r).not.toContain('请您核对');
    expect(r).toContain('不用撤回');
    expect(await app.services.store.tickets.list({})).toHaveLength(0);
  });

  it('with an open ticket: the offer names it as a withdrawal; "1" tells staff, the ticket carries it', async () => {
    app = await start();
    await say('我要投诉 小区停车乱停 车都开不出去', { userId: 'fb' });
    const no = (await say('1', { userId: 'fb' })).match(ticketNo)![0];
    const offer = await say('停车那个投诉我不要了 撤回吧 物业已经管了', { userId: 'fb' });
    expect(offer).toContain('撤回');
    expect(offer).toContain(no);
    app.sent.length = 0;
    expect(await say('1', { userId: 'fb' })).toContain('告诉工作人员');
    expect((await app.services.store.tickets.get(no))!.details?.additions).toEqual(['【老同志要撤回】停车那个投诉我不要了 撤回吧 物业已经管了']);
    await app.flush();
    expect(app.sent.some((s) => s.to.chatId === 'staff1' && s.reply.text.includes('撤回'))).toBe(true);
    expect(await app.services.store.tickets.list({})).toHaveLength(1);
  });

  it('an hour later, "我那个投诉不要了 撤回吧" names the open ticket; "2" keeps it', async () => {
    app = await start();
    await say('我要投诉 小区停车乱停 车都开不出去', { userId: 'fb3' });
    const no = (await say('1', { userId: 'fb3' })).match(ticketNo)![0];
    app.clock.advance(60 * 60_000);
    expect(await say('我那个投诉不要了 撤回吧', { userId: 'fb3' })).toContain(no);
    expect(await say('2', { userId: 'fb3' })).toContain('照常办理');
    expect((await app.services.store.tickets.get(no))!.details?.additions).toBeUndefined();
  });
});
