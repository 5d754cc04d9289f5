/**
 * Rules for staff only (Router.route with isStaff): wording that means a staff command from a staff
 * member in a private chat and something else (or nothing) from a retiree, who is routed as before.
 */
import type { RuleHit } from './rules.js';

/** "名单" / "报名名单" / "花名册" / "报名的人" / "谁报名了" / "都有谁报名" / "报了哪些人". */
const ROSTER_WORDS = new RegExp(
  [
    '(?:报名|参加|参会)?(?:人员)?(?:名单|花名册|名册)',
    '报名表',
    '(?:报名|参加)的?人员',
    '(?:都|还)?有?(?:哪些人|哪几位|谁)(?:报了?名|报名|参加)了?',
    '报名的(?:人|都有谁|有哪些人?|是谁)',
    '报了?(?:哪些人|谁)',
  ].join('|'),
  'gu',
);
/** A way of asking in front of the target: "看看书法展的名单", "帮我查一下3号的名单". */
const ASKING = /^(?:请|麻烦)?你?(?:帮我|给我|发我|我要|我想)?(?:看看|看一下|看下|看|查看|查一下|查查|查|调出|发一下|发)?/u;
const FILLER_END = /(?:的|了|吗|呢|啊|吧|呀|都|一下|报名)+$/u;
const FILLER_START = /^(?:的|了|都|报名)+/u;
/** How-to questions ("离休干部名单怎么报送") are about something else. */
const HOW = /(怎么|怎样|如何|咋|为什么|为啥|哪里|在哪|哪儿)/u;
/** Longer than this, what is left is a sentence, not an activity's id or title. */
const MAX_TARGET = 20;

/**
 * A staff request for an activity's roster ("名单 3", "3号活动名单", "看看书法展的名单", "谁报名了 3"):
 * what names the activity ('' when nothing does), or null when the text is not that request.
 */
export function staffRosterTarget(text: string): string | null {
  const t = text.trim().replace(/[。！!？?.\s]+$/u, '');
  if (!new RegExp(ROSTER_WORDS.source, 'u').test(t) || HOW.test(t)) return null;
  const rest = t
    .replace(ROSTER_WORDS, ' ')
    .replace(/[\s「」《》“”"'，,：:]/gu, '')
    .replace(ASKING, '')
    .replace(FILLER_START, '')
    .replace(FILLER_END, '');
  return [...rest].length <= MAX_TARGET ? rest : null;
}

/** The staff-only rule a message matches, or null (then the usual rules decide). */
export function matchStaffRules(text: string): RuleHit | null {
  if (staffRosterTarget(text) !== null) return { intent: 'activity_list', confidence: 0.95, rule: 'staff_roster', slots: { staffRoster: true } };
  return null;
}
