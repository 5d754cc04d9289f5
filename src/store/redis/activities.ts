/** Redis activities, bookings (one Lua script) and reminders. Placeholder: the activities issue implements it. */
import type { Redis } from 'ioredis';
import type { ActivityRepo } from '../activity-types.js';

const pending = (): never => {
  throw new Error('redis activities store is not implemented yet');
};

export class RedisActivityRepo implements ActivityRepo {
  constructor(
    readonly redis: Redis,
    readonly prefix: string,
  ) {}
  create = pending;
  get = pending;
  update = pending;
  list = pending;
  book = pending;
  cancel = pending;
  cancelActivity = pending;
  listByUser = pending;
  listByActivity = pending;
  claimDueReminders = pending;
}
