/**
 * Routing defects from the QA round (A4, B1/F15, B2/F16, B5/F20, C2/E14, D2/E18, D3/E09, D4/E04, O20):
 * each tester's sentence plus differently worded members of the same class.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { createRouter } from '../../src/app.js';
import { Prompts } from '../../src/core/prompts.js';
import { parseConfig } from '../../src/config.js';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import type { Llm } from '../../src/llm/types.js';
import { smalltalk } from '../../src/skills/core/smalltalk.js';

const router = createRouter({ prompts: Prompts.load('prompts'), config: parseConfig({}) });
const route = (t: string) => router.routeOffline(t);
const intents = (texts: string[]) => texts.map((t) => [t, route(t).intent]);
const all = (texts: string[], intent: string) => texts.map((t) => [t, intent]);

describe('router: questions about rules, amounts and counts are policy questions (A4)', () => {
  it('a question about when a raise is paid is not about one\'s bookings (什么时候补 ≠ 候补)', () => {
    const qs = ['涨的退休金啥时候补给我', '离休费涨的钱什么时候补发', '补贴啥时候补给我们'];
    expect(intents(qs)).toEqual(all(qs, 'policy_query'));
    // the waitlist itself is still the bookings
    expect(route('我候补排到第几了').intent).toBe('my_bookings');
  });

  it('how many courses / times the rules allow is policy, even with 报 in it', () => {
    const qs = ['老年大学一学期能报几门课', '老年大学每人最多能选几个班', '一个学期可以上几门课'];
    expect(intents(qs)).toEqual(all(qs, 'policy_query'));
    // signing up stays a booking
    for (const t of ['我要报书法班', '报名老年大学书法班', '帮我报两门课']) expect(route(t).intent, t).toBe('activity_book');
  });

  it('concessions (老年票, 打折, 免票) and questions naming no activity are not activity lists', () => {
    const qs = ['坐高铁有没有老年票 能打折不', '坐公交车老年人能免票吗', '逛公园有没有老年优惠', '老年代步车能上牌照吗', '电动三轮车能不能上路'];
    expect(intents(qs)).toEqual(all(qs, 'policy_query'));
    expect(route('最近有什么活动').intent).toBe('activity_list');
    expect(route('有没有下棋的活动').intent).toBe('activity_list');
  });

  it('a question about what the unit does is policy; a stay with the hospital named is a report', () => {
    const qs = ['俺是离休的 住院了单位啥时候来看俺', '我是退休的 住院了局里几天内来看我', '我住院了 按规定单位会派人来看吗'];
    expect(intents(qs)).toEqual(all(qs, 'policy_query'));
    expect(route('我老伴住院了，在市一院，单位什么时候来看')).toMatchObject({ intent: 'feedback', slots: { category: 'hospitalization' } });
    expect(route('老李住院了 在三院 局里能去看看他吗').intent).toBe('feedback');
  });

  it('age limits, deadlines, what is required and lost cards are rules, not bookings or cancellations', () => {
    const qs = ['俺82了还能报名去参观考察不？', '我七十多岁了还能报老年大学吗', '报了名去不了 最晚啥时候取消？', '身体不舒服去不了团拜会要提前几天说？', '俺76了参加外出活动必须家属陪着吗？', '活动证丢了能补不？'];
    expect(intents(qs)).toEqual(all(qs, 'policy_query'));
    expect(route('我82了 想报名参观考察').intent).toBe('activity_book');
    expect(route('明天的讲座去不了了，帮我取消').intent).toBe('activity_cancel');
    expect(route('讲座去不了了').intent).toBe('activity_cancel');
  });

  it('a yes/no clause in the middle and counts like 几星 are questions', () => {
    const qs = ['今年没去体检 明年能补上吗 或者折成钱给我', '今年的体检没做 能折成现金吗 还是作废了', '志愿者一年干满100个小时算几星', '志愿服务满300小时算几星级'];
    expect(intents(qs)).toEqual(all(qs, 'policy_query'));
  });
});

describe('router: reports and complaints (B1, B2, D2)', () => {
  it('"我要反映 …" and a heating / appliance fault are feedback', () => {
    const ts = ['我要反映 家里暖气不热', '俺要反映 家里空调不制冷', '我想反映 活动室的暖气片一直不热'];
    expect(intents(ts)).toEqual(all(ts, 'feedback'));
  });

  it('急诊, ICU, 120 and 抢救 are hospital words', () => {
    for (const t of ['老头子昨晚送急诊了 现在在市一院ICU', '老伴刚叫了120送急诊', '我爸在重症监护室']) {
      expect(route(t), t).toMatchObject({ intent: 'feedback', slots: { category: 'hospitalization' } });
    }
  });

  it('insults are feedback marked angry (answered with an apology), not a policy search', () => {
    for (const t of ['你们这帮人都是废物 什么都不管', '一群饭桶 吃干饭的', '你们简直就是垃圾']) {
      expect(route(t), t).toMatchObject({ intent: 'feedback', slots: { angry: true } });
    }
    expect(route('你们什么都不管').intent).toBe('feedback');
    // garbage is still a complaint about garbage
    expect(route('楼道里的垃圾好几天没人收').slots.angry).toBeUndefined();
  });
});

describe('router: asking how a reported matter is going (B5)', () => {
  it('goes to the ticket-status lookup', () => {
    for (const t of ['我提的意见办得怎么样了', '我上次反映的问题有结果了吗', '我投诉的事处理了没有', '我的工单进度']) {
      expect(route(t), t).toMatchObject({ intent: 'feedback', slots: { ticketStatus: true } });
    }
  });
  it('a complaint about the delay stays a new complaint', () => {
    expect(route('我反映的问题一直没人管')).toMatchObject({ intent: 'feedback' });
    expect(route('我反映的问题一直没人管').slots.ticketStatus).toBeUndefined();
  });
});

describe('router: digits, symbols, English, scams (D3, D4, O20)', () => {
  it('digits and signs outside a numbered choice are unclear, never a question', () => {
    for (const t of ['-1', '0000', '？？？？', '...', '5+5']) expect(route(t).intent, t).toBe('unknown');
    expect(route('１')).toMatchObject({ intent: 'policy_query', source: 'menu' }); // a menu digit is still the menu
  });

  it('digits and signs are not sent to the LLM either (it could only guess a question)', async () => {
    const asked: string[] = [];
    const llm = { route: async (t: string) => (asked.push(t), { intent: 'policy_query', confidence: 0.9, slots: {}, source: 'llm' }) } as unknown as Llm;
    const withLlm = createRouter({ prompts: Prompts.load('prompts'), llm, config: parseConfig({}) });
    expect((await withLlm.route('-1')).intent).toBe('unknown');
    expect(asked).toEqual([]);
  });

  it('English only gets the "I read Chinese" reply; command words and mixed questions keep their route', () => {
    for (const t of ['How much is the annual medical checkup for retired cadres?', 'When is the next lecture', 'what about my pension']) {
      expect(route(t), t).toMatchObject({ intent: 'smalltalk', slots: { talk: 'not_chinese' } });
    }
    expect(route('hello').intent).toBe('smalltalk');
    expect(route('hello').slots.talk).toBeUndefined();
    expect(route('/help').intent).toBe('help');
    expect(route('I want to book').intent).toBe('activity_book');
    expect(route('我想问一下 checkup 体检 多少 money').intent).toBe('policy_query');
  });

  it('a scam (bank card, code, safe account, prize fee asked by a caller) gets the safety reply', () => {
    const ts = [
      '有人打电话说帮我领补贴要我银行卡号 是真的吗',
      '接到个电话自称是老干部局的 让我把验证码告诉他',
      '短信说我中奖了 要先交手续费',
      '有人让我把钱转到安全账户',
      '接到冒充公安的电话咋办',
    ];
    for (const t of ts) expect(route(t), t).toMatchObject({ intent: 'smalltalk', slots: { talk: 'scam' } });
    // a question about one's own bank card is a policy question, an anti-fraud lecture an activity
    expect(route('离休费打到哪张银行卡').intent).toBe('policy_query');
    expect(route('报名防诈骗讲座').intent).toBe('activity_book');
  });
});

let app: TestApp;
afterEach(async () => app?.close());
const text = (r: { replies: { text: string }[] }) => r.replies.map((x) => x.text).join('\n');

describe('conversation: the policy mode after "0 → 1" (C2/E14)', () => {
  it('a booking, a cancellation, a hospital report or a staff command leaves the mode', async () => {
    app = await createTestApp({ config: { STAFF_IDS: 'http:staff' } });
    for (const [t, intent] of [
      ['报名讲座', 'activity_book'],
      ['取消报名', 'activity_cancel'],
      ['我老伴住院了', 'feedback'],
      ['最近有什么活动', 'activity_list'],
    ] as const) {
      await app.say('0');
      expect((await app.say('1')).intent).toBe('policy_query');
      expect((await app.say(t)).intent, t).toBe(intent);
    }
    await app.say('1', { userId: 'staff' });
    const staff = await app.say('活动管理', { userId: 'staff' });
    expect(staff.intent).toBe('activity_list');
    expect(text(staff)).not.toContain('依据');
  });

  it('a question stays a policy question', async () => {
    app = await createTestApp();
    await app.say('1');
    expect((await app.say('报名活动能带老伴一起不')).intent).toBe('policy_query');
    await app.say('1');
    expect((await app.say('体检')).intent).toBe('policy_query');
  });
});

describe('conversation: stray digits never make a ticket (D3/E09)', () => {
  it('the tester\'s sequence asks, and no ticket is created', async () => {
    app = await createTestApp();
    const results = [];
    for (const t of ['5', '8', '99', '1', '-1', '１', '0000']) results.push(await app.say(t));
    expect(results[4]!.intent).toBe('unknown'); // "-1" in the policy mode: asked, not searched
    expect(text(results[4]!)).not.toContain('您问的');
    expect(await app.services.store.tickets.list()).toEqual([]);
  });

  it('symbols after menu "3" are not a matter either', async () => {
    app = await createTestApp();
    await app.say('3');
    const r = await app.say('？？');
    expect(r.intent).toBe('unknown');
    expect(await app.services.store.tickets.list()).toEqual([]);
  });
});

describe('conversation: "确认" to a clarifying question is not a second miss (F15)', () => {
  it('asks for the number again, and the number then works', async () => {
    app = await createTestApp();
    const first = await app.say('👍👍');
    expect(first.intent).toBe('unknown');
    const again = await app.say('确认');
    expect(again.intent).toBe('unknown');
    expect(text(again)).toContain('请回复编号');
    expect(text(again)).not.toContain('还是没能明白');
    const pick = again.replies[0]!.options!.findIndex((o) => o.label === '看活动');
    expect((await app.say(String(pick + 1))).intent).toBe('activity_list');
  });

  it('"我要反映 家里暖气不热" shows the feedback summary', async () => {
    app = await createTestApp();
    const r = await app.say('我要反映 家里暖气不热');
    expect(r.intent).toBe('feedback');
    expect(text(r)).toContain('暖气不热');
  });
});

describe('conversation: angry messages, ticket status, English, scams (D2, B5, D4, O20)', () => {
  it('an insult gets an apology, is never repeated, and the next message is the complaint', async () => {
    app = await createTestApp();
    const r = await app.say('你们这帮人都是废物 什么都不管');
    expect(r.intent).toBe('feedback');
    expect(text(r)).toContain('对不起');
    expect(text(r)).not.toContain('废物');
    expect(text(r)).not.toContain('您问的');
    const next = await app.say('家里暖气一个月都不热了');
    expect(next.intent).toBe('feedback');
    expect(text(next)).toContain('暖气一个月都不热了');
    expect(await app.services.store.tickets.list()).toEqual([]); // nothing written before "1"
  });

  it('"我提的意见办得怎么样了" shows the latest own ticket, or how to look one up', async () => {
    app = await createTestApp();
    const none = await app.say('我提的意见办得怎么样了');
    expect(none.intent).toBe('feedback');
    expect(text(none)).toContain('查看 编号');
    const summary = await app.say('我想提个建议：活动中心周一也开放吧');
    expect(text(summary)).toContain('请您核对');
    await app.say('1');
    const [ticket] = await app.services.store.tickets.list();
    expect(ticket).toBeDefined();
    const status = await app.say('我提的意见办得怎么样了');
    expect(status.intent).toBe('feedback');
    expect(text(status)).toContain(ticket!.no);
    expect(text(status)).not.toContain('没有找到明确的说法');
    // another person does not see it
    expect(text(await app.say('我反映的问题有结果了吗', { userId: 'u2' }))).not.toContain(ticket!.no);
  });

  it('English gets a kind reply in Chinese, not a truncated "not found"', async () => {
    app = await createTestApp();
    const r = await app.say('How much is the annual medical checkup for retired cadres?');
    expect(text(r)).toContain('中文');
    expect(text(r)).not.toContain('您问的');
  });

  it('a scam question gets the safety reply', async () => {
    app = await createTestApp();
    const r = await app.say('有人打电话说帮我领补贴要我银行卡号 是真的吗');
    expect(text(r)).toContain('验证码');
    expect(text(r)).toContain('9');
  });
});

/**
 * Second QA round (M3, M9, L10) and the lead's health questions: each tester's sentence plus
 * differently worded members of the same class, and their neighbours that must keep their route.
 */
describe('router: a rule asked during a stay is a question, a stay told is a report (M3)', () => {
  it('who pays (先垫, 押金, 自费, 能报不) is policy, even from the person in hospital', () => {
    const qs = ['俺是离修干部住院了钱要自己先垫不', '我老伴住院了 住院押金要自己先交吗', '老头子住院了医药费要不要自己垫', '我住院了这钱能报不', '俺住院了 自费的药能报不'];
    expect(intents(qs)).toEqual(all(qs, 'policy_query'));
  });
  it('a stay told, a request to tell the unit, or money trouble stays a hospital report', () => {
    for (const t of ['老伴住院了要不要跟单位说一声', '我老伴住院了 钱不够 能不能帮帮忙', '我爸住院了 在人民医院 你们能来看看吗', '老伴住院了要报销']) {
      expect(route(t), t).toMatchObject({ intent: 'feedback', slots: { category: 'hospitalization' } });
    }
  });
});

describe('router: asking whether what one receives can be swapped is a rule, not a suggestion (M3)', () => {
  it('"我想问问…能不能换成别的", "能不能折成现金" are policy questions', () => {
    const qs = ['哎呀我想问问这个生日蛋糕我不爱吃能不能换成别的', '请问春节慰问品不想要能不能折成现金', '生日蛋糕能不能换成鲜花', '中秋的月饼我吃不了 可以换成别的吗'];
    expect(intents(qs)).toEqual(all(qs, 'policy_query'));
  });
  it('a change asked of the bureau is still a suggestion', () => {
    for (const t of ['能不能把讲座改到上午', '字太小了看不清，能不能把字弄大点', '活动室空调能不能早点开']) expect(route(t).intent, t).toBe('feedback');
  });
});

describe('router: seats of an activity are the activity list (M3)', () => {
  it('还有位置/名额, 满了没, 还能报吗 about an activity go to the list with the seats left', () => {
    const qs = ['下周三的书法班还有位置吗', '书法班还有名额吗', '明天的讲座满了没', '象棋比赛还有位子不', '下周的春游还能参加吗'];
    expect(intents(qs)).toEqual(all(qs, 'activity_list'));
  });
  it('with a request to sign up it is the booking; without an activity it is a rule', () => {
    for (const t of ['书法班还能报吗？我想参加', '那个旅游的还有位置不 有的话给我留一个', '摄影班还有名额吗？有的话给我报一个']) expect(route(t).intent, t).toBe('activity_book');
    for (const t of ['种牙能报吗', '在外地突然病了没来得及备案 回来还能报不']) expect(route(t).intent, t).toBe('policy_query');
  });
});

describe('router: a problem someone has to act on is feedback, without 投诉 or 反映 (M3, known)', () => {
  it('something at home or in the building out of order, a cry for help', () => {
    for (const [t, category] of [
      ['我家水管爆了 家里就我一个人 谁能来帮帮我', 'help_request'],
      ['电梯还是没修好', 'complaint'],
      ['门锁坏了 进不去家了', undefined],
      ['家里天花板塌了一块', 'help_request'],
      ['谁能帮帮我 家里没人', 'help_request'],
    ] as const) {
      const r = route(t);
      expect(r.intent, t).toBe('feedback');
      if (category) expect(r.slots.category, t).toBe(category);
    }
  });
  it('a card to reissue for the person is a request for help; how to reissue one is a rule', () => {
    for (const t of ['我的老年证丢了 帮我补办一个', '老干部证过期了 帮我换一个', '我的医疗证找不到了 麻烦给我补一张']) {
      expect(route(t), t).toMatchObject({ intent: 'feedback', slots: { category: 'help_request' } });
    }
    expect(route('老年证丢了怎么补办').intent).toBe('policy_query');
    expect(route('活动证丢了能补不？').intent).toBe('policy_query');
  });
  it('a rule about the repair, the help menu and staff keep their routes', () => {
    expect(route('水管爆了维修费能报销吗').intent).toBe('policy_query');
    expect(route('谁能帮我查一下体检标准').intent).toBe('policy_query');
    expect(route('帮帮我 不会用这个').intent).toBe('help');
    expect(route('帮帮我 找个工作人员').intent).toBe('human_handoff');
    expect(route('住院了单位会不会派人来看望').intent).toBe('policy_query');
  });
});

describe('router: the waitlist asked as a rule (known)', () => {
  it('"报满了还能排候补不" is policy; joining it or one\'s own place keeps its route', () => {
    const qs = ['文体活动报满了还能排候补不？', '满了还能候补吗', '候补是按什么顺序排的'];
    expect(intents(qs)).toEqual(all(qs, 'policy_query'));
    expect(route('讲座满了的话给我排个候补').intent).toBe('activity_book');
    expect(route('春游满了的话把我加到候补里也行').intent).toBe('activity_book');
    expect(route('我候补的能转正吗').intent).toBe('my_bookings');
    expect(route('我候补排到第几了').intent).toBe('my_bookings');
  });
});

describe('router: English sentences, crying, health questions (M9, L10, lead)', () => {
  it('an English sentence that starts with a greeting gets not_chinese; a bare greeting stays a greeting', () => {
    for (const t of ['Hello, how do I get reimbursed for hospital fees?', 'Hi, what is the pension raise this year', 'How are you']) {
      expect(route(t), t).toMatchObject({ intent: 'smalltalk', slots: { talk: 'not_chinese' } });
    }
    for (const t of ['hello', 'hi there', 'thank you very much']) {
      expect(route(t).intent, t).toBe('smalltalk');
      expect(route(t).slots.talk, t).toBeUndefined();
    }
    expect(route('Hi, I want to book the lecture').intent).toBe('activity_book');
    expect(route('What activities are there this week?').intent).toBe('activity_list'); // a request word mapped
  });
  it('crying emoji and sad words are distress; other emoji are still unclear', () => {
    for (const t of ['😭😭', '😢', '[流泪]', '😭😭😭！', '老伴走了 我很难过', '一个人在家好孤单']) {
      expect(route(t), t).toMatchObject({ intent: 'smalltalk', slots: { talk: 'distress' } });
    }
    for (const t of ['👍👍', '🌸🌸']) expect(route(t).intent, t).toBe('unknown');
  });
  it('a medical question gets the medical kind; money or rules about illness stay policy', () => {
    for (const t of ['高血压吃啥药好？', '高血压吃啥药', '糖尿病能吃西瓜吗', '感冒了吃什么药', '关节疼吃什么好', '头晕是怎么回事']) {
      expect(route(t), t).toMatchObject({ intent: 'smalltalk', slots: { talk: 'medical' } });
    }
    for (const t of ['降压药能报销吗', '糖尿病的药门诊能报多少', '请问慢性病特殊门诊的认定需要什么手续？']) expect(route(t).intent, t).toBe('policy_query');
    expect(route('有没有讲高血压的讲座').intent).toBe('activity_list');
  });
  it('pleasantries asked as questions are small talk', () => {
    for (const t of ['早上好 大家都吃了没', '你吃了吗', '你好吗']) expect(route(t).intent, t).toBe('smalltalk');
  });
});

describe('conversation: the replies of the second QA round', () => {
  it('crying gets care and the staff offer, never the menu', async () => {
    app = await createTestApp();
    const r = text(await app.say('😭😭'));
    expect(r).toContain('您别难过');
    expect(r).toContain('回复 9');
    expect(r).not.toContain('没太明白');
  });

  it('a health question is told honestly to ask a doctor, never "好的，我在呢"', async () => {
    app = await createTestApp();
    for (const t of ['高血压吃啥药好？', '糖尿病能吃西瓜吗']) {
      const r = text(await app.say(t));
      expect(r, t).toContain('医生');
      expect(r, t).toContain('回复 9');
      expect(r, t).not.toContain('我在呢');
    }
  });

  it('a question that reaches small talk unmatched is never answered with "我在呢"', async () => {
    app = await createTestApp();
    // whatever routed it there (the classifier, an LLM tool call), the skill itself never brushes a question off
    const reply = async (t: string) => {
      const ctx = { text: t, msg: { userName: '' }, route: { intent: 'smalltalk', confidence: 1, slots: {}, source: 'dialog' }, services: app.services };
      return (await smalltalk(ctx as unknown as Parameters<typeof smalltalk>[0])).replies[0]!.text;
    };
    for (const t of ['你知道明天会不会下雨吗', '这个东西是干什么的呀', '今天天气好吗']) {
      expect(await reply(t), t).not.toContain('我在呢');
      expect(await reply(t), t).toContain('回复 9');
    }
    // a remark, or a pleasantry asked back, is not a question to refuse
    for (const t of ['今天天气真好', '你吃了吗', '你好吗']) expect(await reply(t), t).not.toContain('回答不了');
    expect(text(await app.say('早上好 大家都吃了没'))).not.toContain('回答不了');
  });

  it('an English sentence after Hello gets the "I read Chinese" reply', async () => {
    app = await createTestApp();
    const r = text(await app.say('Hello, how do I get reimbursed for hospital fees?'));
    expect(r).toContain('中文');
    expect(r).not.toContain('我是银龄助手');
  });

  it('a question about paying during a stay is not asked which hospital, and files nothing', async () => {
    app = await createTestApp();
    const r = await app.say('俺是离修干部住院了钱要自己先垫不');
    expect(r.intent).toBe('policy_query');
    expect(text(r)).not.toContain('哪家医院');
    expect(await app.services.store.tickets.list()).toEqual([]);
  });

  it('a burst pipe with a cry for help shows a 求助 summary to confirm', async () => {
    app = await createTestApp();
    const r = await app.say('我家水管爆了 家里就我一个人 谁能来帮帮我');
    expect(r.intent).toBe('feedback');
    expect(text(r)).toContain('求助');
    expect(text(r)).toContain('水管爆了');
    expect(text(r)).not.toContain('不敢乱说');
  });

  it('"下周三的书法班还有位置吗" lists that class with its seats left, ready to book', async () => {
    app = await createTestApp();
    const now = app.clock.now();
    // the clock is Tue 1 Dec 2026: 下周三 is 9 Dec
    await app.services.store.activities.create({ title: '书法班', category: '书画摄影', startAt: '2026-12-09T06:00:00Z', place: '书画室', capacity: 1, maxSeatsPerBooking: 1 }, now);
    await app.services.store.activities.create({ title: '象棋比赛', category: '棋牌', startAt: '2026-12-05T01:30:00Z', place: '棋牌室', capacity: 20, maxSeatsPerBooking: 2 }, now);
    const r = await app.say('下周三的书法班还有位置吗');
    expect(r.intent).toBe('activity_list');
    expect(text(r)).toContain('书法班');
    expect(text(r)).toMatch(/剩\s*1\s*个名额/u);
    expect(text(r)).not.toContain('象棋比赛');
    expect(text(r)).not.toContain('依据');
    expect((await app.say('1')).intent).toBe('activity_book');
  });
});

describe('an emergency said on its own or asked about goes to the emergency reply, not a search', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('routes danger now to feedback; a case, a rule question or a stay keeps its route', () => {
    for (const t of ['我喘不上气了', '胸口疼得厉害', '老伴晕倒了', '我胸口疼 喘不上气 怎么办', '我刚才在家摔了一跤 起不来了']) {
      expect(route(t).intent, t).toBe('feedback');
    }
    expect(route('要是在家摔倒了起不来怎么办').intent).toBe('policy_query');
    expect(route('中风了能报销吗').intent).toBe('policy_query');
    expect(route('我老伴中风住院了')).toMatchObject({ intent: 'feedback', slots: { category: 'hospitalization' } });
  });

  it('"老伴晕倒了 咋办" gets 120 and the staff phone at once, and an urgent ticket', async () => {
    app = await createTestApp();
    const r = await app.say('老伴晕倒了 咋办', { userId: 'em1' });
    expect(r.replies[0]!.text).toContain('120');
    const tickets = await app.services.store.tickets.list({ userId: 'http:em1' });
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.details).toMatchObject({ emergency: true });
  });
});
