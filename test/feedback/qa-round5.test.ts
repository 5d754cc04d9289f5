/**
 * QA round 5 (feedback): H2 the answer to a parked report's own question fills it; H1 a hospital
 * named as 住进市二院了… is read, and a call-back ticket after a clarifying question carries the
 * message not understood; H3 words right after a staff reply are offered as an addition to that ticket.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { spawnCli } from '../helpers/spawn-cli.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type SayOptions, type TestApp } from '../helpers/harness.js';
import { fixedPolicy } from '../helpers/fixed-policy.js';
import { classifyCategory, firstMessageDetails } from '../../src/skills/feedback/classify.js';
import { asksIfSubmitted, missingDetailsAnswer } from '../../src/skills/feedback/parked.js';
import { dialogKey } from '../../src/core/pipeline.js';
import { readRatingWithWords } from '../../src/skills/feedback/rating.js';
import { queuePage, ticketPage } from '../../src/channels/http/console/pages.js';

const ticketNo = /FK\d{8}-\d{4}/;

let app: TestApp;
afterEach(async () => app?.close());

async function start(): Promise<TestApp> {
  return createTestApp({ config: { STAFF_IDS: 'http:staff1' }, policy: fixedPolicy({ text: '离休干部每次500元，退休干部每次300元。' }) });
}
const say = (text: string, opts: SayOptions = {}) => app.ask(text, opts);
const tickets = () => app.services.store.tickets.list({});

describe('H2: the answer to a parked report’s own question', () => {
  it('"县医院 不用打电话" fills the parked report (医院, 可以来电); "提交" submits it, no 其他 ticket', async () => {
    app = await start();
    expect(await say('俺娘住院了', { userId: 'f7' })).toContain('哪家医院');
    expect(await say('住院单位给多少慰问金', { userId: 'f7' })).toContain('住院报告还没有提交');
    const filled = await say('县医院 不用打电话', { userId: 'f7' });
    expect(filled).toContain('医院：县医院');
    expect(filled).toContain('可以来电：不用');
    expect(filled).not.toContain('类别：其他');
    expect(filled).toContain('回复 1 提交');
    const done = await say('提交', { userId: 'f7' });
    expect(done).toMatch(ticketNo);
    expect(done).not.toContain('还没有提交');
    const all = await tickets();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ category: 'hospitalization', text: '俺娘住院了', details: { hospital: '县医院', mayCall: false } });
  });

  it('a hospital alone, then the call alone, each fill what is missing; "1" submits', async () => {
    app = await start();
    await say('我老伴住院了', { userId: 'f8' });
    await say('住院单位给多少慰问金', { userId: 'f8' });
    expect(await say('市二院', { userId: 'f8' })).toContain('医院：市二院');
    expect(await say('可以打电话', { userId: 'f8' })).toContain('可以来电：可以');
    expect(await say('1', { userId: 'f8' })).toMatch(ticketNo);
    expect((await tickets())[0]).toMatchObject({ category: 'hospitalization', details: { hospital: '市二院', mayCall: true } });
  });

  it('reads only an answer: a question, a new report or a longer sentence is none', () => {
    const open = { intent: 'feedback' as const, category: 'hospitalization' as const, text: '俺娘住院了', details: {} };
    expect(missingDetailsAnswer('县医院 不用打电话', open)).toEqual({ hospital: '县医院', mayCall: false });
    expect(missingDetailsAnswer('在市中医院 可以', open)).toEqual({ hospital: '市中医院', mayCall: true });
    expect(missingDetailsAnswer('可以打电话', open)).toEqual({ mayCall: true });
    expect(missingDetailsAnswer('县医院能报销吗', open)).toBeNull();
    expect(missingDetailsAnswer('我在县医院门口等车等了半天', open)).toBeNull();
    expect(missingDetailsAnswer('我老伴也住进市医院了', open)).toBeNull();
    // the details known already are not replaced here (a correction says 不是…是…)
    expect(missingDetailsAnswer('县医院', { ...open, details: { hospital: '市二院', mayCall: true } })).toBeNull();
    expect(missingDetailsAnswer('县医院', { ...open, category: 'complaint' as const })).toBeNull();
  });
});

describe('H1: 住进市二院了…, and a call-back ticket after a clarifying question', () => {
  it('reads the hospital where the sentence goes on without a pause; the illness stays in the text', async () => {
    expect(firstMessageDetails('我爱人前天住进市二院了心脏不好大夫说要做支架')).toEqual({ hospital: '市二院' });
    expect(firstMessageDetails('我老伴昨天送到县卫生院了 挺严重')).toEqual({ hospital: '县卫生院' });
    expect(firstMessageDetails('老伴在后院摔了')).toEqual({});
    expect(firstMessageDetails('我在学院住着')).toEqual({});
    app = await start();
    // sent to the feedback skill as a report (menu 3 here; the router's words are another part)
    const text = '我爱人前天住进市二院了心脏不好大夫说要做支架';
    expect((await app.say('3', { userId: 'f6' })).intent).toBe('feedback');
    const asked = await say(text, { userId: 'f6' });
    expect(asked).toContain('可以打电话');
    expect(asked).not.toContain('哪家医院');
    const summary = await say('可以', { userId: 'f6' });
    expect(summary).toContain('医院：市二院');
    expect(summary).toContain('支架');
    expect(await say('1', { userId: 'f6' })).toMatch(ticketNo);
    expect((await tickets())[0]).toMatchObject({ category: 'hospitalization', text, details: { hospital: '市二院', mayCall: true } });
  });

  it('"可以打" then "1" after a clarifying question: the call-back ticket carries the message not understood', async () => {
    app = await start();
    const said = '我爱人前天住进市二院了心脏不好大夫说要做支架';
    // the state the router's clarifying question leaves (whatever the router makes of this sentence)
    const now = app.clock.now();
    const chat = { channel: 'http' as const, chatId: 'f5', chatType: 'private' as const, userId: 'f5', text: '', at: now };
    await app.services.store.setDialog(dialogKey(chat), { flow: 'core.clarify', step: 'choose', data: { candidates: ['feedback', 'human_handoff', 'help'], text: said }, updatedAt: now.toISOString() }, 30 * 60_000, now);
    expect(await say('可以打', { userId: 'f5' })).toContain('回电话');
    expect(await say('1', { userId: 'f5' })).toMatch(ticketNo);
    const t = (await tickets())[0]!;
    expect(t.category).toBe('handoff');
    expect(t.text).toContain('可以打');
    expect(t.text).toContain(said);
  });

  it('a clarifying question answered with its number leaves nothing behind for a later call-back ticket', async () => {
    app = await start();
    const now = app.clock.now();
    const chat = { channel: 'http' as const, chatId: 'f4', chatType: 'private' as const, userId: 'f4', text: '', at: now };
    await app.services.store.setDialog(dialogKey(chat), { flow: 'core.clarify', step: 'choose', data: { candidates: ['human_handoff'], text: '那个东西咋整' }, updatedAt: now.toISOString() }, 30 * 60_000, now);
    await say('1', { userId: 'f4' });
    expect(await say('1', { userId: 'f4' })).toMatch(ticketNo);
    expect((await tickets())[0]!.text).not.toContain('助手没看明白');
  });
});

describe('H3: words right after a staff reply', () => {
  it('"心内科 12床" after "请问住在哪个科？" is offered as an addition to that ticket; "1" adds it and tells staff', async () => {
    app = await start();
    await say('我老伴住院了 在市二院 可以打电话', { userId: 'f5' });
    const no = (await say('1', { userId: 'f5' })).match(ticketNo)![0];
    app.clock.advance(60 * 60_000); // an hour later: the listening after filing is over
    expect(await say('回复 ' + no + ' 请问您爱人住在哪个科？', { userId: 'staff1' })).toContain('已回复');
    await app.flush();
    app.clock.advance(2 * 60 * 60_000); // read two hours later
    const offer = await app.say('心内科 12床', { userId: 'f5' });
    const text = offer.replies.map((r) => r.text).join('\n');
    expect(text).not.toContain('没太明白');
    expect(text).toContain(no);
    expect(text).toContain('心内科 12床');
    expect(offer.replies.at(-1)!.options?.map((o) => o.key)).toEqual(['1', '2']);
    // nothing written before the "1"
    expect((await app.services.store.tickets.get(no))!.details?.additions).toBeUndefined();
    app.sent.length = 0;
    expect(await say('1', { userId: 'f5' })).toContain(no);
    expect((await app.services.store.tickets.get(no))!.details?.additions).toEqual(['心内科 12床']);
    await app.flush();
    expect(app.sent.some((s) => s.to.chatId === 'staff1' && s.reply.text.includes('心内科 12床'))).toBe(true);
  });

  it('a short answer with a number counts after a reply to any category; "2" makes it a matter of its own', async () => {
    app = await start();
    await say('我要投诉 楼道的灯坏了半个月了', { userId: 'f1' });
    const no = (await say('1', { userId: 'f1' })).match(ticketNo)![0];
    app.clock.advance(60 * 60_000);
    await say(`回复 ${no} 请问是几号楼？`, { userId: 'staff1' });
    expect(await say('5号楼', { userId: 'f1' })).toContain('让工作人员看到吗');
    expect(await say('1', { userId: 'f1' })).toContain('已经补到');
    expect((await app.services.store.tickets.get(no))!.details?.additions).toEqual(['5号楼']);
  });

  it('after a day, or once the ticket is closed, the words go on as before', async () => {
    app = await start();
    await say('我要投诉 楼道的灯坏了半个月了', { userId: 'f2' });
    const no = (await say('1', { userId: 'f2' })).match(ticketNo)![0];
    await say(`回复 ${no} 请问是几号楼？`, { userId: 'staff1' });
    app.clock.advance(25 * 60 * 60_000);
    expect(await say('心内科 12床', { userId: 'f2' })).not.toContain(no);
    await say(`回复 ${no} 请问是几号楼？`, { userId: 'staff1' });
    await say(`关闭 ${no}`, { userId: 'staff1' });
    expect(await say('心内科 12床', { userId: 'f2' })).not.toContain('让工作人员看到吗');
  });
});

describe('M1: a rating said with words', () => {
  it('reads the score and keeps the words; a digit that is no score is none', () => {
    expect(readRatingWithWords('1分 灯还是没修')).toEqual({ value: 1, bare: false, remark: '灯还是没修' });
    expect(readRatingWithWords('灯还是没修，只能给两分')).toEqual({ value: 2, bare: false, remark: '灯还是没修' });
    expect(readRatingWithWords('给1分')).toMatchObject({ value: 1, remark: '' });
    expect(readRatingWithWords('一星')).toMatchObject({ value: 1, remark: '' });
    expect(readRatingWithWords('5分吧')).toMatchObject({ value: 5, remark: '' });
    for (const text of ['等了五分钟', '一分钱都没给', '一星期了还没修', '10分满意', '三分之一的灯不亮', '3号楼灯坏了']) expect(readRatingWithWords(text), text).toBeNull();
  });

  it('"1分 灯还是没修" after the rating question: rated 1, the ticket reopened and the words added; no new draft', async () => {
    app = await start();
    await say('楼道的灯坏了', { userId: 'f1' });
    const no = (await say('1', { userId: 'f1' })).match(ticketNo)![0];
    app.clock.advance(60 * 60_000);
    await say(`关闭 ${no}`, { userId: 'staff1' });
    app.sent.length = 0;
    const r = await app.say('1分 灯还是没修', { userId: 'f1' });
    const text = r.replies.map((x) => x.text).join('\n');
    expect(text).not.toContain('请您核对');
    expect(text).toContain('1 分');
    expect(text).toContain(no);
    const t = (await app.services.store.tickets.get(no))!;
    expect(t.rating).toBe(1);
    expect(t.status).toBe('accepted');
    expect(t.details?.additions).toEqual(['灯还是没修']);
    expect(await app.services.store.tickets.list({})).toHaveLength(1);
    await app.flush();
    expect(app.sent.some((s) => s.to.chatId === 'staff1' && s.reply.text.includes('灯还是没修'))).toBe(true);
  });

  it('"给1分" and "一星" are the rating too', async () => {
    app = await start();
    for (const [user, said] of [['f2', '给1分'], ['f3', '一星']] as const) {
      await say('楼道的灯坏了', { userId: user });
      const no = (await say('1', { userId: user })).match(ticketNo)![0];
      await say(`关闭 ${no}`, { userId: 'staff1' });
      expect(await say(said, { userId: user })).toContain('1 分');
      expect((await app.services.store.tickets.get(no))!).toMatchObject({ rating: 1, status: 'accepted' });
    }
  });
});

describe('M2: a fault told as a grievance is a 投诉', () => {
  it('a fault that keeps coming back, that nobody fixed, or said in anger is a complaint; a fault alone stays 求助', async () => {
    app = await start();
    const { prompts } = app.services;
    for (const text of [
      '俺们楼道的灯坏了半个月了也没人来修 你们管不管',
      '我要反映 三号楼电梯老是坏 上周困了人',
      '家里暖气又不热了',
      '水管漏水 报了好几次了',
      '活动室的空调坏了一个月 也没人来修',
    ]) {
      expect(classifyCategory(text, prompts), text).toBe('complaint');
    }
    for (const text of ['我一个人在家 灯泡坏了够不着 能不能来个人帮帮忙', '家里暖气不热', '电梯停了三天了', '家里停水了，麻烦你们帮帮忙']) {
      expect(classifyCategory(text, prompts), text).toBe('help_request');
    }
    expect(classifyCategory('建议活动室的空调冬天开暖一点 老是不暖和', prompts)).toBe('suggestion');
  });

  it('the summaries of the QA messages say 类别：投诉', async () => {
    app = await start();
    expect(await say('俺们楼道的灯坏了半个月了也没人来修 你们管不管', { userId: 'f1' })).toContain('类别：投诉');
    expect(await say('我要反映 三号楼电梯老是坏 上周困了人', { userId: 'f6' })).toContain('类别：投诉');
    // the router sends this one with 求助 (a fault at home); the skill's rule still sees the grievance
    expect(await say('我家水管爆了 物业没人来 谁能来帮帮我', { userId: 'f9' })).toContain('类别：投诉');
    expect(await say('我家水管爆了 谁能来帮帮我', { userId: 'f10' })).toContain('类别：求助');
  });
});

describe('M3: "我刚才那个住院的报上了没有"', () => {
  it('with a parked report: the report is shown with "回复 1 提交", no policy answer; "1" submits it', async () => {
    app = await start();
    await say('我老伴住院了', { userId: 'g7' });
    await say('住院单位给多少慰问金', { userId: 'g7' });
    await say('好', { userId: 'g7' }); // rates the policy answer; the report stays parked
    const r = await app.say('我刚才那个住院的报上了没有', { userId: 'g7' });
    const text = r.replies.map((x) => x.text).join('\n');
    expect(r.intent).toBe('feedback');
    expect(text).toContain('还没有提交');
    expect(text).toContain('我老伴住院了');
    expect(text).toContain('回复 1 提交');
    expect(text).not.toContain('依据');
    expect(await say('1', { userId: 'g7' })).toMatch(ticketNo);
    const all = await tickets();
    expect(all.map((t) => t.category)).toEqual(['hospitalization']);
  });

  it('in a group, with the wake word, the same; at the summary it shows the summary again', async () => {
    app = await start();
    const g = { userId: 'g1u7', chatId: 'g1', chatType: 'group' as const, mentioned: true };
    await say('小银 我老伴住院了 在市一院 可以打电话', g);
    const again = await say('小银 我刚才那个住院的报上了没有', g);
    expect(again).toContain('还没有提交');
    expect(again).toContain('请您核对');
    expect(again).not.toContain('依据');
    expect(await say('小银 1', g)).toMatch(ticketNo);
    expect((await tickets()).map((t) => t.category)).toEqual(['hospitalization']);
  });

  it('is read only as asking about a submission', () => {
    expect(asksIfSubmitted('我刚才那个住院的报上了没有')).toBe(true);
    expect(asksIfSubmitted('刚才的投诉提交了吗')).toBe(true);
    expect(asksIfSubmitted('住院报销了没有')).toBe(false);
    expect(asksIfSubmitted('慰问金发了没有')).toBe(false);
    expect(asksIfSubmitted('报上了没有')).toBe(false);
  });
});

describe('L1: "查看 编号" of someone else’s ticket', () => {
  it('a retiree is told the number is not found or not theirs, not that the command is for staff', async () => {
    app = await start();
    await say('楼道的灯坏了', { userId: 'f1' });
    const no = (await say('1', { userId: 'f1' })).match(ticketNo)![0];
    const other = await app.say(`查看 ${no}`, { userId: 'f3' });
    expect(other.replies[0]!.text).toContain('查不到这个编号，或不是您提交的');
    expect(other.replies[0]!.text).not.toContain('工作人员用的命令');
    expect(other.replies[0]!.text).not.toContain('楼道');
    expect(other.data).toMatchObject({ refused: true });
    // an unknown number reads the same, so nothing is told of others' tickets
    expect(await say('查看 FK20990101-0001', { userId: 'f3' })).toContain('查不到这个编号，或不是您提交的');
    // staff commands other than looking are still staff-only
    expect(await say(`关闭 ${no}`, { userId: 'f3' })).toContain('工作人员用的命令');
    expect(await say(`查看 ${no}`, { userId: 'f1' })).toContain('现在是');
  });
});

describe('L2: the console names an emergency 紧急求助', () => {
  it('the urgent banner, the queue row, the ticket page and the staff chat say 紧急求助 for an emergency, 住院报告 for a stay', async () => {
    app = await start();
    const emergency = (await say('我老伴刚才在卫生间摔倒了起不来了', { userId: 'f4', userName: '老冯' })).match(ticketNo)![0];
    await say('我老伴住院了 在市一院 可以打电话', { userId: 'f8', userName: '吴姐' });
    const stay = (await say('1', { userId: 'f8' })).match(ticketNo)![0];
    const all = await tickets();
    const urgent = all.filter((t) => t.status === 'new' && t.category === 'hospitalization');
    const page = queuePage(app.services, all, {}, urgent).html;
    const banner = page.slice(page.indexOf('id="urgent"'), page.indexOf('</p>'));
    expect(banner).toContain(`${emergency}（紧急求助，老冯）`);
    expect(banner).toContain(`${stay}（住院报告，吴姐）`);
    expect(banner.indexOf(emergency)).toBeLessThan(banner.indexOf(stay));
    const e = (await app.services.store.tickets.get(emergency))!;
    expect(ticketPage(app.services, e, await app.services.store.tickets.history(emergency), 'csrf').html).toContain('紧急求助');
    expect(await say(`查看 ${emergency}`, { userId: 'staff1' })).toContain('紧急求助');
  });
});

describe('S-L1: CLI errors', () => {
  it('`feedback show FK-bad` / `feedback reply FK-bad …`: one line in Chinese on stderr, non-zero exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yinling-qa5-cli-'));
    const run = (...args: string[]) => spawnCli(args, { DATA_DIR: dir, KNOWLEDGE_DIR: join(dir, 'knowledge'), LOG_LEVEL: 'silent', STORE: 'sqlite' });
    for (const args of [['feedback', 'show', 'FK-bad'], ['feedback', 'reply', 'FK-bad', '你好']]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      const lines = r.stderr.trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toContain('没有找到编号 FK-bad 的工单');
      expect(lines[0]).not.toMatch(/not found/i);
    }
  });
});
