/**
 * QA F15/F16 (feedback skill): a hospital named in the first message in any of the usual ways
 * (市一院ICU, 在省医住着, 住在协和) is read and not asked again, an emergency report is an urgent
 * hospital report, and a fault at home or in the activity centre (暖气不热, 灯不亮, 马桶堵了) is a
 * 求助, not 其他.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type SayOptions, type TestApp } from '../helpers/harness.js';
import { fixedPolicy } from '../helpers/fixed-policy.js';
import { classifyCategory, firstMessageDetails } from '../../src/skills/feedback/classify.js';
import { dueAt } from '../../src/skills/feedback/format.js';

const ticketNo = /FK\d{8}-\d{4}/;

let app: TestApp;
afterEach(async () => app?.close());

async function start(): Promise<TestApp> {
  return createTestApp({ config: { STAFF_IDS: 'wechat:wxid_staff' }, policy: fixedPolicy({ text: '离休干部每年体检一次。' }) });
}
const say = (text: string, opts: SayOptions = {}) => app.ask(text, opts);

describe('F16: the hospital said in the first message of a hospital report', () => {
  it('reads a hospital with a ward, a short name or "在XX住着" from the first message', () => {
    const cases: [string, string][] = [
      ['老头子昨晚送急诊了 现在在市一院ICU', '市一院ICU'],
      ['我爸脑梗住在协和ICU', '协和ICU'],
      ['我老伴住院了 在市一院住着', '市一院'],
      ['老伴半夜叫了120 现在在省医监护室', '省医监护室'],
      ['我妈在省医抢救呢', '省医'],
      ['老伴心梗了，送到附一院急诊了', '附一院急诊'],
      ['我老伴在人民医院急诊', '人民医院'],
      ['老伴在中山路摔倒 送附二院了', '附二院'],
    ];
    for (const [text, hospital] of cases) expect(firstMessageDetails(text).hospital, text).toBe(hospital);
  });

  it('does not take a place that is no hospital for one', () => {
    for (const text of ['老伴在家摔倒了 骨折住院了', '我老伴在人民广场摔倒了 送急诊了', '老伴在活动中心晕倒了 送急诊了', '我在人民路上摔倒 现在住院了', '老伴送急诊了 现在在抢救', '我在医院陪护', '我给老伴送饭到省医']) {
      expect(firstMessageDetails(text).hospital, text).toBeUndefined();
    }
  });

  it('F16 conversation: only the call question is asked, and the ticket is an urgent hospital report', async () => {
    app = await start();
    const r1 = await say('老头子昨晚送急诊了 现在在市一院ICU');
    expect(r1).not.toContain('哪家医院');
    expect(r1).toContain('可以打电话问候您吗');
    expect(r1).toContain('祝早日康复');
    const r2 = await say('可以');
    expect(r2).toContain('类别：住院报告');
    expect(r2).toContain('医院：市一院ICU');
    expect(r2).toContain('可以来电：可以');
    const no = (await say('1')).match(ticketNo)![0];
    const t = (await app.services.store.tickets.get(no))!;
    expect(t).toMatchObject({ category: 'hospitalization', details: { hospital: '市一院ICU', mayCall: true } });
    // Urgent: answered within the urgent due time, and staff are alerted at once.
    const hours = (dueAt(t, app.services.config).getTime() - Date.parse(t.createdAt)) / 3_600_000;
    expect(hours).toBe(app.services.config.FEEDBACK_URGENT_DUE_HOURS);
    await app.flush();
    expect(app.sent.some((s) => s.to.chatId === 'wxid_staff' && s.reply.text.includes(no) && s.reply.text.includes('市一院ICU'))).toBe(true);
  });

  it('other wordings: "在XX住着", "住在协和ICU", hospital and call in one message', async () => {
    app = await start();
    const r1 = await say('我老伴住院了 在市一院住着', { userId: 'w1' });
    expect(r1).not.toContain('哪家医院');
    expect(await say('不用', { userId: 'w1' })).toMatch(/医院：市一院\n可以来电：不用/);
    expect(await say('我爸脑梗住在协和ICU 可以打电话', { userId: 'w2' })).toMatch(/医院：协和ICU\n可以来电：可以/);
  });

  it('an emergency said with 120, 救护车 or 监护室 is a hospital report (the urgent category)', async () => {
    app = await start();
    const { prompts } = app.services;
    for (const text of ['老伴半夜叫了120 拉到省医了', '我老伴进了监护室', '老头子被救护车拉走了']) {
      expect(classifyCategory(text, prompts), text).toBe('hospitalization');
    }
    expect(classifyCategory('活动费120元太贵了', prompts)).not.toBe('hospitalization');
  });
});

describe('F15: a fault at home or in the activity centre is a 求助', () => {
  it('classifies faults of things by what is wrong with them', async () => {
    app = await start();
    const { prompts } = app.services;
    for (const text of [
      '我要反映 家里暖气不热',
      '活动中心的空调不制冷了',
      '我要反映 楼道的灯不亮',
      '家里马桶堵了',
      '电梯停了三天了',
      '活动室厕所的水龙头一直滴水',
      '家里热水器打不着火',
    ]) {
      expect(classifyCategory(text, prompts), text).toBe('help_request');
    }
    // A thing without a fault, or a fault word without a thing, is not a 求助 by this rule.
    expect(classifyCategory('活动中心的灯光很好看', prompts)).toBe('other');
    expect(classifyCategory('暖气费一年多少钱', prompts)).toBe('other');
    // A complaint or a suggestion stays what it is.
    expect(classifyCategory('暖气不热 物业一直没人管', prompts)).toBe('complaint');
    expect(classifyCategory('建议活动室的空调冬天开暖一点 现在不暖和', prompts)).toBe('suggestion');
  });

  it('F15 conversation: the summary and the ticket say 求助', async () => {
    app = await start();
    const r = await say('我要反映 家里暖气不热');
    expect(r).toContain('类别：求助');
    expect(await say('1')).toMatch(ticketNo);
    expect(await say('活动中心的空调不制冷了', { userId: 'v2' })).toContain('类别：求助');
    expect(await say('我要反映 楼道的灯不亮', { userId: 'v3' })).toContain('类别：求助');
    expect((await app.services.store.tickets.list({})).map((t) => t.category)).toEqual(['help_request']);
  });
});
