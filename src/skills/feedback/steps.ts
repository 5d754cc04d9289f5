/**
 * The steps of a report being written, shared by the feedback skill and the hospital-report offer under
 * a policy answer (hospital-offer.ts): the draft of a first message, the one follow-up question a
 * hospital report may need, and the summary to confirm.
 */
import type { SkillContext, SkillResult } from '../types.js';
import { replies } from '../types.js';
import type { Draft } from './draft.js';
import { firstMessageDetails, hospitalNotKnown } from './classify.js';
import { hospitalReportContent, plainContent } from './content.js';
import { categoryLabel, clipMiddle } from './format.js';

/** What the steps need of a skill context: the services and the user's dialog. */
export type StepContext = Pick<SkillContext, 'services' | 'dialog'>;

/** The draft of a first message: a hospital report with what it says of hospital and call. */
export function reportDraft(draft: Draft, category: Draft['category'], text: string): Draft {
  // "我要反映 小区门口的台阶坏了": 内容 without the request words and filler (the category says it; QA9 F-L4)
  if (category !== 'hospitalization') return { ...draft, category, text: plainContent(text), details: {} };
  const details = firstMessageDetails(text);
  // "我住院了 在省医 不用打电话": 内容 "我住院了"; the hospital and the call answer are fields (F-L2)
  return { ...draft, category, text: hospitalReportContent(text, details), details, ...(details.hospital === undefined && hospitalNotKnown(text) ? { hospitalUnknown: true } : {}) };
}

/** True when the hospital is answered: named, or the person does not know it. */
export function hospitalAnswered(draft: Draft): boolean {
  return draft.details?.hospital !== undefined || draft.hospitalUnknown === true;
}

/** Which of the hospital report's details is still asked for: hospital and call permission, or one of them. */
export function detailsQuestion(draft: Draft): 'ask_hospital_and_call' | 'ask_hospital' | 'ask_call' {
  if (!hospitalAnswered(draft)) return draft.details?.mayCall === undefined ? 'ask_hospital_and_call' : 'ask_hospital';
  return 'ask_call';
}

/**
 * Asks the one follow-up a hospital report may need, or shows the summary to confirm (after
 * `before`, an apology to an angry complaint, when given).
 */
export async function proceed(ctx: StepContext, draft: Draft, before?: string): Promise<SkillResult> {
  const { prompts } = ctx.services;
  const d = draft.details ?? {};
  if (draft.category === 'hospitalization' && !draft.asked && (!hospitalAnswered(draft) || d.mayCall === undefined)) {
    const key = detailsQuestion(draft);
    await ctx.dialog.start('feedback.details', 'hospital', { ...draft, asked: true });
    // the first question after the report opens with a kind word, also when only the call is asked
    return replies(prompts.t(`feedback.${key === 'ask_call' ? 'ask_call_first' : key}`));
  }
  return showSummary(ctx, draft, before);
}

/** Shows the summary to confirm (the confirm step), after `before` when given ("好的，已补上。"). */
export async function showSummary(ctx: StepContext, draft: Draft, before?: string): Promise<SkillResult> {
  const { adding: _adding, correcting: _correcting, sameAs: _sameAs, ...rest } = draft;
  await ctx.dialog.start('feedback.details', 'confirm', { ...rest, misses: 0, shown: true });
  const shown = summary(ctx, draft);
  return { replies: [before ? { ...shown, text: `${before}\n${shown.text}` } : shown] };
}

/** The summary to confirm (类别, 内容, and a hospital report's 医院 / 可以来电) with its 1 / 2 choices. */
export function summary(ctx: Pick<StepContext, 'services'>, draft: Draft): { text: string; options: { key: string; label: string }[] } {
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
    text: prompts.t('feedback.summary', { category: categoryLabel(prompts, draft.category ?? 'other'), text: clipMiddle(draft.text ?? '', 80), details }),
    options: [
      { key: '1', label: prompts.t('feedback.confirm_option') },
      { key: '2', label: prompts.t('feedback.cancel_option') },
    ],
  };
}
