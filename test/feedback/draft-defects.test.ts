/**
 * Defects an independent tester found in the feedback conversation (one test each): nothing said is
 * lost, nothing is written without a confirmation, and every message gets a kind, clear reply.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type SayOptions, type TestApp } from '../helpers/harness.js';
import { fixedPolicy } from '../helpers/fixed-policy.js';

const ticketNo = /FK\d{8}-\d{4}/;
const RESTATE = '请回复 1 确认提交，回复 2 取消';
const QUESTION = '请问离休干部住院费用怎么报销';

/** A fixed knowledge base: every question gets the same cited answer. */
const policy = fixedPolicy();

let app: TestApp;
afterEach(async () => app?.close());

async function start(): Promise<TestApp> {
  return createTestApp({ config: { STAFF_IDS: 'wechat:wxid_staff' }, policy });
}

const tickets = () => app.services.store.tickets.list({});
const say = (text: string, opts: SayOptions = {}) => app.ask(text, opts);

/** "我老伴住院了" -> "市人民医院，可以" -> the summary waiting for "1". */
async function hospitalSummary(opts: SayOptions = {}): Promise<void> {
  expect(await say('我老伴住院了', opts)).toContain('哪家医院');
  expect(await say('市人民医院，可以', opts)).toContain('回复 1 确认提交');
}

describe('feedback draft defects', () => {
  it('1: a greeting at the summary is no confirmation: the choice is restated, nothing is filed', async () => {
    app = await start();
    for (const [i, greeting] of ['你好', '你好啊', '你好呀', '小银你好'].entries()) {
      const user = { userId: `g${i}` };
      await hospitalSummary(user);
      const r = await say(greeting, user);
      expect(r, greeting).toContain(RESTATE);
      expect(r, greeting).not.toMatch(ticketNo);
    }
    await say('我要投诉，食堂饭菜太咸了', { userId: 'g9' });
    expect(await say('你好', { userId: 'g9' })).toContain(RESTATE);
    // a second greeting stops asking but keeps the complaint, and says how to submit it
    expect(await say('你好', { userId: 'g9' })).toContain('您刚才的投诉先给您留着，还没有提交。要提交请回复“提交”');
    expect(await tickets()).toHaveLength(0);
    expect(await say('提交', { userId: 'g9' })).toMatch(ticketNo);
    expect((await tickets()).map((t) => t.text)).toEqual(['我要投诉，食堂饭菜太咸了']);
    // the report is still there: "1" submits it
    expect(await say('1', { userId: 'g0' })).toMatch(ticketNo);
    expect((await tickets()).find((t) => t.userId === 'http:g0')).toMatchObject({ category: 'hospitalization', details: { hospital: '市人民医院', mayCall: true } });
    expect(await tickets()).toHaveLength(2);
  });

  it('2: an apology or a question at the summary does not cancel; only a clear no does', async () => {
    app = await start();
    for (const [i, words] of ['不好意思', '对不起', '是不是', '行不行', '好不好', '不是吧'].entries()) {
      const user = { userId: `a${i}` };
      await say('我要投诉，食堂饭菜太咸了', user);
      const r = await say(words, user);
      expect(r, words).not.toContain('已取消');
      expect(r, words).toContain(RESTATE);
      expect(await say('1', user), words).toMatch(ticketNo);
    }
    expect(await tickets()).toHaveLength(6);
    for (const [i, no] of ['2', '取消', '不提交了', '不用了', '算了'].entries()) {
      await say('我要投诉，食堂饭菜太咸了', { userId: `n${i}` });
      expect(await say(no, { userId: `n${i}` }), no).toContain('已取消');
    }
    expect(await tickets()).toHaveLength(6);
  });

  it('3: a parked report is answered by "提交" after its two reminders; menu and feedback replies say it is kept', async () => {
    app = await start();
    await hospitalSummary();
    expect(await say(QUESTION)).toContain('回复 1 提交');
    expect(await say('好')).toContain('回复 1 提交'); // second and last reminder
    const third = await say(QUESTION);
    expect(third).not.toContain('回复 1 提交');
    // the menu ("0") and a feedback reply do not pretend nothing is pending
    const menu = await say('0');
    expect(menu).toContain('1. 政策咨询');
    expect(menu).toContain('住院报告给您留着');
    expect(menu).toContain('回复“提交”');
    expect(await say('我要投诉')).toContain('住院报告给您留着');
    const done = await say('提交住院报告');
    expect(done).toMatch(ticketNo);
    expect(done).toContain('已马上通知工作人员');
    expect(await tickets()).toEqual([expect.objectContaining({ category: 'hospitalization', text: '我老伴住院了', details: { hospital: '市人民医院', mayCall: true } })]);
    // a bare "1" still belongs to the newest question (here the main menu)
    await hospitalSummary({ userId: 'u2' });
    await say(QUESTION, { userId: 'u2' });
    await say('好', { userId: 'u2' });
    await say(QUESTION, { userId: 'u2' });
    expect(await say('1', { userId: 'u2' })).toContain('请直接说出您想了解的政策');
    expect(await say('确认提交', { userId: 'u2' })).toMatch(ticketNo);
    expect(await tickets()).toHaveLength(2);
  });

  it('4: "0" or "9" during a report parks it; a handoff ticket carries the report', async () => {
    app = await start();
    // "0" at the summary
    await hospitalSummary();
    const menu = await say('0');
    expect(menu).toContain('1. 政策咨询');
    expect(menu).toContain('您刚才的住院报告给您留着');
    expect(await say('提交')).toMatch(ticketNo);
    expect(await tickets()).toEqual([expect.objectContaining({ category: 'hospitalization', details: { hospital: '市人民医院', mayCall: true } })]);

    // "0" at the hospital question
    await say('我老伴住院了', { userId: 'z1' });
    expect(await say('0', { userId: 'z1' })).toContain('您刚才的住院报告给您留着');
    expect(await say('提交', { userId: 'z1' })).toMatch(ticketNo);

    // "9" then "1": the call-back ticket says what the report was
    await hospitalSummary({ userId: 'z2' });
    const nine = await say('9', { userId: 'z2' });
    expect(nine).toContain('需要工作人员给您回电话吗');
    expect(nine).toContain('您刚才的住院报告给您留着');
    await say('1', { userId: 'z2' });
    const handoff = (await tickets()).find((t) => t.userId === 'http:z2' && t.category === 'handoff');
    expect(handoff?.text).toContain('我老伴住院了');
    expect(handoff?.text).toContain('市人民医院');
    await app.flush();
    expect(app.sent.some((s) => s.reply.text.includes(handoff!.no) && s.reply.text.includes('市人民医院'))).toBe(true);
    expect(await tickets()).toHaveLength(3);
  });

  it('5: at the hospital question only a hospital is the hospital; cancel words cancel, "提交" goes to the summary', async () => {
    app = await start();
    await say('我老伴住院了', { userId: 'h1' });
    const submit = await say('提交', { userId: 'h1' });
    expect(submit).toContain('医院：未说明');
    expect(submit).not.toContain('医院：提交');

    for (const [i, words] of ['不好意思', '今天天气不错', '你好'].entries()) {
      const user = { userId: `h${i + 2}` };
      await say('我老伴住院了', user);
      const again = await say(words, user);
      expect(again, words).not.toContain('医院：');
      expect(again, words).toContain('哪家医院');
      expect(again, words).toContain('市人民医院'); // an example
      expect(await say('市第一医院', user), words).toContain('医院：市第一医院');
    }
    for (const [i, no] of ['不提交了', '2', '取消'].entries()) {
      const user = { userId: `c${i}` };
      await say('我老伴住院了', user);
      const r = await say(no, user);
      expect(r, no).toContain('已取消');
      expect(r, no).not.toContain('医院：');
    }
    await say('我老伴住院了', { userId: 'h9' });
    expect(await say('协和', { userId: 'h9' })).toContain('医院：协和');
    expect(await tickets()).toHaveLength(0);
  });

  it('6: something added at the summary goes into the report and is confirmed again', async () => {
    app = await start();
    await say('我要投诉 活动中心厕所坏了好几天');
    const again = await say('对了还有一楼的灯也不亮');
    expect(again).toContain('请您核对');
    expect(again).toContain('一楼的灯也不亮');
    expect(await say('1')).toMatch(ticketNo);

    await say('我要投诉 活动中心厕所坏了好几天', { userId: 'u2' });
    expect(await say('不好意思 我再补充一句 是二楼的厕所', { userId: 'u2' })).toContain('是二楼的厕所');
    expect(await say('1', { userId: 'u2' })).toMatch(ticketNo);

    const texts = (await tickets()).map((t) => t.text).sort();
    expect(texts).toEqual(['我要投诉 活动中心厕所坏了好几天。还有一楼的灯也不亮', '我要投诉 活动中心厕所坏了好几天。是二楼的厕所'].sort());
  });

  it('7: a report set aside at the hospital question shows "医院：未说明" before "1" files it', async () => {
    app = await start();
    await say('我老伴住院了');
    const reminder = await say('离休干部住院了单位会来看望吗');
    expect(reminder).toContain('回复 1 提交');
    expect(reminder).toContain('我老伴住院了；医院：未说明');
    expect(await say('1')).toMatch(ticketNo);
    expect(await tickets()).toEqual([expect.objectContaining({ category: 'hospitalization', text: '我老伴住院了', details: {} })]);
  });

  it('8: "提交" with nothing pending says so plainly instead of answering a policy question', async () => {
    app = await start();
    for (const words of ['提交', '确认提交']) {
      const r = await app.say(words);
      const out = r.replies.map((x) => x.text).join('\n');
      expect(out, words).toContain('您现在没有要提交的内容');
      expect(out, words).not.toContain('依据');
      expect(r.intent, words).toBe('feedback');
    }
    expect(await tickets()).toHaveLength(0);
  });
});
