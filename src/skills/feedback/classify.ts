/** Keyword rules: which category a feedback message belongs to, and the hospital follow-up answer. */
import type { Prompts } from '../../core/prompts.js';
import type { TicketCategory } from '../../store/ticket-types.js';
import { QUESTION } from '../../core/router/rules.js';

const ORDER: TicketCategory[] = ['hospitalization', 'complaint', 'help_request', 'suggestion'];
const CATEGORIES: readonly TicketCategory[] = ['suggestion', 'complaint', 'help_request', 'hospitalization', 'handoff', 'other'];

/** True when `value` is a ticket category name. */
export function isTicketCategory(value: unknown): value is TicketCategory {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** The category the retiree named outright ("投诉", "求助", "建议"), or null. */
export function explicitCategory(text: string, prompts: Prompts): TicketCategory | null {
  const explicit = prompts.raw<Partial<Record<TicketCategory, string[]>>>('feedback.explicit');
  for (const [category, words] of Object.entries(explicit) as [TicketCategory, string[]][]) {
    if (words.some((w) => text.includes(w))) return category;
  }
  return null;
}

/** The category of a feedback text by the keyword lists in prompts/feedback.yaml (first hit wins). */
export function classifyCategory(text: string, prompts: Prompts): TicketCategory {
  const named = explicitCategory(text, prompts);
  if (named) return named;
  for (const category of ORDER) {
    const words = prompts.raw<string[]>(`feedback.keywords.${category}`);
    if (!words.some((w) => text.includes(w))) continue;
    return category === 'help_request' && isGrievance(text, prompts) ? 'complaint' : category;
  }
  // "家里暖气不热": a thing out of order is a 求助 when no keyword said more ("建议…空调不暖和" stays 建议).
  if (!isFault(text, prompts)) return 'other';
  return isGrievance(text, prompts) ? 'complaint' : 'help_request';
}

/**
 * A fault told as a grievance against those who should fix it, not as a call for a hand: it keeps
 * coming back ("电梯老是坏"), nobody came or fixed it ("半个月了也没人来修"), or the person is angry
 * ("你们管不管", the words that get an apology). Then it is a 投诉; "灯泡坏了够不着" stays a 求助,
 * and so does a fault that has only lasted ("电梯停了三天了").
 */
export function isGrievance(text: string, prompts: Prompts): boolean {
  const signs = prompts.raw<{ recurring: string[]; neglected: string[] }>('feedback.grievance_signs');
  const said = (w: string) => text.includes(w);
  return signs.recurring.some(said) || signs.neglected.some(said) || prompts.raw<string[]>('feedback.angry_words').some(said);
}

/** How far (in characters) the fault may stand after the thing: "暖气不热", "楼道的灯一到晚上就不亮". */
const FAULT_REACH = 10;

/**
 * A thing at home or in the activity centre said to be out of order ("家里暖气不热", "空调不制冷了",
 * "楼道的灯不亮", "马桶堵了"): a thing of feedback.fault_things and, after it in the same clause, a
 * fault of feedback.fault_words. A thing alone ("暖气费多少") or a fault alone is none.
 */
export function isFault(text: string, prompts: Prompts): boolean {
  const things = prompts.raw<string[]>('feedback.fault_things');
  const faults = prompts.raw<string[]>('feedback.fault_words');
  for (const clause of text.split(/[\p{P}\p{S}]+/u)) {
    for (const thing of things) {
      let at = clause.indexOf(thing);
      while (at >= 0) {
        const after = clause.slice(at + thing.length, at + thing.length + FAULT_REACH + 4);
        if (faults.some((f) => {
          const i = after.indexOf(f);
          return i >= 0 && i <= FAULT_REACH;
        })) return true;
        at = clause.indexOf(thing, at + 1);
      }
    }
  }
  return false;
}

/** The text without the trigger words ("我要投诉", "反映一下") and punctuation: what is left is the matter. */
export function substance(text: string, prompts: Prompts): string {
  let rest = text;
  for (const w of prompts.raw<string[]>('feedback.trigger_words')) rest = rest.split(w).join('');
  return rest.replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** An explicit answer about calling, wherever it stands ("不用打电话", "不方便接", "可以打电话"). */
const CALL_NO = /(不用|不要|别|无需|不必|不需要|不能|不可以|请勿|勿)(再)?(给我)?(打)?(电话|来电|打扰|联系)|不方便接/u;
const CALL_YES = /(可以|能|行|欢迎|请)(给我)?(打)?(电话|来电|联系)|可以打/u;
/** A bare answer to "工作人员可以打电话问候您吗？" (only in the follow-up answer): "可以", "不用了". */
const CALL_NO_BARE = /^(不|不用|不要|不必|不需要|算了|不方便|别打|别|免了|不打扰)$/u;
const CALL_YES_BARE = /^(可以|行|能|好|好啊|嗯+|是|对|方便|欢迎|没问题|打吧|可以打|都行|随时)$/u;
const PARTICLES = /^(那|就|嗯|哦)+|(吧|了|的|啊|呀|哦|嘛|呢|哈|啦|哟)+$/gu;
const HOSPITAL = /([\p{Script=Han}A-Za-z0-9（）()]{0,16}?(医院|卫生院|卫生服务中心|医疗中心|院区|疗养院|诊所|干休所))/u;
/** Ends like the name of a place of care ("市一院", "社区卫生站", "心内科病房", "急救中心"). */
const HOSPITAL_HINT = /(医院|(?<!住|出|医)院|卫生[院站室所]|诊所|门诊|门诊部|中心|病房|科|院区)$/u;
/**
 * A hospital called by its short name, without a hospital word ("协和", "湘雅", "省医", "市中医"):
 * taken only as the answer to "请问住在哪家医院？", never from a sentence said elsewhere.
 */
const HOSPITAL_SHORT_NAME = /医(?![生保药疗务嘱])|协和|同仁|湘雅|华西|齐鲁|瑞金|仁济|华山|中山|积水潭|天坛|宣武|安贞|友谊|人民|附属|附[一二三四]|妇幼|肿瘤|总院|30[0-9]/u;
/** Not a place: thanks, greetings, "不知道". */
const NOT_A_PLACE = /(谢谢|多谢|感谢|你好|您好|在吗|知道|清楚|收到|明白|住院|出院)/u;
/** Words that are never part of a hospital's name: which, what, not knowing. */
const NO_NAME = /哪|什么|啥|知道|清楚|晓得|记得/u;
const LEAD_VERBS = /^.*(住进了|住进|送到了|送到|送进了|送进|进了|转到|转院到|住在|在|到|去了|去)/u;

export interface HospitalAnswerOptions {
  /**
   * The text answers "请问住在哪家医院？/可以打电话吗？": a bare "可以" / "不用" is the call answer,
   * and a part without the word 医院 may still be the name (true: a part ending in 院/卫生站/诊所/
   * 中心/科… or a short name like "协和", "省医"; 'hint': only the former). "提交", "不好意思" or
   * "今天天气不错" is never a hospital.
   */
  followUp?: boolean;
  wholeTextIsHospital?: boolean | 'hint';
}

function callAnswer(part: string, followUp: boolean): boolean | undefined {
  if (CALL_NO.test(part)) return false;
  if (CALL_YES.test(part)) return true;
  if (!followUp) return undefined;
  const bare = part.replace(PARTICLES, '');
  if (CALL_NO_BARE.test(bare)) return false;
  if (CALL_YES_BARE.test(bare)) return true;
  return undefined;
}

/** A part of an answer that may be a hospital name though it has no hospital word in it. */
function looseHospital(part: string, mode: true | 'hint'): string | undefined {
  const rest = part.replace(/^(在|住在|住|到|去)/u, '').trim();
  const len = [...rest].length;
  if (len < 2 || len > 20 || QUESTION.test(part) || NOT_A_PLACE.test(rest) || /[了吗呢吧坏]/u.test(rest)) return undefined;
  if (HOSPITAL_HINT.test(rest) || (mode === true && len <= 8 && HOSPITAL_SHORT_NAME.test(rest))) return rest;
  return undefined;
}

/** Hospital name and call permission found in a text (either may be missing). */
export function parseHospitalAnswer(text: string, opts: HospitalAnswerOptions = {}): { hospital?: string; mayCall?: boolean } {
  const out: { hospital?: string; mayCall?: boolean } = {};
  const followUp = opts.followUp === true;
  const m = HOSPITAL.exec(text);
  // "市人民医院可以": the hospital name is set apart before the rest is read as a call answer.
  const parts = (m ? text.replace(m[1]!, ' ') : text).split(/[\s\p{P}\p{S}]+/u).filter((x) => x.length > 0);
  for (const part of parts) {
    const call = callAnswer(part, followUp);
    if (call !== undefined && (out.mayCall === undefined || call === false)) out.mayCall = call;
  }
  if (m) {
    let name = m[1]!;
    // "我住进了市人民医院" -> "市人民医院": drop what comes before the last verb of place.
    const cut = LEAD_VERBS.exec(name.slice(0, -m[2]!.length));
    if (cut) name = name.slice(cut[0].length);
    name = name.replace(/^(我|我老伴|老伴|我爱人|爱人|家里人|家属)/u, '');
    // "不知道送哪个医院": a question word or not knowing is no name.
    if ([...name].length > [...m[2]!].length && !NO_NAME.test(name)) out.hospital = name;
  } else if (opts.wholeTextIsHospital) {
    for (const part of parts) {
      if (callAnswer(part, true) !== undefined) continue;
      const name = looseHospital(part, opts.wholeTextIsHospital);
      if (name) {
        out.hospital = name;
        break;
      }
    }
  }
  return out;
}

/** "不是X是Y" / "不是X，而是Y" / "X搞错了 是Y" / "是Y不是X": [wrong, right], or null. */
const CORRECTIONS: [RegExp, number, number][] = [
  [/^(?:不是|不在)(.+?)[，,、。\s]*(?:而是|应该是|是|在)(.+)$/u, 1, 2],
  [/^(.+?)(?:搞错了|弄错了|说错了|写错了|记错了|错了|不对)[，,、。！!\s]*(?:应该是|是|在)(.+)$/u, 1, 2],
  [/^(?:是|在)(.+?)[，,、\s]*(?:不是|不在)(.+)$/u, 2, 1],
];

/**
 * A correction of a hospital report's details, reading the field it names: "不是市人民医院是市中医院"
 * / "市人民医院搞错了 是市中医院" / "是市中医院不是市人民医院" -> { hospital: '市中医院' }; "不用打电话" /
 * "可以打电话" -> { mayCall }; anything else -> null.
 */
export function detailsCorrection(text: string): { hospital?: string; mayCall?: boolean } | null {
  const said = text.trim().replace(/[\s\p{P}\p{S}]+$/u, '').replace(/^(?:对不起|不好意思|哦|噢|嗯|啊)?[\s\p{P}\p{S}]*/u, '');
  for (const [re, wrongAt, rightAt] of CORRECTIONS) {
    const m = re.exec(said);
    if (!m) continue;
    const right = m[rightAt]!.trim();
    const wrong = m[wrongAt]!.trim();
    const hospital = parseHospitalAnswer(right, { wholeTextIsHospital: true }).hospital;
    if (hospital !== undefined && !/来电|电话/u.test(wrong)) return { hospital };
    const call = parseHospitalAnswer(right, { followUp: true }).mayCall;
    if (call !== undefined) return { mayCall: call };
  }
  const call = parseHospitalAnswer(said).mayCall;
  return call !== undefined && !HOSPITAL.test(said) ? { mayCall: call } : null;
}

/** Where the first message goes on after saying what happened ("我妈住院了在省医" -> "在省医", "送急诊了 协和"). */
const HAPPENED_AT = /(?:住院了|住了院|住进了|住进|进了医院|送到?了?医院了?|住院|(?:送|进了?|送进了?)(?:急诊|ICU|监护室|抢救室))[了啦]?/iu;

/**
 * A place said with a verb of place in the first message: "在省医住着", "住在协和ICU", "现在在市一院ICU",
 * "送到附一院急诊了". The words after it ("住着", "抢救呢") are read past; 在 inside 现在/正在 is no verb.
 */
const PLACE_AFTER_VERB = /(?:住在|住进了?|送到了?|送进了?|送去了?|拉到了?|拉去了?|转到了?|转院到了?|转进了?|进了|送|(?<![现正还实存所自好])在)([^\s\p{P}\p{S}]{2,20})/gu;
const PLACE_TAIL = /(住着|陪护|陪床|照顾|等床位|住院了?|住下了?|抢救|治疗|看病|输液|躺着|观察|检查|做手术|手术|里面?|那里|那儿|呢|了|啦|着|呀|啊|的)$/u;
/** A ward or department after the hospital's name ("市一院ICU", "附一院急诊", "省医心内科3床"). */
const WARD =
  /(ICU|CCU|NICU|EICU|RICU|重症监护室|重症监护病房|重症病房|监护室|重症室|抢救室|急诊室|急诊科|急诊|留观室|观察室|住院部|门诊部|门诊|病房|病区|(?:心内|心外|神内|神经内|神经外|骨|外|内|呼吸|消化|肾内|普外|胸外|泌尿|老年|康复|肿瘤|妇|儿|眼|耳鼻喉|口腔|皮肤|血液|内分泌|感染|重症医学)科|[0-9一二三四五六七八九十]+(?:楼|层|床|号床|病区|号楼))$/iu;
/** Names of a place of care said without the word 医院 ("市一院", "县卫生院", "急救中心"); a bare ward or 中心 is not. */
const CARE_PLACE_END = /((?<![住出医])院|卫生[院站室所]|诊所|(?:医疗|急救|卫生|康复|医学)中心|院区)$/u;
/** Places that share a word with a short hospital name ("人民广场", "中山路") but are none. */
const NOT_CARE_PLACE = /广场|公园|路|街|巷|小区|家|楼|商场|超市|市场|银行|大厦|车站|站|村|镇|单位|活动|学校|食堂/u;

/**
 * The name of a place of care at the start of what follows a verb of place, when more is said after it
 * without a pause ("市二院了心脏不好…" -> "市二院", "省医院心内科住着呢" is read whole before this).
 */
const CARE_PLACE_PREFIX = /^([^\s\p{P}\p{S}]{1,10}?(?:(?<![住出医])院|卫生[院站室所]|诊所|(?:医疗|急救|卫生|康复|医学)中心|院区))(?=了|住|治|看|做|抢|躺|呢|啦|着|，|[^\p{Script=Han}]|$)/u;
/** Words ending in 院 that name no place of care ("后院", "法院", "学院", "电影院"). */
const NOT_CARE_INSTITUTION = /[后前大庭]院$|法院|学院|影院|剧院|戏院|寺院|书院|科学院|研究院|设计院/u;

/** A hospital named after a verb of place in a first message, with its ward when said, or undefined. */
function placeAfterVerb(text: string): string | undefined {
  for (const m of text.matchAll(PLACE_AFTER_VERB)) {
    const whole = careplace(m[1]!);
    if (whole !== undefined) return whole;
    // "住进市二院了心脏不好大夫说要做支架": the name stops where the sentence goes on.
    const prefix = CARE_PLACE_PREFIX.exec(m[1]!);
    if (prefix && !NOT_CARE_INSTITUTION.test(prefix[1]!)) {
      const named = careplace(prefix[1]!);
      if (named !== undefined) return named;
    }
  }
  return undefined;
}

/** The place of care a captured name is (its tail of 住着/了… read past), or undefined. */
function careplace(captured: string): string | undefined {
  let place = captured;
  while (PLACE_TAIL.test(place)) place = place.replace(PLACE_TAIL, '');
  let base = place;
  while (WARD.test(base)) base = base.replace(WARD, '');
  const len = [...base].length;
  // A name with 医院 in it was read before (HOSPITAL); a bare "医院" names none.
  if (len < 2 || NOT_A_PLACE.test(base) || /[了吗呢吧坏摔倒晕到去]|医院/u.test(base) || NOT_CARE_INSTITUTION.test(base)) return undefined;
  if (CARE_PLACE_END.test(base) || (len <= 6 && HOSPITAL_SHORT_NAME.test(base) && !NOT_CARE_PLACE.test(base))) return place;
  return undefined;
}

/**
 * The hospital and call permission given in the first message of a hospital report: a hospital name
 * anywhere ("住进了市人民医院"); a short name or a name with its ward after a verb of place ("在省医住着",
 * "现在在市一院ICU", "住在协和"); and after what happened also a short name or a bare "可以" / "不用"
 * ("我老伴住院了 协和 可以", "我妈住院了在省医", "我爸住院了 市中医 不用").
 */
export function firstMessageDetails(text: string): { hospital?: string; mayCall?: boolean } {
  const whole = parseHospitalAnswer(text);
  if (whole.hospital === undefined) {
    const place = placeAfterVerb(text);
    if (place !== undefined) whole.hospital = place;
  }
  const m = HAPPENED_AT.exec(text);
  if (!m) return whole;
  const after = text.slice(m.index + m[0].length);
  if (after.trim().length === 0) return whole;
  const rest = parseHospitalAnswer(after, { followUp: true, wholeTextIsHospital: true });
  return { ...rest, ...whole };
}

/** Where what happened ends in a first message ("我妈住院了在省医" -> after 住院了), or null when not said. */
export function happenedEnd(text: string): number | null {
  const m = HAPPENED_AT.exec(text);
  // "住进了市人民医院": the place is part of what happened
  return m && !m[0].startsWith('住进') ? m.index + m[0].length : null;
}

/** Words of not knowing ("不知道", "不清楚", "忘了"). */
const NOT_KNOWN = '(?:不知道|不清楚|不晓得|不记得|记不清|记不得|忘了|说不上来|说不清|搞不清|弄不清|没问|不确定)';
/** Not knowing which hospital, said about the place ("不知道在哪", "哪家医院不清楚", "不清楚送哪去了"). */
const HOSPITAL_NOT_KNOWN = new RegExp(
  `${NOT_KNOWN}(?:是|在|送到?|送去|送进|住在|住的|拉到|拉去)?(?:了)?(?:哪|什么医院|啥医院|什么地方|啥地方)|(?:哪家|哪个|哪里|哪儿|什么|啥)(?:医院)?.{0,4}${NOT_KNOWN}|送(?:到|去)?哪(?:里|儿)?(?:了|去了)?.{0,4}${NOT_KNOWN}`,
  'u',
);
const NOT_KNOWN_WORD = new RegExp(NOT_KNOWN, 'u');

/**
 * The person does not know which hospital: "还是不知道在哪 他们送去的", "哪家医院不清楚". In the first
 * message only a not-knowing said about the place counts; as the answer to "请问住在哪家医院？"
 * (`answering`) any not-knowing does ("不清楚", "不知道 孩子送去的").
 */
export function hospitalNotKnown(text: string, opts: { answering?: boolean } = {}): boolean {
  return HOSPITAL_NOT_KNOWN.test(text) || (opts.answering === true && NOT_KNOWN_WORD.test(text));
}
