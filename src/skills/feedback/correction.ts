/**
 * A correction said at a feedback summary ("不是一楼是二楼", "说错了 是三楼", "二楼搞错了 应该是三楼",
 * "不是投诉 就是提个建议"): applied to what it corrects instead of being appended as more content.
 * Hospital details have their own reading (classify.ts detailsCorrection), tried before this.
 */
import type { TicketCategory } from '../../store/ticket-types.js';

export interface Correction {
  /** What was wrong, when said ("一楼"); null for "说错了 是三楼". */
  wrong: string | null;
  right: string;
}

const WRONG_WORDS = '(?:搞错了|弄错了|说错了|写错了|记错了|打错了|讲错了|错了|不对)';
/** [pattern, group of the wrong part (0: none), group of the right part]. */
const PATTERNS: [RegExp, number, number][] = [
  // "说错了 是三楼" / "不对 应该是三楼" / "更正一下 是三楼": what was wrong is left unsaid
  [new RegExp(`^(?:我|刚才|刚刚)*(?:${WRONG_WORDS}|更正一下|纠正一下|改一下)[，,、。！!\\s]*(?:应该是|其实是|是|在)(.+)$`, 'u'), 0, 1],
  // "不是一楼是二楼" / "不是投诉 就是提个建议" / "不在一楼 在二楼"
  [/^(?:不是|不在|不算)(.+?)[，,、。\s]*(?:而是|应该是|其实是|就是|只是|算是|算|是|在)(.+)$/u, 1, 2],
  // "二楼搞错了 应该是三楼"
  [new RegExp(`^(.+?)${WRONG_WORDS}[，,、。！!\\s]*(?:应该是|其实是|是|在)(.+)$`, 'u'), 1, 2],
  // "是二楼不是一楼"
  [/^(?:应该是|是|在)(.+?)[，,、\s]*(?:不是|不在)(.+)$/u, 2, 1],
];

/** Polite or hesitant words before a correction. */
const LEAD = /^(?:对不起|不好意思|哦|噢|嗯|啊|哎|唉|那个)[\s\p{P}\p{S}]*/u;
/** Softening after the right part ("二楼吧", "二楼的", "建议啊"). */
const TAIL = /(?:吧|啊|呀|的|了|哈|啦|呢)+$/u;

/** Reads a correction, or null when the text is no correction. */
export function readCorrection(text: string): Correction | null {
  const said = text.trim().replace(/[\s\p{P}\p{S}]+$/u, '').replace(LEAD, '');
  for (const [re, wrongAt, rightAt] of PATTERNS) {
    const m = re.exec(said);
    if (!m) continue;
    const right = m[rightAt]!.trim().replace(TAIL, '');
    const wrong = wrongAt === 0 ? null : m[wrongAt]!.trim().replace(/^(?:说|在|那个|就是)/u, '');
    if (right.length === 0 || (wrong !== null && wrong.length === 0)) continue;
    return { wrong, right };
  }
  return null;
}

/** Category names a retiree uses of their own feedback. */
const CATEGORY_WORDS: [RegExp, TicketCategory][] = [
  [/投诉|举报/u, 'complaint'],
  [/建议|提议|意见|想法/u, 'suggestion'],
  [/求助|帮忙|帮个忙|请求帮助/u, 'help_request'],
];

function categoryOf(part: string): TicketCategory | null {
  // Only a short part names a category ("就是提个建议", "一个建议"), not a matter that mentions one.
  if ([...part.replace(/[\s\p{P}\p{S}]/gu, '')].length > 8) return null;
  for (const [re, category] of CATEGORY_WORDS) if (re.test(part)) return category;
  return null;
}

/** The category a correction changes to ("不是投诉 就是提个建议" -> suggestion), or null. */
export function correctedCategory(c: Correction): TicketCategory | null {
  const to = categoryOf(c.right);
  if (to === null) return null;
  if (c.wrong !== null && categoryOf(c.wrong) === null) return null;
  return to;
}

const NUMERAL = '[0-9一二三四五六七八九十两百零]+';
/** A number with its measure word ("三楼", "2号楼", "十点"): what a correction without the wrong part replaces. */
const COUNTED = new RegExp(`^(?:在)?(${NUMERAL})(号楼|楼|层|号|栋|幢|单元|室|点钟|点|天|个月|月|日|排|路|次|年)$`, 'u');

/**
 * The content with the correction applied: the wrong words replaced where they stand (once), or (when
 * they are not in it, or not said) the one number with the same measure word ("二楼" for "三楼").
 * null when nothing in the content can be told to be what is corrected.
 */
export function applyCorrection(content: string, c: Correction): string | null {
  if (c.wrong !== null && content.includes(c.wrong)) {
    // Said twice ("二楼的灯不亮。还有楼道的灯也不亮"): which one is meant cannot be told.
    if (content.split(c.wrong).length !== 2) return null;
    return content.replace(c.wrong, trimOverlap(c.right, content, c.wrong));
  }
  const counted = COUNTED.exec(c.right);
  if (!counted) return null;
  const unit = counted[2]!;
  const same = [...content.matchAll(new RegExp(`${NUMERAL}${unit}`, 'gu'))].map((m) => m[0]);
  const distinct = [...new Set(same)];
  if (distinct.length !== 1) return null;
  return content.split(distinct[0]!).join(`${counted[1]}${unit}`);
}

/** "不是一楼是二楼的厕所" in "一楼厕所坏了": "二楼" (what follows the wrong words is not said twice). */
function trimOverlap(right: string, content: string, wrong: string): string {
  const after = content.slice(content.indexOf(wrong) + wrong.length);
  for (let k = Math.min(right.length - 1, after.length); k > 0; k--) {
    if (right.endsWith(after.slice(0, k))) return right.slice(0, -k).replace(/的$/u, '');
  }
  return right;
}

/** The request words a matter may open with ("我要投诉 ", "我想反映一下，", "提个建议："). */
const OPENING = /^(?:我|俺|我们)?(?:还)?(?:要|想|得|再|就是想)?(?:投诉|举报|反映|提个?建议|提个?意见|求助)(?:一下|一个|个)?[\s\p{P}\p{S}]*/u;

/**
 * The content without the request words it opens with, for a category corrected at the summary:
 * "我要投诉 活动中心管理员态度不好" as a 建议 reads "活动中心管理员态度不好". Unchanged when little
 * would be left.
 */
export function dropOpening(content: string): string {
  const rest = content.replace(OPENING, '');
  return (rest.match(/\p{Script=Han}/gu) ?? []).length >= 2 ? rest : content;
}
