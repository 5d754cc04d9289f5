/**
 * Feedback flow defects of the independent QA report (B3 F06, B4 F24, B6 F13b/F26b, B7 F02/F23/F25,
 * B8 F22, B9 F17, B11 F26b), each with differently worded variants of the same class.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type SayOptions, type TestApp } from '../helpers/harness.js';
import { closeTicket, replyToTicket } from '../../src/skills/feedback/actions.js';
import { isCancel } from '../../src/skills/feedback/cancel.js';
import { applyCorrection, readCorrection } from '../../src/skills/feedback/correction.js';

let app: TestApp;
afterEach(async () => app?.close());

const say = (text: string, opts: SayOptions = {}) => app.ask(text, opts);
const tickets = () => app.services.store.tickets.list({});
const dialog = (userId = 'u1') => app.services.store.getDialog(`http:${userId}:${userId}`, app.clock.now());
const parked = (userId = 'u1') => app.services.store.getDialog(`http:${userId}:${userId}#feedback-draft`, app.clock.now());

describe('B3 (F06): cancel words when asked what the matter is', () => {
  it('"我要反映问题" then "算了不说了": kindly not submitted, never the ticket text', async () => {
    app = await createTestApp();
    expect(await say('我要反映问题')).toContain('具体');
    const r = await say('算了不说了');
    expect(r).toContain('好的，不提交了');
    expect(r).not.toContain('核对');
    expect(await tickets()).toHaveLength(0);
    expect(await dialog()).toBeNull();
    expect(await parked()).toBeNull();
  });

  it.each(['不反映了', '没事了 谢谢', '算了，还是不说了', '哎 算了吧', '修好了 没事了'])('variant: "我要投诉" then "%s"', async (words) => {
    app = await createTestApp();
    await say('我要投诉');
    const r = await say(words);
    expect(r).toContain('不提交了');
    expect(r).not.toContain('内容：');
    expect(await tickets()).toHaveLength(0);
  });

  it('after menu 3 a cancel word is no matter either', async () => {
    app = await createTestApp();
    await say('3');
    expect(await say('算了 不反映了')).toContain('不提交了');
    expect(await tickets()).toHaveLength(0);
  });

  it('a matter that merely mentions 算了 / 没事 is still the matter', async () => {
    expect(isCancel('算了 楼道灯坏了一个月了没人修')).toBe(false);
    expect(isCancel('没事了吗')).toBe(false);
    expect(isCancel('食堂饭菜太咸了')).toBe(false);
    app = await createTestApp();
    await say('我要反映问题');
    expect(await say('楼道灯坏了一个月了 说了也没人管 算了')).toContain('内容：楼道灯坏了一个月了');
  });
});

describe('B4 (F24): cancel words at the hospital question', () => {
  it('"我不想麻烦单位了 算了" drops the report: not parked, no confusing menu', async () => {
    app = await createTestApp();
    expect(await say('我老伴住院了')).toContain('哪家医院');
    const r = await say('我不想麻烦单位了 算了');
    expect(r).toContain('好的，不提交了');
    expect(r).not.toContain('留着');
    expect(r).not.toContain('办完再问');
    expect(r).not.toContain('没太明白');
    expect(await tickets()).toHaveLength(0);
    expect(await parked()).toBeNull();
    expect(await dialog()).toBeNull();
  });

  it.each(['算了', '不麻烦单位了，算了吧', '已经出院了 没事了', '没事了'])('variant: "%s" at the hospital question', async (words) => {
    app = await createTestApp();
    await say('我住院了');
    const r = await say(words);
    expect(r).toMatch(/不提交了|没有提交/);
    expect(r).not.toContain('留着');
    expect(await tickets()).toHaveLength(0);
    expect(await parked()).toBeNull();
  });

  it('a bare "不用了" to the call question alone still answers it (hospital known)', async () => {
    app = await createTestApp();
    expect(await say('我老伴住院了 在市人民医院')).toContain('打电话');
    const r = await say('不用了');
    expect(r).toContain('可以来电：不用');
  });
});

describe('B6 (F13b/F26b): "查看 编号" shows the staff reply too', () => {
  it('the latest staff reply text is shown with the status', async () => {
    app = await createTestApp();
    await say('我要投诉 食堂服务员态度差');
    const no = String((await app.say('1')).data?.ticketNo);
    expect(await say(`查看 ${no}`)).not.toContain('回复：');
    await replyToTicket(app.services, no, '已联系食堂，正在了解情况', 'staff:x');
    app.clock.advance(3_600_000);
    await replyToTicket(app.services, no, '已批评教育，向您道歉', 'staff:x');
    await closeTicket(app.services, no, 'staff:x');
    const view = await say(`查看 ${no}`);
    expect(view).toContain('已办结');
    expect(view).toContain('已批评教育，向您道歉');
    expect(view).not.toContain('正在了解情况');
    // variant: "查询" and lower case
    expect(await say(`查询 ${no.toLowerCase()}`)).toContain('已批评教育');
  });
});

describe('B7 (F02/F23/F25): corrections at a summary are applied, not appended', () => {
  it('F02: "不是一楼是二楼" replaces 一楼 and says 改过来了', async () => {
    app = await createTestApp();
    await say('我要投诉 活动中心一楼厕所坏了好几天了');
    const r = await say('不是一楼是二楼');
    expect(r).toContain('改过来了');
    expect(r).not.toContain('补上了');
    expect(r).toContain('内容：我要投诉 活动中心二楼厕所坏了好几天了');
    expect(r).not.toContain('一楼');
    await app.say('1');
    expect((await tickets())[0]!.text).toBe('我要投诉 活动中心二楼厕所坏了好几天了');
  });

  it('F23: "说错了 是三楼" replaces the floor that was said', async () => {
    app = await createTestApp();
    await say('我要反映 活动中心二楼的灯不亮');
    const r = await say('说错了 是三楼');
    expect(r).toContain('改过来了');
    expect(r).toContain('内容：我要反映 活动中心三楼的灯不亮');
  });

  it.each([
    ['是三楼不是二楼', '活动中心三楼的灯不亮'],
    ['二楼写错了，应该是三楼', '活动中心三楼的灯不亮'],
    ['不是活动中心是老年大学', '老年大学二楼的灯不亮'],
    ['不好意思 不是二楼是三楼的', '活动中心三楼的灯不亮'],
  ])('variant: "%s"', async (words, content) => {
    app = await createTestApp();
    await say('我要反映 活动中心二楼的灯不亮');
    const r = await say(words);
    expect(r).toContain('改过来了');
    expect(r).toContain(content);
  });

  it('"说错了" alone asks what to change; the next words are the correction', async () => {
    app = await createTestApp();
    await say('我要反映 活动中心二楼的灯不亮');
    expect(await say('我说错了')).toContain('哪里要改');
    const r = await say('三楼');
    expect(r).toContain('改过来了');
    expect(r).toContain('活动中心三楼的灯不亮');
  });

  it('F25: "不是投诉 就是提个建议" changes the category', async () => {
    app = await createTestApp();
    expect(await say('我要投诉 食堂饭菜太咸')).toContain('类别：投诉');
    const r = await say('不是投诉 就是提个建议');
    expect(r).toContain('类别：建议');
    expect(r).toContain('改成“建议”');
    expect(r).not.toContain('补上了');
    await app.say('1');
    expect((await tickets())[0]!.category).toBe('suggestion');
  });

  it('variant: "不算投诉，算个建议吧" and "是求助不是投诉"', async () => {
    app = await createTestApp();
    await say('我要投诉 食堂饭菜太咸');
    expect(await say('不算投诉，算个建议吧')).toContain('类别：建议');
    expect(await say('是求助不是建议')).toContain('类别：求助');
  });

  it('a correction that names nothing in the content is kept as said, honestly; real additions are still appended', async () => {
    app = await createTestApp();
    await say('我要反映 活动中心二楼的灯不亮');
    const added = await say('对了还有楼道的灯不亮');
    expect(added).toContain('补上了');
    expect(added).toContain('活动中心二楼的灯不亮。还有楼道的灯不亮');
    const unplaced = await say('不是前天 是大前天');
    expect(unplaced).toContain('更正');
    expect(unplaced).not.toContain('补上了');
    expect(unplaced).toContain('不是前天 是大前天');
    // the wrong words twice in the content: not guessed, kept as said
    const twice = await say('不是灯不亮 是灯一直闪');
    expect(twice).toContain('更正');
    expect(twice).toContain('二楼的灯不亮');
  });

  it('the hospital correction still works as before', async () => {
    app = await createTestApp();
    await say('我老伴住院了');
    await say('市人民医院，可以');
    const r = await say('不是市人民医院是市中医院');
    expect(r).toContain('改过来了');
    expect(r).toContain('医院：市中医院');
  });

  it('readCorrection / applyCorrection', () => {
    expect(readCorrection('不是一楼是二楼')).toEqual({ wrong: '一楼', right: '二楼' });
    expect(readCorrection('说错了 是三楼')).toEqual({ wrong: null, right: '三楼' });
    expect(readCorrection('楼道灯坏了')).toBeNull();
    expect(applyCorrection('一楼厕所坏了', { wrong: '一楼', right: '二楼的厕所' })).toBe('二楼厕所坏了');
    // two floors in the content: which one is meant cannot be told
    expect(applyCorrection('一楼和二楼的灯都坏了', { wrong: null, right: '三楼' })).toBeNull();
  });
});

describe('B8 (F22): filler is not the matter', () => {
  it('"我要投诉" then "就是那个": asked again; the next words are the content', async () => {
    app = await createTestApp();
    await say('我要投诉');
    const again = await say('就是那个');
    expect(again).not.toContain('核对');
    expect(again).toContain('是什么事');
    const s = await say('活动中心乒乓球台网破了好久没人修');
    expect(s).toContain('内容：活动中心乒乓球台网破了好久没人修');
    expect(s).not.toContain('就是那个');
  });

  it.each(['嗯 这个', '那个啥', '怎么说呢', '是这样的'])('variant: "%s" as the first content', async (words) => {
    app = await createTestApp();
    await say('我要反映问题');
    const r = await say(words);
    expect(r).not.toContain('内容：');
    expect(r).toContain('是什么事');
  });

  it('"我要投诉 就是那个" in one message asks for the matter', async () => {
    app = await createTestApp();
    const r = await say('我要投诉 就是那个');
    expect(r).not.toContain('内容：');
    expect(r).toContain('是什么事');
  });

  it('filler at the summary waits for more instead of being appended', async () => {
    app = await createTestApp();
    await say('我要投诉 活动中心乒乓球台网破了');
    expect(await say('就是那个')).toContain('接着说');
    const r = await say('好久没人修');
    expect(r).toContain('内容：我要投诉 活动中心乒乓球台网破了。好久没人修');
  });
});

describe('B9 (F17): the same complaint twice in a short time', () => {
  it('says it was submitted, gives the number, asks; "2" makes no second ticket', async () => {
    app = await createTestApp();
    await say('我要投诉 活动中心棋牌室空调不制冷');
    const no = String((await app.say('1')).data?.ticketNo);
    app.clock.advance(10 * 60_000);
    await say('我要投诉 活动中心棋牌室空调不制冷');
    const asked = await say('1');
    expect(asked).toContain('已经提交过');
    expect(asked).toContain(no);
    expect(asked).toContain('再提交一次');
    expect(await tickets()).toHaveLength(1);
    const r = await say('2');
    expect(r).toContain('不重复提交');
    expect(r).toContain(no);
    expect(await tickets()).toHaveLength(1);
  });

  it('"1" to the question submits it again (the retiree decides)', async () => {
    app = await createTestApp();
    await say('投诉：活动中心棋牌室空调不制冷');
    await app.say('1');
    // variant: the same matter in other trigger words
    await say('我想投诉一下，活动中心棋牌室空调不制冷。');
    expect(await say('好的')).toContain('已经提交过');
    const again = await app.say('1');
    expect(String(again.data?.ticketNo)).toMatch(/^FK/);
    expect(await tickets()).toHaveLength(2);
  });

  it('a different matter, another person, or a day later: no question', async () => {
    app = await createTestApp();
    await say('我要投诉 活动中心棋牌室空调不制冷');
    await app.say('1');
    await say('我要投诉 活动中心棋牌室的灯不亮');
    expect(await say('1')).toContain('已提交');
    await say('我要投诉 活动中心棋牌室空调不制冷', { userId: 'u2' });
    expect(await say('1', { userId: 'u2' })).toContain('已提交');
    app.clock.advance(25 * 3_600_000);
    await say('我要投诉 活动中心棋牌室空调不制冷');
    expect(await say('1')).toContain('已提交');
    expect(await tickets()).toHaveLength(4);
  });
});

describe('B11 (F26b): the thank-you of a rating fits the score', () => {
  async function rated(score: string): Promise<string> {
    await say('我要反映个问题，楼道灯坏了好几天了');
    const no = String((await app.say('1')).data?.ticketNo);
    await closeTicket(app.services, no, 'staff:x');
    return say(score);
  }

  it.each(['5', '五星', '4分'])('%s: thanks without "会认真改进"', async (score) => {
    app = await createTestApp();
    const r = await rated(score);
    expect(r).toContain('谢谢');
    expect(r).not.toContain('改进');
  });

  it('a low score still says staff will get in touch', async () => {
    app = await createTestApp();
    expect(await rated('1')).toContain('联系');
  });
});
