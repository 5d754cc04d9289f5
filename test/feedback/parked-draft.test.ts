/** A feedback draft set aside by another request is parked, reminded of, and submitted by a later "1" (not lost). */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type SayOptions, type TestApp } from '../helpers/harness.js';
import { fixedPolicy } from '../helpers/fixed-policy.js';

const ticketNo = /FK\d{8}-\d{4}/;
const REMINDER = '您刚才的住院报告还没有提交。回复 1 提交，回复 2 不提交了';
const QUESTION = '请问离休干部住院费用怎么报销';

/** A fixed knowledge base: one answer, and "no answer" (with its own "1. 转给工作人员") for 出国. */
const policy = fixedPolicy({ noAnswer: /出国/ });

let app: TestApp;
afterEach(async () => app?.close());

async function start(): Promise<TestApp> {
  const a = await createTestApp({ config: { STAFF_IDS: 'wechat:wxid_staff,telegram:777' }, policy });
  await a.services.store.activities.create(
    { title: '象棋比赛', category: '棋牌', startAt: '2026-12-09T06:00:00Z', place: '活动中心', capacity: 10, maxSeatsPerBooking: 2 },
    a.clock.now(),
  );
  return a;
}

const text = async (r: Promise<{ replies: { text: string }[] }>) => (await r).replies.map((x) => x.text).join('\n');
const tickets = () => app.services.store.tickets.list({});

/** "我老伴住院了" -> "市第一医院" -> the summary waiting for "1". */
async function hospitalSummary(opts: SayOptions = {}): Promise<void> {
  expect(await text(app.say('我老伴住院了', { userName: '王老', ...opts }))).toContain('哪家医院');
  expect(await text(app.say('市第一医院', opts))).toContain('回复 1 确认提交');
}

async function staffAlerts(no: string): Promise<string[]> {
  await app.flush();
  return app.sent.filter((s) => s.reply.text.includes(no)).map((s) => `${s.to.channel}:${s.to.chatId}`).sort();
}

describe('a hospital report interrupted by a question', () => {
  it('at the summary: the question is answered with one reminder line; "1" then submits and alerts staff', async () => {
    app = await start();
    await hospitalSummary();
    const r = await app.say(QUESTION);
    const out = r.replies.map((x) => x.text).join('\n');
    expect(r.intent).toBe('policy_query');
    expect(out).toContain('全额报销');
    expect(out).toContain(REMINDER);
    expect(out).not.toContain('请再说一遍');
    expect(r.replies.at(-1)!.options?.map((o) => o.key)).toEqual(['1', '2']);
    expect(await tickets()).toHaveLength(0); // nothing written before "1"

    const done = await app.say('1');
    expect(done.intent).toBe('feedback');
    const no = done.replies[0]!.text.match(ticketNo)![0];
    expect(done.replies[0]!.text).toContain('已马上通知工作人员');
    const t = await app.services.store.tickets.get(no);
    expect(t).toMatchObject({ category: 'hospitalization', userName: '王老', text: '我老伴住院了', details: { hospital: '市第一医院' } });
    expect(await staffAlerts(no)).toEqual(['telegram:777', 'wechat:wxid_staff']);

    // submitted once: the next "1" is the main menu's policy choice
    expect(await text(app.say('1'))).toContain('请直接说出您想了解的政策');
    expect(await tickets()).toHaveLength(1);
  });

  it('at the hospital question: the question is answered and "确认" submits the report without a hospital', async () => {
    app = await start();
    await app.say('我老伴住院了');
    const out = await text(app.say('离休干部住院了单位会来看望吗'));
    expect(out).toContain('依据：');
    expect(out).toContain(REMINDER);
    const done = await app.say('确认');
    expect(done.replies[0]!.text).toMatch(ticketNo);
    const [t] = await tickets();
    expect(t).toMatchObject({ category: 'hospitalization', text: '我老伴住院了', details: {} });
    expect(await staffAlerts(t!.no)).toHaveLength(2);
  });

  it('"2" drops it kindly and writes nothing', async () => {
    app = await start();
    await hospitalSummary();
    expect(await text(app.say(QUESTION))).toContain(REMINDER);
    const r = await app.say('2');
    expect(r.intent).toBe('feedback');
    expect(r.replies[0]!.text).toContain('住院报告不提交了');
    expect(await text(app.say('1'))).toContain('请直接说出您想了解的政策');
    expect(await tickets()).toHaveLength(0);
    await app.flush();
    expect(app.sent).toHaveLength(0); // no staff alert
  });

  it('after a day it is gone: no ticket, no stale reminder', async () => {
    app = await start();
    await hospitalSummary();
    expect(await text(app.say(QUESTION))).toContain(REMINDER);
    app.clock.advance(25 * 3_600_000);
    const one = await text(app.say('1'));
    expect(one).toContain('请直接说出您想了解的政策');
    expect(one).not.toContain('还没有提交');
    const next = await text(app.say(QUESTION));
    expect(next).toContain('全额报销');
    expect(next).not.toContain('还没有提交');
    expect(await tickets()).toHaveLength(0);
  });

  it('is reminded at most once more; other messages leave it parked and a later reminder still works', async () => {
    app = await start();
    await hospitalSummary();
    expect(await text(app.say(QUESTION))).toContain(REMINDER);
    // "好" rates the policy answer; the reminder comes once more
    const rated = await text(app.say('好'));
    expect(rated).toContain('谢谢您的评价');
    expect(rated).toContain(REMINDER);
    const third = await text(app.say(QUESTION));
    expect(third).toContain('全额报销');
    expect(third).not.toContain('还没有提交'); // no nagging
    expect(await text(app.say('1'))).toContain('请直接说出您想了解的政策'); // the offer was withdrawn
    expect(await tickets()).toHaveLength(0);
  });
});

describe('another flow with its own numbered choice keeps its digits', () => {
  it('an activity booking: its "1" books, the draft stays parked, then the reminder\'s "1" submits', async () => {
    app = await start();
    await hospitalSummary();
    const summary = await app.say('报名象棋比赛');
    const out = summary.replies.map((x) => x.text).join('\n');
    expect(summary.intent).toBe('activity_book');
    expect(out).toContain('回复 1 确认，回复 2 取消');
    expect(out).toContain('您刚才的住院报告先给您留着，还没有提交');
    expect(out).not.toContain('回复 1 提交');

    const booked = await text(app.say('1'));
    expect(booked).toContain('报名成功');
    expect(booked).toContain(REMINDER); // that flow is over: now the reminder
    expect((await app.services.store.activities.listByUser('http:u1')).map((b) => b.status)).toEqual(['confirmed']);
    expect(await tickets()).toHaveLength(0);

    const done = await app.say('1');
    const no = done.replies[0]!.text.match(ticketNo)![0];
    expect((await app.services.store.tickets.get(no))?.category).toBe('hospitalization');
    expect(await tickets()).toHaveLength(1);
    expect((await app.services.store.activities.listByUser('http:u1'))).toHaveLength(1);
  });

  it('a policy question without an answer: its "1" passes the question to staff, the report is submitted after', async () => {
    app = await start();
    await hospitalSummary();
    const none = await text(app.say('请问离休干部出国旅游怎么报销'));
    expect(none).toContain('转给工作人员');
    expect(none).toContain('先给您留着');
    expect(none).not.toContain('回复 1 提交');
    const handed = await text(app.say('1'));
    expect(handed).toContain('已经转给工作人员');
    expect(handed).toContain(REMINDER);
    expect((await tickets()).map((t) => t.category)).toEqual(['handoff']);
    await app.say('提交');
    expect((await tickets()).map((t) => t.category).sort()).toEqual(['handoff', 'hospitalization']);
  });

  it('"0" still shows the menu, whose "1" is the menu\'s; the reminder comes back under the next answer', async () => {
    app = await start();
    await hospitalSummary();
    expect(await text(app.say(QUESTION))).toContain(REMINDER);
    const menu = await text(app.say('0'));
    expect(menu).toContain('1. 政策咨询');
    expect(menu).not.toContain('还没有提交');
    expect(await text(app.say('1'))).toContain('请直接说出您想了解的政策');
    const answer = await text(app.say(QUESTION));
    expect(answer).toContain('全额报销');
    expect(answer).toContain(REMINDER);
    expect(await text(app.say('1'))).toMatch(ticketNo);
    expect((await tickets()).map((t) => t.category)).toEqual(['hospitalization']);
  });

  it('"9" still goes to staff, and its "1" asks for a call-back, not the report; the report comes after', async () => {
    app = await start();
    await hospitalSummary();
    await app.say(QUESTION);
    const nine = await text(app.say('9'));
    expect(nine).toContain('1.');
    expect(nine).not.toContain('回复 1 提交');
    const handed = await text(app.say('1'));
    expect((await tickets()).map((t) => t.category)).toEqual(['handoff']);
    expect(handed).toContain(REMINDER); // the call-back question is over; the report is still offered
    await app.say('1');
    expect((await tickets()).map((t) => t.category).sort()).toEqual(['handoff', 'hospitalization']);
  });
});

describe('ordinary feedback and new reports', () => {
  it('a complaint set aside by "我的报名" is kept and submitted with "提交吧"', async () => {
    app = await start();
    expect(await text(app.say('我要投诉，小区门口的路灯坏了一个月了没人修'))).toContain('类别：投诉');
    const mine = await text(app.say('我的报名'));
    expect(mine).toContain('您刚才的投诉还没有提交。回复 1 提交');
    const done = await app.say('好的，提交吧');
    expect(done.replies[0]!.text).toMatch(ticketNo);
    expect(await tickets()).toEqual([expect.objectContaining({ category: 'complaint', text: '我要投诉，小区门口的路灯坏了一个月了没人修' })]);
  });

  it('a new report replaces the parked one only once confirmed; cancelling the new one keeps it', async () => {
    app = await start();
    await hospitalSummary();
    expect(await text(app.say(QUESTION))).toContain(REMINDER);
    // a new report cancelled: the parked one is still there
    expect(await text(app.say('我要投诉，食堂饭菜太咸了'))).not.toContain('回复 1 提交，回复 2 不提交了');
    const cancelled = await text(app.say('2'));
    expect(cancelled).toContain('已取消');
    expect(cancelled).toContain(REMINDER);
    // said again and confirmed: one ticket, and the old draft is gone
    expect(await text(app.say('我老伴住院了，在市第一医院，可以打电话'))).toContain('请您核对');
    expect(await text(app.say('1'))).toMatch(ticketNo);
    expect(await text(app.say('1'))).toContain('请直接说出您想了解的政策');
    expect((await tickets()).map((t) => t.category)).toEqual(['hospitalization']);
  });
});

describe('in a group chat', () => {
  const member = (userId: string, mentioned: boolean): SayOptions => ({ channel: 'wechat', chatType: 'group', chatId: 'room1', userId, mentioned });

  it('bare "1"s without @ book the activity and then submit the report; chatter and other members are not taken', async () => {
    app = await start();
    await hospitalSummary({ ...member('r1', true), userName: '王老' });
    const summary = await text(app.say('报名象棋比赛', member('r1', true)));
    expect(summary).toContain('回复 1 确认');
    expect(summary).toContain('先给您留着');

    const booked = await text(app.say('1', member('r1', false)));
    expect(booked).toContain('报名成功');
    expect(booked).toContain(REMINDER);
    expect(await app.services.store.activities.listByUser('wechat:r1')).toHaveLength(1);

    // someone else's "1" and the reporter's own chatter without @ are not for the bot
    expect((await app.say('1', member('r2', false))).dropped).toBe('not_addressed');
    expect((await app.say('今天天气真好', member('r1', false))).dropped).toBe('not_addressed');
    expect(await tickets()).toHaveLength(0);

    const done = await app.say('1', member('r1', false));
    const no = done.replies[0]!.text.match(ticketNo)![0];
    const t = await app.services.store.tickets.get(no);
    expect(t).toMatchObject({ category: 'hospitalization', userId: 'wechat:r1', chat: { chatId: 'room1', chatType: 'group' } });
    expect(await staffAlerts(no)).toEqual(['telegram:777', 'wechat:wxid_staff']);
    // the offer is over: the reporter's next bare "1" is group chatter again
    expect((await app.say('1', member('r1', false))).dropped).toBe('not_addressed');
    expect(await tickets()).toHaveLength(1);
  });

  it('after a policy answer in the group, a bare "2" without @ drops the report', async () => {
    app = await start();
    await hospitalSummary(member('r3', true));
    expect(await text(app.say(QUESTION, member('r3', true)))).toContain(REMINDER);
    // another member's words are not the answer (the reporter's own words are: test/core/group-answer-words.test.ts)
    expect((await app.say('不提交了', member('r4', false))).dropped).toBe('not_addressed');
    const r = await app.say('2', member('r3', false));
    expect(r.replies[0]!.text).toContain('不提交了');
    expect(await tickets()).toHaveLength(0);
  });
});
