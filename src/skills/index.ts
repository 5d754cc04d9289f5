/** The skill registry: every intent mapped to its skill (checked at start-up), plus all flows. */
import type { KnownIntent } from '../core/types.js';
import { INTENTS } from '../core/types.js';
import type { FlowHandler, LeaveNote, Skill, SkillModule } from './types.js';
import { coreSkills, clarify, giveUp } from './core/index.js';
import { policySkills } from './policy/index.js';
import { activitySkills } from './activities/index.js';
import { feedbackSkills } from './feedback/index.js';
import { broadcastSkills } from './broadcast/index.js';

export interface SkillRegistry {
  intents: Record<KnownIntent, Skill>;
  flows: Record<string, FlowHandler>;
  /** Flow name -> the line said when "0" / "9" leaves it. */
  leaving: Record<string, LeaveNote>;
  /** Asks which of the likely intents the user meant. */
  clarify: Skill;
  /** After a second miss: says so and offers staff. */
  giveUp: Skill;
}

/** The modules the service runs with (order matters only for flow-name clashes, which throw). */
export const defaultModules: SkillModule[] = [coreSkills, policySkills, activitySkills, feedbackSkills, broadcastSkills];

/** Combines skill modules; throws when an intent has no skill or two modules claim one. */
export function buildSkillRegistry(modules: SkillModule[] = defaultModules): SkillRegistry {
  const intents: Partial<Record<KnownIntent, Skill>> = {};
  const flows: Record<string, FlowHandler> = {};
  const leaving: Record<string, LeaveNote> = {};
  for (const mod of modules) {
    for (const [intent, skill] of Object.entries(mod.intents) as [KnownIntent, Skill][]) {
      if (intents[intent]) throw new Error(`two skills claim intent ${intent}`);
      intents[intent] = skill;
    }
    for (const [name, flow] of Object.entries(mod.flows ?? {})) {
      if (flows[name]) throw new Error(`two skills claim flow ${name}`);
      flows[name] = flow;
    }
    Object.assign(leaving, mod.leaving ?? {});
  }
  const missing = INTENTS.filter((i) => !intents[i]);
  if (missing.length) throw new Error(`no skill for intent(s): ${missing.join(', ')}`);
  return { intents: intents as Record<KnownIntent, Skill>, flows, leaving, clarify, giveUp };
}
