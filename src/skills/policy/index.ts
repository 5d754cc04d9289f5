/**
 * Policy questions: answers from the knowledge base with a citation, "更多" for the rest, a
 * 好/不好 rating, and an honest no-answer reply that offers to pass the question to staff.
 * Flows: 'policy.after' (更多 / 好 / 不好 after an answer) and 'policy.noanswer' (1 转人工 / 2 不用).
 */
import type { FlowHandler, Skill, SkillContext, SkillModule, SkillResult } from '../types.js';
import { replies } from '../types.js';
import { openHandoffTicket } from '../feedback/index.js';
import { formatPolicyAnswer, offersStaff } from './format.js';
import { asksOnlyAboutWhom, asksOnlyWho, followUpQuery, soundsLikeFollowUp, splitQuestions, type QuestionPart } from './split.js';
import type { PolicyAnswer } from '../../retrieval/policy-service.js';
import { personId } from '../../core/person.js';
import { isQuestion, matchRules } from '../../core/router/rules.js';

/** Intents a sure router rule sends elsewhere: never a follow-up of a policy answer. */
const ELSEWHERE = new Set(['activity_list', 'activity_book', 'activity_cancel', 'my_bookings']);

export { formatPolicyAnswer } from './format.js';

export const AFTER_FLOW = 'policy.after';
export const NO_ANSWER_FLOW = 'policy.noanswer';

const MORE = /^(更多|看全文|全文|更多内容|还有呢|继续|接着说)$/u;
const GOOD = /^(好|很好|有帮助|有用|好的|满意|谢谢|谢谢你|懂了|明白了)$/u;
const BAD = /^(不好|没帮助|没有帮助|没用|不满意|看不懂|不清楚)$/u;
const YES = /^(1|是|是的|要|好|好的|转|转人工|转给工作人员|可以|行)$/u;
const NO = /^(2|不|不用|不用了|不要|算了)$/u;
/** A follow-up naming 离休 or 退休 alone ("那退休的呢"). */
const SWAPS_STATUS = /(?<!离)(离休|退休)/u;

/**
 * The follow-up names 离休 (or 退休) and the answer before it came from rules on the other one alone
 * (《退休干部医疗保险待遇和报销办法》): the answer now belongs to another document.
 */
function swapsStatus(followUp: string, citation: string): boolean {
  const asked = SWAPS_STATUS.exec(followUp)?.[1];
  const title = /《([^》]*)》/u.exec(citation)?.[1] ?? '';
  const other = asked === '离休' ? '退休' : '离休';
  return Boolean(asked) && new RegExp(`(?<!离)${other}`, 'u').test(title) && !new RegExp(`(?<!离)${asked}|离退休`, 'u').test(title);
}
/** "1" after a reply that quotes only the closest passage (its staff offer). */
const TO_STAFF = /^(1|转人工|转给工作人员|找工作人员|转工作人员)$/u;

/** The message without surrounding spaces and trailing punctuation. */
function bare(text: string): string {
  return text.trim().replace(/[\s\p{P}]+$/gu, '');
}

/** Answers a policy question. */
const askPolicy: Skill = async (ctx) => {
  const { services, text, isStaff, dialog } = ctx;
  const { prompts } = services;
  const question = text.trim();
  if (!question) return replies(prompts.t('policy.empty_question'));
  // "那退休的呢" with no answer before it (a flow after an answer takes it otherwise): whose case, not what about
  if (asksOnlyWho(question) || asksOnlyAboutWhom(question)) {
    const who = /离休/u.test(question) ? '离休干部' : /退休/u.test(question) ? '退休干部' : '';
    return { ...replies(who ? prompts.t('policy.which_matter', { who }) : prompts.t('policy.which_matter_any')), data: { kind: 'which_matter' } };
  }
  if (!services.policy) {
    return { ...replies(prompts.t('policy.unavailable', { contact: services.config.STAFF_CONTACT })), data: { policy: 'unavailable' } };
  }
  const parts = splitQuestions(question);
  if (parts.length > 1) {
    const several = await answerSeveral(ctx, parts);
    if (several) return several;
  }
  return askOne(ctx, question, parts.length === 1 ? parts[0]!.query : question);
};

/** One question: the answer with its citation, or the honest no-answer reply with the staff offer. */
async function askOne(ctx: SkillContext, question: string, query: string): Promise<SkillResult> {
  const { services, isStaff, dialog } = ctx;
  const { prompts } = services;
  const answer = await services.policy!.answer(query, { staff: isStaff });
  if (answer.kind === 'none') {
    await dialog.start(NO_ANSWER_FLOW, 'offer', { question });
    return {
      replies: [{ text: prompts.t('policy.no_answer', { question: shorten(question, 30) }), options: prompts.raw('policy.no_answer_options') }],
      data: { kind: 'none', confidence: answer.confidence ?? 0, ...(isStaff ? { sources: answer.sources } : {}) },
    };
  }
  return answerReply(ctx, answer, question, query);
}

/**
 * The reply to an answered question; the 'policy.after' flow remembers what was asked (a follow-up
 * keeps the matter it follows: "那要是住了一个多月呢" after "那离休的呢" still means 住院看望).
 */
async function answerReply(ctx: SkillContext, answer: PolicyAnswer, question: string, query: string): Promise<SkillResult> {
  const { services, isStaff, dialog } = ctx;
  const { prompts } = services;
  await dialog.start(AFTER_FLOW, 'rate', {
    intent: 'policy_query',
    question,
    query,
    docId: answer.sources[0]?.docId ?? '',
    ref: answer.ref ?? '',
    citation: answer.citation ?? '',
    more: answer.more ?? '',
    ...(offersStaff(answer) ? { offerStaff: true } : {}),
  });
  return {
    replies: [{ text: formatPolicyAnswer(answer, prompts, { staff: isStaff }) }],
    data: { kind: answer.kind, citation: answer.citation, ref: answer.ref, confidence: answer.confidence, sources: answer.sources.map(({ docId, title, article, score }) => ({ docId, title, article, score })) },
  };
}

/**
 * Each question of the message answered under its own number, with its own citation; one rating
 * (and "更多") for the first answer. Null when no part has an answer (the whole message then gets
 * the usual no-answer reply and staff offer).
 */
async function answerSeveral(ctx: SkillContext, parts: QuestionPart[]): Promise<SkillResult | null> {
  const { services, isStaff, dialog } = ctx;
  const { prompts } = services;
  const answers: PolicyAnswer[] = [];
  const kept: QuestionPart[] = [];
  for (let part of parts) {
    const before = answers[answers.length - 1];
    const beforeDoc = before && before.kind !== 'none' ? before.sources[0]?.docId : undefined;
    // a part that continues the topic before it ("一个人能报几门") is chosen by its own words
    const ask = (p: QuestionPart) => {
      const followUp = { focus: p.text, ...(before?.citation ? { avoid: before.citation } : {}), ...(beforeDoc ? { docId: beforeDoc } : {}) };
      return services.policy!.answer(p.query, { staff: isStaff, ...(p.query !== p.text ? { followUp } : {}) });
    };
    // a part continuing a question the base has no answer for ("我能领高龄补贴吗 每月多少"), or only a
    // tentative one, asks about the same missing matter, answered with that part: another rule's
    // 每月260元 under it would read as the answer
    if (part.query !== part.text && before && (before.kind === 'none' || before.tentative)) continue;
    let a = await ask(part);
    // answered from another document, though it names nothing the document just quoted lacks
    // ("讲一场给多少补贴" after "讲师团聘几年"): the same matter, asked on
    if (part.query === part.text && beforeDoc && kept.length > 0 && a.sources[0]?.docId !== beforeDoc && services.policy!.sameMatter?.(part.text, beforeDoc)) {
      part = { ...part, query: `${kept[kept.length - 1]!.query} ${part.text}` };
      a = await ask(part);
    }
    // a follow-up answered by the same article as the question before it is that question's answer
    if (before && a.kind !== 'none' && before.kind !== 'none' && a.citation === before.citation) continue;
    answers.push(a);
    kept.push(part);
  }
  if (answers.every((a) => a.kind === 'none')) return null;
  // what is left is one question: answered as one (its rating, "更多" and no-answer offer as usual)
  if (kept.length === 1) return askOne(ctx, kept[0]!.text, kept[0]!.query);
  parts = kept;
  const first = answers.findIndex((a) => a.kind !== 'none');
  if (first < 0) return null;
  const blocks = [prompts.t('policy.multi_intro', { count: parts.length })];
  answers.forEach((a, i) => {
    const part = shorten(parts[i]!.text, 30);
    if (a.kind === 'none') blocks.push(prompts.t('policy.multi_none', { n: i + 1, part }));
    else {
      // the hints ("更多", the rating) are said once, at the end
      const body = formatPolicyAnswer(a, prompts, { staff: isStaff, hints: false });
      blocks.push(`${prompts.t('policy.multi_item', { n: i + 1, part })}\n${body}`);
    }
  });
  const main = answers[first]!;
  if (main.more) blocks.push(prompts.t('policy.more_hint'));
  blocks.push(prompts.t('policy.rate_hint'));
  // a follow-up asks on about the last question answered ("那要是讲两场呢" after "…讲一场给多少补贴")
  const lastIndex = answers.map((a) => a.kind !== 'none').lastIndexOf(true);
  const last = answers[lastIndex]!;
  await dialog.start(AFTER_FLOW, 'rate', {
    intent: 'policy_query',
    question: parts[lastIndex]!.text,
    query: parts[lastIndex]!.query,
    docId: last.sources[0]?.docId ?? '',
    citation: last.citation ?? '',
    ref: main.ref ?? '',
    more: main.more ?? '',
  });
  return {
    replies: [{ text: blocks.join('\n') }],
    data: { kind: 'several', parts: answers.map((a, i) => ({ question: parts[i]!.text, kind: a.kind, citation: a.citation })) },
  };
}

/** After an answer: "更多" shows the rest, "好"/"不好" records a rating; anything else goes to the router. */
const afterAnswer: FlowHandler = async (ctx) => {
  const { services, state, dialog, msg } = ctx;
  const { prompts } = services;
  const said = bare(ctx.text);
  const data = state.data as { question?: string; query?: string; ref?: string; citation?: string; more?: string; docId?: string; offerStaff?: boolean };
  if (data.offerStaff && TO_STAFF.test(said)) {
    await dialog.clear();
    // a follow-up goes to staff with the question it follows ("退休费今年涨多少 那钱打到哪")
    return handOff(ctx, data.query || data.question || '', msg);
  }
  if (MORE.test(said)) {
    if (!data.more) return replies(prompts.t('policy.no_more'));
    await dialog.start(AFTER_FLOW, 'rate', { ...data, more: '' });
    return replies(`${prompts.t('policy.more_title')}\n${data.more}\n${prompts.t('policy.rate_hint')}`);
  }
  const helpful = GOOD.test(said) ? true : BAD.test(said) ? false : null;
  // "最近有啥活动" after the 护理费 answer asks for the activity list, not on about 护理费 (the rules
  // document happens to say 活动): a sure rule for another skill is not a follow-up
  if (helpful === null && ELSEWHERE.has(matchRules(ctx.text)?.intent ?? '') && (matchRules(ctx.text)?.confidence ?? 0) >= 0.85) return { replies: [], passThrough: true };
  if (helpful === null) {
    // "那退休的呢": asks on about the question just answered, searched together with it
    const query = services.policy ? followUpQuery(data.query ?? data.question ?? '', ctx.text) : null;
    if (query && data.docId) {
      // it is a follow-up only when it is answered from the same document ("那我下个月去旅游行不行" is not)
      // "那退休的呢" asks the same for someone else (the same article may answer it); any other
      // follow-up asks for what the answer before did not say
      const swaps = swapsStatus(ctx.text, data.citation ?? '');
      const avoid = SWAPS_STATUS.test(ctx.text) ? undefined : data.citation;
      // it stays in the document just quoted, unless it swaps 离休 for 退休 in a document on one of them
      // a bare short question ("什么时候订") is a follow-up only when found in that document by itself
      const stay = !swaps && soundsLikeFollowUp(ctx.text);
      const followUp = { focus: ctx.text.trim(), ...(avoid ? { avoid } : {}), ...(stay ? { docId: data.docId } : {}) };
      const answer = await services.policy!.answer(query, { staff: ctx.isStaff, followUp });
      // "那离休的呢" after a 退休 answer may well be answered by the 离休 rules: another document is fine
      const sameMatter = answer.sources[0]?.docId === data.docId || swaps;
      if (answer.kind !== 'none' && sameMatter) return answerReply(ctx, answer, ctx.text.trim(), query);
    } else if (!query && data.docId && services.policy?.sameMatter && isQuestion(ctx.text)) {
      const asked = await askedOn(ctx, data);
      if (asked) return asked;
    }
    return { replies: [], passThrough: true };
  }
  await services.store.rateAnswer({ userId: personId(msg), question: data.question ?? '', answerRef: data.ref ?? '', helpful, at: services.clock.now().toISOString() });
  await dialog.clear();
  return { ...replies(prompts.t(helpful ? 'policy.thanks_good' : 'policy.thanks_bad')), data: { rated: helpful } };
};

/**
 * A question after an answer that does not sound like a follow-up ("要带啥材料去办 多少天内" after the
 * 丧葬费 answer) but names nothing the document just quoted lacks, and is answered from another
 * document on its own: it asks on about the same matter, searched with the question before it and
 * kept in that document. Null when it is a question of its own.
 */
async function askedOn(ctx: SkillContext, data: { question?: string; query?: string; citation?: string; docId?: string }): Promise<SkillResult | null> {
  const policy = ctx.services.policy!;
  const text = ctx.text.trim();
  if (!policy.sameMatter!(text, data.docId!)) return null;
  const alone = await policy.answer(text, { staff: ctx.isStaff });
  if (alone.kind !== 'none' && alone.sources[0]?.docId === data.docId) return null;
  const query = `${data.query ?? data.question ?? ''} ${text}`;
  const followUp = { focus: text, ...(data.citation ? { avoid: data.citation } : {}), docId: data.docId! };
  const answer = await policy.answer(query, { staff: ctx.isStaff, followUp });
  return answer.kind !== 'none' && answer.sources[0]?.docId === data.docId ? answerReply(ctx, answer, text, query) : null;
}

/** After "no answer": 1 passes the question to staff as a handoff ticket, 2 declines. */
const noAnswerOffer: FlowHandler = async (ctx) => {
  const { services, state, dialog, msg } = ctx;
  const { prompts } = services;
  const said = bare(ctx.text);
  const question = String((state.data as { question?: string }).question ?? '');
  if (NO.test(said)) {
    await dialog.clear();
    return replies(prompts.t('policy.handoff_declined'));
  }
  if (!YES.test(said)) {
    await dialog.clear();
    // "那离休干部呢" after "遗体捐献找谁办" found nothing: the same question for someone else, not a
    // question about 离休干部 in general
    if (services.policy && question && asksOnlyWho(ctx.text)) return askOne(ctx, `${question} ${ctx.text.trim()}`, `${question} ${ctx.text.trim()}`);
    return { replies: [], passThrough: true };
  }
  await dialog.clear();
  return handOff(ctx, question, msg);
};

async function handOff(ctx: SkillContext, question: string, msg: SkillContext['msg']): Promise<SkillResult> {
  const { services } = ctx;
  try {
    const { ticket } = await openHandoffTicket(services, msg, question, { source: 'policy_no_answer' });
    return { ...replies(services.prompts.t('policy.handoff_done', { no: ticket.no })), data: { ticket: ticket.no } };
  } catch (e) {
    services.logger.error({ err: (e as Error).message }, 'policy handoff ticket failed');
    return replies(services.prompts.t('policy.handoff_failed', { contact: services.config.STAFF_CONTACT }));
  }
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export const policySkills: SkillModule = {
  intents: { policy_query: askPolicy },
  flows: { [AFTER_FLOW]: afterAnswer, [NO_ANSWER_FLOW]: noAnswerOffer },
};
