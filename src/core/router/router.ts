/**
 * The router: menu digits and commands -> rules -> example classifier -> (optional) LLM tool call.
 * It never guesses below the confidence threshold: it returns 'unknown' with the alternatives,
 * and the dispatcher asks a clarifying question.
 */
import type { KnownIntent, RouteResult } from '../types.js';
import type { Llm } from '../../llm/types.js';
import { menuRoute } from './menu.js';
import { matchRules, isQuestion, isForeignOnly, mentionsActivity, isDistressSign } from './rules.js';
import { matchStaffRules } from './staff-rules.js';
import { extractSlots } from './slots.js';
import { ExampleClassifier } from './classifier.js';
import { cleanText } from '../middleware/normalize.js';
import { stripWakeWord } from '../middleware/group-trigger.js';
import { HomophoneCorrector } from '../../retrieval/typos.js';
import { getJieba } from '../../retrieval/tokenizer.js';

const DEFAULT_NAMES = ['银龄助手', '小银'];

export interface RouterOptions {
  /** Below this the classifier's answer is not trusted. */
  threshold?: number;
  llm?: Llm;
  /** Bot name and wake words, stripped before routing (the pipeline strips them too). */
  names?: string[];
}

/** English words retirees mix in that name a request, mapped to the Chinese the rules and examples use. */
const ENGLISH_COMMANDS: [RegExp, string][] = [
  [/\bmy\s+bookings?\b/gi, '我的报名'],
  [/\b(activity|activities|events?)\b/gi, '活动'],
  [/\b(booking|bookings)\b/gi, '报名'],
  [/\b(book|sign ?up|register)\b/gi, '报名'],
  [/\b(cancel|cancell?ation)\b/gi, '取消'],
  [/\b(help|menu)\b/gi, '帮助'],
];

/** The intents the English request words name (a sentence with one routed elsewhere is English all the same). */
const COMMAND_INTENTS = new Set<KnownIntent>(['my_bookings', 'activity_list', 'activity_book', 'activity_cancel', 'help']);

/** Signs of code or markup in a message without Chinese: ; -- < > { } = ` and the like. */
const CODE_SIGNS = /[;<>{}=`\\|]|--|\/\*/u;

/** English pleasantries, mapped too; they name no request ("Hello, how do I get reimbursed…" is still English). */
const ENGLISH_PLEASANTRIES: [RegExp, string][] = [
  [/\b(hello|hi)\b/gi, '你好'],
  [/\b(thanks|thank you|thx)\b/gi, '谢谢'],
  [/\b(bye|goodbye)\b/gi, '再见'],
  [/\b(ok|okay)\b/gi, '好的'],
];

const ENGLISH = [...ENGLISH_COMMANDS, ...ENGLISH_PLEASANTRIES];

/** A greeting before the real request ("早上好 最近有没有象棋比赛", Shanghainese "侬好 阿拉想问问看 …"): the request decides. */
const LEADING_GREETING = /^(你好|您好|侬好|你们好|大家好|各位好|老师好|早上好|早安|上午好|中午好|下午好|晚上好|小银好|同志们好|打扰了|打扰一下)[，,！!。~～\s]+(?=\S)/u;

/** Cleans a message the way the pipeline does, drops a leading greeting, maps mixed-in English words. */
export function prepareForRouting(text: string, names: string[], opts: { keepGreeting?: boolean } = {}): string {
  const clean = cleanText(text);
  let out = stripWakeWord(clean, names) ?? clean;
  const rest = out.replace(LEADING_GREETING, '');
  if (!opts.keepGreeting && [...rest].length >= 2) out = rest;
  for (const [re, zh] of ENGLISH) out = out.replace(re, zh);
  return out.trim();
}

export class Router {
  private readonly threshold: number;
  private readonly corrector: HomophoneCorrector;
  constructor(
    private readonly classifier: ExampleClassifier,
    private readonly options: RouterOptions = {},
  ) {
    this.threshold = options.threshold ?? 0.3;
    // homophone typos of the examples' own words (取销 -> 取消, 活洞 -> 活动, 讲坐 -> 讲座)
    const jieba = getJieba();
    this.corrector = new HomophoneCorrector(
      () => [...classifier.words, ...CORE_WORDS.map((w) => [w, 100] as [string, number])],
      (pair) => classifier.pairs.get(pair) ?? 0,
      (t) => jieba.cut(t, false),
    );
  }

  /** Routes one message (outside any flow); staff-only rules ("名单 3") first when a staff member writes. */
  async route(text: string, opts: { isStaff?: boolean } = {}): Promise<RouteResult> {
    const staff = opts.isStaff ? this.routeStaff(text) : null;
    if (staff) return staff;
    const offline = this.routeOffline(text);
    if (offline.intent !== 'unknown' || !this.options.llm) return offline;
    if (!/\p{L}/u.test(text)) return offline; // "-1", "？？": nothing for a model to read either
    const viaLlm = await this.options.llm.route(text).catch(() => null);
    if (viaLlm && viaLlm.intent !== 'unknown') return { ...viaLlm, slots: { ...extractSlots(text), ...viaLlm.slots }, source: 'llm' };
    return offline;
  }

  /** A staff command only staff may give (a retiree saying the same words is routed as before), or null. */
  private routeStaff(raw: string): RouteResult | null {
    const typed = prepareForRouting(raw, this.options.names ?? DEFAULT_NAMES);
    const rule = matchStaffRules(typed);
    return rule ? { intent: rule.intent, confidence: rule.confidence, slots: { ...extractSlots(typed), ...rule.slots }, source: 'rule' } : null;
  }

  /** The offline decision only (used by `yinling route` and the intent eval). */
  routeOffline(raw: string): RouteResult {
    const names = this.options.names ?? DEFAULT_NAMES;
    // homophone typos are read for the intent only: the slots (and the skill) keep the words as
    // typed, so the booking skill can ask "您说的是不是「象棋比赛」" about 象旗比赛
    const typed = prepareForRouting(raw, names);
    const text = this.corrector.correct(typed).text;
    const result = this.routePrepared(text, typed);
    // English only ("How much is the checkup?", "Hello, how do I get reimbursed…"): unless it names a request
    // the router maps (/help, my bookings, What activities…) or is a bare pleasantry (hello, thank you very much),
    // say kindly that the assistant reads Chinese instead of searching the documents or just greeting back.
    const foreign = cleanText(raw);
    if (isForeignOnly(foreign) && result.source !== 'menu') {
      const notChinese: RouteResult = { intent: 'smalltalk', confidence: 0.9, slots: { talk: 'not_chinese' }, source: 'rule' };
      // code or markup ("'; DROP TABLE bookings; --", "<script>"): no request, whatever words it has
      if (CODE_SIGNS.test(foreign)) return notChinese;
      if (!ENGLISH_COMMANDS.some(([re]) => new RegExp(re.source, 'i').test(foreign))) {
        // no request word: untranslated (classified by guesswork), or only pleasantries around a sentence
        const sentence = latinWordsLeft(typed) >= ENGLISH_SENTENCE_WORDS;
        if ((isForeignOnly(typed) && result.source !== 'rule') || sentence) return notChinese;
      } else if (!COMMAND_INTENTS.has(result.intent as KnownIntent)) {
        // a request word in a sentence about something else ("Can I bring my wife to the activity center?"
        // read as a policy question): the sentence is still English
        return notChinese;
      }
    }
    if (result.intent !== 'unknown') return result;
    // "早上好，今天天气不错": without its greeting the rest says nothing; the greeting decides.
    const typedWithGreeting = prepareForRouting(raw, names, { keepGreeting: true });
    const withGreeting = this.corrector.correct(typedWithGreeting).text;
    return withGreeting === text ? result : this.routePrepared(withGreeting, typedWithGreeting);
  }

  private routePrepared(text: string, typed = text): RouteResult {
    const menu = menuRoute(text, { inFlow: false });
    if (menu) return menu;
    const slots = extractSlots(typed);
    // "😭😭", "[流泪]": someone may be in distress; a word of care and the staff offer, not the menu
    if (isDistressSign(text)) return { intent: 'smalltalk', confidence: 0.9, slots: { ...slots, talk: 'distress' }, source: 'rule' };
    // "-1", "0000", "？？？": digits and signs outside a numbered choice say nothing; ask, never search
    if (!/\p{L}/u.test(text)) {
      return { intent: 'unknown', confidence: 0, slots, source: 'fallback', alternatives: withDefaults([]) };
    }
    const rule = matchRules(text);
    if (rule) return { intent: rule.intent, confidence: rule.confidence, slots: { ...slots, ...rule.slots }, source: 'rule' };

    // Dates and numbers are slots, not evidence of an intent ("明天" appears in every intent).
    const result = this.classifier.classify(withoutSlotWords(text));
    const alternatives = (result?.ranking ?? []).slice(0, 3).map((r) => ({ intent: r.intent, confidence: round(r.score) }));
    const question = isQuestion(text);
    // A question the rules did not catch is far more often about policy than an action;
    // only a confident classifier overrides that.
    // (and "代步车能上牌照吗" is not a list of activities when it names none)
    const weakAction = ACTIONS.has(result?.intent as KnownIntent) || (result?.intent === 'activity_list' && !mentionsActivity(text));
    if (result && question && weakAction && result.score < 0.5 && [...text].length >= 4) {
      return { intent: 'policy_query', confidence: 0.5, slots, source: 'fallback', alternatives };
    }
    if (result && result.score >= this.threshold) {
      return { intent: result.intent, confidence: round(result.score), slots, source: 'classifier', alternatives };
    }
    // Retirees mostly ask about their benefits: an unmatched question goes to the policy skill,
    // which answers only from the documents and says so when it cannot.
    if (question && [...text].length >= 4) {
      return { intent: 'policy_query', confidence: 0.5, slots, source: 'fallback', alternatives };
    }
    return { intent: 'unknown', confidence: round(result?.score ?? 0), slots, source: 'fallback', alternatives: withDefaults(alternatives) };
  }
}

/** Words the rules read, always in the typo vocabulary even if no example has them. */
const CORE_WORDS = ['活动', '报名', '取消', '讲座', '比赛', '住院', '投诉', '建议', '工作人员', '帮助', '菜单', '候补', '名额', '政策', '报销', '阅文室'];

/** Intents that do something; a question is rarely one unless a rule says so. */
const ACTIONS = new Set<KnownIntent>(['feedback', 'activity_cancel', 'activity_book', 'human_handoff', 'smalltalk']);

const SLOT_WORDS =
  /(今天|明天|后天|大后天|昨天|前天|(这|本|下下?|上)(个)?(周|星期|礼拜|月)[一二三四五六日天1-7]?|(周|星期|礼拜)[一二三四五六日天1-7]|\d{1,2}月(\d{1,2}[日号]?)?|\d{1,2}[日号]|\d+)/gu;

/**
 * Latin words left after the mapped English words became Chinese: "hello" -> none, "thank you very much" -> 2,
 * "Hello, how do I get reimbursed for hospital fees?" -> 8. From this many on, it is a sentence, not a command.
 */
const ENGLISH_SENTENCE_WORDS = 3;

function latinWordsLeft(text: string): number {
  return (text.match(/\p{Script=Latin}+/gu) ?? []).length;
}

export { isForeignOnly };

/** Removes dates and numbers before classifying. */
function withoutSlotWords(text: string): string {
  const stripped = text.replace(SLOT_WORDS, ' ').trim();
  return stripped || text;
}

/** Without evidence, offer the three most common needs. */
function withDefaults(alts: { intent: KnownIntent; confidence: number }[]): { intent: KnownIntent; confidence: number }[] {
  const out = alts.filter((a) => a.confidence > 0.05);
  for (const intent of ['policy_query', 'activity_list', 'feedback'] as KnownIntent[]) {
    if (out.length >= 3) break;
    if (!out.some((a) => a.intent === intent)) out.push({ intent, confidence: 0 });
  }
  return out.slice(0, 3);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
