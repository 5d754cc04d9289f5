/** Feedback conversations through the whole pipeline: ticket creation, hospital follow-up, staff commands, rating. */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { closeTicket, replyToTicket } from '../../src/skills/feedback/actions.js';
import { parseHospitalAnswer, classifyCategory } from '../../src/skills/feedback/classify.js';
import { parseRating } from '../../src/skills/feedback/index.js';
import { formatDateTime } from '../../src/skills/feedback/format.js';

const STAFF = { config: { STAFF_IDS: 'wechat:wxid_staff,telegram:777' } };
let app: TestApp;
afterEach(async () => app?.close());

const ticketNo = /FK\d{8}-\d{4}/;

describe('feedback conversation', () => {
  it('turns a web chat complaint into a ticket after confirmation', async () => {
    app = await createTestApp();
    const r1 = await app.say('我要投诉，小区门口的路灯坏了一个月了没人修', { userName: '张老' });
    expect(r1.intent).toBe('feedback');
    expect(r1.replies[0]!.text).toContain('投诉');
    expect(r1.replies[0]!.text).toContain('回复 1 确认提交，回复 2 取消');
    expect(await app.services.store.tickets.list()).toHaveLength(0); // nothing written before "1"
    const r2 = await app.say('1');
    const no = r2.replies[0]!.text.match(ticketNo)?.[0];
    expect(no).toBe('FK20261201-0001');
    expect(r2.data).toMatchObject({ ticketNo: no, category: 'complaint' });
    const t = await app.services.store.tickets.get(no!);
    expect(t).toMatchObject({ userId: 'http:u1', userName: '张老', category: 'complaint', status: 'new', chat: { channel: 'http', chatId: 'u1' } });
    expect(t!.text).toContain('路灯坏了');
    // the dialog is over: the next "1" is the main-menu policy choice, not a second ticket
    await app.say('1');
    expect(await app.services.store.tickets.list()).toHaveLength(1);
  });

  it('asks for the matter when only "我要反映问题" is said, and cancels with 2', async () => {
    app = await createTestApp();
    const r1 = await app.say('我要反映问题');
    expect(r1.replies[0]!.text).toContain('具体');
    const r2 = await app.say('希望活动中心能增加一些书法课');
    expect(r2.replies[0]!.text).toContain('建议');
    const r3 = await app.say('2');
    expect(r3.replies[0]!.text).toContain('取消');
    expect(await app.services.store.tickets.list()).toHaveLength(0);
  });

  it('menu 3 asks for the matter and the next message becomes feedback', async () => {
    app = await createTestApp();
    const r1 = await app.say('3');
    expect(r1.intent).toBe('feedback');
    expect(r1.replies[0]!.text).toContain('意见');
    const r2 = await app.say('家里水管漏水了，我一个人弄不了');
    expect(r2.replies[0]!.text).toContain('求助');
  });

  it('a hospital report asks one follow-up, then alerts every STAFF_IDS chat at once', async () => {
    app = await createTestApp(STAFF);
    const r1 = await app.say('我老伴住院了', { userName: '王老' });
    expect(r1.intent).toBe('feedback');
    expect(r1.replies[0]!.text).toContain('哪家医院');
    expect(r1.replies[0]!.text).toContain('打电话');
    const r2 = await app.say('市人民医院，可以');
    expect(r2.replies[0]!.text).toContain('市人民医院');
    expect(r2.replies[0]!.text).toContain('可以来电：可以');
    const r3 = await app.say('1');
    const no = r3.replies[0]!.text.match(ticketNo)![0];
    const t = await app.services.store.tickets.get(no);
    expect(t).toMatchObject({ category: 'hospitalization', details: { hospital: '市人民医院', mayCall: true } });
    await app.flush();
    const alerts = app.sent.filter((s) => s.reply.text.includes(no));
    expect(alerts.map((a) => `${a.to.channel}:${a.to.chatId}`).sort()).toEqual(['telegram:777', 'wechat:wxid_staff']);
    expect(alerts[0]!.reply.text).toContain('住院报告');
  });

  it('a complaint about a hospital stay stays a complaint', async () => {
    app = await createTestApp();
    const r = await app.say('我要投诉，上次住院的时候护士态度很差');
    expect(r.replies[0]!.text).toContain('类别：投诉');
  });

  it('accepts "不用" alone as the follow-up answer and records the hospital as unknown', async () => {
    app = await createTestApp();
    await app.say('我住院了');
    const r = await app.say('不用');
    expect(r.replies[0]!.text).toContain('可以来电：不用');
    expect(r.replies[0]!.text).toContain('医院：未说明');
    await app.say('确认');
    expect((await app.services.store.tickets.list())[0]!.details).toEqual({ mayCall: false });
  });

  it('a repeated confirmation (same messageId) returns the same ticket', async () => {
    app = await createTestApp();
    await app.say('投诉：食堂饭菜太咸了', { messageId: 'orig-1' });
    const a = await app.say('1', { messageId: 'c-1' });
    await app.say('投诉：食堂饭菜太咸了', { messageId: 'orig-1' }); // redelivered: dropped as a duplicate
    expect(await app.services.store.tickets.list()).toHaveLength(1);
    expect(a.replies[0]!.text).toMatch(ticketNo);
  });

  it('staff reply from the private chat reaches the retiree; close asks for a rating that is stored', async () => {
    app = await createTestApp(STAFF);
    await app.say('我要投诉，楼道灯坏了', { userId: 'r1', chatId: 'room1', chatType: 'group', channel: 'wechat', mentioned: true, userName: '李老' });
    const done = await app.say('1', { userId: 'r1', chatId: 'room1', chatType: 'group', channel: 'wechat', mentioned: true });
    const no = done.replies[0]!.text.match(ticketNo)![0];

    const staffSays = (text: string) => app.say(text, { userId: 'wxid_staff', channel: 'wechat' });
    const r = await staffSays(`回复 ${no} 已安排电工明天上午去修`);
    expect(r.replies[0]!.text).toContain('已回复');
    await app.flush();
    const toRetiree = app.sent.find((s) => s.to.chatId === 'room1');
    expect(toRetiree?.reply.text).toContain('已安排电工明天上午去修');
    expect(toRetiree?.to).toMatchObject({ channel: 'wechat', chatType: 'group', userId: 'r1' });
    expect((await app.services.store.tickets.get(no))?.status).toBe('replied');

    const list = await staffSays('工单');
    expect(list.replies[0]!.text).toContain('待办');

    await staffSays(`关闭 ${no}`);
    await app.flush();
    const ask = app.sent.find((s) => s.to.chatId === 'room1' && s.reply.text.includes('打个分'));
    expect(ask?.reply.options?.map((o) => o.key)).toEqual(['1', '2', '3', '4', '5']);
    expect(ask?.reply.text).toContain('直接回复 1～5');
    // In the group, a plain "5" from the person asked is taken (no @ needed); others' "5" is not.
    const other = await app.say('5', { userId: 'someone', chatId: 'room1', chatType: 'group', channel: 'wechat' });
    expect(other.dropped).toBe('not_addressed');
    const rated = await app.say('5', { userId: 'r1', chatId: 'room1', chatType: 'group', channel: 'wechat' });
    expect(rated.replies[0]!.text).toContain('5 分');
    const t = await app.services.store.tickets.get(no);
    expect(t?.rating).toBe(5);
    expect(t?.status).toBe('closed');
    const kinds = (await app.services.store.tickets.history(no)).map((e) => `${e.kind}:${e.actor}`);
    expect(kinds).toEqual(['created:user:wechat:r1', 'reply:wechat:wxid_staff', 'status:wechat:wxid_staff', 'status:wechat:wxid_staff', 'rating:user:wechat:r1']);
  });

  it('refuses staff commands to non-staff and in groups (even from a staff member)', async () => {
    app = await createTestApp(STAFF);
    await app.say('投诉：电梯坏了');
    const no = (await app.say('1')).replies[0]!.text.match(ticketNo)![0];
    const outsider = await app.say(`回复 ${no} 我来冒充工作人员`, { userId: 'someone', channel: 'wechat' });
    expect(outsider.replies[0]!.text).toContain('工作人员用的命令');
    const inGroup = await app.say(`关闭 ${no}`, { userId: 'wxid_staff', channel: 'wechat', chatType: 'group', chatId: 'room9', mentioned: true });
    expect(inGroup.replies[0]!.text).toContain('工作人员用的命令');
    const t = await app.services.store.tickets.get(no);
    expect(t?.status).toBe('new');
    expect(await app.services.store.tickets.history(no)).toHaveLength(1);
    // the retiree may still look up their own ticket
    const own = await app.say(`查看 ${no}`);
    expect(own.replies[0]!.text).toContain('待受理');
  });

  it('a reply written by the CLI/console function is queued and delivered to the ticket chat', async () => {
    app = await createTestApp();
    await app.say('建议：希望多组织书画展', { userId: 'tg1', channel: 'telegram' });
    const no = (await app.say('1', { userId: 'tg1', channel: 'telegram' })).replies[0]!.text.match(ticketNo)![0];
    await replyToTicket(app.services, no, '谢谢您的建议，下月安排', 'cli:li');
    await closeTicket(app.services, no, 'cli:li');
    await app.flush();
    const texts = app.sent.filter((s) => s.to.channel === 'telegram' && s.to.chatId === 'tg1').map((s) => s.reply.text);
    expect(texts[0]).toContain('谢谢您的建议，下月安排');
    expect(texts[1]).toContain('打个分');
    const rated = await app.say('四分', { userId: 'tg1', channel: 'telegram' });
    expect(rated.replies[0]!.text).toContain('4');
    expect((await app.services.store.tickets.get(no))?.rating).toBe(4);
  });

  it('a non-rating answer after closing goes to the router and leaves the ticket unrated', async () => {
    app = await createTestApp();
    await app.say('投诉：暖气不热');
    const no = (await app.say('1')).replies[0]!.text.match(ticketNo)![0];
    await closeTicket(app.services, no, 'cli:li');
    const r = await app.say('你好');
    expect(r.intent).toBe('smalltalk');
    expect((await app.services.store.tickets.get(no))?.rating).toBeUndefined();
  });
});

describe('feedback parsing', () => {
  it('classifies categories by keywords', async () => {
    app = await createTestApp();
    const p = app.services.prompts;
    expect(classifyCategory('我要投诉物业', p)).toBe('complaint');
    expect(classifyCategory('建议多开几个书法班', p)).toBe('suggestion');
    expect(classifyCategory('家里停水了，麻烦你们帮帮忙', p)).toBe('help_request');
    expect(classifyCategory('我爱人昨天住院了', p)).toBe('hospitalization');
    expect(classifyCategory('随便说说', p)).toBe('other');
    expect(classifyCategory('我要投诉，住院的时候护士态度很差', p)).toBe('complaint');
    expect(classifyCategory('我住院了，医生建议做手术', p)).toBe('hospitalization');
  });

  it('reads hospital answers', () => {
    expect(parseHospitalAnswer('市人民医院')).toEqual({ hospital: '市人民医院' });
    expect(parseHospitalAnswer('可以', { followUp: true })).toEqual({ mayCall: true });
    expect(parseHospitalAnswer('不用', { followUp: true })).toEqual({ mayCall: false });
    expect(parseHospitalAnswer('我住进了市第一人民医院，不方便接电话')).toEqual({ hospital: '市第一人民医院', mayCall: false });
    expect(parseHospitalAnswer('协和，可以打电话', { wholeTextIsHospital: true })).toEqual({ hospital: '协和', mayCall: true });
  });

  it('reads ratings', () => {
    expect(['5', '5分', '五星', '打3分', '2 分。'].map(parseRating)).toEqual([5, 5, 5, 3, 2]);
    expect(parseRating('6')).toBeNull();
    expect(parseRating('谢谢')).toBeNull();
  });

  it('formats dates for elderly readers in Asia/Shanghai', async () => {
    app = await createTestApp();
    expect(formatDateTime('2026-12-03T06:00:00Z', 'Asia/Shanghai', app.services.prompts)).toBe('12月3日（周四）下午2:00');
    expect(formatDateTime('2026-12-03T01:30:00Z', 'Asia/Shanghai', app.services.prompts)).toBe('12月3日（周四）上午9:30');
  });
});
