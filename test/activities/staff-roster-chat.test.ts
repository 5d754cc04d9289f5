/**
 * Staff see an activity's roster in their private chat ("名单 3", "3号活动名单", "看看书法展的名单",
 * "谁报名了 3"): who is booked, who waits in queue order, capped at 30 names a part, and where the
 * full table is. Read-only, no confirmation. A retiree saying the same words sees nobody's name.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { dialogKey } from '../../src/core/pipeline.js';

describe('staff see the roster of an activity in a private chat', () => {
  let app: TestApp;
  let id: string;
  let other: string;
  const staff = { userId: 'staff1' };
  const book = async (userId: string, userName: string, seats = 1) => {
    await app.say(seats > 1 ? `报名书法展 ${seats}位` : '报名书法展', { userId, userName });
    await app.say('1', { userId, userName });
  };

  beforeEach(async () => {
    app = await createTestApp({ config: { STAFF_IDS: 'http:staff1' } });
    const store = app.services.store.activities;
    id = (await store.create({ title: '书法展', category: '书画摄影', startAt: '2026-12-09T01:00:00Z', place: '书画室', capacity: 3 }, app.clock.now())).id;
    other = (await store.create({ title: '掼蛋比赛', category: '棋牌', startAt: '2026-12-05T06:00:00Z', place: '棋牌室', capacity: 16 }, app.clock.now())).id;
    await book('a', '张三');
    await book('b', '李四', 2);
    await book('c', '王五');
    await book('d', '赵六');
  });
  afterEach(async () => {
    await app.close();
  });

  for (const say of ['名单 {id}', '名单{id}', '报名名单 {id}', '{id}号活动名单', '活动{id}的名单', '谁报名了 {id}', '查看名单 {id}']) {
    it(`"${say}" shows the booked (seats when more than 1), the waitlist in order, and where the full table is`, async () => {
      const res = await app.say(say.replace('{id}', id), staff);
      const text = res.replies.map((r) => r.text).join('\n');
      expect(text).toContain(`活动 ${id}「书法展」12月9日（周三）上午9:00`);
      expect(text).toContain('已报3/3，候补2，已满');
      expect(text).toMatch(/已报名（2人）：\n1\. 张三\n2\. 李四（2位）\n/u);
      expect(text).toMatch(/候补（按排队顺序，2人）：\n1\. 王五\n2\. 赵六\n/u);
      expect(text).toContain(`完整名单可在工作台下载，或用命令 yinling activity export ${id}`);
      expect(text.indexOf('张三')).toBeLessThan(text.indexOf('王五'));
      // read-only: nothing waits for a "1"
      expect(text).not.toContain('回复 1');
      expect(await app.services.store.getDialog(dialogKey({ channel: 'http', chatId: 'staff1', userId: 'staff1' }), app.clock.now())).toBeNull();
    });
  }

  for (const say of ['看看书法展的名单', '书法展名单', '书法展都有谁报名了', '书法展的报名名单']) {
    it(`"${say}" finds the activity by its title`, async () => {
      const text = await app.ask(say, staff);
      expect(text).toContain(`活动 ${id}「书法展」`);
      expect(text).toContain('1. 张三');
      expect(text).toContain('1. 王五');
    });
  }

  it('the waitlist follows the queue after someone leaves it, and a promotion moves them up', async () => {
    await app.say('取消书法展', { userId: 'a' });
    await app.say('1', { userId: 'a' });
    const text = await app.ask(`名单 ${id}`, staff);
    expect(text).toMatch(/已报名（2人）：\n1\. 李四（2位）\n2\. 王五\n/u);
    expect(text).toMatch(/候补（按排队顺序，1人）：\n1\. 赵六\n/u);
    expect(text).not.toContain('张三');
  });

  it('an activity nobody booked says so for both parts', async () => {
    const text = await app.ask(`名单 ${other}`, staff);
    expect(text).toContain(`活动 ${other}「掼蛋比赛」`);
    expect(text).toContain('已报0/16，候补0');
    expect(text).toContain('还没有人报名。');
    expect(text).toContain('没有人候补。');
  });

  it('someone who booked without a name is shown by their account', async () => {
    await app.say('报名掼蛋比赛', { userId: 'nameless' });
    await app.say('1', { userId: 'nameless' });
    expect(await app.ask(`名单 ${other}`, staff)).toContain('1. （没留名字，账号 http:nameless）');
  });

  it('without an id: the staff list with ids and how to ask', async () => {
    for (const say of ['名单', '报名名单', '谁报名了']) {
      const text = await app.ask(say, staff);
      expect(text).toContain('请说“名单 编号”，比如“名单 3”');
      expect(text).toContain(`${id}. 「书法展」`);
      expect(text).toContain(`${other}. 「掼蛋比赛」`);
      expect(text).not.toContain('张三');
    }
  });

  it('with an unknown id or name: says so, then the list with ids and how to ask', async () => {
    const byId = await app.ask('名单 424242', staff);
    expect(byId).toContain('没有编号为 424242 的活动');
    expect(byId).toContain('请说“名单 编号”');
    expect(byId).toContain(`${id}. 「书法展」`);
    const byName = await app.ask('象棋比赛的名单', staff);
    expect(byName).toContain('没有找到“象棋比赛”这个活动');
    expect(byName).toContain(`${other}. 「掼蛋比赛」`);
    expect(byName).not.toContain('张三');
  });

  it('a cancelled activity says it was cancelled', async () => {
    await app.services.store.activities.cancelActivity(other, app.clock.now());
    expect(await app.ask(`名单 ${other}`, staff)).toContain(`活动 ${other}「掼蛋比赛」已经取消了`);
  });

  it('a long list shows 30 names a part and counts the rest', async () => {
    const store = app.services.store.activities;
    const big = (await store.create({ title: '健康讲座', category: '讲座', startAt: '2026-12-10T06:00:00Z', place: '礼堂', capacity: 45 }, app.clock.now())).id;
    for (let i = 1; i <= 80; i++) {
      const userId = `http:p${i}`;
      await store.book({ activityId: big, userId, userName: `老同志${i}号`, seats: 1, chat: { channel: 'http', chatId: `p${i}`, chatType: 'private', userId: `p${i}` } }, app.clock.now());
    }
    const text = await app.ask(`名单 ${big}`, staff);
    expect(text).toContain('已报45/45，候补35');
    expect(text).toContain('已报名（45人）：');
    expect(text).toContain('30. 老同志30号\n……还有15人没有列出。');
    expect(text).not.toContain('老同志31号');
    expect(text).toContain('候补（按排队顺序，35人）：\n1. 老同志46号');
    expect(text).toContain('30. 老同志75号\n……还有5人没有列出。');
    expect(text).not.toContain('老同志76号');
    expect(text).toContain(`yinling activity export ${big}`);
    expect([...text].length).toBeLessThan(1000);
  });

  it('asked at a staff confirmation, the roster is shown and nothing is stopped', async () => {
    await app.say(`停止报名 ${id}`, staff);
    expect(await app.ask(`名单 ${id}`, staff)).toContain('1. 张三');
    await app.say('1', staff);
    expect((await app.services.store.activities.get(id))!.status).toBe('full');
    // the other staff commands still work as before
    expect(await app.ask(`停止报名 ${id}`, staff)).toContain(`您要停止活动 ${id}「书法展」`);
    expect(await app.ask('活动管理', staff)).toContain('看谁报了名请说“名单 编号”');
  });

  it('a how-to question with 名单 in it is not a roster request', async () => {
    const text = await app.ask('离休干部名单怎么报送', staff);
    expect(text).not.toContain('请说“名单 编号”');
    expect(text).not.toContain('张三');
  });

  describe('a retiree saying the same words sees nobody else', () => {
    for (const say of ['名单 {id}', '报名名单 {id}', '{id}号活动名单', '看看书法展的名单', '谁报名了 {id}', '书法展都有谁报名了', '名单']) {
      it(`"${say}" from a retiree shows no names`, async () => {
        const text = await app.ask(say.replace('{id}', id), { userId: 'e', userName: '钱七' });
        for (const name of ['张三', '李四', '王五', '赵六']) expect(text).not.toContain(name);
        expect(text).not.toContain('完整名单');
        expect(text).not.toContain('候补（按排队顺序');
      });
    }

    it('nor does a staff member in a group chat', async () => {
      const text = await app.ask(`小银 名单 ${id}`, { ...staff, chatId: 'g1', chatType: 'group', mentioned: true });
      expect(text).not.toContain('张三');
      expect(text).not.toContain('完整名单');
    });

    it('one of those booked sees only their own booking', async () => {
      const text = await app.ask('看看书法展的名单', { userId: 'a', userName: '张三' });
      expect(text).toContain('您的报名');
      for (const name of ['李四', '王五', '赵六']) expect(text).not.toContain(name);
    });
  });
});
