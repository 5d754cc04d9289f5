/** Core skills: help (main menu), smalltalk, human handoff, the clarifying question, menu follow-ups. */
import type { SkillModule, Skill, FlowHandler } from '../types.js';
import { isKnownIntent } from '../../core/types.js';
import { mainMenu } from './menu.js';
import { menuRoute } from '../../core/router/menu.js';
import { smalltalk } from './smalltalk.js';
import { handoff, handoffFlows } from './handoff.js';

/** Main menu; menu "1" (policy) and "3" (feedback) ask for the text and hand the next message on. */
const help: Skill = async ({ services, route, msg }) => ({
  replies: [mainMenu(services.prompts, { greeting: route.source !== 'menu', name: msg.userName ?? '' })],
});

/** After menu "1" or "3": the next message goes to that intent's skill. */
const awaitText: FlowHandler = async (ctx) => {
  const intent = ctx.state.data.intent;
  await ctx.dialog.clear();
  if (typeof intent !== 'string' || !isKnownIntent(intent)) return { replies: [], passThrough: true };
  if (menuRoute(ctx.text, { inFlow: false })) return { replies: [], passThrough: true };
  return ctx.redirect(intent);
};

/** Which of the likely intents did you mean? (Rasa's two-stage fallback, first stage.) */
export const clarify: Skill = async ({ services, route, dialog, text }) => {
  const { prompts } = services;
  const candidates = (route.alternatives ?? []).map((a) => a.intent).slice(0, 3);
  const options = candidates.map((intent, i) => ({ key: String(i + 1), label: prompts.t(`core.intent_labels.${intent}`) }));
  // asked again ("确认" to the choices): the message being clarified is still the first one
  const original = typeof route.slots.original === 'string' ? route.slots.original : text;
  await dialog.start('core.clarify', 'choose', { candidates, text: original });
  return {
    replies: [{ text: [prompts.t(route.slots.again === true ? 'core.clarify_pick' : 'core.not_understood'), ...options.map((o) => `${o.key}. ${o.label}`)].join('\n'), options }],
  };
};

/** Second stage: still unclear, so say so and offer staff instead of guessing again. */
export const giveUp: Skill = async ({ services, dialog }) => {
  await dialog.clear();
  return { replies: [{ text: services.prompts.t('core.not_understood_again'), options: [{ key: '9', label: services.prompts.t('core.intent_labels.human_handoff') }] }] };
};

const clarifyChoice: FlowHandler = async (ctx) => {
  const candidates = (ctx.state.data.candidates as string[] | undefined) ?? [];
  const picked = /^\d$/.test(ctx.text.trim()) ? candidates[Number(ctx.text.trim()) - 1] : undefined;
  if (!picked || !isKnownIntent(picked)) return { replies: [], passThrough: true };
  await ctx.dialog.clear();
  const original = String(ctx.state.data.text ?? ctx.text);
  // "？？？" then "1. 问政策": there is no question to look up yet, so ask for it.
  if ((picked === 'policy_query' || picked === 'feedback') && (original.match(/\p{Script=Han}/gu) ?? []).length < 2) {
    await ctx.dialog.start('core.await_text', 'wait', { intent: picked });
    const key = picked === 'policy_query' ? 'core.menu_policy_prompt' : 'core.menu_feedback_prompt';
    return { replies: [{ text: ctx.services.prompts.t(key) }], data: { intent: picked } };
  }
  return ctx.redirect(picked, original);
};

export const coreSkills: SkillModule = {
  intents: { help, smalltalk, human_handoff: handoff },
  flows: { 'core.await_text': awaitText, 'core.clarify': clarifyChoice, ...handoffFlows },
};
