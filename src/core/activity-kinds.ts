/**
 * Kinds of activities and the words that name them, for the router's category slot and the activity skills: the category of an
 * activity staff add ("太极拳晨练" -> 健身) and the kind a retiree asks for ("有没有打太极的").
 * The first kind whose words appear wins, so the order matters: "太极柔力球" is a ball game,
 * "太极拳晨练" keep-fit, "书法班" calligraphy rather than a senior-university class.
 */
export const CATEGORIES = ['棋牌', '球类', '健身', '文艺', '书画摄影', '讲座', '老年大学', '参观', '志愿', '其他'] as const;

const KINDS: [RegExp, (typeof CATEGORIES)[number]][] = [
  [/(讲座|报告会|课堂|宣讲|讲堂)/u, '讲座'],
  [/(象棋|围棋|棋牌|扑克|掼蛋|桥牌|麻将|跳棋|军棋|下棋|棋)/u, '棋牌'],
  [/(门球|乒乓|羽毛球|台球|柔力球|网球|篮球|足球|排球|保龄球|高尔夫|地掷球|球)/u, '球类'],
  [/(太极|晨练|健身|八段锦|五禽戏|易筋经|气功|广场舞|健步走|徒步|登山|爬山|瑜伽|体操|保健操|健身操|健康操|跑步|慢跑|锻炼|运动会|趣味运动|拳|剑|游泳|骑行)/u, '健身'],
  [/(合唱|唱歌|歌咏|歌会|舞蹈|跳舞|交谊舞|戏曲|京剧|越剧|黄梅戏|豫剧|评剧|乐器|二胡|葫芦丝|电子琴|乐队|演出|文艺|联欢|晚会|诗会|诗歌|朗诵|模特|时装秀)/u, '文艺'],
  [/(书法|书画|绘画|国画|摄影|画展|影展|写字|画画)/u, '书画摄影'],
  [/(老年大学|班|课程|上课)/u, '老年大学'],
  [/(参观|考察|走访|游览|春游|秋游)/u, '参观'],
  [/(志愿|义务)/u, '志愿'],
];

/** The kind of activity `text` names ("太极拳晨练" -> 健身), or null when it names none. */
export function categoryOf(text: string): string | null {
  for (const [re, kind] of KINDS) if (re.test(text)) return kind;
  return null;
}

/** The kind a request asks for: our own words first, then the router's slot (an LLM route may carry one). */
export function askedCategory(text: string, slot: unknown): string | null {
  return categoryOf(text) ?? (typeof slot === 'string' && slot ? slot : null);
}
