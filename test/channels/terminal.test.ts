/**
 * The terminal chat (`yinling chat`). QA H1: it shows and marks sent only the messages queued for the
 * person at this terminal (`terminal:<--user>`; a staff terminal: its own id) — staff replies, waitlist
 * promotions and rating questions for others stay queued for them. QA H5: lines typed or piped before
 * the service is ready are answered, every one, and the chat ends at end of input (also on Redis).
 */
import { describe, it, expect, afterEach } from 'vitest';
import { PassThrough } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { redisUp, REDIS_URL } from '../helpers/redis.js';
import { runTerminalChat } from '../../src/channels/terminal/index.js';
import { Notifier } from '../../src/core/notifier.js';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { RedisStore } from '../../src/store/redis/index.js';
import type { MessageHandler } from '../../src/core/pipeline.js';
import type { Store } from '../../src/store/types.js';

const at = (localIso: string) => new Date(`${localIso}+08:00`).toISOString();

/** Runs one terminal chat as `userId` over `lines` (all written, and the input ended, at once); returns what it printed. */
async function terminal(app: TestApp, userId: string, lines: string[], opts: { handle?: MessageHandler; staff?: boolean } = {}): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d: Buffer) => (printed += d.toString('utf8')));
  input.end(lines.map((l) => `${l}\n`).join(''));
  await runTerminalChat(app.services, opts.handle ?? app.handle, { userId, input, output, ...(opts.staff ? { staff: true } : {}) });
  return printed;
}

/** A test app whose terminal messages are delivered only by the terminal chats a test opens. */
async function terminalApp(config: Record<string, string> = {}): Promise<TestApp> {
  const app = await createTestApp({ config: { RATE_LIMIT_PER_MINUTE: '500', ...config } });
  app.services.notifier.unregister('terminal');
  return app;
}

/** Deletes a test's Redis keys. */
async function deletePrefix(store: RedisStore): Promise<void> {
  const keys = await store.redis.keys(`${store.prefix}:*`);
  if (keys.length) await store.redis.del(...keys);
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('terminal chat: only this person\'s queued messages', () => {
  it('a staff reply queued for terminal:bob is not shown to amy, and is shown to bob once', async () => {
    app = await terminalApp();
    await app.services.notifier.send({ channel: 'terminal', chatId: 'bob', userId: 'bob' }, { text: '【工作人员回复】赵老您好，扶手下周装好。' });
    await app.services.notifier.send({ channel: 'terminal', chatId: 'amy', userId: 'amy' }, { text: '【工作人员回复】王老您好，食堂会少放盐。' });
    const amy = await terminal(app, 'amy', ['你好']);
    expect(amy).toContain('食堂会少放盐');
    expect(amy).not.toContain('扶手');
    const bob = await terminal(app, 'bob', ['你好']);
    expect(bob).toContain('扶手下周装好');
    expect(bob).not.toContain('食堂');
    expect(await terminal(app, 'bob', ['你好'])).not.toContain('扶手'); // delivered once
  });

  it('a waitlist promotion goes to the promoted person\'s terminal, not to the one who cancelled', async () => {
    app = await terminalApp();
    const chess = await app.services.store.activities.create(
      { title: '迎新春象棋比赛', category: '棋牌', startAt: at('2026-12-05T09:30:00'), place: '棋牌室', capacity: 1 },
      app.clock.now(),
    );
    await terminal(app, 'a3', ['报名迎新春象棋比赛', '1']);
    const waiting = await terminal(app, 'a7', ['报名迎新春象棋比赛', '1']);
    expect(waiting).toContain('候补');
    const cancelled = await terminal(app, 'a3', ['取消报名迎新春象棋比赛', '1']);
    expect((await app.services.store.activities.listByActivity(chess.id)).confirmed.map((b) => b.userId)).toEqual(['terminal:a7']);
    expect(cancelled).not.toContain('有空位了');
    const promoted = await terminal(app, 'a7', ['你好']);
    expect(promoted).toContain('好消息！您候补的「迎新春象棋比赛」有空位了');
  });

  it('the rating question of a ticket closed in the staff terminal waits for the retiree, whose "3" is the rating', async () => {
    app = await terminalApp({ STAFF_IDS: 'terminal:staff1' });
    const filed = await terminal(app, 'f05-3', ['我要投诉 活动中心的电梯坏了一个月没人修', '1']);
    const no = /FK\d{8}-\d{4}/.exec(filed)?.[0];
    expect(no).toBeDefined();
    const staff = await terminal(app, 'staff1', [`回复 ${no} 电梯明天修好`, `关闭 ${no}`], { staff: true });
    expect(staff).not.toContain('【工作人员回复】');
    expect(staff).not.toContain('打个分');
    const retiree = await terminal(app, 'f05-3', ['3']);
    expect(retiree).toContain('电梯明天修好');
    expect(retiree).toContain('请给我们的服务打个分');
    expect(retiree).toContain('谢谢您打了 3 分');
    const ticket = await app.services.store.tickets.get(no!);
    expect(ticket?.rating).toBe(3);
  });
});

describe('terminal chat: input before the service is ready', () => {
  it('answers every line typed before the greeting was ready, and ends at end of input', async () => {
    app = await terminalApp();
    const texts: string[] = [];
    // a slow first answer (a store still connecting): the lines are already waiting in the input
    const slow: MessageHandler = async (msg) => {
      texts.push(msg.text);
      if (texts.length === 1) await new Promise((r) => setTimeout(r, 200));
      return app!.handle(msg);
    };
    const printed = await terminal(app, 'early', ['0', '9', '2'], { handle: slow });
    expect(texts).toEqual(['你好', '0', '9', '2']);
    expect(printed).toContain('再见');
    // one footer per answered turn: the greeting and the three lines
    expect(printed.match(/回复 0 回主菜单，回复 9 找工作人员/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it.runIf(redisUp)('with STORE=redis, piped lines are all answered and the process exits 0', async () => {
    const prefix = `test-terminal-${randomUUID().slice(0, 8)}`;
    const env = {
      ...process.env,
      STORE: 'redis',
      REDIS_URL,
      REDIS_PREFIX: prefix,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'yl-term-redis-')),
      RATE_LIMIT_PER_MINUTE: '500',
    };
    const run = spawnSync('node', ['bin/yinling.js', 'chat', '--user', 'rd1'], { input: '0\n9\n', env, encoding: 'utf8', timeout: 60_000 });
    const store = await RedisStore.connect(REDIS_URL, prefix);
    await deletePrefix(store);
    await store.close();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('再见');
    // greeting + "0" (the menu) + "9" (staff): three footers
    expect(run.stdout.match(/回复 0 回主菜单，回复 9 找工作人员/g)).toHaveLength(3);
  }, 70_000);
});

describe('outbox claims for some chats of a channel', () => {
  const stores: [string, () => Promise<Store>][] = [['sqlite', async () => new SqliteStore(':memory:')]];
  if (redisUp) stores.push(['redis', async () => RedisStore.connect(REDIS_URL, `test-terminal-${randomUUID().slice(0, 8)}`)]);

  for (const [kind, open] of stores) {
    it(`${kind}: claims only the given chats and leaves the others untouched for their owner`, async () => {
      const store = await open();
      try {
        const t0 = new Date('2026-12-01T02:00:00Z');
        for (const chatId of ['bob', 'amy', 'bob', 'carl']) await store.enqueueOutbox({ to: { channel: 'terminal', chatId }, text: chatId }, t0);
        const amy = await store.claimOutbox(['terminal'], 10, 60_000, t0, ['amy']);
        expect(amy.map((m) => m.text)).toEqual(['amy']);
        await store.ackOutbox(amy[0]!.id);
        expect(await store.claimOutbox(['terminal'], 10, 60_000, t0, ['amy'])).toEqual([]);
        expect(await store.claimOutbox(['terminal'], 10, 60_000, t0, [])).toEqual([]);
        const bob = await store.claimOutbox(['terminal'], 1, 60_000, t0, ['bob']);
        expect(bob.map((m) => [m.text, m.attempts])).toEqual([['bob', 1]]);
        // not claimed before: carl's message was never leased nor counted as an attempt
        const rest = await store.claimOutbox(['terminal'], 10, 60_000, t0);
        expect(rest.map((m) => [m.text, m.attempts])).toEqual([
          ['bob', 1],
          ['carl', 1],
        ]);
      } finally {
        if (store instanceof RedisStore) await deletePrefix(store);
        await store.close();
      }
    });
  }

  it('a notifier sender for one chat delivers that chat only; another instance holding the channel gets the rest', async () => {
    const store = new SqliteStore(':memory:');
    const clock = new ManualClock('2026-12-01T02:00:00Z');
    const mine = new Notifier(store, clock, silentLogger());
    const got: string[] = [];
    mine.register({ name: 'terminal', chatIds: ['amy'], sendText: async (to, r) => void got.push(`${to.chatId}:${r.text}`) });
    await mine.send({ channel: 'terminal', chatId: 'bob' }, { text: '一' });
    await mine.send({ channel: 'terminal', chatId: 'amy' }, { text: '二' });
    await mine.drain();
    expect(got).toEqual(['amy:二']);
    const whole = new Notifier(store, clock, silentLogger());
    whole.register({ name: 'terminal', sendText: async (to, r) => void got.push(`${to.chatId}:${r.text}`) });
    expect(await whole.drain()).toBe(1);
    expect(got).toEqual(['amy:二', 'bob:一']);
    await store.close();
  });
});
