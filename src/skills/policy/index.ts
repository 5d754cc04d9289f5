/** Policy questions. Placeholder: the policy answers issue replaces it. */
import type { SkillModule } from '../types.js';
import { comingSoon } from '../coming-soon.js';

export const policySkills: SkillModule = {
  intents: { policy_query: comingSoon('policy') },
};
