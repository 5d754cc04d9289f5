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

/**
 * 还是 meaning "still" ("灯还是不亮", "那天还是下着雨去的"), not "A 还是 B": followed by a negation or a
 * sameness word, or by a clause ending the message in 的 / 了 / 着.
 */
const STILL = /还是(?:不|没|一样|老样子|那样|这样)|还是[^，,。；;？?\s]*[的了着][\s。！!…]*$/u;

/**
 * True when `text` asks something (the router's QUESTION), except a statement whose only question word is
 * 还是 meaning "still": "对了 那天还是下着雨去的" at a summary is more of the matter (QA9 F-M3), "去医院还是在家呢"
 * is a question.
 */
export function asksSomething(text: string): boolean {
  if (!QUESTION.test(text)) return false;
  if (!STILL.test(text)) return true;
  return QUESTION.test(text.replace(/还是/gu, '，'));
}

function hanCount(text: string): number {
  return (text.match(/\p{Script=Han}/gu) ?? []).length;
}

/**
 * What `text` adds to the feedback, as it should be appended; '' when it only announces more
 * ("我再补充一句"); null when it adds nothing (then the summary's choice is restated). `expected`:
 * the user just announced more, so a short "二楼" counts too.
 */
export function additionOf(text: string, expected = false): string | null {
  const read = readAddition(text, expected);
  return read === null ? null : read.text;
}

/**
 * What `text` adds when it says outright that it adds ("对了还有他血压也高", "补充一下 是二楼"), or
 * null. Used where a plain statement may mean something else (at the hospital question, or while a
 * report is parked); a new request ("我要投诉…", "我老伴住院了") is never an addition.
 */
export function markedAddition(text: string): string | null {
  const read = readAddition(text, false);
  return read !== null && read.marked && read.text !== '' && !isNewReport(text) ? read.text : null;
}

function readAddition(text: string, expected: boolean): { text: string; marked: boolean } | null {
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
  if (words.length === 0) return marked ? { text: '', marked } : null;
  // "就是那个" / "这个": leading up to something not said yet, like "我再补充一句".
  if (FILLER_ONLY.test(words)) return { text: '', marked: true };
  if (asksSomething(rest) || NOT_A_MATTER.test(words)) return null;
  const han = hanCount(words);
  return han >= 4 || (marked && han >= 2) ? { text: rest, marked } : null;
}

/** An explicit new feedback request: "我要投诉…", "我想反映…", "我有个建议…", "举报…". */
const NEW_REQUEST = /^(?:我|俺)?(?:还)?(?:要|想|得|再)?(?:投诉|举报|反映|提个?建议|提个?意见|求助)|^(?:我|俺)(?:还)?有个?(?:建议|意见|投诉)/u;
/** A new hospital report: someone named, then what happened ("我老伴住院了", "我妈也住进了医院"). */
const NEW_HOSPITAL =
  /^(?:我|俺)?家?(?:老伴儿?|爱人|老婆|老公|老头子?|老太太?|妈妈?|爸爸?|母亲|父亲|儿子|女儿|孙子|孙女|哥哥?|姐姐?|弟弟?|妹妹?|婆婆|公公|岳母|岳父|老[李张王刘陈杨赵黄周吴]|邻居)?(?:也|又|今天|昨天|前天|刚才|刚刚?|已经)*(?:住院了|住了院|住进了?医院|住进了|进了医院|被?送到?了?医院|摔倒了|骨折了|中风了|脑梗了|心梗了)/u;

/**
 * A new feedback request, not more about the one being written: an explicit "我要投诉…" / "我想反映…"
 * / "我有个建议…", or a new hospital report ("我老伴住院了"). Polite words before it are read past.
 */
export function isNewReport(text: string): boolean {
  const rest = text.trim().replace(/^[\s\p{P}\p{S}]+/u, '').replace(LEAD, '');
  return NEW_REQUEST.test(rest) || NEW_HOSPITAL.test(rest);
}

/** Only polite words, no matter: "不好意思", "你好", "在吗", "嗯". */
const POLITE_ONLY = /^(?:不好意思|对不起|抱歉|打扰了|打扰|你好|您好|在吗|在不在|小银|嗯+|哦+|噢|啊|那个|这个|稍等|等一下|等等|谢谢|好的?)+(?:啊|呀|了|哈|啦|呢|哦|您|你)*$/u;
/** Only words that lead up to the matter without saying it: "就是那个", "嗯 这个", "怎么说呢", "是这样的". */
const FILLER_ONLY =
  /^(?:就是|就|那个啥?|这个啥?|那啥|这啥|啥|嗯+|呃+|额+|唔+|啊+|哦+|唉|哎|嘿|那|这|怎么说呢?|咋说呢?|是这样的?|事情是这样的?|这么回事|我跟你说|我跟您说|跟你说|跟您说|你听我说|您听我说|我说|我要说|我想说)+(?:啊|呀|了|哈|啦|呢|哦|嘛|吧)*$/u;
/** No matter said: only polite words or filler ("不好意思", "就是那个", "嗯"). */
export function isPoliteOnly(text: string): boolean {
  const words = text.replace(/[\s\p{P}\p{S}]+/gu, '');
  return POLITE_ONLY.test(words) || FILLER_ONLY.test(words);
}
/** Only filler ("就是那个", "这个"): more is coming. */
export function isFillerOnly(text: string): boolean {
  return FILLER_ONLY.test(text.replace(/[\s\p{P}\p{S}]+/gu, ''));
}

/** The content with the addition appended as its own sentence. */
export function appendToContent(content: string, addition: string): string {
  const base = content.trim();
  if (base.length === 0) return addition;
  return /[。！!？?；;，,…]$/u.test(base) ? `${base}${addition}` : `${base}。${addition}`;
}
