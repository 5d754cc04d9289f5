/** The booking reply promises only the reminders that will really be sent (each only while still ahead). */
import { describe, it, expect, afterEach } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/harness.js';
import { runReminderTick } from '../../src/skills/activities/jobs.js';

const H = 3600_000;

describe('reminder promise when booking', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  const bookIn = async (hoursAhead: number) => {
    app = await createTestApp();
    const start = new Date(app.clock.now().getTime() + hoursAhead * H).toISOString();
    await app.services.store.activities.create({ title: '健康讲座', category: '讲座', startAt: start, place: '活动中心', capacity: 10, maxSeatsPerBooking: 2 }, app.clock.now());
    await app.ask('报名健康讲座');
    const text = await app.ask('1');
    expect(text).toContain('报名成功');
    // Run the reminder loop until the start and count what is really sent.
    let sent = 0;
    for (let t = 0; t < hoursAhead * 12; t++) {
      app.clock.advance(5 * 60_000);
      sent += await runReminderTick(app.services);
    }
    return { text, sent };
  };

  it('promises both reminders three days ahead', async () => {
    const { text, sent } = await bookIn(72);
    expect(text).toContain('活动前一天和开始前两小时会提醒您');
    expect(sent).toBe(2);
  });

  it('promises only the two-hour reminder for a start three hours ahead', async () => {
    const { text, sent } = await bookIn(3);
    expect(text).toContain('开始前两小时会提醒您');
    expect(text).not.toContain('前一天');
    expect(sent).toBe(1);
  });

  it('promises no reminder for a start within two hours', async () => {
    const { text, sent } = await bookIn(1);
    expect(text).not.toContain('提醒您');
    expect(text).toContain('请您按时到场');
    expect(sent).toBe(0);
  });
});
