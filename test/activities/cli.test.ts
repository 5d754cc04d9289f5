/** `yinling activity add|list|show|cancel` in-process, on the test app's store; cancel tells everyone. */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { Command } from 'commander';
import { register } from '../../src/cli/activity.js';
import { createTestApp, type TestApp } from '../helpers/harness.js';

describe('yinling activity', () => {
  let app: TestApp;
  let printed: unknown[];

  const run = async (...args: string[]) => {
    const program = new Command().exitOverride();
    register(program, { open: async () => app.services, close: async () => {}, printJson: (v) => void printed.push(JSON.parse(JSON.stringify(v))) });
    await program.parseAsync(['node', 'yinling', ...args]);
    return printed.at(-1) as Record<string, unknown>;
  };

  beforeEach(async () => {
    app = await createTestApp();
    printed = [];
  });
  afterEach(async () => {
    await app.close();
  });

  it('adds, lists and shows an activity with its confirmed bookings and waitlist', async () => {
    const added = await run('activity', 'add', '--title', '门球友谊赛', '--start', '2026-12-05T09:00:00+08:00', '--place', '门球场', '--capacity', '1', '--category', '球类', '--deadline', '2026-12-04T18:00:00+08:00', '--json');
    expect(added).toMatchObject({ title: '门球友谊赛', capacity: 1, category: '球类', status: 'open', startAt: '2026-12-05T01:00:00.000Z', deadline: '2026-12-04T10:00:00.000Z' });
    const list = (await run('activity', 'list', '--json')) as unknown as { id: string }[];
    expect(list.map((a) => a.id)).toEqual([added.id]);
    await app.say('报名门球友谊赛', { userId: 'a', userName: '张老' });
    await app.say('1', { userId: 'a' });
    await app.say('报名门球友谊赛', { userId: 'b' });
    await app.say('1', { userId: 'b' });
    const shown = await run('activity', 'show', String(added.id), '--json');
    expect(shown).toMatchObject({
      activity: { id: added.id, seatsTaken: 1, status: 'full' },
      confirmed: [{ userId: 'a', person: 'http:a', userName: '张老', seats: 1 }],
      waitlist: [{ userId: 'b', person: 'http:b', position: 1 }],
    });
  });

  it('cancels an activity and tells everyone booked, through the notifier', async () => {
    const added = await run('activity', 'add', '--title', '书法讲座', '--start', '2026-12-06T14:00:00+08:00', '--place', '老年大学', '--capacity', '1', '--json');
    for (const u of ['a', 'b']) {
      await app.say('报名书法讲座', { userId: u });
      await app.say('1', { userId: u });
    }
    const out = await run('activity', 'cancel', String(added.id), '--json');
    expect((out.told as unknown[]).length).toBe(2);
    await app.flush();
    expect(app.sent.map((m) => m.to.chatId).sort()).toEqual(['a', 'b']);
    expect(app.sent[0]!.reply.text).toContain('已取消');
    expect(await app.ask('报名书法讲座', { userId: 'c' })).toContain('已经取消了');
  });

  it('refuses bad options with a sentence saying what is valid', async () => {
    await expect(run('activity', 'add', '--title', 'x', '--start', '下周', '--place', 'p', '--capacity', '3')).rejects.toThrow(/--start must be an ISO date/);
    await expect(run('activity', 'add', '--title', 'x', '--start', '2026-12-05T09:00:00+08:00', '--place', 'p', '--capacity', '0')).rejects.toThrow(/--capacity must be a whole number/);
    await expect(run('activity', 'show', '42')).rejects.toThrow(/activity 42 not found/);
  });
});
