/**
 * QA round 8 (feedback): F-H1 a digit typed beside praise is the rating; F-L1 a rating said with words
 * writes nothing into the ticket unless something real was said; F-M1 a hospital stay told beside a
 * policy question is offered as a report; F-L2 a hospital report's 内容 does not repeat its fields; and
 * the chat side of the store's rate-once guard. Every conversation runs on SQLite and, when it
 * answers, on Redis.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type SayOptions, type TestApp } from '../helpers/harness.js';
import { fixedPolicy } from '../helpers/fixed-policy.js';
import { storeKinds } from '../helpers/store-kinds.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { readRatingWithWords } from '../../src/skills/feedback/rating.js';
import { hospitalNews } from '../../src/skills/feedback/hospital-offer.js';
import { hospitalReportContent } from '../../src/skills/feedback/content.js';
import { firstMessageDetails } from '../../src/skills/feedback/classify.js';

const ticketNo = /FK\d{8}-\d{4}/;
const OFFER = '要不要把住院的事报给单位';
const REMARK_ADDED = '您说的话已经记到';

const stores = storeKinds();

let app: TestApp | undefined;
afterEach(async () => {
  // Redis stores are closed (and their keys removed) once, after all tests
  if (app && app.services.store instanceof SqliteStore) await app.close();
  app = undefined;
});

const texts = (r: { replies: { text: string }[] }) => r.replies.map((x) => x.text).join('\n');

describe('reading a rating said with words (no store)', () => {
  it('F-H1: a digit typed beside praise or thanks wins over the words; the words alone still read as before', () => {
    expect(readRatingWithWords('挺好的 谢谢你们 5')).toMatchObject({ value: 5, remark: '' });
    expect(readRatingWithWords('很满意 5')).toMatchObject({ value: 5, remark: '' });
    expect(readRatingWithWords('很满意5！')).toMatchObject({ value: 5, remark: '' });
    expect(readRatingWithWords('5 很满意 谢谢')).toMatchObject({ value: 5, remark: '' });
    expect(readRatingWithWords('谢谢你们 5')).toMatchObject({ value: 5, remark: '' });
    expect(readRatingWithWords('不太满意 3')).toMatchObject({ value: 3, remark: '' });
    // the controls of the report
    expect(readRatingWithWords('5分 挺好')).toMatchObject({ value: 5, remark: '' });
    expect(readRatingWithWords('五分')).toMatchObject({ value: 5, remark: '' });
    expect(readRatingWithWords('不太满意 2分吧')).toMatchObject({ value: 2, remark: '' });
    // no digit: the praise reading stays (QA6 F-N1)
    expect(readRatingWithWords('挺好的 谢谢你们')).toMatchObject({ value: 4, bare: true, remark: '' });
    // a digit of a number or a place is no score, and beside other words a digit alone is none
    for (const text of ['3号楼灯坏了', '2 号楼灯不亮', '住了15天了', '等了五分钟', '10分满意']) expect(readRatingWithWords(text), text).toBeNull();
  });

  it('F-L1: praise and thanks beside a score are no remark; real content is', () => {
    expect(readRatingWithWords('很满意 师傅人很好 服务很周到')).toMatchObject({ value: 5, remark: '' });
    expect(readRatingWithWords('谢谢你们 挺好的 5')).toMatchObject({ value: 5, remark: '' });
    expect(readRatingWithWords('3分 灯还是一闪一闪的')).toMatchObject({ value: 3, remark: '灯还是一闪一闪的' });
    expect(readRatingWithWords('很满意 5 灯还是一闪一闪的')).toMatchObject({ value: 5, remark: '灯还是一闪一闪的' });
    expect(readRatingWithWords('不太满意 灯泡还是我儿子换的')).toMatchObject({ value: 2, remark: '灯泡还是我儿子换的' });
  });
});

describe('what a message tells of a stay in hospital (no store)', () => {
  it('F-M1: news of someone in particular in hospital now, without the question beside it', () => {
    expect(hospitalNews('我老伴住院了 住院看望慰问金给多少')).toBe('我老伴住院了');
    expect(hospitalNews('我住院了单位来看不')).toBe('我住院了');
    expect(hospitalNews('我老伴昨天住进了市人民医院，慰问金多少')).toBe('我老伴昨天住进了市人民医院');
    for (const text of ['离休干部住院了单位会来看望吗', '要是我住院了单位给多少慰问金', '我老伴上次住院的发票丢了怎么办', '我老伴出院了 慰问金还能领吗', '住院看望慰问金给多少']) {
      expect(hospitalNews(text), text).toBeNull();
    }
  });

  it('F-L2: the 内容 of a first message leaves out the parts kept as fields', () => {
    const content = (text: string) => hospitalReportContent(text, firstMessageDetails(text));
    expect(content('我住院了 在省医 不用打电话')).toBe('我住院了');
    expect(content('我老伴住院了 协和 可以')).toBe('我老伴住院了');
    expect(content('我妈住院了在省医')).toBe('我妈住院了');
    expect(content('我住院了，在县医院，不用打电话了')).toBe('我住院了');
    expect(content('我老伴住院了 在市人民医院 可以打电话 他血压也高')).toBe('我老伴住院了 他血压也高');
    // the place is part of what happened, and nothing else is a field: kept as said
    expect(content('我老伴住进了市人民医院')).toBe('我老伴住进了市人民医院');
    expect(content('我老伴住院了')).toBe('我老伴住院了');
    expect(content('我老伴住院了 不知道送哪个医院了')).toBe('我老伴住院了 不知道送哪个医院了');
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

    /** Files a complaint for `userId`, has staff close it: the rating question is pending. */
    async function filedAndClosed(userId: string, opts: { addition?: string } = {}): Promise<string> {
      await say('我要投诉 楼道的灯坏了半个月了', { userId });
      const no = texts(await say('1', { userId })).match(ticketNo)![0];
      if (opts.addition) {
        // "这是第三次了" right after submitting, written in with "1" (as in the QA run)
        expect(texts(await say(opts.addition, { userId }))).toContain(no);
        await say('1', { userId });
        expect((await ticket(no))!.details?.additions).toEqual([opts.addition]);
      }
      app!.clock.advance(60 * 60_000);
      await say(`关闭 ${no}`, { userId: 'staff1' });
      await app!.flush();
      expect(app!.sent.at(-1)!.reply.text).toContain('打个分');
      return no;
    }

    describe('F-H1 / F-L1: the typed digit is the rating, and a rating alone adds nothing to the ticket', () => {
      it('"挺好的 谢谢你们 5" records 5 (not 4) and writes nothing into the ticket', async () => {
        await start();
        const no = await filedAndClosed('h1', { addition: '这是第三次了' });
        const rated = await say('挺好的 谢谢你们 5', { userId: 'h1' });
        expect(rated.data).toMatchObject({ ticketNo: no, rating: 5 });
        expect(texts(rated)).toContain('谢谢您打了 5 分');
        expect(texts(rated)).not.toContain(REMARK_ADDED);
        const t = (await ticket(no))!;
        expect(t.rating).toBe(5);
        expect(t.details?.additions).toEqual(['这是第三次了']);
        const events = (await app!.services.store.tickets.history(no)).filter((e) => e.kind === 'rating');
        expect(events.map((e) => e.to)).toEqual(['5']);
      });

      it('the controls: "5分 挺好" 5, "五分" 5, "不太满意 2分吧" 2, "很满意 5" 5 — none adds words to the ticket', async () => {
        await start();
        for (const [user, said, value] of [['c1', '5分 挺好', 5], ['c2', '五分', 5], ['c3', '不太满意 2分吧', 2], ['c4', '很满意 5', 5]] as const) {
          const no = await filedAndClosed(user);
          const rated = await say(said, { userId: user });
          expect(rated.data, said).toMatchObject({ ticketNo: no, rating: value });
          expect(texts(rated), said).not.toContain(REMARK_ADDED);
          const t = (await ticket(no))!;
          expect(t.rating, said).toBe(value);
          expect(t.details?.additions, said).toBeUndefined();
        }
      });

      it('"3分 灯还是一闪一闪的" records 3 and the words as an addition, and the reply says so', async () => {
        await start();
        const no = await filedAndClosed('r3');
        const rated = await say('3分 灯还是一闪一闪的', { userId: 'r3' });
        expect(rated.data).toMatchObject({ ticketNo: no, rating: 3 });
        expect(texts(rated)).toContain(REMARK_ADDED);
        expect(texts(rated)).toContain(no);
        expect((await ticket(no))!.details?.additions).toEqual(['灯还是一闪一闪的']);
      });
    });

    describe('store guard: a ticket is rated once', () => {
      it('a rating recorded meanwhile (another instance) is kept: the chat says it was rated, nothing changes', async () => {
        await start();
        const no = await filedAndClosed('s1');
        // the other instance took "5分" a moment before this one reads "4"
        const other = await app!.services.store.tickets.setRating(no, 5, 'user:http:s1', app!.clock.now());
        expect(other?.rated).toBe(true);
        const late = await say('4', { userId: 's1' });
        expect(texts(late)).toContain('打过 5 分');
        expect(texts(late)).not.toContain('谢谢您打了 4 分');
        expect((await ticket(no))!.rating).toBe(5);
        expect((await app!.services.store.tickets.history(no)).filter((e) => e.kind === 'rating')).toHaveLength(1);
      });

      it('a ticket reopened by a low score and closed again is not asked for a second rating', async () => {
        await start();
        const no = await filedAndClosed('s2');
        expect((await say('2', { userId: 's2' })).data).toMatchObject({ ticketNo: no, rating: 2 });
        expect((await ticket(no))!.status).toBe('accepted');
        app!.clock.advance(3_600_000);
        await say(`关闭 ${no}`, { userId: 'staff1' });
        await app!.flush();
        const told = app!.sent.at(-1)!;
        expect(told.to.chatId).toBe('s2');
        expect(told.reply.text).toContain(no);
        expect(told.reply.text).toContain('已办结');
        expect(told.reply.text).not.toContain('打个分');
        expect(told.reply.options).toBeUndefined();
        expect((await say('5分', { userId: 's2' })).data?.rating).toBeUndefined();
        expect((await ticket(no))!.rating).toBe(2);
      });
    });

    describe('F-M1: a hospital stay told beside a policy question', () => {
      it('the answer offers the report; "1" starts it with what was said; the ticket is an urgent hospital report', async () => {
        await start();
        const asked = await say('我老伴住院了 住院看望慰问金给多少', { userId: 'm1' });
        expect(asked.intent).toBe('policy_query');
        expect(texts(asked)).toContain('送慰问金500元');
        expect(texts(asked)).toContain(OFFER);
        expect(asked.replies.at(-1)!.text).toMatch(/回复 1 报给单位/);
        expect(asked.replies.at(-1)!.options).toEqual(expect.arrayContaining([{ key: '1', label: '报给单位' }]));
        expect(await app!.services.store.tickets.list({})).toHaveLength(0);
        const started = await say('1', { userId: 'm1' });
        expect(started.intent).toBe('feedback');
        expect(texts(started)).toContain('请问住在哪家医院');
        const summary = await say('省医 可以', { userId: 'm1' });
        expect(texts(summary)).toContain('内容：我老伴住院了\n');
        expect(texts(summary)).toContain('医院：省医');
        expect(texts(summary)).toContain('可以来电：可以');
        const sentBefore = app!.sent.length;
        const filed = await say('1', { userId: 'm1' });
        const no = texts(filed).match(ticketNo)![0];
        expect(await ticket(no)).toMatchObject({ category: 'hospitalization', text: '我老伴住院了', details: { hospital: '省医', mayCall: true } });
        await app!.flush();
        expect(app!.sent.slice(sentBefore).some((s) => s.to.chatId === 'staff1' && s.reply.text.includes(no))).toBe(true);
      });

      it('"报给单位" takes it too; the offer outlives "更多" once; "不用了" declines; another question withdraws it', async () => {
        await start();
        await say('我住院了 住院了单位给多少慰问金', { userId: 'm2' });
        expect(texts(await say('报给单位', { userId: 'm2' }))).toContain('请问住在哪家医院');

        expect(texts(await say('我老伴住院了 住院看望慰问金给多少', { userId: 'm3' }))).toContain(OFFER);
        const more = await say('更多', { userId: 'm3' });
        expect(texts(more)).toContain(OFFER);
        expect(texts(await say('1', { userId: 'm3' }))).toContain('请问住在哪家医院');

        expect(texts(await say('我老伴住院了 住院看望慰问金给多少', { userId: 'm4' }))).toContain(OFFER);
        const no = await say('不用了', { userId: 'm4' });
        expect(no.data).toMatchObject({ hospitalOffer: 'declined' });
        expect(texts(no)).toContain('不报了');

        expect(texts(await say('我老伴住院了 住院看望慰问金给多少', { userId: 'm5' }))).toContain(OFFER);
        const other = await say('体检一年几次', { userId: 'm5' });
        expect(other.intent).toBe('policy_query');
        expect(texts(other)).not.toContain(OFFER);
        expect((await say('1', { userId: 'm5' })).data?.hospitalOffer).toBeUndefined();
        expect(await app!.services.store.tickets.list({ category: 'hospitalization' })).toHaveLength(0);
      });

      it('no offer for a rule question about nobody in particular, a case, or after a hospital report was filed', async () => {
        await start();
        for (const text of ['离休干部住院了单位会来看望吗', '要是我住院了单位给多少慰问金']) {
          const r = await say(text, { userId: 'n1' });
          expect(r.intent, text).toBe('policy_query');
          expect(texts(r), text).not.toContain(OFFER);
        }
        await say('我老伴住院了 在省医 可以打电话', { userId: 'n2' });
        expect(texts(await say('1', { userId: 'n2' }))).toMatch(ticketNo);
        const later = await say('我老伴住院了 住院看望慰问金给多少', { userId: 'n2' });
        expect(later.intent).toBe('policy_query');
        expect(texts(later)).not.toContain(OFFER);
      });

      it('with a ticket rating pending, the offer owns the "1": the report starts and no rating is recorded', async () => {
        await start();
        const no = await filedAndClosed('m6');
        const asked = await say('我老伴住院了 住院看望慰问金给多少', { userId: 'm6' });
        expect(texts(asked)).toContain(OFFER);
        expect(texts(asked)).not.toContain('还没打分');
        const started = await say('1', { userId: 'm6' });
        expect(texts(started)).toContain('请问住在哪家医院');
        expect(started.data?.rating).toBeUndefined();
        expect((await ticket(no))!.rating).toBeUndefined();
      });

      it('in a group, the person answered may take the offer with a bare "1"; others\' "1" is group talk', async () => {
        await start();
        const g = { chatId: 'room8', chatType: 'group' as const, channel: 'wechat' as const };
        const asked = await say('小银 我老伴住院了 住院看望慰问金给多少', { userId: 'gm1', ...g });
        expect(texts(asked)).toContain(OFFER);
        expect((await say('1', { userId: 'gm2', ...g })).dropped).toBe('not_addressed');
        expect(texts(await say('1', { userId: 'gm1', ...g }))).toContain('请问住在哪家医院');
      });
    });

    describe('F-L2: a hospital report states each fact once', () => {
      it('"我住院了 在省医 不用打电话": 内容 我住院了, 医院 省医, 可以来电 不用 — in the summary and the ticket', async () => {
        await start();
        const summary = await say('我住院了 在省医 不用打电话', { userId: 'l1' });
        expect(texts(summary)).toContain('内容：我住院了\n医院：省医\n可以来电：不用');
        const no = texts(await say('1', { userId: 'l1' })).match(ticketNo)![0];
        expect(await ticket(no)).toMatchObject({ text: '我住院了', details: { hospital: '省医', mayCall: false } });
      });

      it('what else was said stays in the content: "我老伴住院了 在市人民医院 可以打电话 他血压也高"', async () => {
        await start();
        const summary = await say('我老伴住院了 在市人民医院 可以打电话 他血压也高', { userId: 'l2' });
        expect(texts(summary)).toContain('内容：我老伴住院了 他血压也高\n医院：市人民医院\n可以来电：可以');
      });
    });
  });
}
