/**
 * The four activities the QA conversation tests of the booking skill book against (ids 1–4), and a
 * look at a person's active bookings.
 */
import type { TestApp } from './harness.js';

/** 1 冬季健康讲座 (40 seats), 2 书法班 (2), 3 参观乡村振兴示范点 (20, with age notes), 4 迎新春象棋比赛 (3). */
export async function addQaActivities(app: TestApp): Promise<void> {
  const create = (title: string, category: string, startAt: string, capacity: number, notes?: string) =>
    app.services.store.activities.create({ title, category, startAt, place: '活动中心', capacity, maxSeatsPerBooking: 2, ...(notes ? { notes } : {}) }, app.clock.now());
  await create('冬季健康讲座', '讲座', '2026-12-03T06:00:00Z', 40);
  await create('书法班', '书画摄影', '2026-12-04T01:00:00Z', 2);
  await create('参观乡村振兴示范点', '参观', '2026-12-10T00:30:00Z', 20, '一般在80周岁以下；75岁以上须家属陪同');
  await create('迎新春象棋比赛', '棋牌', '2026-12-12T01:30:00Z', 3);
}

/** [activityId, seats, status] of the person's bookings. */
export async function activeBookings(app: TestApp, user: string): Promise<[string, number, string][]> {
  return (await app.services.store.activities.listByUser(`http:${user}`)).map((b) => [b.activityId, b.seats, b.status]);
}
