/** What a question asks for (an amount, a time, a place, an age, a way) and how a text that states it looks. */

/**
 * What a question asks for, and how a sentence that states it looks. `checkable`: a text that
 * answers such a question always shows it (a number, a date, a place, an age), so an answer
 * without it answers something else (FAQ matching uses this).
 */
export const ANSWER_TYPES: { asks: RegExp; states: RegExp; checkable: boolean }[] = [
  // an amount of money or a share: 多少钱, 给多少, 几成, 标准, 比例, 怎么算 -> 800元, 90%, 1.5倍, 百分之, 20个月的基本离退休费
  { asks: /(多少(?!次|门|项|份|回|个|天|年|月|周|岁|小时|工作日)|几(块|元|成)|标准|比例|最多|最高|(怎么|咋|如何)(计)?算)/u, states: /(\d|[一二三四五六七八九十两百千万])\s*(元|万元|%|％|成|倍)|百分之|(\d|[一二三四五六七八九十两])\s*个月的?[^。，；]{0,8}(费|工资|金|薪)/u, checkable: true },
  // a count: 几次, 几门, 多少次 -> 一次, 3门, 两次
  { asks: /(几(个|次|份|门|项|星|回)|多少(次|门|项|份|回|个))/u, states: /(\d|[一二三四五六七八九十两])\s*(个|次|门|项|份|星|回)/u, checkable: true },
  // a time: 什么时候, 多久, 几天 -> 3日内, 每年4月, 月底前
  { asks: /(什么时候|啥时候|何时|哪天|几号|几月|多久|多长时间|几天|几点|期限|几年|几个月|几周|几个星期|几个礼拜|多少(天|年|个月|周|小时|工作日)|(礼拜|星期|周)几)/u, states: /(\d|[一二三四五六七八九十两])\s*(个)?(工作日|日|天|个月|月|周(?!岁)|年|小时|点|时)|月底|年底|季度末|每(周|星期|礼拜)[一二三四五六日天]|(周|星期|礼拜)[一二三四五六日天]/u, checkable: true },
  // a place: 在哪, 哪个医院 -> 医院, 中心, 窗口
  { asks: /(哪里|哪儿|在哪|去哪|到哪|哪家|哪个(医院|地方|单位))/u, states: /(医院|中心|窗口|大厅|服务站|办公室|室|楼|平台|网站|小程序|账户|银行卡)/u, checkable: true },
  // an age: 多大岁数, 七十八了还行不行, 82岁能去吗, 我才五十八 -> 75周岁, 80岁以下
  { asks: /(岁数|年龄|年纪|多大|几岁|[五六七八九]十[一二三四五六七八九]?(岁|了)|[5-9]\d(岁|了)|(我|才|今年|已经|都|满)([五六七八九]十[一二三四五六七八九]?|[5-9]\d)(?![元块万个次天年月]))/u, states: /(\d|[一二三四五六七八九十])\s*(周岁|岁)/u, checkable: true },
  // a way: 怎么办, 要带啥 -> 申请, 携带, 持 (a sentence that only names 材料, "收到材料后…", says what happens to them, not what to bring)
  { asks: /((怎么|咋|如何)(?!计?算)|流程|手续|要带|材料)/u, states: /(申请|提交|携带|带上|办理|填写|凭|持|登录|扫码)/u, checkable: false },
];

/** The age type of ANSWER_TYPES: an age said ("我九十一了") or asked ("多大岁数"), and a sentence stating an age limit. */
export const AGE_TYPE = ANSWER_TYPES.find((t) => t.asks.source.includes('岁数'))!;

/**
 * The share of what the question asks for (an amount for 多少, a time for 多久 …) that the sentence
 * states: 1 when it states all of it ("要带啥材料去办 多少天内": 持…证明 and 60日内), 0 when none.
 */
export function statesAsked(question: string, sentence: string): number {
  const asked = ANSWER_TYPES.filter((t) => t.asks.test(question));
  return asked.length ? asked.filter((t) => t.states.test(sentence)).length / asked.length : 0;
}

/**
 * For a question that asks for an amount, a time, a place or an age: whether the text states one
 * of them. Null when the question asks none of these (nothing to check).
 */
export function answersAsked(question: string, text: string): boolean | null {
  const asked = ANSWER_TYPES.filter((t) => t.checkable && t.asks.test(question));
  if (asked.length === 0) return null;
  return asked.some((t) => t.states.test(text));
}

/**
 * Question words that name the kind of answer rather than its topic: a sentence that states such a
 * value holds the word in effect (材料: a sentence saying what to bring). "门诊报销比例多少" is answered by "门诊…报销70%", which never says 比例;
 * without this the 住院 article that says 报销比例 verbatim won on the word alone.
 */
const TYPE_WORDS: [string[], RegExp][] = [
  [['比例', '比率'], /(\d|[一二三四五六七八九十两])\s*(%|％|成)|百分之/u],
  [['标准', '金额', '数额'], /(\d|[一二三四五六七八九十两百千万])\s*(元|万元|%|％|倍)/u],
  [['期限', '时限'], /(\d|[一二三四五六七八九十两])\s*(个)?(工作日|日|天|个月|月|周|年)/u],
  [['年龄', '岁数', '年纪'], /(\d|[一二三四五六七八九十])\s*(周岁|岁)/u],
  // what to bring: 持死亡证明、户口注销证明… names the 材料 without the word
  [['材料', '证件'], /(持|携带|带上|带好|凭)[^。；]{0,40}(证|证明|材料|表|卡|发票|病历)/u],
];

/**
 * Whether a question word naming a kind of answer (比例, 标准, 期限, 年龄), alone or at the end of a
 * compound (报销比例: the sentence says 报销 and a share), is stated in the sentence by a value of that kind.
 */
export function typeWordStated(term: string, sentence: string): boolean {
  for (const [words, value] of TYPE_WORDS) {
    const word = words.find((w) => term.endsWith(w));
    if (!word) continue;
    // 多大岁数, 多少标准: the head asks, it is no topic
    const head = term.slice(0, -word.length).replace(/^(多大|多少|几)/u, '');
    return (head === '' || sentence.includes(head)) && value.test(sentence);
  }
  return false;
}

/**
 * Words that name the kind of answer (材料, 手续, 标准 …), nothing in particular (情况, 问题), who is
 * asking (离休的, 退休干部), a negation (不到, 没有), a time frame (一年, 每月, 今年) or a number: never the focus
 * of a question.
 */
const NOT_A_FOCUS = /^(材料|证件|证明|手续|标准|比例|期限|时限|年龄|岁数|年纪|金额|数额|流程|办法|规定|政策|条件|要求|情况|时间|地方|东西|事情|问题|文件)$|^(离休|退休|离退休|不|没|几|多少)|^(每|一|今|明|去|前|后|这|本|当)(年|个?月|季度?|周|天|次|回|学期)$|^\d/u;

/**
 * The focus of a question, from its topic words in order: the last one of two characters or more.
 * A Chinese question puts what it asks about right before the question word ("提了意见多久给**答复**",
 * "八十二了能带**家属**不"); the words before it (the subject, the condition) also turn up in
 * sentences and phrasings that answer something else.
 */
export function focusWord(words: readonly string[]): string | undefined {
  for (let i = words.length - 1; i >= 0; i--) if (words[i]!.length >= 2 && !NOT_A_FOCUS.test(words[i]!)) return words[i];
  return undefined;
}

/** Question words: a clause holding one asks; a clause without one tells (a condition, who is asking). */
const ASKING = /(多少|几|吗|么|啥|什么|怎么|咋|哪|多久|多长|是否|能不能|可不可以|有没有|要不要|用不用|会不会|是不是|行不行|[不没]$|没有$|呢$)/u;

/**
 * The clause a question asks in: the last one holding a question word. "退休干部去世了 老伴能领多少抚恤金
 * 老伴没工作" asks in the middle one; the clauses around it tell the case. The whole text when no clause
 * holds a question word.
 */
export function askingClause(question: string): string {
  const clauses = question.split(/[\s，,。；;！!？?]+/u).filter(Boolean);
  for (let i = clauses.length - 1; i >= 0; i--) if (ASKING.test(clauses[i]!)) return clauses[i]!;
  return question;
}
