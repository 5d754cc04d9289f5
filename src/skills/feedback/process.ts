/**
 * Questions about the feedback process itself (QA9 F-M4), not a matter to file: "意见提了不满意咋办",
 * "我的意见会不会被别人知道", "投诉了会不会被打击报复", "提意见有哪些渠道", "建议被采纳了有表扬吗". They are
 * rule questions (《离退休干部意见建议办理办法》第二、七、八、九条): the feedback skill passes them to the
 * policy answers instead of writing a 投诉 with the question as its content.
 *
 * And at a summary, "那个钢琴班的事 你们啥时候回我": a question about when this very matter is answered.
 * It is not submitted yet, so the summary is shown again saying staff answer here once it is.
 */
import { asksSomething, isNewReport } from './addition.js';

const NOUN = '(?:意见|建议|投诉|反映(?:的)?(?:事|问题|情况)?|提的事|诉求)';
/** What is asked of the process: each pattern names the feedback and the part of the process asked about. */
const PROCESS: readonly RegExp[] = [
  // not satisfied with the outcome: 第七条
  new RegExp(`${NOUN}.{0,8}不满意.{0,4}(?:咋办|怎么办|怎么弄|咋弄|能不能|可不可以|可以|还能|有没有)|(?:办理|处理|办的|答复的?)结果不满意`, 'u'),
  // who learns of it: 第九条
  new RegExp(`${NOUN}.{0,10}(?:(?:别人|人家|他们|单位|领导|谁|外人|其他人).{0,3}知道|保密|泄露|打击报复|报复|穿小鞋)`, 'u'),
  // how long until an answer: 第三、四条
  new RegExp(`${NOUN}.{0,6}(?:多久|多长时间|几天|什么时候|啥时候).{0,4}(?:答复|回复|回音|办结|办完|给个?说法|回话|受理)`, 'u'),
  // where and how to give it: 第二条
  /(?:怎么|咋|在哪|哪里|到哪|去哪)儿?(?:提|反映|投诉)(?:意见|建议)?(?:呢|啊)?[？?]*$|(?:提|反映)(?:意见|建议|问题)?(?:有|都有)?(?:哪些|什么|啥)?渠道/u,
  // what comes of it: 第八条
  new RegExp(`(?:意见|建议).{0,6}(?:被)?采纳`, 'u'),
];

/** Asking to file one ("我要投诉…", "我想反映…"): a report, whatever else it asks. */
const FILING = /(?:我|俺)们?还?(?:要|想|得|来)(?:投诉|举报|反映|提)/u;

/** True for a question about how feedback is handled ("意见提了不满意咋办"), not a matter to report. */
export function asksAboutProcess(text: string): boolean {
  const said = text.trim();
  if (!asksSomething(said) || FILING.test(said)) return false;
  return PROCESS.some((re) => re.test(said));
}

/** When they will answer ("你们啥时候回我", "多久能给个答复", "什么时候有回音"). */
const WHEN_ANSWERED = /(?:啥时候|什么时候|多久|几天|多长时间|哪天)(?:能|才|会|给|可以)?(?:回我|回复|答复|回音|回话|给.{0,2}回|给个?说法|给个?答复|有消息|有结果|办好|办完)/u;

/** True for a question at a summary about when the matter is answered: it is not submitted yet. */
export function asksWhenAnswered(text: string): boolean {
  const said = text.trim();
  return asksSomething(said) && WHEN_ANSWERED.test(said) && !isNewReport(said);
}
