/** Feedback tickets. Placeholder: the feedback issue replaces it. */
import type { SkillModule } from '../types.js';
import { comingSoon } from '../coming-soon.js';

export const feedbackSkills: SkillModule = {
  intents: { feedback: comingSoon('feedback') },
};
