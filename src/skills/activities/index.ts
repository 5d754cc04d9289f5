/** Activity list, booking, cancellation and my bookings. Placeholder: the activities issue replaces it. */
import type { SkillModule } from '../types.js';
import { comingSoon } from '../coming-soon.js';

export const activitySkills: SkillModule = {
  intents: {
    activity_list: comingSoon('activities'),
    activity_book: comingSoon('activities'),
    activity_cancel: comingSoon('activities'),
    my_bookings: comingSoon('activities'),
  },
};
