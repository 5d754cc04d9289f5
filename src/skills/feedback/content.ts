/**
 * The 内容 of a hospital report: what happened, without the parts of the first message that are kept
 * as fields (QA8 F-L2). "我住院了 在省医 不用打电话" -> 内容 "我住院了", 医院 省医, 可以来电 不用: each fact
 * is said once in the ticket. Only a part that is nothing but a field the first message gave ("在省医",
 * "协和", "不用打电话", "可以") is left out; what happened, and anything else said, stay as said.
 */
import { happenedEnd, parseHospitalAnswer } from './classify.js';
import { QUESTION } from '../../core/router/rules.js';

/** Words answering "工作人员可以打电话问候您吗？" inside a reply ("不用打电话", "可以打", "不方便接"). */
export const CALL_WORDS = /(不用|不要|别|无需|不必|不需要|不能|不可以|可以|能|行|欢迎|请)?(再|给我)*(打)?(电话|来电|打扰|联系)|不方便接|可以打/gu;
/** A bare call answer beside a hospital ("市二院 可以"). */
export const BARE_CALL = /可以|不用|不要|不必|行|好|方便|没问题/gu;

function hanCount(text: string): number {
  return (text.match(/\p{Script=Han}/gu) ?? []).length;
}

/** True when `part` says only the hospital `details` holds and/or the call answer it holds. */
function onlyFields(part: string, details: { hospital?: string; mayCall?: boolean }): boolean {
  if (QUESTION.test(part)) return false;
  const answer = parseHospitalAnswer(part, { followUp: true, wholeTextIsHospital: true });
  const hospital = answer.hospital !== undefined && answer.hospital === details.hospital;
  const call = answer.mayCall !== undefined && answer.mayCall === details.mayCall;
  // a part giving something the fields do not hold (another hospital, the other call answer) stays
  if ((answer.hospital !== undefined && !hospital) || (answer.mayCall !== undefined && !call) || (!hospital && !call)) return false;
  let rest = part;
  if (hospital) rest = rest.split(answer.hospital!).join(' ');
  rest = rest.replace(CALL_WORDS, ' ').replace(BARE_CALL, ' ');
  rest = rest.replace(/[\s\p{P}\p{S}]+/gu, '').replace(/^(在|住在|住|是|那|就|到|送到|送)+|(吧|了|的|啊|呀|哦|嘛|呢|哈|啦|里|那里|那儿)+$/gu, '');
  return hanCount(rest) === 0 && !/[A-Za-z0-9]/u.test(rest);
}

/**
 * The first message of a hospital report without the parts its fields keep: split at pauses (and after
 * what happened, "我妈住院了在省医"), each part that only names the hospital or answers the call
 * question is dropped; the rest is joined as said. The whole text when nothing would be left.
 */
export function hospitalReportContent(text: string, details: { hospital?: string; mayCall?: boolean }): string {
  if (details.hospital === undefined && details.mayCall === undefined) return text.trim();
  const end = happenedEnd(text);
  const pieces = end === null ? [text] : [text.slice(0, end), text.slice(end)];
  const parts: { text: string; keep: boolean }[] = [];
  pieces.forEach((piece, i) => {
    const said = piece.split(/[\s，,。；;、！!]+/u).filter((part) => part.trim() !== '');
    said.forEach((part, j) => {
      // the part that tells what happened always stays
      const happened = end !== null && i === 0 && j === said.length - 1;
      parts.push({ text: part, keep: happened || !onlyFields(part, details) });
    });
  });
  const kept = parts.filter((p) => p.keep).map((p) => p.text);
  if (kept.length === 0 || kept.length === parts.length) return text.trim();
  return kept.join(' ');
}

/** Filler before the matter ("就是那个", "嗯", "是这样的", "我跟你说"): not part of it (QA9 F-L4). */
const FILLER_LEAD = /^(?:就是|那个啥?|这个啥?|那啥|嗯+|呃+|额+|唉|哎|是这样的?|事情是这样的?|我跟你说|我跟您说|跟你说|跟您说|你听我说|您听我说|怎么说呢|咋说呢|不好意思|你好|您好|小银)(?:[\s\p{P}\p{S}]+|(?=就是|那个|这个|我|俺))/u;
/** The request words the matter is opened with ("我要反映", "俺要投诉", "给你们提个建议"): the category says it. */
const REQUEST_LEAD =
  /^(?:我|俺|我们|俺们)?还?(?:要|想|得|再|就是想|来)?(?:(?:给|跟|向)(?:你们|您)?)?(?:投诉|举报|反映|提个?建议|提个?意见|求助)(?:一下|一个|个)?(?:问题|情况)?(?:[\s\p{P}\p{S}]+|(?=[\p{Script=Han}]))/u;

/**
 * The 内容 of a report without the filler it opens with (QA9 F-L4): "就是那个 活动中心的空调不制冷" ->
 * "活动中心的空调不制冷", "我要投诉 就是那个 楼道灯坏了" -> "我要投诉 楼道灯坏了". The request words ("我要反映")
 * stay, as the tests of the summary ask; `dropRequest` leaves them out too. Unchanged when fewer than four
 * characters of the matter would be left.
 */
export function plainContent(text: string, opts: { dropRequest?: boolean } = {}): string {
  const said = text.trim();
  let request = '';
  let rest = said;
  let filler = false;
  for (let before = ''; before !== rest; ) {
    before = rest;
    const unfilled = rest.replace(FILLER_LEAD, '');
    filler ||= unfilled !== rest;
    rest = unfilled.replace(/^[\s\p{P}\p{S}]+/u, '');
    const m = REQUEST_LEAD.exec(rest);
    if (m) {
      if (request === '') request = m[0];
      rest = rest.slice(m[0].length).replace(/^[\s\p{P}\p{S}]+/u, '');
    }
  }
  if (hanCount(rest) < 4 || (!filler && opts.dropRequest !== true)) return said;
  return opts.dropRequest === true || request === '' ? rest : `${request}${/[\s\p{P}\p{S}]$/u.test(request) ? '' : ' '}${rest}`;
}
