/**
 * QA report (feedback part): H4 an emergency at home is help now, not a hospital report; M3 not
 * knowing the hospital is an answer; M4 an angry complaint gets an apology, and what is said right
 * after a submission is offered as an addition; M6 ticket details in words in every view; M7 the
 * call-back ticket says what the person was doing and the reply promises no call without a number;
 * L1-L3 category corrections, "我要投诉" twice, noise as a complaint.
 */
import { describe, it, expect, afterEach, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type SayOptions, type TestApp } from '../helpers/harness.js';
import { isEmergency } from '../../src/skills/feedback/emergency.js';
import { classifyCategory, hospitalNotKnown } from '../../src/skills/feedback/classify.js';
import { additionToFiled } from '../../src/skills/feedback/filed.js';
import { ticketDetailsText } from '../../src/skills/feedback/format.js';
import { exportRows } from '../../src/skills/feedback/export.js';
import { dropOpening } from '../../src/skills/feedback/correction.js';
import { ticketPage } from '../../src/channels/http/console/pages.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { buildProgram } from '../../src/cli.js';

const ticketNo = /FK\d{8}-\d{4}/;
const CONTACT = '值班电话 0123-4567890';

let app: TestApp;
afterEach(async () => app?.close());

async function start(): Promise<TestApp> {
  return createTestApp({ config: { STAFF_IDS: 'wechat:wxid_staff', STAFF_CONTACT: CONTACT } });
}
const say = (text: string, opts: SayOptions = {}) => app.ask(text, opts);
const toStaff = () => app.sent.filter((s) => s.to.chatId === 'wxid_staff').map((s) => s.reply.text);

describe('H4: an emergency at home', () => {
  it('tells a danger now from a hospital report, a case, a rule question or an old illness', () => {
    for (const text of [
      '我刚才在家摔了一跤 起不来了',
      '老伴在厕所摔倒了 爬不起来',
      '我喘不上气了',
      '我胸口好疼',
      '老伴突然晕倒了 叫不醒',
      '老头子昏过去了',
      '我老伴好像中风了 嘴歪了',
      '我妈说不出话了 半边身子动不了',
      '老伴心脏病犯了 快帮帮我',
    ]) {
      expect(isEmergency(text), text).toBe(true);
    }
    for (const text of [
      '我老伴住院了',
      '老伴心梗了，送到附一院急诊了',
      '老伴在家摔倒了 骨折住院了',
      '我爸脑梗住在协和ICU',
      '老头子晕倒了 现在在市一院',
      '要是在家摔倒了起不来怎么办',
      '中风了能报销吗',
      '我老伴中风三年了 行动不便',
      '早上起不来 活动能不能晚点开始',
      '电视没反应了',
      '电梯动不了了',
    ]) {
      expect(isEmergency(text), text).toBe(false);
    }
  });

  it('"我刚才在家摔了一跤 起不来了": 120, family, the staff phone and an urgent ticket at once; no hospital question', async () => {
    app = await start();
    const r = await app.say('我刚才在家摔了一跤 起不来了', { userName: '赵老' });
    const text = r.replies.map((x) => x.text).join('\n');
    expect(text).toContain('120');
    expect(text).toMatch(/家人|邻居/);
    expect(text).toContain(CONTACT);
    expect(text).not.toContain('哪家医院');
    expect(text).not.toContain('康复');
    expect(text).not.toContain('回复 1 确认提交');
    const no = text.match(ticketNo)![0];
    const t = (await app.services.store.tickets.get(no))!;
    expect(t).toMatchObject({ category: 'hospitalization', text: '我刚才在家摔了一跤 起不来了', details: { emergency: true } });
    await app.flush();
    const alert = toStaff().find((s) => s.includes(no));
    expect(alert).toBeDefined();
    expect(alert).toContain('紧急');
    expect(alert).toContain('起不来');
    // More said right after goes to staff on the same ticket.
    const offer = await say('我一个人在家 门还锁着');
    expect(offer).toContain(no);
    expect(offer).toContain('补上');
    expect(await say('1')).toContain('补到');
    expect((await app.services.store.tickets.get(no))!.details?.additions).toEqual(['我一个人在家 门还锁着']);
    await app.flush();
    expect(toStaff().some((s) => s.includes(no) && s.includes('门还锁着'))).toBe(true);
  });

  it('an emergency said after menu "3", or at another summary, is answered as one (the draft is kept)', async () => {
    app = await start();
    await say('3', { userId: 'e1' });
    const r1 = await say('老伴突然晕倒了 叫不醒', { userId: 'e1' });
    expect(r1).toContain('120');
    expect(r1).toMatch(ticketNo);

    expect(await say('我要投诉 楼道灯坏了一个月没人修', { userId: 'e2' })).toContain('请您核对');
    const r2 = await say('我胸口疼 喘不上气', { userId: 'e2' });
    expect(r2).toContain('120');
    expect(r2).toContain(CONTACT);
    const tickets = await app.services.store.tickets.list({ userId: 'http:e2' });
    expect(tickets.map((t) => t.category)).toEqual(['hospitalization']);
    // the complaint is kept, not lost, and not written without "提交"
    expect(await say('提交', { userId: 'e2' })).toMatch(ticketNo);
    expect((await app.services.store.tickets.list({ userId: 'http:e2' })).map((t) => t.category).sort()).toEqual(['complaint', 'hospitalization']);
  });
});

describe('M3: not knowing the hospital is an answer', () => {
  it('reads not knowing about the place, and any not-knowing as the answer to the hospital question', () => {
    for (const text of ['还是不知道在哪 他们送去的', '我老伴住院了 不知道送哪个医院了', '哪家医院我也不清楚', '不清楚送哪去了']) {
      expect(hospitalNotKnown(text), text).toBe(true);
    }
    expect(hospitalNotKnown('我老伴住院了 不知道单位会不会来看')).toBe(false);
    expect(hospitalNotKnown('不清楚', { answering: true })).toBe(true);
    expect(hospitalNotKnown('市人民医院', { answering: true })).toBe(false);
  });

  it('"还是不知道在哪 他们送去的" after the hint goes on to the summary with 医院：未说明, nothing parked', async () => {
    app = await start();
    await say('我老伴住院了');
    expect(await say('你好')).toContain('不清楚是哪家医院的话');
    const r = await say('还是不知道在哪 他们送去的');
    expect(r).toContain('类别：住院报告');
    expect(r).toContain('医院：未说明');
    expect(r).not.toContain('留着');
    const done = await app.say('1');
    expect(done.data).toMatchObject({ category: 'hospitalization' });
    const tickets = await app.services.store.tickets.list({ userId: 'http:u1' });
    expect(tickets.map((t) => t.category)).toEqual(['hospitalization']);
  });

  it('a first message saying the hospital is not known asks only the call question; "不清楚" alone answers it too', async () => {
    app = await start();
    const r = await say('我老伴住院了 不知道送哪个医院了', { userId: 'k1' });
    expect(r).not.toContain('哪家医院');
    expect(r).toContain('可以打电话问候您吗');
    expect(await say('可以', { userId: 'k1' })).toMatch(/医院：未说明\n可以来电：可以/);

    await say('我住院了', { userId: 'k2' });
    expect(await say('不清楚', { userId: 'k2' })).toContain('医院：未说明');
  });
});

describe('M4: an angry complaint, and more said after it was filed', () => {
  it('an angry complaint gets a short apology before the summary; a calm one does not', async () => {
    app = await start();
    const angry = await say('你们这帮人到底管不管事 打了三次电话都没人接', { userId: 'a1' });
    expect(angry).toContain('对不起');
    expect(angry.indexOf('对不起')).toBeLessThan(angry.indexOf('请您核对'));
    const calm = await say('我要投诉 食堂饭菜太咸', { userId: 'a2' });
    expect(calm).toContain('请您核对');
    expect(calm).not.toContain('对不起');
  });

  it('"这是第三次了" after submitting is offered as an addition to that ticket; "1" writes it in', async () => {
    app = await start();
    await say('你们这帮人到底管不管事 打了三次电话都没人接');
    const no = (await say('1')).match(ticketNo)![0];
    const offer = await say('这是第三次了');
    expect(offer).toContain(no);
    expect(offer).toContain('这是第三次了');
    expect(offer).not.toContain('报名活动');
    expect(await say('1')).toContain(no);
    const t = (await app.services.store.tickets.get(no))!;
    expect(t.details?.additions).toEqual(['这是第三次了']);
    expect(t.text).toBe('你们这帮人到底管不管事 打了三次电话都没人接');
    expect((await app.services.store.tickets.list({ userId: 'http:u1' })).length).toBe(1);
  });

  it('"2" makes it a matter of its own; thanks, a bare digit or a question are not taken as more', async () => {
    app = await start();
    await say('我要投诉 食堂饭菜太咸', { userId: 'b1' });
    await say('1', { userId: 'b1' });
    await say('楼道的灯也坏了一个月了', { userId: 'b1' });
    expect(await say('2', { userId: 'b1' })).toContain('请您核对');

    for (const text of ['谢谢', '好的 那我等你们消息', '1', '最近有什么活动', '我老伴住院了', '体检标准是多少？', '我还想问个问题', '你好']) {
      expect(additionToFiled(text), text).toBeNull();
    }
    for (const text of ['这是第三次了', '他们态度也很差', '对了还有二楼的也不亮']) {
      expect(additionToFiled(text), text).not.toBeNull();
    }
  });
});

describe('M6: ticket details in words, the same in every view', () => {
  const hospitalTicket = async () => {
    await say('我老伴住院了 在市二院 可以打电话', { userId: 'h1', userName: '赵老' });
    const r = await app.say('1', { userId: 'h1', userName: '赵老' });
    return String(r.data?.ticketNo);
  };

  it('one formatter: 医院：市二院；可以来电：可以 (未说明 when not said), other details in words too', () => {
    return (async () => {
      app = await start();
      const { prompts } = app.services;
      expect(ticketDetailsText(prompts, { category: 'hospitalization', details: { hospital: '市二院', mayCall: true } })).toBe('医院：市二院；可以来电：可以');
      expect(ticketDetailsText(prompts, { category: 'hospitalization', details: { mayCall: false } })).toBe('医院：未说明；可以来电：不用');
      expect(ticketDetailsText(prompts, { category: 'complaint', details: { additions: ['这是第三次了'] } })).toBe('补充：「这是第三次了」');
      const source = ticketDetailsText(prompts, { category: 'handoff', details: { source: 'policy_no_answer' } });
      expect(source).toMatch(/^来源：/);
      expect(source).not.toContain('policy_no_answer');
      expect(ticketDetailsText(prompts, { category: 'complaint' })).toBe('');
    })();
  });

  it('staff chat "查看", the console page and the export show 医院 and 可以来电 in words, never raw keys', async () => {
    app = await createTestApp({ config: { STAFF_IDS: 'http:staff1' } });
    const no = await hospitalTicket();
    const view = await say(`查看 ${no}`, { userId: 'staff1' });
    expect(view).toContain('医院：市二院；可以来电：可以');
    const t = (await app.services.store.tickets.get(no))!;
    const page = ticketPage(app.services, t, await app.services.store.tickets.history(no), 'csrf').html;
    expect(page).toContain('医院：市二院；可以来电：可以');
    expect(page).not.toContain('mayCall');
    const [row] = exportRows([t], { prompts: app.services.prompts, config: app.services.config, now: app.clock.now() });
    expect(row!.details).toBe('医院：市二院；可以来电：可以');
  });

  it('CLI "feedback show" prints the details in words', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yinling-show-'));
    app = await createTestApp({ store: new SqliteStore(join(dir, 'yinling.db')), config: { DATA_DIR: dir } });
    const no = await hospitalTicket();
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    const env = { DATA_DIR: process.env.DATA_DIR, LOG_LEVEL: process.env.LOG_LEVEL };
    process.env.DATA_DIR = dir;
    process.env.LOG_LEVEL = 'silent';
    try {
      const program = buildProgram().exitOverride();
      await program.parseAsync(['node', 'yinling', 'feedback', 'show', no]);
    } finally {
      spy.mockRestore();
      if (env.DATA_DIR === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = env.DATA_DIR;
      if (env.LOG_LEVEL === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = env.LOG_LEVEL;
      process.exitCode = 0;
    }
    expect(out).toContain('医院：市二院；可以来电：可以');
    expect(out).not.toContain('mayCall');
  });
});

describe('M7: the call-back ticket says what the person was doing', () => {
  it('"9" -> "1" while confirming a booking: the ticket names it, and the reply promises no call', async () => {
    app = await start();
    await app.services.store.activities.create({ title: '掼蛋比赛', category: '棋牌', startAt: '2026-12-05T06:00:00Z', place: '棋牌室', capacity: 16 }, app.clock.now());
    expect(await say('报名掼蛋比赛')).toContain('「掼蛋比赛」');
    await say('9');
    const done = await say('1');
    const no = done.match(ticketNo)![0];
    expect(done).not.toContain('保持电话畅通');
    expect(done).toContain('在这里回复您');
    const t = (await app.services.store.tickets.get(no))!;
    expect(t.category).toBe('handoff');
    expect(t.text).toContain('确认报名「掼蛋比赛」');
    await app.flush();
    expect(toStaff().some((s) => s.includes(no) && s.includes('掼蛋比赛'))).toBe(true);
  });

  it('"9" while about to report names that; "9" again from no flow names nothing stale', async () => {
    app = await start();
    await say('3', { userId: 'p2' });
    await say('9', { userId: 'p2' });
    const t2 = (await app.services.store.tickets.get((await say('1', { userId: 'p2' })).match(ticketNo)![0]))!;
    expect(t2.text).toContain('准备反映事情');
    await say('9', { userId: 'p2' });
    const again = (await app.services.store.tickets.get((await say('1', { userId: 'p2' })).match(ticketNo)![0]))!;
    expect(again.text).not.toContain('当时正在');
  });
});

describe('L1-L3: category corrections and categories', () => {
  it('L1: "不是投诉 就是提个建议" drops the opening 我要投诉 from the content', async () => {
    app = await start();
    await say('我要投诉 活动中心管理员态度不好');
    const r = await say('不是投诉 就是提个建议');
    expect(r).toContain('类别：建议');
    expect(r).toContain('内容：活动中心管理员态度不好');
    expect(r).not.toContain('我要投诉');
    expect(dropOpening('我想反映一下，二楼厕所漏水')).toBe('二楼厕所漏水');
    expect(dropOpening('我要投诉')).toBe('我要投诉');
  });

  it('L2: "我要投诉" twice asks again what happened, and the matter said then is the content', async () => {
    app = await start();
    await say('我要投诉');
    const again = await say('我要投诉');
    expect(again).not.toContain('请您核对');
    expect(again).toContain('什么事');
    const r = await say('食堂的菜太咸了');
    expect(r).toContain('类别：投诉');
    expect(r).toContain('内容：食堂的菜太咸了');
  });

  it('L3: noise and nuisance from others is a complaint', () => {
    return (async () => {
      app = await start();
      const { prompts } = app.services;
      for (const text of ['楼下有人天天晚上跳广场舞 声音太大 吵得睡不着', '隔壁装修噪音扰民', '楼道里乱堆杂物有股臭味']) {
        expect(classifyCategory(text, prompts), text).toBe('complaint');
      }
    })();
  });
});
