/**
 * The feedback skill: classify (建议/投诉/求助/住院报告/其他), ask one short follow-up only when
 * something essential is missing, show a summary, and on "1" create the ticket and give its number.
 * Flow: 'feedback.details' (content -> hospital -> confirm). Another request at the hospital or confirm
 * step parks the draft for a day instead of dropping it (parked.ts). The 1-5 rating after closing is
 * taken by the ticketRatingAnswer pipeline middleware (rating.ts), outside the user's dialog. An
 * emergency at home is answered at once with an urgent ticket (emergency.ts); words right after a
 * submission may be added to that ticket (filed.ts).
 */
import type { FlowHandler, Skill, SkillContext, SkillModule, SkillResult } from '../types.js';
import type { KnownIntent } from '../../core/types.js';
import { replies } from '../types.js';
import { classifyCategory, detailsCorrection, explicitCategory, hospitalNotKnown, isGrievance, isTicketCategory, parseHospitalAnswer, substance } from './classify.js';
import { RATING_FLOW } from './actions.js';
import { confirmAnswer, submitDraft, type Draft } from './draft.js';
import { asksIfSubmitted, dropParkedDraft, parkDraft, parkedFlows } from './parked.js';
import { additionOf, appendToContent, asksSomething, isNewReport, isPoliteOnly, markedAddition } from './addition.js';
import { categoryLabel, formatDateTime, statusLabel } from './format.js';
import { isCancel } from './cancel.js';
import { detailsQuestion, hospitalAnswered, proceed, reportDraft, showSummary, summary } from './steps.js';
import { applyCorrection, correctedCategory, dropOpening, readCorrection } from './correction.js';
import { isEmergency } from './emergency.js';
import { answerAsQuestion, notComplaintButQuestion } from './not-complaint.js';
import { isWithdrawal, offerWithdrawal } from './withdraw.js';
import { asksAboutProcess, asksWhenAnswered } from './process.js';
import { answerEmergencyAndListen, filedFlows, rememberFiled } from './filed.js';
import { personId } from '../../core/person.js';
import type { Ticket, TicketCategory } from '../../store/ticket-types.js';
import { matchStaffCommand, runStaffCommand } from './staff-commands.js';
import { ratingAnswerWithWords, recordRating } from './rating.js';
import { matchRules, QUESTION } from '../../core/router/rules.js';

export { openHandoffTicket, openTicket, replyToTicket, closeTicket, setTicketStatus, setTicketCategory, staffPrivateChats, ratingKey, RATING_FLOW } from './actions.js';
export { matchStaffCommand } from './staff-commands.js';
export { parseRating, ticketRatingAnswer } from './rating.js';
export { confirmAnswer } from './draft.js';

/** Intents a message inside the feedback flow clearly belongs to instead (then it is passed on). */
const OTHER_INTENTS = new Set(['activity_list', 'activity_book', 'activity_cancel', 'my_bookings', 'policy_query']);

/** The intent the rules say, with confidence, that the text asks for instead (活动有哪些, 我想报名象棋比赛), or null. */
function otherRequest(text: string): KnownIntent | null {
  const hit = matchRules(text);
  return hit !== null && OTHER_INTENTS.has(hit.intent) && hit.confidence >= 0.8 ? hit.intent : null;
}

function isOtherRequest(text: string): boolean {
  return otherRequest(text) !== null;
}

function hanCount(text: string): number {
  return (text.match(/\p{Script=Han}/gu) ?? []).length;
}

/** An angry or worn-out complaint ("到底管不管事", "打了三次电话都没人接"): a short apology comes first. */
function apologyFor(text: string, prompts: SkillContext['services']['prompts']): string | undefined {
  return prompts.raw<string[]>('feedback.angry_words').some((w) => text.includes(w)) ? prompts.t('feedback.apology') : undefined;
}

/** A 求助 the router saw in a fault is a 投诉 when told as a grievance (老是坏, 没人来修), by the skill's own rule. */
function grievanceOf(category: TicketCategory, text: string, prompts: SkillContext['services']['prompts']): TicketCategory {
  return category === 'help_request' && isGrievance(text, prompts) ? 'complaint' : category;
}

/**
 * Feedback content needs some words: at least four Chinese characters, or a feedback keyword
 * ("漏水", "停电"). "👍👍", "1" or "不好" (an answer to "有帮助吗？") is not a matter.
 */
function hasContent(text: string, prompts: SkillContext['services']['prompts']): boolean {
  return hanCount(text) >= 4 || explicitCategory(text, prompts) !== null || classifyCategory(text, prompts) !== 'other';
}

const feedback: Skill = async (ctx) => {
  const cmd = matchStaffCommand(ctx.text);
  if (cmd) return runStaffCommand(ctx, cmd);
  const { prompts } = ctx.services;
  const text = ctx.text.trim();
  // "我刚才在家摔了一跤 起不来了": help now (120, family, the staff phone) and staff alerted, nothing asked.
  if (isEmergency(text)) return answerEmergencyAndListen(ctx, text);
  // After menu "3" the next message comes here unrouted: "我想报名象棋比赛" is not a feedback.
  if (ctx.route.source === 'dialog' && isOtherRequest(text)) return { replies: [], passThrough: true };
  // "算了不说了" after "请直接说出您的意见": nothing to report.
  if (ctx.route.source === 'dialog' && isCancel(text)) return cancelled(ctx, { intent: 'feedback' });
  // "我不是投诉 我就问问规定": no complaint; the rule question is answered (or asked for).
  if (notComplaintButQuestion(text)) return answerAsQuestion(ctx);
  // "我那个投诉不要了 撤回吧": staff are asked to withdraw the newest open one; never a new complaint.
  if (isWithdrawal(text)) return offerWithdrawal(ctx.services, ctx.msg, text);
  // "意见提了不满意咋办" / "投诉了会不会被打击报复": a rule question about the feedback process, not a 投诉.
  if (asksAboutProcess(text)) return processQuestion(ctx, text);
  const fromMenu = ctx.route.slots.menu === true || /^\d$/.test(text);
  const slotCategory = ctx.route.slots.category;
  const category = explicitCategory(text, prompts) ?? (isTicketCategory(slotCategory) ? grievanceOf(slotCategory, text, prompts) : classifyCategory(text, prompts));
  const draft: Draft = {
    intent: 'feedback',
    ...(ctx.msg.messageId ? { messageId: ctx.msg.messageId } : {}),
    ...(ctx.msg.userName ? { userName: ctx.msg.userName } : {}),
  };
  const matter = substance(text, prompts);
  // "我要投诉" / "我要投诉 就是那个": no matter said yet, so ask for it.
  if (fromMenu || (category !== 'hospitalization' && ([...matter].length < 4 || isPoliteOnly(matter)))) {
    if (!fromMenu && category !== 'other') draft.category = category;
    await ctx.dialog.start('feedback.details', 'content', { ...draft });
    return replies(prompts.t('feedback.ask_content'));
  }
  return proceed(ctx, reportDraft(draft, category, text), apologyFor(text, prompts));
};

const details: FlowHandler = async (ctx) => {
  const draft = ctx.state.data as unknown as Draft;
  const { prompts } = ctx.services;
  const text = ctx.text.trim();
  switch (ctx.state.step) {
    case 'content': {
      // "不好意思" / "你好" is no matter to report: a kind word, and the question again.
      // "算了不说了" / "没事了": the retiree changed their mind; nothing is written.
      if (isCancel(text)) return cancelled(ctx, draft);
      // "就是那个" / "嗯" / "这个": filler, not the matter; asked again kindly.
      if (isPoliteOnly(text)) {
        await ctx.dialog.start('feedback.details', 'content', { ...draft });
        return replies(prompts.t('feedback.ask_content_again'));
      }
      if (isEmergency(text)) return answerEmergencyAndListen(ctx, text);
      if (asksAboutProcess(text)) return processQuestion(ctx, text);
      // "我要投诉" said again: still no matter, so asked again (the category it names is kept).
      const matter = substance(text, prompts);
      if (matter !== text.replace(/[\s\p{P}\p{S}]+/gu, '') && (matter.length === 0 || isPoliteOnly(matter))) {
        const named = explicitCategory(text, prompts);
        await ctx.dialog.start('feedback.details', 'content', { ...draft, ...(named && !draft.category ? { category: named } : {}) });
        return replies(prompts.t('feedback.ask_content_again'));
      }
      if (!hasContent(text, prompts) || matchStaffCommand(text) || isOtherRequest(text)) return { replies: [], passThrough: true };
      const category = draft.category ?? classifyCategory(text, prompts);
      return proceed(ctx, reportDraft(draft, category, text), apologyFor(text, prompts));
    }
    case 'hospital':
      return hospitalAnswer(ctx, draft, text);
    case 'confirm':
      return confirm(ctx, draft, text);
    default:
      return { replies: [], passThrough: true };
  }
};

/**
 * The answer to "请问住在哪家医院？工作人员可以打电话问候您吗？". Only a hospital-like name is the
 * hospital; "2" / "不提交了" / "取消" cancel; "1" / "提交" go to the summary (医院：未说明); a
 * question or another request parks the report; anything else is asked again once, with an example.
 */
async function hospitalAnswer(ctx: SkillContext, draft: Draft, text: string): Promise<SkillResult> {
  const { prompts } = ctx.services;
  // The report itself was said already: another request parks it (parked.ts) instead of losing it.
  // "取消" / "提交" are this report's words, not a booking's.
  const yesNo = confirmAnswer(text);
  if (matchStaffCommand(text) || (yesNo === null && isOtherRequest(text))) return setAside(ctx, draft);
  const d = draft.details ?? {};
  const answer = parseHospitalAnswer(text, { followUp: d.mayCall === undefined, wholeTextIsHospital: !hospitalAnswered(draft) });
  // "还是不知道在哪 他们送去的": not knowing the hospital is an answer; the summary says 医院：未说明.
  if (answer.hospital === undefined && !hospitalAnswered(draft) && yesNo === null && hospitalNotKnown(text, { answering: true })) {
    return proceed(ctx, { ...draft, asked: true, hospitalUnknown: true, details: { ...d, ...answer } });
  }
  // "算了" / "我不想麻烦单位了 算了": the report is dropped (a bare "不用了" answers the call question).
  if (yesNo !== 'no' && answer.hospital === undefined && answer.mayCall === undefined && isCancel(text)) return cancelled(ctx, draft);
  if (answer.hospital !== undefined || answer.mayCall !== undefined) return proceed(ctx, { ...draft, details: { ...d, ...answer } });
  // "对了还有他血压也高": added to the report, and the hospital question asked again.
  const addition = yesNo === null ? markedAddition(text) : null;
  if (addition !== null) {
    await ctx.dialog.start('feedback.details', 'hospital', { ...draft, text: appendToContent(draft.text ?? '', addition) });
    const key = detailsQuestion(draft);
    return replies(`${prompts.t('feedback.added')}\n${prompts.t(`feedback.${key}`)}`);
  }
  if (yesNo === 'no') {
    await ctx.dialog.clear();
    return replies(prompts.t('feedback.cancelled'));
  }
  if (yesNo === 'yes') return proceed(ctx, draft);
  // A question ("住院了单位会来看望吗") or another matter goes on; the report waits.
  if (QUESTION.test(text) || hanCount(text) > 8) return setAside(ctx, draft);
  if (draft.askedAgain) return proceed(ctx, draft); // the summary says 医院：未说明 before anything is written
  const key = !hospitalAnswered(draft) && d.mayCall === undefined ? 'ask_hospital_and_call_again' : !hospitalAnswered(draft) ? 'ask_hospital_again' : 'ask_call_again';
  await ctx.dialog.start('feedback.details', 'hospital', { ...draft, askedAgain: true });
  return replies(prompts.t(`feedback.${key}`));
}

/**
 * Another request while the hospital question waits: the report is parked (dispatch then adds the
 * reminder to the other answer) and the message goes on to the router. A draft at this step is a
 * hospital report, so parkDraft always keeps it.
 */
async function setAside(ctx: SkillContext, draft: Draft): Promise<SkillResult> {
  await parkDraft(ctx.services, ctx.msg, draft);
  return { replies: [], passThrough: true };
}

/** Asking back about the submission itself ("这样可以吗", "提交了会怎样"), not a question for the knowledge base. */
const ASKS_BACK = /这样|这么|这个|提交|确认|取消|对吗|行吗|好吗|可以吗|是吗|对不对|行不行|好不好|可不可以|是不是|能不能|你|您/u;

/** A question of its own at the summary ("住院看望是几天内"): answered, the report parked. */
function policyQuestion(text: string): boolean {
  return asksSomething(text) && hanCount(text) >= 6 && !ASKS_BACK.test(text);
}

/** A question about the feedback process ("意见提了不满意咋办"): answered by policy, no draft made. */
async function processQuestion(ctx: SkillContext, text: string): Promise<SkillResult> {
  await ctx.dialog.clear();
  const result = await ctx.redirect('policy_query', text);
  return { ...result, data: { ...result.data, intent: 'policy_query' } };
}

/** The feedback is dropped at the retiree's word: nothing is written. */
async function cancelled(ctx: SkillContext, draft: Draft): Promise<SkillResult> {
  await ctx.dialog.clear();
  const key = draft.category === 'hospitalization' ? 'feedback.cancelled_hospital' : 'feedback.cancelled_kindly';
  return { ...replies(ctx.services.prompts.t(key)), data: { intent: 'feedback', cancelled: true } };
}

/** Same matter again within this time: asked before a second ticket is made. */
export const SAME_MATTER_MS = 24 * 3_600_000;

/** The matter without trigger words, spaces and punctuation, for telling the same complaint said twice. */
function matterKey(ctx: SkillContext, text: string): string {
  return substance(text, ctx.services.prompts).toLowerCase();
}

/** The sender's ticket of the last day with the same category and matter, newest first, or null. */
async function sameRecentTicket(ctx: SkillContext, draft: Draft): Promise<Ticket | null> {
  const key = matterKey(ctx, draft.text ?? '');
  if ([...key].length < 4) return null;
  const { store, clock } = ctx.services;
  const since = new Date(clock.now().getTime() - SAME_MATTER_MS);
  const recent = await store.tickets.list({ userId: personId(ctx.msg), since, limit: 20 });
  return recent.find((t) => t.category === (draft.category ?? 'other') && matterKey(ctx, t.text) === key) ?? null;
}

/** "说错了" alone: what is wrong is asked; the next words are read as the correction. */
const BARE_WRONG = /^(?:我|刚才|刚刚)*(?:搞错了|弄错了|说错了|写错了|记错了|打错了|讲错了|有错|有个地方错了|要改一下|改一下|更正一下)[了啊呀吧\s\p{P}]*$/u;

/**
 * A correction at the summary: a category named ("不是投诉 就是提个建议") changes the category; the wrong
 * words found in the content ("不是一楼是二楼") are replaced; a correction that cannot be placed is
 * written into the content as said (and said so). null: not a correction.
 */
async function correct(ctx: SkillContext, draft: Draft, text: string): Promise<SkillResult | null> {
  const { prompts } = ctx.services;
  if (BARE_WRONG.test(text)) {
    await ctx.dialog.start('feedback.details', 'confirm', { ...draft, correcting: true });
    return replies(prompts.t('feedback.ask_correction'));
  }
  const said = readCorrection(text) ?? (draft.correcting ? { wrong: null, right: text.trim() } : null);
  if (!said) return null;
  const category = draft.category === 'hospitalization' ? null : correctedCategory(said);
  // "我要投诉 …" as a 建议: the content no longer opens with the request words of the old category.
  if (category) return showSummary(ctx, { ...draft, category, text: dropOpening(draft.text ?? '') }, prompts.t('feedback.category_changed', { category: categoryLabel(prompts, category) }));
  const fixed = applyCorrection(draft.text ?? '', said);
  if (fixed !== null) return showSummary(ctx, { ...draft, text: fixed }, prompts.t('feedback.corrected'));
  return showSummary(ctx, { ...draft, text: appendToContent(draft.text ?? '', text.trim()) }, prompts.t('feedback.correction_added'));
}

async function confirm(ctx: SkillContext, draft: Draft, text: string): Promise<SkillResult> {
  const { prompts } = ctx.services;
  // "报名书法班" / "回复 FK… 内容" at the summary is another request: answer it and park the draft
  // (never written without "1"; the reminder under the answer offers the "1").
  // "取消" is the summary's own "回复 2 取消", not a booking to cancel.
  const cmd = matchStaffCommand(text);
  const answer = confirmAnswer(text);
  if (!cmd && answer === null && isEmergency(text)) {
    // "我胸口疼 喘不上气" at a summary: help first; this draft is kept for later.
    await parkDraft(ctx.services, ctx.msg, draft);
    return answerEmergencyAndListen(ctx, text);
  }
  // "我不是投诉 我就问问规定" at the summary: the draft is dropped and its words asked as a question.
  if (!cmd && answer === null && notComplaintButQuestion(text)) return answerAsQuestion(ctx, dropOpening(draft.text ?? ''));
  // "我刚才那个住院的报上了没有" at the summary: not yet; the summary again, not a policy answer.
  if (!cmd && answer === null && asksIfSubmitted(text)) return showSummary(ctx, draft, prompts.t('feedback.not_submitted_yet'));
  // "那个钢琴班的事 你们啥时候回我": not submitted yet, so nobody answers it; the summary again (not the activity list).
  if (!cmd && answer === null && asksWhenAnswered(text)) return showSummary(ctx, draft, prompts.t('feedback.not_submitted_when_answered'));
  const other = cmd || answer ? null : (otherRequest(text) ?? (policyQuestion(text) ? 'policy_query' : null));
  if (!cmd && !other && answer === null && isNewReport(text)) {
    // "我要投诉 楼道灯坏了" / "我老伴住院了" at a summary is a new report, not more of this one: this
    // one is parked (the new summary says it is kept) and the new one gets its own summary.
    await ctx.dialog.clear();
    const parked = await parkDraft(ctx.services, ctx.msg, draft);
    const result = await ctx.redirect('feedback', text);
    return parked ? result : { ...result, replies: [{ text: prompts.t('feedback.set_aside') }, ...result.replies] };
  }
  if (cmd || other) {
    await ctx.dialog.clear();
    const parked = await parkDraft(ctx.services, ctx.msg, draft);
    const result = cmd ? await runStaffCommand(ctx, cmd) : await ctx.redirect(other!, text);
    if (result.passThrough || parked) return result;
    return { ...result, replies: [{ text: prompts.t('feedback.set_aside') }, ...result.replies] };
  }
  if (draft.category === 'hospitalization') {
    // "不是市人民医院是市中医院" / "市人民医院搞错了 是市中医院": the field it names is corrected.
    const correction = answer === null ? detailsCorrection(text) : null;
    if (correction) return showSummary(ctx, { ...draft, details: { ...draft.details, ...correction } }, prompts.t('feedback.corrected'));
    // "市人民医院，可以" / "不用打电话" at the summary corrects the details: show the summary again.
    const explicit = parseHospitalAnswer(text, { wholeTextIsHospital: 'hint' });
    if (explicit.hospital !== undefined || explicit.mayCall !== undefined) {
      const answer = parseHospitalAnswer(text, { followUp: true, wholeTextIsHospital: 'hint' });
      return showSummary(ctx, { ...draft, details: { ...draft.details, ...answer } });
    }
  }
  if (answer === 'no' && draft.sameAs !== undefined) {
    // "2" to "还要再提交一次吗": the first ticket stands.
    await ctx.dialog.clear();
    return replies(prompts.t('feedback.not_repeated', { no: draft.sameAs }));
  }
  if (answer === 'no') {
    await ctx.dialog.clear();
    return replies(prompts.t('feedback.cancelled'));
  }
  if (answer === null && isCancel(text)) return cancelled(ctx, draft);
  if (answer === null) {
    // "不是一楼是二楼" / "说错了 是三楼" / "不是投诉 就是提个建议": applied, not appended.
    const fixed = await correct(ctx, draft, text);
    if (fixed) return fixed;
  }
  if (answer !== 'yes') {
    // "对了还有一楼的灯也不亮": added to the content and confirmed again, never left out.
    const addition = additionOf(text, draft.adding === true);
    if (addition === '') {
      await ctx.dialog.start('feedback.details', 'confirm', { ...draft, adding: true });
      return replies(prompts.t('feedback.add_more'));
    }
    if (addition !== null) return showSummary(ctx, { ...draft, text: appendToContent(draft.text ?? '', addition) }, prompts.t('feedback.added'));
    const misses = (draft.misses ?? 0) + 1;
    if (misses >= 2) {
      // Two answers that are no answer ("你好", "我再想想"): the summary stops asking and the draft is
      // parked for its day, saying how to submit it; nothing is written and nothing is dropped silently.
      await ctx.dialog.clear();
      if (!(await parkDraft(ctx.services, ctx.msg, draft, { mentions: 1 }))) return replies(prompts.t('feedback.not_submitted'));
      const what = prompts.t(`feedback.parked_what.${draft.category ?? 'other'}`);
      return { ...replies(prompts.t('feedback.kept_after_misses', { what })), data: { intent: 'feedback', parked: 'kept' } };
    }
    await ctx.dialog.start('feedback.details', 'confirm', { ...draft, misses });
    return { replies: [{ text: prompts.t('feedback.confirm_again'), options: summary(ctx, draft).options }] };
  }
  if (draft.sameAs === undefined) {
    // The same matter submitted a little while ago: say so and ask before making a second ticket.
    const earlier = await sameRecentTicket(ctx, draft);
    if (earlier) {
      await ctx.dialog.start('feedback.details', 'confirm', { ...draft, sameAs: earlier.no, misses: 0 });
      const { prompts: p, config } = ctx.services;
      return {
        replies: [
          {
            text: p.t('feedback.same_as_before', { no: earlier.no, time: formatDateTime(earlier.createdAt, config.TIMEZONE, p), status: statusLabel(p, earlier.status) }),
            options: [
              { key: '1', label: p.t('feedback.repeat_option') },
              { key: '2', label: p.t('feedback.no_repeat_option') },
            ],
          },
        ],
        data: { intent: 'feedback', sameAs: earlier.no },
      };
    }
  }
  const result = await submitDraft(ctx.services, ctx.msg, draft);
  if (typeof result.data?.ticketNo === 'string') {
    await ctx.dialog.clear();
    // What is said next may be more of this matter ("这是第三次了"): offered as an addition (filed.ts).
    await rememberFiled(ctx.services, ctx.msg, { no: result.data.ticketNo, category: draft.category ?? 'other' });
    // A parked draft that is the same matter said again is forgotten; any other stays and is offered next.
    await dropParkedDraft(ctx.services, ctx.msg, draft);
  }
  return result;
}

/**
 * A rating question stored in the user's dialog by an older version: answered by the same rule as the
 * middleware (a bare rating, a bare digit only within a day); anything else ends it and goes on.
 */
const legacyRating: FlowHandler = async (ctx) => {
  const rated = ratingAnswerWithWords(ctx.text, ctx.state, ctx.services.clock.now());
  const no = ctx.state.data.ticketNo;
  if (rated === null || typeof no !== 'string') return { replies: [], passThrough: true };
  await ctx.dialog.clear();
  const text = await recordRating(ctx.services, ctx.msg, no, rated.value, rated.remark);
  if (text === null) return { replies: [], passThrough: true };
  return { ...replies(text), data: { intent: 'feedback', ticketNo: no, rating: rated.value } };
};

/** The feedback skill module: intent `feedback`, flow `feedback.details` (and the legacy `feedback.rating`). */
export const feedbackSkills: SkillModule = {
  intents: { feedback },
  flows: { 'feedback.details': details, [RATING_FLOW]: legacyRating, ...parkedFlows, ...filedFlows },
};
