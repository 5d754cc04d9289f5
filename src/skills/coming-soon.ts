/** An honest reply for a feature that is not built yet. */
import type { Skill } from './types.js';

/** Replies that the feature is coming and offers staff. */
export function comingSoon(feature: string): Skill {
  return async ({ services }) => ({
    replies: [{ text: services.prompts.t('core.coming_soon', { feature: services.prompts.t(`core.feature_names.${feature}`) }) }],
    data: { comingSoon: feature },
  });
}
