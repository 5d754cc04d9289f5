/**
 * The feedback skill: classify (建议/投诉/求助/住院报告/其他), ask one short follow-up only when
 * something essential is missing, show a summary, and on "1" create the ticket and give its number.
 * Flow: 'feedback.details' (content -> hospital -> confirm). The 1-5 rating after closing is taken by
 * the ticketRatingAnswer pipeline middleware (rating.ts), outside the user's dialog.
 */
import type { FlowHandler, Skill, SkillContext, SkillModule, SkillResult } from '../types.js';
import { replies } from '../types.js';
import type { TicketCategory } from '../../store/ticket-types.js';
import { classifyCategory, explicitCategory, isTicketCategory, parseHospitalAnswer, substance } from './classify.js';
import { openTicket, RATING_FLOW } from './actions.js';
import { categoryLabel, clip } from './format.js';
import { matchStaffCommand, runStaffCommand } from './staff-commands.js';
import { ratingAnswer, recordRating } from './rating.js';

export { openHandoffTicket, openTicket, replyToTicket, closeTicket, setTicketStatus, setTicketCategory, staffPrivateChats, ratingKey, RATING_FLOW } from './actions.js';
export { matchStaffCommand } from './staff-commands.js';
export { parseRating, ticketRatingAnswer } from './rating.js';

/** Flow state of a feedback being written. */
interface Draft {
  intent: 'feedback';
  category?: TicketCategory;
  text?: string;
  details?: { hospital?: string; mayCall?: boolean };
  messageId?: string;
  /** The name from the first message (later messages may not carry it). */
  userName?: string;
  asked?: boolean;
  misses?: number;
}

const YES = /^(1|确认|确定|提交|确认提交|是|是的|对|对的|好|好的|可以|行|没错)$/u;
const NO = /^(2|取消|不|不要|算了|不用|不提交|不对|错了)$/u;

function bare(text: string): string {
  return text.trim().replace(/[\s\p{P}]+$/gu, '').replace(/^\s+/, '');
}

const feedback: Skill = async (ctx) => {
  const cmd = matchStaffCommand(ctx.text);
  if (cmd) return runStaffCommand(ctx, cmd);
  const { prompts } = ctx.services;
  const text = ctx.text.trim();
  const fromMenu = ctx.route.slots.menu === true || /^\d$/.test(text);
  const slotCategory = ctx.route.slots.category;
  const category = explicitCategory(text, prompts) ?? (isTicketCategory(slotCategory) ? slotCategory : classifyCategory(text, prompts));
  const draft: Draft = {
    intent: 'feedback',
    ...(ctx.msg.messageId ? { messageId: ctx.msg.messageId } : {}),
    ...(ctx.msg.userName ? { userName: ctx.msg.userName } : {}),
  };
  if (fromMenu || (category !== 'hospitalization' && [...substance(text, prompts)].length < 4)) {
    if (!fromMenu && category !== 'other') draft.category = category;
    await ctx.dialog.start('feedback.details', 'content', { ...draft });
    return replies(prompts.t('feedback.ask_content'));
  }
  return proceed(ctx, { ...draft, category, text, details: category === 'hospitalization' ? parseHospitalAnswer(text) : {} });
};

/** Asks the one follow-up a hospital report may need, or shows the summary to confirm. */
async function proceed(ctx: SkillContext, draft: Draft): Promise<SkillResult> {
  const { prompts } = ctx.services;
  const d = draft.details ?? {};
  if (draft.category === 'hospitalization' && !draft.asked && (d.hospital === undefined || d.mayCall === undefined)) {
    const key = d.hospital === undefined && d.mayCall === undefined ? 'ask_hospital_and_call' : d.hospital === undefined ? 'ask_hospital' : 'ask_call';
    await ctx.dialog.start('feedback.details', 'hospital', { ...draft, asked: true });
    return replies(prompts.t(`feedback.${key}`));
  }
  await ctx.dialog.start('feedback.details', 'confirm', { ...draft, misses: 0 });
  return { replies: [summary(ctx, draft)] };
}

function summary(ctx: SkillContext, draft: Draft) {
  const { prompts } = ctx.services;
  const d = draft.details ?? {};
  const unknown = prompts.t('feedback.unknown_value');
  const details =
    draft.category === 'hospitalization'
      ? prompts.t('feedback.summary_hospital', {
          hospital: d.hospital ?? unknown,
          may_call: d.mayCall === true ? prompts.t('feedback.may_call_yes') : d.mayCall === false ? prompts.t('feedback.may_call_no') : unknown,
        })
      : '';
  return {
    text: prompts.t('feedback.summary', { category: categoryLabel(prompts, draft.category ?? 'other'), text: clip(draft.text ?? '', 80), details }),
    options: [
      { key: '1', label: prompts.t('feedback.confirm_option') },
      { key: '2', label: prompts.t('feedback.cancel_option') },
    ],
  };
}

const details: FlowHandler = async (ctx) => {
  const draft = ctx.state.data as unknown as Draft;
  const { prompts } = ctx.services;
  const text = ctx.text.trim();
  switch (ctx.state.step) {
    case 'content': {
      if ([...bare(text)].length < 2 || matchStaffCommand(text)) return { replies: [], passThrough: true };
      const category = draft.category ?? classifyCategory(text, prompts);
      return proceed(ctx, { ...draft, category, text, details: category === 'hospitalization' ? parseHospitalAnswer(text) : {} });
    }
    case 'hospital': {
      const answer = parseHospitalAnswer(text, { wholeTextIsHospital: draft.details?.hospital === undefined });
      return proceed(ctx, { ...draft, details: { ...draft.details, ...answer } });
    }
    case 'confirm':
      return confirm(ctx, draft, text);
    default:
      return { replies: [], passThrough: true };
  }
};

async function confirm(ctx: SkillContext, draft: Draft, text: string): Promise<SkillResult> {
  const { prompts, config, logger } = ctx.services;
  const answer = bare(text);
  if (NO.test(answer)) {
    await ctx.dialog.clear();
    return replies(prompts.t('feedback.cancelled'));
  }
  if (!YES.test(answer)) {
    const misses = (draft.misses ?? 0) + 1;
    if (misses >= 2) return { replies: [], passThrough: true };
    await ctx.dialog.start('feedback.details', 'confirm', { ...draft, misses });
    return { replies: [{ text: prompts.t('feedback.confirm_again'), options: summary(ctx, draft).options }] };
  }
  const category = draft.category ?? 'other';
  try {
    const { ticket, duplicate } = await openTicket(ctx.services, {
      msg: { ...ctx.msg, ...(ctx.msg.userName || !draft.userName ? {} : { userName: draft.userName }) },
      category,
      text: draft.text ?? '',
      ...(category === 'hospitalization' ? { details: { ...draft.details } } : {}),
      ...(draft.messageId ? { messageId: draft.messageId } : {}),
    });
    await ctx.dialog.clear();
    const key = duplicate ? 'feedback.duplicate' : category === 'hospitalization' ? 'feedback.created_hospital' : 'feedback.created';
    return { ...replies(prompts.t(key, { no: ticket.no })), data: { intent: 'feedback', ticketNo: ticket.no, category, duplicate } };
  } catch (err) {
    logger.error({ err }, 'ticket not created');
    return replies(prompts.t('feedback.failed', { contact: config.STAFF_CONTACT }));
  }
}

/**
 * A rating question stored in the user's dialog by an older version: answered by the same rule as the
 * middleware (a bare rating, a bare digit only within a day); anything else ends it and goes on.
 */
const legacyRating: FlowHandler = async (ctx) => {
  const value = ratingAnswer(ctx.text, ctx.state, ctx.services.clock.now());
  const no = ctx.state.data.ticketNo;
  if (value === null || typeof no !== 'string') return { replies: [], passThrough: true };
  await ctx.dialog.clear();
  const text = await recordRating(ctx.services, ctx.msg, no, value);
  if (text === null) return { replies: [], passThrough: true };
  return { ...replies(text), data: { intent: 'feedback', ticketNo: no, rating: value } };
};

/** The feedback skill module: intent `feedback`, flow `feedback.details` (and the legacy `feedback.rating`). */
export const feedbackSkills: SkillModule = {
  intents: { feedback },
  flows: { 'feedback.details': details, [RATING_FLOW]: legacyRating },
};
