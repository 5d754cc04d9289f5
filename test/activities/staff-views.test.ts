/**
 * What staff see and type (QA C4, C5, C6): the status of an activity whose sign-up deadline has
 * passed reads 报名截止 / "deadline passed", never 报名中 / open; the category of a new activity fits
 * its title (太极拳晨练 is not a ball game); the capacity may be written in Chinese numerals; CLI
 * sentences use singular and plural correctly.
 */
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { Command } from 'commander';
import { register } from '../../src/cli/activity.js';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { signupState } from '../../src/store/activity-types.js';

const at = (localIso: string) => new Date(`${localIso}+08:00`).toISOString();
const staff = { userId: 'staff1' };

describe('activities as staff see them', () => {
  let app: TestApp;
  let out: string[];
  let visit: string;

  const cli = async (...args: string[]) => {
    const program = new Command().exitOverride();
    register(program, { open: async () => app.services, close: async () => {}, printJson: () => {} });
    out = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await program.parseAsync(['node', 'yinling', ...args]);
    } finally {
      spy.mockRestore();
    }
    return out.join('');
  };

  beforeEach(async () => {
    // harness clock: 2026-12-01 10:00 Beijing
    app = await createTestApp({ config: { STAFF_IDS: 'http:staff1' } });
    const acts = app.services.store.activities;
    const now = app.clock.now();
    visit = (await acts.create({ title: '红色教育基地参观', category: '参观', startAt: at('2026-12-10T08:00:00'), place: '活动中心门口', capacity: 30, deadline: at('2026-11-30T17:00:00') }, now)).id;
    await acts.create({ title: '冬季健康讲座', category: '讲座', startAt: at('2026-12-03T14:00:00'), place: '报告厅', capacity: 40 }, now);
  });
  afterEach(async () => {
    await app.close();
  });

  describe('C4: a passed sign-up deadline', () => {
    it('reads 报名截止 in the staff chat list, while open ones read 报名中', async () => {
      const text = await app.ask('活动管理', staff);
      expect(text).toMatch(/「红色教育基地参观」[^\n]*报名截止/u);
      expect(text).not.toMatch(/「红色教育基地参观」[^\n]*报名中/u);
      expect(text).toMatch(/「冬季健康讲座」[^\n]*报名中/u);
    });

    it('reads "deadline passed" in `activity list` and `activity show`, and retirees are told it has closed', async () => {
      const list = await cli('activity', 'list');
      expect(list).toMatch(/红色教育基地参观[^\n]*deadline passed/u);
      expect(list).toMatch(/冬季健康讲座[^\n]*open/u);
      expect(await cli('activity', 'show', visit)).toMatch(/^\d+\s+红色教育基地参观[^\n]*deadline passed/u);
      expect(await app.ask('报名红色教育基地参观', { userId: 'a' })).toContain('报名已经截止了');
    });

    it('shows an activity that has started as started in `activity list --all`, and a deadline still ahead as open', async () => {
      app.clock.set(at('2026-12-03T15:00:00'));
      expect(await cli('activity', 'list', '--all')).toMatch(/冬季健康讲座[^\n]*started/u);
      const a = (await app.services.store.activities.get(visit))!;
      expect(signupState(a, new Date(at('2026-11-30T16:59:00')))).toBe('open');
      expect(signupState(a, new Date(at('2026-11-30T17:01:00')))).toBe('deadline');
      expect(signupState({ ...a, status: 'cancelled' }, new Date(at('2026-11-30T17:01:00')))).toBe('cancelled');
    });
  });
});
