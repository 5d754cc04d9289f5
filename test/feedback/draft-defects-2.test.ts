/**
 * Defects of a re-test of the feedback draft flow (one test each): a new report is not an addition,
 * corrections fix the field they name, additions reach the report they belong to (also when it is
 * parked or waits for the hospital), and what the first message says is used.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type SayOptions, type TestApp } from '../helpers/harness.js';
import { fixedPolicy } from '../helpers/fixed-policy.js';

const ticketNo = /FK\d{8}-\d{4}/;

const policy = fixedPolicy({ text: '离休干部每年体检一次。' });

let app: TestApp;
afterEach(async () => app?.close());

async function start(withActivity = false): Promise<TestApp> {
  const a = await createTestApp({ config: { STAFF_IDS: 'wechat:wxid_staff' }, policy });
  if (withActivity) {
    await a.services.store.activities.create({ title: '象棋比赛', category: '棋牌', startAt: '2026-12-09T06:00:00Z', place: '活动中心', capacity: 10 }, a.clock.now());
  }
  return a;
}

const tickets = () => app.services.store.tickets.list({});
const say = (text: string, opts: SayOptions = {}) => app.ask(text, opts);

async function hospitalSummary(opts: SayOptions = {}): Promise<void> {
  expect(await say('我老伴住院了', opts)).toContain('哪家医院');
  expect(await say('市人民医院 可以', opts)).toContain('回复 1 确认提交');
}

describe('feedback draft defects (re-test)', () => {
  it('1: a new report at a hospital summary parks the report and gets its own summary', async () => {
    app = await start();
    await hospitalSummary();
    const r = await say('我要投诉 楼道灯坏了');
    expect(r).toContain('类别：投诉');
    expect(r).toContain('您刚才的住院报告给您留着');
    expect(await say('1')).toContain('您刚才的住院报告还没有提交。回复 1 提交');
    expect(await say('1')).toMatch(ticketNo);
    const all = await tickets();
    expect(all.map((t) => [t.category, t.text]).sort()).toEqual([
      ['complaint', '我要投诉 楼道灯坏了'],
      ['hospitalization', '我老伴住院了'],
    ]);
    expect(all.find((t) => t.category === 'hospitalization')!.details).toMatchObject({ hospital: '市人民医院', mayCall: true });
  });

  it('2: a correction of the hospital at the summary, or while parked, fixes the field it names', async () => {
    app = await start();
    const cases: [string, string][] = [
      ['不是市人民医院是市中医院', '市中医院'],
      ['市人民医院搞错了 是市中医院', '市中医院'],
      ['是市中医院不是市人民医院', '市中医院'],
    ];
    for (const [i, [words, hospital]] of cases.entries()) {
      const user = { userId: `c${i}` };
      await hospitalSummary(user);
      const r = await say(words, user);
      expect(r, words).toContain(`医院：${hospital}`);
      expect(await say('1', user)).toMatch(ticketNo);
      expect((await tickets()).find((t) => t.userId === `http:c${i}`)!.details, words).toEqual({ hospital, mayCall: true });
    }
    await hospitalSummary({ userId: 'c8' });
    expect(await say('不用打电话', { userId: 'c8' })).toContain('可以来电：不用');
    // parked: corrected there, no "其他" ticket
    await hospitalSummary({ userId: 'p1' });
    expect(await say('离休干部体检标准是多少', { userId: 'p1' })).toContain('回复 1 提交');
    const fixed = await say('不是市人民医院是市中医院', { userId: 'p1' });
    expect(fixed).toContain('医院：市中医院');
    expect(fixed).toContain('回复 1 提交');
    expect(await say('1', { userId: 'p1' })).toMatch(ticketNo);
    const mine = (await tickets()).filter((t) => t.userId === 'http:p1');
    expect(mine.map((t) => [t.category, t.details])).toEqual([['hospitalization', { hospital: '市中医院', mayCall: true }]]);
  });

  it('3: an addition while a report is parked is appended to it; a new report never replaces it silently', async () => {
    app = await start();
    await hospitalSummary();
    await say('离休干部体检标准是多少');
    const r = await say('对了还有他是心脏病');
    expect(r).toContain('已经补到您刚才的住院报告里了');
    expect(r).toContain('回复 1 提交');
    expect(await say('1')).toMatch(ticketNo);
    expect(await say('提交')).toContain('您现在没有要提交的内容');
    expect((await tickets()).map((t) => [t.text, t.details])).toEqual([['我老伴住院了。还有他是心脏病', { hospital: '市人民医院', mayCall: true }]]);
    // a second hospital report confirmed: the parked one is offered after it, not dropped
    await hospitalSummary({ userId: 'u2' });
    await say('离休干部体检标准是多少', { userId: 'u2' });
    await say('我妈也住院了', { userId: 'u2' });
    await say('市中医院 不用', { userId: 'u2' });
    expect(await say('1', { userId: 'u2' })).toContain('您刚才的住院报告还没有提交。回复 1 提交');
    expect(await say('1', { userId: 'u2' })).toMatch(ticketNo);
    expect((await tickets()).filter((t) => t.userId === 'http:u2').map((t) => t.details!.hospital).sort()).toEqual(['市中医院', '市人民医院']);
  });

  it('4: an addition at the hospital question is appended and the question asked again', async () => {
    app = await start();
    await say('我老伴住院了');
    const r = await say('对了还有他血压也高');
    expect(r).toContain('已经补上了');
    expect(r).toContain('请问住在哪家医院');
    expect(await say('市人民医院 可以')).toContain('内容：我老伴住院了。还有他血压也高');
    expect(await say('1')).toMatch(ticketNo);
    expect((await tickets()).map((t) => [t.category, t.text, t.details])).toEqual([
      ['hospitalization', '我老伴住院了。还有他血压也高', { hospital: '市人民医院', mayCall: true }],
    ]);
  });

  it('5: hospital and call permission in the first message are used; only what is missing is asked', async () => {
    app = await start();
    const r1 = await say('我妈住院了在省医', { userId: 'f1' });
    expect(r1).not.toContain('哪家医院');
    expect(r1).toContain('可以打电话问候您吗');
    expect(await say('我老伴住院了 协和 可以', { userId: 'f2' })).toMatch(/医院：协和\n可以来电：可以/);
    expect(await say('我爸住院了 市中医 不用', { userId: 'f3' })).toMatch(/医院：市中医\n可以来电：不用/);
    expect(await say('我住院了 人民医院 可以', { userId: 'f4' })).toMatch(/医院：人民医院\n可以来电：可以/);
    expect(await say('1', { userId: 'f4' })).toMatch(ticketNo);
    expect((await tickets())[0]!.details).toEqual({ hospital: '人民医院', mayCall: true });
  });

  it('6: an apology when asked what the matter is gets a kind reply and the question again', async () => {
    app = await start();
    await say('我要反映问题');
    const r = await say('不好意思');
    expect(r).toContain('没关系');
    expect(r).toContain('请您直接说说是什么事');
    expect(r).not.toContain('请您核对');
    expect(await say('楼道的灯坏了一个月了')).toContain('内容：楼道的灯坏了一个月了');
    expect(await say('1')).toMatch(ticketNo);
    expect((await tickets()).map((t) => t.text)).toEqual(['楼道的灯坏了一个月了']);
  });

  it('7: "不提交了" after the activity list drops the parked report', async () => {
    app = await start(true);
    await say('我要投诉 楼道灯坏了');
    await say('0');
    expect(await say('2')).toContain('象棋比赛');
    expect(await say('不提交了')).toContain('您刚才的投诉不提交了');
    expect(await say('提交')).toContain('您现在没有要提交的内容');
    expect(await tickets()).toHaveLength(0);
  });

  it('8: a policy question at a hospital summary is answered and the report parked', async () => {
    app = await start();
    await hospitalSummary();
    const r = await say('住院看望是几天内');
    expect(r).toContain('离休干部每年体检一次');
    expect(r).toContain('您刚才的住院报告还没有提交。回复 1 提交');
    expect(await say('1')).toMatch(ticketNo);
    expect(await tickets()).toHaveLength(1);
  });

  it('9: "提交" with nothing pending after the activity list says nothing is waiting', async () => {
    app = await start(true);
    await say('0');
    await say('2');
    expect(await say('提交')).toContain('您现在没有要提交的内容');
  });
});
