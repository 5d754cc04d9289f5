/**
 * QA round 7 (feedback): NF-H1 a pending rating is not lost to one intervening question; F-N2 a
 * question about the same matter after a staff reply goes to that ticket, not to the policy answers or
 * a new ticket. Every conversation runs on SQLite and, when it answers, on Redis.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type SayOptions, type TestApp } from '../helpers/harness.js';
import { fixedPolicy } from '../helpers/fixed-policy.js';
import { storeKinds } from '../helpers/store-kinds.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { asksAboutMatter } from '../../src/skills/feedback/filed.js';

const ticketNo = /FK\d{8}-\d{4}/;
const DAY = 86_400_000;

const stores = storeKinds();

let app: TestApp | undefined;
afterEach(async () => {
  // Redis stores are closed (and their keys removed) once, after all tests
  if (app && app.services.store instanceof SqliteStore) await app.close();
  app = undefined;
});

const texts = (r: { replies: { text: string }[] }) => r.replies.map((x) => x.text).join('\n');
const REMINDER = '还没打分';

for (const kind of stores) {
  describe.runIf(kind.up)(`on ${kind.name}`, () => {
    async function start(): Promise<TestApp> {
      app = await createTestApp({
        store: await kind.open(),
        config: { STAFF_IDS: 'http:staff1', ...(kind.name === 'Redis' ? { STORE: 'redis' } : {}) },
        policy: fixedPolicy({ text: '离休干部每年可以参加一次健康体检。', noAnswer: /师傅|签字|在家等/ }),
      });
      return app;
    }
    const say = (text: string, opts: SayOptions = {}) => app!.say(text, opts);
    const addActivity = () =>
      app!.services.store.activities.create(
        { title: '象棋比赛', category: '棋牌', startAt: '2026-12-09T06:00:00Z', place: '活动中心', capacity: 10, maxSeatsPerBooking: 2 },
        app!.clock.now(),
      );

    /** Files a 求助 for `userId` (in `opts`' chat), has staff reply and close it: the rating question is pending. */
    async function filedAndClosed(userId: string, opts: SayOptions = {}): Promise<string> {
      await say('我要求助 楼道灯坏了', { userId, ...opts });
      const no = texts(await say('1', { userId, ...opts })).match(ticketNo)![0];
      app!.clock.advance(60 * 60_000);
      await say(`关闭 ${no}`, { userId: 'staff1' });
      await app!.flush();
      expect(app!.sent.at(-1)!.reply.text).toContain('打个分');
      return no;
    }
    const ticket = (no: string) => app!.services.store.tickets.get(no);

    describe('NF-H1: a pending rating survives an intervening question', () => {
      it('a policy answer (no numbered choices) carries the reminder once; the bare "4" after it is the rating', async () => {
        await start();
        const no = await filedAndClosed('a1');
        const answer = await say('离休干部体检一年几次', { userId: 'a1' });
        expect(answer.intent).toBe('policy_query');
        expect(texts(answer)).toContain('离休干部每年可以参加一次健康体检');
        expect(texts(answer)).toContain(REMINDER);
        expect(texts(answer)).toContain(no);
        expect(answer.replies.at(-1)!.text).toMatch(/回复 1～5/);
        const rated = await say('4', { userId: 'a1' });
        expect(rated.intent).toBe('feedback');
        expect(rated.data).toMatchObject({ ticketNo: no, rating: 4 });
        expect(texts(rated)).toContain('谢谢您打了 4 分');
        expect(await ticket(no)).toMatchObject({ rating: 4, status: 'closed' });
        // rated once: "5分" now says so and changes nothing; a bare "5" is no second rating
        const again = await say('5分', { userId: 'a1' });
        expect(texts(again)).toContain('已经给编号');
        expect(texts(again)).toContain('打过 4 分');
        expect(again.data?.rating).toBeUndefined();
        expect((await say('5', { userId: 'a1' })).data?.rating).toBeUndefined();
        expect((await ticket(no))!.rating).toBe(4);
        expect((await app!.services.store.tickets.history(no)).filter((e) => e.kind === 'rating')).toHaveLength(1);
      });

      it('the reminder is given once; a later reply without numbered choices still lets the bare digit rate', async () => {
        await start();
        const no = await filedAndClosed('a2');
        expect(texts(await say('离休干部体检一年几次', { userId: 'a2' }))).toContain(REMINDER);
        const second = await say('体检在哪个医院做', { userId: 'a2' });
        expect(second.intent).toBe('policy_query');
        expect(texts(second)).not.toContain(REMINDER);
        const rated = await say('5', { userId: 'a2' });
        expect(rated.data).toMatchObject({ ticketNo: no, rating: 5 });
        expect((await ticket(no))!.rating).toBe(5);
      });

      it('"好" after the policy answer is that answer\'s 好, not the ticket rating', async () => {
        await start();
        const no = await filedAndClosed('a3');
        await say('离休干部体检一年几次', { userId: 'a3' });
        const good = await say('好', { userId: 'a3' });
        expect(good.intent).toBe('policy_query');
        expect(good.data?.rating).toBeUndefined();
        expect((await ticket(no))!.rating).toBeUndefined();
        expect((await say('3', { userId: 'a3' })).data).toMatchObject({ ticketNo: no, rating: 3 });
      });

      it('an activity list owns the bare digits; the rating stays pending and is asked again after the booking', async () => {
        await start();
        await addActivity();
        const no = await filedAndClosed('a4');
        const list = await say('活动有哪些', { userId: 'a4' });
        expect(list.intent).toBe('activity_list');
        expect(texts(list)).not.toContain(REMINDER);
        const pick = await say('1', { userId: 'a4' });
        expect(pick.intent).toBe('activity_book');
        expect(texts(pick)).toContain('象棋比赛');
        expect(texts(pick)).not.toContain(REMINDER);
        expect((await ticket(no))!.rating).toBeUndefined();
        const booked = await say('1', { userId: 'a4' });
        expect(texts(booked)).toContain('报名成功');
        expect(texts(booked)).toContain(REMINDER);
        expect(await app!.services.store.activities.listByUser('http:a4')).toHaveLength(1);
        expect((await ticket(no))!.rating).toBeUndefined();
        const rated = await say('5', { userId: 'a4' });
        expect(rated.data).toMatchObject({ ticketNo: no, rating: 5 });
        expect(await app!.services.store.activities.listByUser('http:a4')).toHaveLength(1);
      });

      it('the main menu owns "4" (我的报名); the reply to it carries the reminder and the "2" after it is a low rating that reopens', async () => {
        await start();
        const no = await filedAndClosed('a5');
        app!.clock.advance(2 * 3_600_000);
        await say('离休干部体检一年几次', { userId: 'a5' }); // the one reminder
        const menu = await say('0', { userId: 'a5' });
        expect(menu.intent).toBe('help');
        const mine = await say('4', { userId: 'a5' });
        expect(mine.intent).toBe('my_bookings');
        expect((await ticket(no))!.rating).toBeUndefined();
        // the menu's item reply offers no choice of its own: the bare digit is the rating again
        const low = await say('2', { userId: 'a5' });
        expect(low.data).toMatchObject({ ticketNo: no, rating: 2 });
        expect(texts(low)).toContain('工作人员会再联系您');
        expect(await ticket(no)).toMatchObject({ rating: 2, status: 'accepted' });
      });

      it('ratings in words after an intervening question: "不太满意", "满意" under a policy answer, "3分" under a no-answer offer', async () => {
        await start();
        const no1 = await filedAndClosed('w1');
        await say('离休干部体检一年几次', { userId: 'w1' });
        const low = await say('不太满意', { userId: 'w1' });
        expect(low.data).toMatchObject({ ticketNo: no1, rating: 2 });
        expect(await ticket(no1)).toMatchObject({ rating: 2, status: 'accepted' });

        const no2 = await filedAndClosed('w2');
        await say('离休干部体检一年几次', { userId: 'w2' });
        expect((await say('满意', { userId: 'w2' })).data).toMatchObject({ ticketNo: no2, rating: 4 });

        const no3 = await filedAndClosed('w3');
        const none = await say('师傅姓什么啊', { userId: 'w3' }); // no answer: "1. 转给工作人员 2. 不用了"
        expect(texts(none)).toContain('转给工作人员');
        expect(texts(none)).not.toContain(REMINDER);
        const three = await say('3分', { userId: 'w3' });
        expect(three.data).toMatchObject({ ticketNo: no3, rating: 3 });
        expect((await ticket(no3))!.rating).toBe(3);
      });

      it('a bare digit after the day is a menu choice; "4分" after the week says kindly the time is over and records nothing', async () => {
        await start();
        const no = await filedAndClosed('e1');
        app!.clock.advance(8 * DAY);
        const late = await say('4分', { userId: 'e1' });
        expect(late.intent).toBe('feedback');
        expect(texts(late)).toContain('打分的时间过了');
        expect(texts(late)).toContain(no);
        expect(late.data?.rating).toBeUndefined();
        expect(await ticket(no)).toMatchObject({ status: 'closed' });
        expect((await ticket(no))!.rating).toBeUndefined();
      });

      it('no reminder under a word of care; it comes with the next ordinary reply', async () => {
        await start();
        const no = await filedAndClosed('c1');
        const care = await say('心里难受', { userId: 'c1' });
        expect(care.intent).toBe('smalltalk');
        expect(texts(care)).toContain('我在这儿陪着您');
        expect(texts(care)).not.toContain(REMINDER);
        expect((await say('3', { userId: 'c1' })).data?.rating).toBeUndefined();
        const answer = await say('离休干部体检一年几次', { userId: 'c1' });
        expect(texts(answer)).toContain(REMINDER);
        expect((await say('5', { userId: 'c1' })).data).toMatchObject({ ticketNo: no, rating: 5 });
      });

      it('in a group: the answer to "小银 …" carries the reminder and the person\'s un-addressed "4" is the rating', async () => {
        await start();
        const g = { chatId: 'room7', chatType: 'group' as const, channel: 'wechat' as const };
        const no = await filedAndClosed('g1', { ...g, mentioned: true });
        app!.clock.advance(10 * 60_000);
        const answer = await say('小银 离休干部体检一年几次', { userId: 'g1', ...g });
        expect(answer.intent).toBe('policy_query');
        expect(texts(answer)).toContain(REMINDER);
        expect((await say('4', { userId: 'someone', ...g })).dropped).toBe('not_addressed');
        const rated = await say('4', { userId: 'g1', ...g });
        expect(rated.data).toMatchObject({ ticketNo: no, rating: 4 });
        expect((await ticket(no))!.rating).toBe(4);
      });
    });

    describe('F-N2: a question about the same matter after a staff reply', () => {
      /** Files "楼道灯坏了" for `userId` and has staff reply "明天上午派师傅去修". */
      async function filedAndReplied(userId: string, opts: SayOptions = {}): Promise<string> {
        await say('我要求助 楼道灯坏了', { userId, ...opts });
        const no = texts(await say('1', { userId, ...opts })).match(ticketNo)![0];
        app!.clock.advance(60 * 60_000);
        expect(texts(await say(`回复 ${no} 明天上午派师傅去修`, { userId: 'staff1' }))).toContain('已回复');
        await app!.flush();
        return no;
      }

      it('private chat: "师傅几点能到？" is offered to the ticket; "1" adds it, tells staff, and their answer comes back to the chat', async () => {
        await start();
        const no = await filedAndReplied('p1');
        const offer = await say('师傅几点能到？', { userId: 'p1' });
        expect(offer.intent).toBe('feedback');
        expect(texts(offer)).toContain(no);
        expect(texts(offer)).toContain('让工作人员看到吗');
        expect(texts(offer)).toContain('不是这件事');
        const sentBefore = app!.sent.length;
        const added = await say('1', { userId: 'p1' });
        expect(texts(added)).toContain('已经补到');
        expect((await ticket(no))!.details?.additions).toEqual(['师傅几点能到？']);
        expect(await app!.services.store.tickets.list({})).toHaveLength(1);
        await app!.flush();
        const toStaff = app!.sent.slice(sentBefore).filter((s) => s.to.chatId === 'staff1');
        expect(toStaff.map((s) => s.reply.text).join('\n')).toContain('师傅几点能到');
        // staff answer on the same ticket; it reaches the same chat
        await say(`回复 ${no} 九点左右到`, { userId: 'staff1' });
        await app!.flush();
        expect(app!.sent.at(-1)!.to).toMatchObject({ chatId: 'p1', chatType: 'private' });
        expect(app!.sent.at(-1)!.reply.text).toContain('九点左右到');
      });

      it('"那要我在家等着吗" and "修好了要我签字不" are offered too, one after the other; none becomes a ticket or a policy answer', async () => {
        await start();
        const no = await filedAndReplied('p2');
        const first = await say('那要我在家等着吗', { userId: 'p2' });
        expect(first.intent).toBe('feedback');
        expect(texts(first)).toContain(no);
        expect(texts(await say('1', { userId: 'p2' }))).toContain('已经补到');
        const second = await say('修好了要我签字不', { userId: 'p2' });
        expect(second.intent).toBe('feedback');
        expect(texts(second)).toContain(no);
        expect(texts(await say('1', { userId: 'p2' }))).toContain('已经补到');
        expect((await ticket(no))!.details?.additions).toEqual(['那要我在家等着吗', '修好了要我签字不']);
        expect(await app!.services.store.tickets.list({})).toHaveLength(1);
      });

      it('"2" (不是这件事) asks the question on its own: the policy reply, no feedback draft, nothing added', async () => {
        await start();
        const no = await filedAndReplied('p3');
        await say('师傅几点能到？', { userId: 'p3' });
        const other = await say('2', { userId: 'p3' });
        expect(other.intent).toBe('policy_query');
        expect(texts(other)).not.toContain('请您核对');
        expect((await ticket(no))!.details?.additions).toBeUndefined();
        expect(await app!.services.store.tickets.list({})).toHaveLength(1);
      });

      it('a question about something else still goes where it went: a policy question, the activity list, a booking', async () => {
        await start();
        await addActivity();
        const no = await filedAndReplied('p4');
        const policy = await say('离休干部体检一年几次', { userId: 'p4' });
        expect(policy.intent).toBe('policy_query');
        expect(texts(policy)).toContain('离休干部每年可以参加一次健康体检');
        expect(texts(policy)).not.toContain(no);
        await say('0', { userId: 'p4' });
        const list = await say('活动有哪些', { userId: 'p4' });
        expect(list.intent).toBe('activity_list');
        const book = await say('我想报名象棋比赛', { userId: 'p4' });
        expect(book.intent).toBe('activity_book');
        expect((await ticket(no))!.details?.additions).toBeUndefined();
        expect(await app!.services.store.tickets.list({})).toHaveLength(1);
      });

      it('in a group: the person the reply reached may ask without 小银 (one offer); others and other questions stay where they were', async () => {
        await start();
        const g = { chatId: 'room8', chatType: 'group' as const, channel: 'wechat' as const };
        const no = await filedAndReplied('q1', { ...g, mentioned: true });
        expect(app!.sent.at(-1)!.to).toMatchObject({ chatId: 'room8' });
        app!.clock.advance(10 * 60_000);
        // someone else asking the same is talk among the members
        expect((await say('师傅几点能到？', { userId: 'q2', ...g })).dropped).toBe('not_addressed');
        const offer = await say('师傅几点能到？', { userId: 'q1', ...g });
        expect(offer.dropped).toBeUndefined();
        expect(texts(offer)).toContain(no);
        const added = await say('1', { userId: 'q1', ...g });
        expect(texts(added)).toContain('已经补到');
        expect((await ticket(no))!.details?.additions).toEqual(['师傅几点能到？']);
        // a policy question addressed to 小银 is answered as one; the same un-addressed is group talk
        const policy = await say('小银 离休干部体检一年几次', { userId: 'q1', ...g });
        expect(policy.intent).toBe('policy_query');
        app!.clock.advance(10 * 60_000);
        expect((await say('离休干部体检一年几次', { userId: 'q1', ...g })).dropped).toBe('not_addressed');
        expect(await app!.services.store.tickets.list({})).toHaveLength(1);
      });

      it('in a group, addressed: "小银 那要我在家等着吗" is offered to the ticket', async () => {
        await start();
        const g = { chatId: 'room9', chatType: 'group' as const, channel: 'wechat' as const };
        const no = await filedAndReplied('q3', { ...g, mentioned: true });
        const offer = await say('小银 那要我在家等着吗', { userId: 'q3', ...g });
        expect(offer.intent).toBe('feedback');
        expect(texts(offer)).toContain(no);
      });
    });
  });
}

describe('asksAboutMatter', () => {
  const matter = '我要求助 楼道灯坏了\n明天上午派师傅去修';
  it('reads questions about who comes, when, the person\'s part, or the matter\'s own words', () => {
    for (const text of ['师傅几点能到？', '那要我在家等着吗', '修好了要我签字不', '师傅来之前要给我打电话吗', '楼道那个灯能换个亮点的吗', '修灯要钱吗']) expect(asksAboutMatter(text, matter), text).toBe(true);
  });
  it('leaves rule questions, bookings, the staff contact and unrelated questions alone', () => {
    for (const text of ['离休干部体检一年几次', '体检一年几次', '活动有哪些', '你们电话多少', '明天下雨吗', '今天天气怎么样', '慰问金什么时候发', '活动中心几点开门', '退休的修灯要钱吗']) {
      expect(asksAboutMatter(text, matter), text).toBe(false);
    }
    // a statement is no question: it goes the addition's own way
    expect(asksAboutMatter('师傅来过了 灯亮了', matter)).toBe(false);
  });
});
