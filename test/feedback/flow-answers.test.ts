/** The feedback flow understands ordinary yes/no, never drops a report silently, and lets other requests through (review f1). */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { confirmAnswer } from '../../src/skills/feedback/index.js';
import { parseHospitalAnswer } from '../../src/skills/feedback/classify.js';

let app: TestApp;
afterEach(async () => app?.close());

async function withChess(): Promise<TestApp> {
  const a = await createTestApp({ config: { STAFF_IDS: 'wechat:staff1' } });
  await a.services.store.activities.create(
    { title: '象棋比赛', category: '棋牌', startAt: '2026-12-09T06:00:00Z', place: '活动中心', capacity: 10, maxSeatsPerBooking: 2 },
    a.clock.now(),
  );
  return a;
}

describe('confirming a feedback in ordinary words', () => {
  it('reads yes and no the way retirees say them', () => {
    for (const t of ['1', '嗯', '嗯嗯', '好的，提交吧', '提交吧', '确认', '是的', '可以的', '行', '对', '那就提交吧', '好的谢谢', '没问题']) {
      expect(confirmAnswer(t), t).toBe('yes');
    }
    for (const t of ['2', '不', '不提交了', '不提交了，谢谢', '算了吧', '不用了', '好的，不用了', '取消']) {
      expect(confirmAnswer(t), t).toBe('no');
    }
    for (const t of ['活动有哪些', '我想想', '楼道灯还是不亮', '👍']) expect(confirmAnswer(t), t).toBeNull();
  });

  it('"好的，提交吧" submits a hospital report; "嗯" submits a feedback', async () => {
    app = await withChess();
    await app.say('我住院了', { userId: 'h1' });
    await app.say('在市人民医院，可以打电话', { userId: 'h1' });
    const done = await app.say('好的，提交吧', { userId: 'h1' });
    expect(done.data).toMatchObject({ category: 'hospitalization' });
    expect(done.replies[0]!.text).toMatch(/FK\d{8}-\d{4}/);

    await app.say('我要反映个问题，楼道灯坏了好几天了', { userId: 'h2' });
    const yes = await app.say('嗯', { userId: 'h2' });
    expect(yes.data).toMatchObject({ category: 'help_request' });
    const tickets = await app.services.store.tickets.list({});
    expect(tickets.map((t) => t.userId).sort()).toEqual(['http:h1', 'http:h2']);
  });

  it('"不提交了" cancels; after two unclear answers it says plainly nothing was submitted', async () => {
    app = await withChess();
    await app.say('我要反映个问题，楼道灯坏了好几天了', { userId: 'c1' });
    const no = await app.say('不提交了', { userId: 'c1' });
    expect(no.replies[0]!.text).toContain('没有提交');

    await app.say('我住院了，在市人民医院，可以打电话', { userId: 'c2' });
    const again = await app.say('我想想', { userId: 'c2' });
    expect(again.replies[0]!.text).toContain('回复 1 确认提交');
    const gaveUp = await app.say('这个我再想想', { userId: 'c2' });
    expect(gaveUp.intent).toBe('feedback');
    expect(gaveUp.replies[0]!.text).toContain('还没有提交');
    expect(gaveUp.replies[0]!.text).toContain('回复 3');
    expect(await app.services.store.tickets.list({})).toHaveLength(0);
    // the flow is over: "1" is now the main menu, not a submission
    await app.say('1', { userId: 'c2' });
    expect(await app.services.store.tickets.list({})).toHaveLength(0);
  });

  it('the hospital reply follows the may-call answer', async () => {
    app = await withChess();
    await app.say('我住院了', { userId: 'n1' });
    await app.say('市人民医院，不用打电话', { userId: 'n1' });
    const done = await app.say('1', { userId: 'n1' });
    expect(done.replies[0]!.text).toMatch(/FK\d{8}-\d{4}/);
    expect(done.replies[0]!.text).not.toContain('联系您');
    expect(done.replies[0]!.text).toContain('不会打电话');
    await app.say('我住院了', { userId: 'n2' });
    await app.say('市人民医院，可以', { userId: 'n2' });
    expect((await app.say('1', { userId: 'n2' })).replies[0]!.text).toContain('联系您');
  });
});

describe('the feedback flow lets other requests through', () => {
  it('hospital step: "活动有哪些" lists activities instead of becoming the hospital name', async () => {
    app = await withChess();
    await app.say('我老伴住院了', { userId: 'p1' });
    const r = await app.say('活动有哪些', { userId: 'p1' });
    expect(r.intent).toBe('activity_list');
    expect(r.replies[0]!.text).toContain('象棋比赛');
    expect(r.replies[0]!.text).not.toContain('医院：');
    // a real answer is still taken as the hospital
    await app.say('我老伴住院了', { userId: 'p2' });
    const h = await app.say('市中医院', { userId: 'p2' });
    expect(h.replies[0]!.text).toContain('医院：市中医院');
  });

  it('content step: a sign-up after menu 3 books; after "我要投诉" a thumbs-up is not the complaint', async () => {
    app = await withChess();
    await app.say('3', { userId: 'p3' });
    const book = await app.say('我想报名象棋比赛', { userId: 'p3' });
    expect(book.intent).toBe('activity_book');
    expect(book.replies[0]!.text).toContain('象棋比赛');
    expect(book.replies[0]!.text).not.toContain('类别');

    await app.say('我要投诉', { userId: 'p4' });
    const thumbs = await app.say('👍👍', { userId: 'p4' });
    expect(thumbs.intent).not.toBe('feedback');
    expect(thumbs.replies.map((x) => x.text).join('\n')).not.toContain('请您核对');

    // a real matter after menu 3 or "我要投诉" is still a feedback
    await app.say('3', { userId: 'p5' });
    const real = await app.say('活动中心的象棋比赛组织得太乱了', { userId: 'p5' });
    expect(real.replies[0]!.text).toContain('请您核对');
    await app.say('我要投诉', { userId: 'p6' });
    const complaint = await app.say('报名电话一直打不通', { userId: 'p6' });
    expect(complaint.replies[0]!.text).toContain('类别：投诉');
    expect(await app.services.store.tickets.list({})).toHaveLength(0);
  });
});

describe('hospital reports: only explicit answers about calling count', () => {
  it('words like 不了/不要 elsewhere in the first message are not a call answer', () => {
    expect(parseHospitalAnswer('老伴昨天住院了，在市人民医院，明天的讲座去不了了')).toEqual({ hospital: '市人民医院' });
    expect(parseHospitalAnswer('我摔倒住院了，在市一院，医生说不要紧').mayCall).toBeUndefined();
    expect(parseHospitalAnswer('住院了，在市人民医院，行动不方便').mayCall).toBeUndefined();
    expect(parseHospitalAnswer('我住院了，不用打电话').mayCall).toBe(false);
    expect(parseHospitalAnswer('在市一院，不方便接电话').mayCall).toBe(false);
    expect(parseHospitalAnswer('住院了，可以打电话给我').mayCall).toBe(true);
    expect(parseHospitalAnswer('不能打电话，在病房').mayCall).toBe(false);
    // a bare 可以/不用 only in the answer to the call question
    expect(parseHospitalAnswer('住院了，可以').mayCall).toBeUndefined();
    expect(parseHospitalAnswer('市人民医院，不用了', { followUp: true })).toEqual({ hospital: '市人民医院', mayCall: false });
    expect(parseHospitalAnswer('市人民医院可以', { followUp: true })).toEqual({ hospital: '市人民医院', mayCall: true });
  });

  it('the first message with "去不了了" still asks the call question; "医生说不要紧" is not "不用来电"', async () => {
    app = await withChess();
    const r = await app.say('老伴昨天住院了，在市人民医院，明天的讲座去不了了', { userId: 'q1' });
    expect(r.replies[0]!.text).toContain('打电话');
    expect(r.replies[0]!.text).not.toContain('可以来电：不用');
    const r2 = await app.say('我摔倒住院了，在市一院，医生说不要紧', { userId: 'q2' });
    expect(r2.replies[0]!.text).toContain('打电话');
    const s = await app.say('可以', { userId: 'q2' });
    expect(s.replies[0]!.text).toContain('可以来电：可以');
  });
});

describe('the hospital question takes only a hospital-like answer', () => {
  it('reads loose hospital names, not questions', () => {
    expect(parseHospitalAnswer('协和', { followUp: true, wholeTextIsHospital: true })).toEqual({ hospital: '协和' });
    expect(parseHospitalAnswer('市一院，可以', { followUp: true, wholeTextIsHospital: true })).toEqual({ hospital: '市一院', mayCall: true });
    expect(parseHospitalAnswer('离休干部住院了单位会来看望吗', { followUp: true, wholeTextIsHospital: true })).toEqual({});
    expect(parseHospitalAnswer('谢谢', { followUp: true, wholeTextIsHospital: true })).toEqual({});
  });

  it('a question after "请问住在哪家医院？" is answered, not stored as the hospital', async () => {
    app = await withChess();
    await app.say('我老伴住院了', { userId: 'w1' });
    const r = await app.say('离休干部住院了单位会来看望吗', { userId: 'w1' });
    expect(r.intent).not.toBe('feedback');
    expect(r.replies.map((x) => x.text).join('')).not.toContain('医院：离休');
    expect(await app.services.store.tickets.list({})).toHaveLength(0);
  });

  it('a hospital or call answer at the summary updates it and asks again', async () => {
    app = await withChess();
    await app.say('我老伴住院了', { userId: 'w2' });
    const s1 = await app.say('不用', { userId: 'w2' });
    expect(s1.replies[0]!.text).toContain('医院：未说明');
    const s2 = await app.say('市人民医院，可以', { userId: 'w2' });
    expect(s2.replies[0]!.text).toContain('医院：市人民医院');
    expect(s2.replies[0]!.text).toContain('可以来电：可以');
    const s3 = await app.say('不用打电话', { userId: 'w2' });
    expect(s3.replies[0]!.text).toContain('可以来电：不用');
    const done = await app.say('1', { userId: 'w2' });
    expect(done.replies[0]!.text).toMatch(/FK\d{8}-\d{4}/);
    expect((await app.services.store.tickets.list({}))[0]!.details).toEqual({ hospital: '市人民医院', mayCall: false });
  });
});

describe('the feedback summary steps aside for another request', () => {
  it('"报名书法班" at the summary is answered, says the feedback was not submitted, writes no ticket', async () => {
    app = await withChess();
    await app.say('我要反映一下，楼道灯坏了', { userId: 'z1' });
    const r = await app.say('报名象棋比赛', { userId: 'z1' });
    expect(r.intent).toBe('activity_book');
    expect(r.replies[0]!.text).toContain('没有提交');
    expect(r.replies.map((x) => x.text).join('\n')).toContain('象棋比赛');
    const booked = await app.say('1', { userId: 'z1' });
    expect(booked.replies[0]!.text).toContain('报名成功');
    expect(await app.services.store.tickets.list({})).toHaveLength(0);
  });

  it("a staff command typed while the staff member's own summary waits is run", async () => {
    app = await withChess();
    await app.say('我要投诉，食堂的菜太贵了', { userId: 'r9', channel: 'wechat' });
    const done = await app.say('1', { userId: 'r9', channel: 'wechat' });
    const no = String(done.data?.ticketNo);
    await app.say('我有个建议，活动室装个饮水机', { userId: 'staff1', channel: 'wechat' });
    const r = await app.say(`回复 ${no} 收到，我们下周开会研究。`, { userId: 'staff1', channel: 'wechat' });
    expect(r.replies.map((x) => x.text).join('\n')).toContain(`已回复 ${no}`);
    await app.flush();
    expect(app.sent.some((x) => x.to.userId === 'r9' && x.reply.text.includes('下周开会研究'))).toBe(true);
    expect(await app.services.store.tickets.list({})).toHaveLength(1);
  });
});

describe('the content step needs a matter', () => {
  it('"不好" is not a feedback; a short text with a feedback word is', async () => {
    app = await withChess();
    await app.say('我要反映问题', { userId: 'c5' });
    const r = await app.say('不好', { userId: 'c5' });
    expect(r.replies.map((x) => x.text).join('\n')).not.toContain('类别');
    await app.say('1', { userId: 'c5' });
    expect(await app.services.store.tickets.list({})).toHaveLength(0);

    await app.say('我要反映问题', { userId: 'c6' });
    const s = await app.say('停电了', { userId: 'c6' });
    expect(s.replies[0]!.text).toContain('内容：停电了');
    await app.say('我要反映问题', { userId: 'c7' });
    const t = await app.say('食堂饭菜太咸', { userId: 'c7' });
    expect(t.replies[0]!.text).toContain('内容：食堂饭菜太咸');
  });
});
