/**
 * Something said at the summary that adds to the feedback ("对了还有一楼的灯也不亮", "不好意思 我再补充
 * 一句 是二楼的厕所", or any plain statement): it is appended to the content and the summary is shown
 * again, never left out. Yes/no, questions, hesitation and new requests are decided before this.
 */
import { QUESTION } from '../../core/router/rules.js';

/** Polite words before the matter, left out of the content ("不好意思，", "嗯，"). */
const LEAD = /^(?:不好意思|对不起|抱歉|你好|您好|那个|嗯+|哦+|噢|啊)[\s\p{P}\p{S}]*/u;
/** Saying that more follows ("我再补充一句", "再说一下"), left out of the content. */
const ANNOUNCE = /^我?(?:再|还|想|要)*(?:补充(?:一下|一句|两句|几句|一点|点)?|(?:多说|说|加)(?:一下|一句|两句|几句|一点|点))(?:啊|吧)?[\s\p{P}\p{S}]*/u;
/** Words that mark an addition; 对了 / 顺便说一下 are left out, 还有 / 另外 / 而且 stay in the content. */
const MARKER_DROPPED = /^(?:对了|顺便说一下|顺便说一句|顺便)[\s\p{P}\p{S}]*/u;
const MARKER_KEPT = /^(?:还有|另外|而且|再就是|也)/u;
/** Not a matter: hesitation ("我再想想"), thanks, a word about the submission itself. */
const NOT_A_MATTER = /想想|考虑|等等|等一下|等会|稍等|再说吧|看看再说|不知道|不清楚|提交|确认|取消|算了|^(?:谢谢|多谢|感谢|辛苦|好的?|行|嗯|哦|收到|知道|明白)+[了啦啊呀您你们]*$/u;

function hanCount(text: string): number {
  return (text.match(/\p{Script=Han}/gu) ?? []).length;
}

/**
 * What `text` adds to the feedback, as it should be appended; '' when it only announces more
 * ("我再补充一句"); null when it adds nothing (then the summary's choice is restated). `expected`:
 * the user just announced more, so a short "二楼" counts too.
 */
export function additionOf(text: string, expected = false): string | null {
  let rest = text.trim();
  let marked = expected;
  for (let before = ''; before !== rest; ) {
    before = rest;
    rest = rest.replace(LEAD, '');
    const announced = rest.replace(ANNOUNCE, '');
    const unmarked = announced.replace(MARKER_DROPPED, '');
    if (unmarked !== rest) marked = true;
    rest = unmarked;
  }
  if (MARKER_KEPT.test(rest)) marked = true;
  const words = rest.replace(/[\s\p{P}\p{S}]+/gu, '');
  if (words.length === 0) return marked ? '' : null;
  if (QUESTION.test(rest) || NOT_A_MATTER.test(words)) return null;
  const han = hanCount(words);
  return han >= 4 || (marked && han >= 2) ? rest : null;
}

/** The content with the addition appended as its own sentence. */
export function appendToContent(content: string, addition: string): string {
  const base = content.trim();
  if (base.length === 0) return addition;
  return /[。！!？?；;，,…]$/u.test(base) ? `${base}${addition}` : `${base}。${addition}`;
}
