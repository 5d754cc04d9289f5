/**
 * Stage 2 of routing: high-precision rules over the wording retirees use. Anything they do not
 * decide goes on to the example-based classifier.
 */
import type { KnownIntent, Slots } from '../types.js';

export interface RuleHit {
  intent: KnownIntent;
  confidence: number;
  slots?: Slots;
  rule: string;
}

/** A question rather than a statement: asks about a rule, an amount, a way to do something. */
export const QUESTION =
  /((\p{Script=Han})不\2|[吗么嘛][\s？?。!！~]*$|[？?]|会不会|能不能|可不可以|可以.{0,6}吗|有没有|是不是|是否|怎么|怎样|咋|如何|多少|几次|几天|几个|哪些|哪里|哪儿|哪天|几号|几点|何时|什么时候|什么|啥|谁|多久|标准|规定|政策)/u;
const HOSPITAL = /(住院|住进.{0,6}医院|进了医院|送.{0,4}医院|摔了|摔倒|骨折|中风|脑梗|心梗|做了?手术|ICU|重症|抢救|病危)/u;
const FEEDBACK_EXPLICIT =
  /(投诉|举报|提个?建议|提个?意见|我有个?(建议|意见|想法)|建议(一下|你们|单位|局里|多|少|能|把|在|增加|安排)|反映(一下|个|一个)?(问题|情况)|^反映|给你们提|意见很大|不满意|太差了|没人(接|管|理)|一直没(人|解决|修|回)|还没(有)?(消息|动静|回音|结果|到账|拿到|收到|解决|修|回复|发|批|办)|坏了|漏水|^(我|我们)?(建议|希望|要求|恳请)|麻烦(你们)?帮(忙|我)(问问|查查|催催|反映))/u;
const CANCEL = /(取消|退掉|退了|退订|撤销|撤回|不参加了|不去了|(去|参加|来)不(了|成)|不报了)/u;
const MY_BOOKINGS =
  /(我(都|已经|之前|上次)?报(了|的|过|名了)|我的报名|我报名的|查.{0,4}报名|报名(记录|情况|状态)|我.{0,6}(有什么|有啥|有哪些|什么)(活动)?安排|我排(在)?第几)/u;
const BOOK =
  /(报名|报个名|报上名|报一个|我要报|我想报|帮我报|给我报|还能报|能报吗|我要参加|我想参加|想去参加|要去参加|给我留|留个?(位|座|名额)|预约|占个?(位|座)|算我一个|加我一个|参加.{0,8}(比赛|讲座|展|班|活动))/u;
const BOOK_POLICY_WORDS = /(条件|规定|要求|流程|材料|手续|收费|费用|多少钱|标准|政策|待遇)/u;
const LIST =
  /(活动表|活动安排|活动列表|活动计划|课程表|日程|有(什么|啥|哪些)(活动|讲座|比赛|展览|课)|什么活动|啥活动|近期.{0,3}活动|最近.{0,4}活动|开了?(哪些|什么|几个)(班|课)|(有没有|有什么|有啥|哪些|什么).{0,6}(讲座|比赛|展|班|课|活动|演出|安排)(可以|能)?(看|参加|报)?)/u;
const HANDOFF =
  /(转人工|人工服务|人工客服|找(个|一下)?(工作人员|真人|人工|客服|领导)|真人|联系(工作人员|你们|老干部局)|(电话|联系方式|号码)(是)?多少|给我.{0,10}(电话|号码|联系方式)|打电话给(你们|工作人员)|跟人说|和人说)/u;
const HELP = /((你|助手|小银|机器人)(都|还)?(能|会)(干|做|帮|办)?(点)?(什么|啥|些什么|哪些)|怎么用|咋用|如何使用|使用说明|有(什么|哪些)功能|能帮我(做|干|办)?(什么|啥)|这是什么|你是谁|教教我)/u;
const SMALLTALK =
  /^(你好|您好|早上好|早安|上午好|中午好|下午好|晚上好|晚安|谢谢|多谢|感谢|辛苦|再见|拜拜|好的|好嘞|收到|知道了|明白了|嗯+|哦+|哈+|在吗|在不在|hello|hi)/iu;

/** The first rule that matches, or null. Order matters: specific before general. */
/** A plain complaint about how something is ("太少了", "太吵了"), said as a statement. */
const COMPLAINT_STATEMENT = /太(少|多|差|慢|贵|吵|脏|乱|冷|热|远|高|低|小|挤|难)了/u;

export function matchRules(text: string): RuleHit | null {
  const question = QUESTION.test(text);
  if (COMPLAINT_STATEMENT.test(text) && !question) return { intent: 'feedback', confidence: 0.85, rule: 'complaint' };
  if (HOSPITAL.test(text) && !question) return { intent: 'feedback', confidence: 0.95, slots: { category: 'hospitalization' }, rule: 'hospital' };
  if (FEEDBACK_EXPLICIT.test(text)) return { intent: 'feedback', confidence: 0.9, rule: 'feedback' };
  if (CANCEL.test(text)) return { intent: 'activity_cancel', confidence: 0.9, ...(/全部|所有|都/.test(text) ? { slots: { all: true } } : {}), rule: 'cancel' };
  if (MY_BOOKINGS.test(text)) return { intent: 'my_bookings', confidence: 0.9, rule: 'my_bookings' };
  if (BOOK.test(text) && !BOOK_POLICY_WORDS.test(text)) return { intent: 'activity_book', confidence: 0.85, rule: 'book' };
  if (HANDOFF.test(text)) return { intent: 'human_handoff', confidence: 0.9, rule: 'handoff' };
  if (HELP.test(text)) return { intent: 'help', confidence: 0.9, rule: 'help' };
  if (SMALLTALK.test(text) && [...text].length <= 16) return { intent: 'smalltalk', confidence: 0.9, rule: 'smalltalk' };
  if (LIST.test(text) && !BOOK_POLICY_WORDS.test(text)) return { intent: 'activity_list', confidence: 0.8, rule: 'list' };
  return null;
}

/** True when the text reads as a question. */
export function isQuestion(text: string): boolean {
  return QUESTION.test(text);
}
