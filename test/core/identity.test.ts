/**
 * A person is channel + user id (src/core/person.ts): a WeChat user, a Telegram user and an HTTP API
 * caller with the same user id do not see, cancel or book over one another's bookings, and do not
 * see one another's tickets or ratings. Whole conversations, on SQLite and on Redis.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { ChannelName } from '../../src/core/types.js';
import type { Store } from '../../src/store/types.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { RedisStore } from '../../src/store/redis/index.js';
import { personId, personInChat, parsePersonId, platformUserId, personLabel } from '../../src/core/person.js';
import { dialogKey } from '../../src/core/pipeline.js';
import { ratingKey } from '../../src/skills/feedback/actions.js';
import { parkedKey } from '../../src/skills/feedback/parked-store.js';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { REDIS_URL, redisUp } from '../helpers/redis.js';

const at = (localIso: string) => new Date(`${localIso}+08:00`).toISOString();
const ticketNo = /FK\d{8}-\d{4}/;

describe('person ids', () => {
  it('are channel:userId, read back unambiguously; chat-scoped keys keep their stored shape', () => {
    expect(personId({ channel: 'wechat', userId: 'wxid_abc' })).toBe('wechat:wxid_abc');
    expect(parsePersonId('telegram:12345')).toEqual({ channel: 'telegram', userId: '12345' });
    expect(parsePersonId('http:wechat:x')).toEqual({ channel: 'http', userId: 'wechat:x' });
    expect(parsePersonId('wxid_abc')).toBeNull();
    expect(parsePersonId('qq:1')).toBeNull();
    expect(platformUserId('wechat:wxid_abc')).toBe('wxid_abc');
    expect(platformUserId('wxid_abc')).toBe('wxid_abc');
    expect(personLabel({ userName: '王老', userId: 'wechat:wxid_abc' })).toBe('王老 (wechat:wxid_abc)');
    expect(personLabel({ userId: 'wechat:wxid_abc' })).toBe('wechat:wxid_abc');
    // Dialog state, pending ratings and parked drafts already carried the channel: same keys as before.
    const msg = { channel: 'wechat' as const, chatId: 'room1', userId: 'wxid_abc' };
    expect(personInChat(msg)).toBe('wechat:room1:wxid_abc');
    expect(dialogKey(msg)).toBe('wechat:room1:wxid_abc');
    expect(ratingKey(msg)).toBe('wechat:room1:wxid_abc#rating');
    expect(parkedKey(msg)).toBe('wechat:room1:wxid_abc#feedback-draft');
  });
});

const stores: { name: string; up: boolean; open: () => Promise<Store> }[] = [
  { name: 'SQLite', up: true, open: async () => new SqliteStore(':memory:') },
  {
    name: 'Redis',
    up: redisUp,
    open: async () => {
      const store = await RedisStore.connect(REDIS_URL, `test:identity:${randomUUID().slice(0, 8)}`);
      const close = store.close.bind(store);
      store.close = async () => {
        const keys = await store.redis.keys(`${store.prefix}:*`);
        if (keys.length) await store.redis.del(...keys);
        await close();
      };
      return store;
    },
  },
];

for (const s of stores) {
  describe.runIf(s.up)(`the same user id on WeChat, Telegram and HTTP is three people (${s.name})`, () => {
    let app: TestApp;
    afterEach(async () => {
      await app.close();
    });
    const as = (channel: ChannelName) => ({ channel, userId: '123' });
    const WX = as('wechat');
    const TG = as('telegram');
    const API = as('http');

    it('bookings: nobody sees, cancels or blocks the booking of the same id on another channel', async () => {
      app = await createTestApp({ store: await s.open() });
      const chess = (await app.services.store.activities.create({ title: '象棋比赛', category: '棋牌', startAt: at('2026-12-03T14:00:00'), place: '老干部活动中心', capacity: 30 }, app.clock.now())).id;

      await app.ask('报名象棋比赛', WX);
      expect(await app.ask('1', WX)).toContain('报名成功');

      // Telegram 123 has booked nothing: no list, nothing to cancel.
      const tgList = await app.say('我的报名', TG);
      expect(tgList.intent).toBe('my_bookings');
      expect(tgList.replies.map((r) => r.text).join('\n')).not.toContain('象棋比赛');
      const tgCancel = await app.say('取消报名', TG);
      expect(tgCancel.data).toMatchObject({ cancel: 'nothing' });
      expect(await app.ask('取消象棋比赛', API)).not.toContain('您要取消报名');
      expect((await app.services.store.activities.listByActivity(chess)).confirmed.map((b) => b.userId)).toEqual(['wechat:123']);

      // Telegram 123 books the same activity: a booking of its own, not "already booked".
      const summary = await app.ask('报名象棋比赛', TG);
      expect(summary).toContain('您要报名');
      expect(summary).not.toContain('不用重复报名');
      expect(await app.ask('1', TG)).toContain('报名成功');
      expect((await app.services.store.activities.listByActivity(chess)).confirmed.map((b) => b.userId)).toEqual(['wechat:123', 'telegram:123']);
      expect((await app.services.store.activities.get(chess))!.seatsTaken).toBe(2);

      // Telegram cancels its own; WeChat's stays, and WeChat still sees it.
      expect(await app.ask('取消象棋比赛', TG)).toContain('您要取消报名');
      expect((await app.say('1', TG)).data).toMatchObject({ cancel: 'cancelled' });
      expect((await app.services.store.activities.listByActivity(chess)).confirmed.map((b) => b.userId)).toEqual(['wechat:123']);
      const wxList = await app.ask('我的报名', WX);
      expect(wxList).toContain('象棋比赛');
      expect(await app.ask('报名象棋比赛', WX)).toContain('不用重复报名');
    });

    it('tickets: "查看 编号" shows a ticket only to the person who filed it; the rating is asked of that person', async () => {
      app = await createTestApp({ store: await s.open(), config: { STAFF_IDS: 'wechat:wxid_staff' } });
      await app.say('投诉：楼道灯坏了好几天了', API);
      const no = (await app.ask('1', API)).match(ticketNo)![0];
      expect((await app.services.store.tickets.get(no))!.userId).toBe('http:123');

      const wxLook = await app.say(`查看 ${no}`, WX);
      expect(wxLook.data).toMatchObject({ refused: true });
      expect(wxLook.replies[0]!.text).not.toContain('现在是');
      expect((await app.say(`查看 ${no}`, TG)).data).toMatchObject({ refused: true });
      expect(await app.ask(`查看 ${no}`, API)).toContain(`您的事（编号 ${no}）现在是`);
      expect(await app.services.store.tickets.list({ userId: 'wechat:123' })).toEqual([]);
      expect((await app.services.store.tickets.list({ userId: 'http:123' })).map((t) => t.no)).toEqual([no]);

      // Staff closes it: the rating question goes to the HTTP chat; "5分" from WeChat 123 is not a rating of it.
      expect((await app.say(`关闭 ${no}`, { channel: 'wechat', userId: 'wxid_staff' })).data).toMatchObject({ status: 'closed' });
      await app.flush();
      expect(app.sent.filter((m) => m.reply.text.includes('打个分')).map((m) => `${m.to.channel}:${m.to.userId}`)).toEqual(['http:123']);
      await app.say('5分', WX);
      expect((await app.services.store.tickets.get(no))!.rating).toBeUndefined();
      expect(await app.ask('5分', API)).toContain('5 分');
      expect((await app.services.store.tickets.get(no))!.rating).toBe(5);
      expect((await app.services.store.tickets.history(no)).at(-1)).toMatchObject({ kind: 'rating', actor: 'user:http:123' });
    });

    it('staff: only the STAFF_IDS entry "channel:userId" is staff, not the same id on another channel', async () => {
      app = await createTestApp({ store: await s.open(), config: { STAFF_IDS: 'wechat:123' } });
      expect((await app.say('工单', WX)).data).not.toMatchObject({ refused: true });
      expect((await app.say('工单', TG)).data).toMatchObject({ refused: true });
    });
  });
}
