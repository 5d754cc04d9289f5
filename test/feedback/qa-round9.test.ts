/**
 * QA round 9 (feedback): F-H2 a stale "补上" offer never swallows the rating; F-M3 a plain statement at
 * a summary is an addition; F-M5 words right after a submission or a staff reply; F-M4 questions about
 * the feedback process; F-L3 / F-L4 the words stored. Every conversation runs on SQLite and, when it
 * answers, on Redis.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type SayOptions, type TestApp } from '../helpers/harness.js';
import { fixedPolicy } from '../helpers/fixed-policy.js';
import { storeKinds } from '../helpers/store-kinds.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { readRatingWithWords } from '../../src/skills/feedback/rating.js';
import { additionOf, asksSomething } from '../../src/skills/feedback/addition.js';
import { asksAboutProcess, asksWhenAnswered } from '../../src/skills/feedback/process.js';

const ticketNo = /FK\d{8}-\d{4}/;
const ADD_OFFER = '要把这句话补到';

const stores = storeKinds();

let app: TestApp | undefined;
afterEach(async () => {
  if (app && app.services.store instanceof SqliteStore) await app.close();
  app = undefined;
});

const texts = (r: { replies: { text: string }[] }) => r.replies.map((x) => x.text).join('\n');

describe('F-L3: the words beside a rating, without the score\'s own words (no store)', () => {
  it('a particle after the score and whom it is given to are cut; what was said stays whole', () => {
    expect(readRatingWithWords('4分吧 师傅来得挺快')).toMatchObject({ value: 4, remark: '师傅来得挺快' });
    expect(readRatingWithWords('师傅来过了 修好了 给你们打五分')).toMatchObject({ value: 5, remark: '师傅来过了 修好了' });
    expect(readRatingWithWords('给你们打个五分吧 灯修好了')).toMatchObject({ value: 5, remark: '灯修好了' });
    expect(readRatingWithWords('修好了 我给5分')).toMatchObject({ value: 5, remark: '修好了' });
    expect(readRatingWithWords('师傅来得挺快 4分吧')).toMatchObject({ value: 4, remark: '师傅来得挺快' });
    // unchanged
    expect(readRatingWithWords('灯修好了 5分')).toMatchObject({ value: 5, remark: '灯修好了' });
    expect(readRatingWithWords('只能给两分 还是漏水')).toMatchObject({ value: 2, remark: '还是漏水' });
    expect(readRatingWithWords('灯还是没修 给1分')).toMatchObject({ value: 1, remark: '灯还是没修' });
    expect(readRatingWithWords('不太满意 2分吧')).toMatchObject({ value: 2, remark: '' });
    for (const text of ['等了五分钟', '3号楼灯坏了']) expect(readRatingWithWords(text), text).toBeNull();
  });
});

describe('F-M3: 还是 meaning "still" is no question (no store)', () => {
  it('statements with 还是 are additions; choice questions stay questions', () => {
    for (const text of ['对了 那天还是下着雨去的', '灯还是不亮', '还是没人来修', '还是那个灯坏了']) expect(asksSomething(text), text).toBe(false);
    for (const text of ['去医院还是在家呢', '是你们来还是我去', '灯还是不亮吗', '还是没人来修？', '住院看望是几天内', '那天还是下着雨去的 能算吗']) expect(asksSomething(text), text).toBe(true);
    expect(additionOf('对了 那天还是下着雨去的')).toBe('那天还是下着雨去的');
    expect(additionOf('灯还是不亮')).toBe('灯还是不亮');
  });
});

describe('F-M4: questions about the feedback process (no store)', () => {
  it('asked of the process: a rule question; a matter with a question beside it: a report', () => {
    for (const text of ['意见提了不满意咋办', '我的意见会不会被别人知道', '投诉了会不会被打击报复', '提意见有哪些渠道', '我提的建议被采纳了有表扬吗', '对办理结果不满意怎么办', '反映的问题多久能给答复']) {
      expect(asksAboutProcess(text), text).toBe(true);
    }
    for (const text of ['我要投诉 楼道灯坏了半个月了 什么时候修', '我对办理结果不满意 你们根本没解决', '我想反映一下 意见箱坏了怎么办', '楼道的灯坏了', '我提的意见办得怎么样了']) {
      expect(asksAboutProcess(text), text).toBe(false);
    }
    expect(asksWhenAnswered('那个钢琴班的事 你们啥时候回我')).toBe(true);
    expect(asksWhenAnswered('对了还有一楼的灯也不亮')).toBe(false);
  });
});

for (const kind of stores) {
  describe.runIf(kind.up)(`on ${kind.name}`, () => {
    async function start(): Promise<TestApp> {
      app = await createTestApp({
        store: await kind.open(),
        config: { STAFF_IDS: 'http:staff1', ...(kind.name === 'Redis' ? { STORE: 'redis' } : {}) },
        policy: fixedPolicy({ text: '离休干部住院的，送慰问金500元；退休干部住院的，送慰问金300元。' }),
      });
      return app;
    }
    const say = (text: string, opts: SayOptions = {}) => app!.say(text, opts);
    const ticket = (no: string) => app!.services.store.tickets.get(no);

    describe('F-H2: an unanswered "补上" offer does not swallow the rating', () => {
      it('"5" to the rating question records 5 (V2 of the report)', async () => {
        await start();
        const u = { userId: 'h2' };
        await say('我要反映 活动中心的桌子坏了', u);
        const no = texts(await say('1', u)).match(ticketNo)![0];
        const offered = await say('活动中心的桌子坏了', u);
        expect(texts(offered)).toContain(ADD_OFFER);
        app!.clock.advance(5 * 60_000);
        await say(`回复 ${no} 明天派人去修`, { userId: 'staff1' });
        await say(`关闭 ${no}`, { userId: 'staff1' });
        await app!.flush();
        expect(app!.sent.at(-1)!.reply.text).toContain('打个分');
        const rated = await say('5', u);
        expect(texts(rated)).toContain('谢谢您打了 5 分');
        expect(texts(rated)).not.toContain('没太明白');
        expect(rated.data).toMatchObject({ ticketNo: no, rating: 5 });
        expect((await ticket(no))!.rating).toBe(5);
        // the stale offer is over: a later "1" adds nothing to the ticket
        await say('1', u);
        expect((await ticket(no))!.details?.additions).toBeUndefined();
      });

      it('"4分吧 师傅来得挺快" with the offer left over (V1): rated 4, the words kept whole; no staff reply needed', async () => {
        await start();
        const u = { userId: 'h2b' };
        await say('我要反映 活动中心的桌子坏了', u);
        const no = texts(await say('1', u)).match(ticketNo)![0];
        expect(texts(await say('活动中心的桌子坏了', u))).toContain(ADD_OFFER);
        app!.clock.advance(2 * 60_000);
        await say(`关闭 ${no}`, { userId: 'staff1' });
        const rated = await say('4分吧 师傅来得挺快', u);
        expect(rated.data).toMatchObject({ ticketNo: no, rating: 4 });
        expect((await ticket(no))!.details?.additions).toEqual(['师傅来得挺快']);
      });

      it('a question after a staff reply is offered to the ticket though an older offer was left unanswered', async () => {
        await start();
        const u = { userId: 'h2c' };
        await say('我要反映 活动中心的桌子坏了', u);
        const no = texts(await say('1', u)).match(ticketNo)![0];
        expect(texts(await say('活动中心的桌子坏了', u))).toContain(ADD_OFFER);
        app!.clock.advance(5 * 60_000);
        await say(`回复 ${no} 明天上午派师傅去修`, { userId: 'staff1' });
        const asked = await say('师傅几点能到？', u);
        expect(texts(asked)).toContain(no);
        expect(texts(asked)).toContain('师傅几点能到');
        await say('1', u);
        expect((await ticket(no))!.details?.additions).toEqual(['师傅几点能到？']);
      });

      it('control: an offer answered before the close adds, and the rating after it is taken as before', async () => {
        await start();
        const u = { userId: 'h2d' };
        await say('我要反映 活动中心的桌子坏了', u);
        const no = texts(await say('1', u)).match(ticketNo)![0];
        expect(texts(await say('这是第三次了', u))).toContain(ADD_OFFER);
        expect(texts(await say('1', u))).toContain(no);
        expect((await ticket(no))!.details?.additions).toEqual(['这是第三次了']);
        app!.clock.advance(5 * 60_000);
        await say(`回复 ${no} 已经修好了`, { userId: 'staff1' });
        await say(`关闭 ${no}`, { userId: 'staff1' });
        expect((await say('5分', u)).data).toMatchObject({ ticketNo: no, rating: 5 });
      });
    });

    describe('F-M3: a statement at a complaint summary is more of the matter', () => {
      it('"对了 那天还是下着雨去的" is appended and the summary shown again; "1" files one complaint with it', async () => {
        await start();
        const u = { userId: 'm3' };
        const first = await say('俺要投诉 上回报名了讲座 到了人家说没我名字', u);
        expect(texts(first)).toContain('类别：投诉');
        const added = await say('对了 那天还是下着雨去的', u);
        expect(texts(added)).toContain('那天还是下着雨去的');
        expect(texts(added)).toContain('回复 1 确认提交');
        expect(texts(added)).not.toContain('政策文件里没有找到');
        expect(texts(added)).not.toContain('先给您留着');
        const filed = await say('1', u);
        const no = texts(filed).match(ticketNo)![0];
        const t = (await ticket(no))!;
        expect(t.category).toBe('complaint');
        expect(t.text).toContain('到了人家说没我名字');
        expect(t.text).toContain('那天还是下着雨去的');
        expect(await app!.services.store.tickets.list({})).toHaveLength(1);
      });

      it('"灯还是不亮" at a summary is appended too; a question of its own still parks the report', async () => {
        await start();
        await say('我要投诉 楼道的灯坏了半个月了', { userId: 'm3b' });
        const added = await say('灯还是不亮', { userId: 'm3b' });
        expect(texts(added)).toContain('灯还是不亮');
        expect(texts(added)).toContain('回复 1 确认提交');
        await say('我要投诉 楼道的灯坏了半个月了', { userId: 'm3c' });
        const asked = await say('住院看望慰问金给多少', { userId: 'm3c' });
        expect(texts(asked)).toContain('送慰问金500元');
      });
    });

    describe('F-M5: words right after a submission or a staff reply', () => {
      it('"真是的 这都坏了一个礼拜了" right after submitting is offered as an addition; "1" writes it', async () => {
        await start();
        const u = { userId: 'm5' };
        await say('我要反映 活动中心的饮水机坏了', u);
        const no = texts(await say('1', u)).match(ticketNo)![0];
        const offered = await say('真是的 这都坏了一个礼拜了', u);
        expect(texts(offered)).toContain(ADD_OFFER);
        expect(texts(offered)).toContain(no);
        expect(texts(offered)).not.toContain('请您核对');
        await say('1', u);
        expect((await ticket(no))!.details?.additions).toEqual(['真是的 这都坏了一个礼拜了']);
        expect(await app!.services.store.tickets.list({})).toHaveLength(1);
      });

      it('said in two messages ("真是的" not understood, then "这都坏了一个礼拜了"): the second is offered, not a new summary', async () => {
        await start();
        const u = { userId: 'm5b' };
        await say('我要反映 活动中心的饮水机坏了', u);
        const no = texts(await say('1', u)).match(ticketNo)![0];
        await say('真是的', u);
        const offered = await say('这都坏了一个礼拜了', u);
        expect(texts(offered)).toContain(ADD_OFFER);
        expect(texts(offered)).toContain(no);
        expect(texts(offered)).not.toContain('请您核对');
        await say('1', u);
        expect((await ticket(no))!.details?.additions).toEqual(['这都坏了一个礼拜了']);
      });

      it('"谢谢 几点来" after a staff reply is offered to the ticket, also when an older offer was left unanswered', async () => {
        await start();
        for (const [user, leftOver] of [['m5c', false], ['m5d', true]] as const) {
          const u = { userId: user };
          await say('我妈住院了 在市人民医院 可以打电话', u);
          const no = texts(await say('1', u)).match(ticketNo)![0];
          if (leftOver) expect(texts(await say('她血压也高', u))).toContain(ADD_OFFER);
          app!.clock.advance(10 * 60_000);
          await say(`回复 ${no} 明天上午去医院看望您母亲`, { userId: 'staff1' });
          const asked = await say('谢谢 几点来', u);
          expect(texts(asked), user).toContain(no);
          expect(texts(asked), user).toContain('谢谢 几点来');
          expect(texts(asked), user).not.toContain('不客气');
          await say('1', u);
          expect((await ticket(no))!.details?.additions, user).toEqual(['谢谢 几点来']);
        }
      });
    });

    describe('F-M4: a question about the feedback process is answered, not filed', () => {
      it('"意见提了不满意咋办" and "投诉了会不会被打击报复" go to the policy answers: no summary, no ticket', async () => {
        await start();
        for (const text of ['意见提了不满意咋办', '投诉了会不会被打击报复', '提意见有哪些渠道']) {
          const r = await say(text, { userId: 'p4' });
          expect(r.data?.intent, text).toBe('policy_query');
          expect(texts(r), text).toContain('送慰问金500元'); // the fixed policy answer of this app
          expect(texts(r), text).not.toContain('请您核对');
          expect((await say('1', { userId: 'p4' })).data?.ticketNo, text).toBeUndefined();
        }
        expect(await app!.services.store.tickets.list({ category: 'complaint' })).toHaveLength(0);
        expect(await app!.services.store.tickets.list({ category: 'suggestion' })).toHaveLength(0);
      });

      it('controls: a complaint with a question beside it, or a complaint about the outcome, is still a summary', async () => {
        await start();
        expect(texts(await say('我要投诉 楼道灯坏了半个月了 什么时候修', { userId: 'p4b' }))).toContain('类别：投诉');
        expect(texts(await say('我对办理结果不满意 你们根本没解决', { userId: 'p4c' }))).toContain('请您核对');
      });

      it('"那个钢琴班的事 你们啥时候回我" at the summary: not submitted yet, the summary again; "1" files it', async () => {
        await start();
        const u = { userId: 'p4d' };
        expect(texts(await say('给你们提个建议 老年大学能不能开个钢琴班', u))).toContain('类别：建议');
        const asked = await say('那个钢琴班的事 你们啥时候回我', u);
        expect(texts(asked)).toContain('还没有提交');
        expect(texts(asked)).toContain('工作人员会在这里回复您');
        expect(texts(asked)).toContain('类别：建议');
        expect(asked.intent).not.toBe('activity_list');
        const no = texts(await say('1', u)).match(ticketNo)![0];
        expect((await ticket(no))!.category).toBe('suggestion');
      });
    });

    describe('F-L4: the words stored', () => {
      it('filler before the matter is left out of the 内容; the request words stay as the summary tests ask', async () => {
        await start();
        await say('我要反映问题', { userId: 'l4' });
        const summary = await say('就是那个 活动中心的空调不制冷', { userId: 'l4' });
        expect(texts(summary)).toContain('内容：活动中心的空调不制冷\n');
        const no = texts(await say('1', { userId: 'l4' })).match(ticketNo)![0];
        expect((await ticket(no))!.text).toBe('活动中心的空调不制冷');
        expect(texts(await say('我要投诉 就是那个 楼道灯坏了半个月了', { userId: 'l4b' }))).toContain('内容：我要投诉 楼道灯坏了半个月了\n');
        expect(texts(await say('我要反映小区门口的台阶坏了', { userId: 'l4c' }))).toContain('内容：我要反映小区门口的台阶坏了\n');
      });
    });
  });
}
