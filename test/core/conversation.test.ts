/** The skeleton's conversations in Chinese: greeting, menu, digits, fallback, handoff. */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';

const FOOTER = '回复 0 回主菜单，回复 9 找工作人员';
let app: TestApp;
afterEach(async () => app?.close());

describe('conversation', () => {
  it('greets "你好" as smalltalk and ends with the way out', async () => {
    app = await createTestApp();
    const r = await app.say('你好');
    expect(r.intent).toBe('smalltalk');
    expect(r.replies.at(-1)!.text.endsWith(FOOTER)).toBe(true);
  });

  it('shows the numbered main menu for "菜单" and "0"', async () => {
    app = await createTestApp();
    for (const text of ['菜单', '0', '/help']) {
      const r = await app.say(text);
      expect(r.intent).toBe('help');
      expect(r.replies[0]!.options?.map((o) => o.key)).toEqual(['1', '2', '3', '4', '9']);
      expect(r.replies[0]!.text).toContain('1. 政策咨询');
    }
  });

  it('menu "1" asks for the question and hands the next message to the policy skill', async () => {
    app = await createTestApp();
    const first = await app.say('1');
    expect(first.intent).toBe('policy_query');
    expect(first.replies[0]!.text).toContain('政策');
    const second = await app.say('2');
    expect(second.intent).toBe('activity_list'); // a menu digit leaves the prompt
    await app.say('1');
    const third = await app.say('体检');
    expect(third.intent).toBe('policy_query');
  });

  it('asks a clarifying question with numbered choices when unsure, then offers staff', async () => {
    app = await createTestApp();
    const r = await app.say('😀😀😀');
    expect(r.intent).toBe('unknown');
    expect(r.replies[0]!.options!.length).toBeGreaterThanOrEqual(2);
    expect(r.replies[0]!.text).toContain('1.');
    const again = await app.say('🙂');
    expect(again.intent).toBe('unknown');
    expect(again.replies[0]!.text).toContain('工作人员');
  });

  it('a clarifying choice runs the chosen skill', async () => {
    app = await createTestApp();
    const r = await app.say('👍👍');
    expect(r.intent).toBe('unknown');
    const options = r.replies[0]!.options!;
    const pick = options.findIndex((o) => o.label === '看活动');
    expect(pick).toBeGreaterThanOrEqual(0);
    const choice = await app.say(String(pick + 1));
    expect(choice.intent).toBe('activity_list');
  });

  it('hands off to staff with the contact and confirms before writing anything', async () => {
    app = await createTestApp({ config: { STAFF_CONTACT: '张老师 0000-1234' } });
    const r = await app.say('转人工');
    expect(r.intent).toBe('human_handoff');
    expect(r.replies[0]!.text).toContain('张老师 0000-1234');
    expect(r.replies[0]!.options?.map((o) => o.key)).toEqual(['1', '2']);
    const no = await app.say('不用了');
    expect(no.replies[0]!.text).toContain('好的');
  });

  it('the dialog state lives in the store: a flow survives a new handler on the same store', async () => {
    app = await createTestApp();
    await app.say('转人工');
    const state = await app.services.store.getDialog('http:u1:u1', app.clock.now());
    expect(state?.flow).toBe('handoff.confirm');
    app.clock.advance(31 * 60_000);
    expect(await app.services.store.getDialog('http:u1:u1', app.clock.now())).toBeNull();
  });

  it('"0" leaves any flow', async () => {
    app = await createTestApp();
    await app.say('转人工');
    const r = await app.say('0');
    expect(r.intent).toBe('help');
    expect(await app.services.store.getDialog('http:u1:u1', app.clock.now())).toBeNull();
  });
});

describe('handoff ticket', () => {
  it('"转人工" then "1" opens a handoff ticket and alerts the staff on duty', async () => {
    app = await createTestApp({ config: { STAFF_IDS: 'wechat:staff-li' } });
    await app.say('转人工', { userName: '王老' });
    const r = await app.say('1');
    const no = String(r.data?.ticketNo);
    expect(no).toMatch(/^FK\d{8}-\d{4}$/);
    expect(r.replies[0]!.text).toContain(no);
    const ticket = await app.services.store.tickets.get(no);
    expect(ticket).toMatchObject({ category: 'handoff', userId: 'http:u1', status: 'new' });
    await app.flush();
    expect(app.sent.some((m) => m.to.channel === 'wechat' && m.to.chatId === 'staff-li' && m.reply.text.includes(no))).toBe(true);
  });
});

describe('handoff ticket text', () => {
  it('keeps what the person asked on the call-back ticket', async () => {
    app = await createTestApp();
    await app.say('我爸耳朵不好，能不能让工作人员直接打电话给他');
    const r = await app.say('1');
    const ticket = await app.services.store.tickets.get(String(r.data?.ticketNo));
    expect(ticket?.text).toContain('耳朵不好');
  });
});

describe('clarify without a question', () => {
  it('"？？？" then "1. 问政策" asks for the question instead of searching "？？？"', async () => {
    app = await createTestApp();
    const r = await app.say('？？？');
    const pick = r.replies[0]!.options!.findIndex((o) => o.label === '问政策');
    const asked = await app.ask(String(pick + 1));
    expect(asked).toContain('请直接说出您想了解的政策');
    expect(asked).not.toContain('没有找到');
  });

  it('"更多" with nothing to continue shows the menu', async () => {
    app = await createTestApp();
    expect((await app.say('更多')).intent).toBe('help');
  });
});
