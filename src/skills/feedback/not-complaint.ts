/**
 * "我不是投诉 我就问问规定": the person says they are not complaining but asking about a rule. No draft is
 * made (or the one at the summary is dropped): the question asked before (a policy answer just left,
 * kept by doing.ts rememberLeftFlow) or the draft's own words go to policy; with neither, they are asked
 * for the question and the next words go to policy.
 */
import type { SkillContext, SkillResult } from '../types.js';
import { replies } from '../types.js';
import { takeLeftQuestion } from './doing.js';

/** Saying it is no complaint: "我不是投诉", "不是要告状", "没想提意见". */
const NOT_COMPLAINT = /(?:不是|不|没|没有)(?:要|想|在|打算)?(?:投诉|告状|提意见|反映问题|找茬|告你们)/u;
/** ...but a question about the rules: "我就问问规定", "想了解一下政策", "咨询一下". */
const ASKS_RULE = /问问|问一下|问下|想问|打听|咨询|了解一下|规定|政策|就问/u;

/** True for "我不是投诉 我就问问规定" (both parts said). */
export function notComplaintButQuestion(text: string): boolean {
  return NOT_COMPLAINT.test(text) && ASKS_RULE.test(text);
}

/**
 * The answer to "我不是投诉 我就问问规定": the question (`question`, else the one just left) answered by
 * policy, the flow cleared; or, with no question known, asked for it (the next words go to policy).
 */
export async function answerAsQuestion(ctx: SkillContext, question?: string): Promise<SkillResult> {
  const { prompts } = ctx.services;
  await ctx.dialog.clear();
  const asked = (await takeLeftQuestion(ctx.services, ctx.msg)) ?? (question?.trim() || null);
  if (asked === null) {
    await ctx.dialog.start('core.await_text', 'wait', { intent: 'policy_query' });
    return { ...replies(prompts.t('feedback.not_complaint_ask')), data: { intent: 'policy_query' } };
  }
  const result = await ctx.redirect('policy_query', asked);
  return { ...result, replies: [{ text: prompts.t('feedback.not_complaint_answer') }, ...result.replies], data: { ...result.data, intent: 'policy_query' } };
}
