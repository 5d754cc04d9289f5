/** Reading retirees' wording: numbers, seats, Chinese dates (counted from the local day in the configured time zone), names and keywords. */
import type { Activity } from '../../store/activity-types.js';
import { localDay, localParts } from './format.js';
import { categoryOf } from '../../core/activity-kinds.js';

const CN: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 1-99 as digits or Chinese numerals ("三", "十二"); null otherwise. */
export function smallNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  if (!/^[零〇一二两俩三四五六七八九十]{1,3}$/u.test(text)) return null;
  const chars = [...text];
  if (chars.length === 1) return CN[chars[0]!] ?? null;
  if (chars[0] === '十') return 10 + (CN[chars[1]!] ?? 0);
  if (chars[1] === '十') return (CN[chars[0]!] ?? 0) * 10 + (chars[2] ? (CN[chars[2]] ?? 0) : 0);
  return null;
}

export { chineseNumber } from '../../core/numerals.js';

const trimEnd = (t: string) => t.trim().replace(/[\s\p{P}]+$/u, '');

/** "1", "第2个", "2号", "选3", "报名 3", "三" -> the number; anything with other words -> null. */
export function parseChoice(text: string): number | null {
  const m = /^(?:请|麻烦你?)?(?:帮我|给我|帮忙|我)?(?:想|要)?(选|报名|报|取消|退掉|退)?\s*(第)?\s*([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*(个|号|项)?(?:活动)?$/u.exec(trimEnd(text));
  if (!m) return null;
  // "报一个" / "要两个" say how many, not which one: only "第N个" (or a bare "N个") picks from a list.
  if (m[4] === '个' && !m[2] && m[1] && m[1] !== '选') return null;
  return smallNumber(m[3]!);
}

/** A number together with how many seats: "1，两个人" / "第2个，我和老伴" -> { choice: 1, seats: 2 }. */
export function parseChoiceAndSeats(text: string): { choice: number; seats: number | null } | null {
  const choice = parseChoice(text);
  if (choice !== null) return { choice, seats: null };
  const seats = parseSeats(text);
  if (seats === null) return null;
  const rest = text.replace(SEATS_WORDS, ' ').replace(/(一起|都|也|要|去|报名|报)/gu, ' ').replace(/[\s\p{P}]+/gu, ' ').trim();
  const n = rest ? parseChoice(rest) : null;
  return n === null ? null : { choice: n, seats };
}

const SEATS_WORDS = /((我|俺)?(和|跟|带|与|同)(老伴儿?|爱人|老婆|老公|夫人|媳妇|老头子?|老太婆?|配偶)(俩|两个人?|两位|两人|二人)?|老两口|我们俩|俺们俩|咱们俩|我俩|俺俩|咱俩|两口子|((?<!\d)\d+|[一二两俩三四五六七八九十]{1,3})\s*(个)?\s*(人|位|张|个名额)|就?我一个|我自己|一个人|(?:一家|全家)?(?:(?<!\d)\d+|[二两三四五六七八九十]{1,3})口人?|(?:我们|俺们|咱们)(?:(?<!\d)\d+|[两俩三四五六七八九十]{1,3})个)/gu;

const SPOUSE = /((我|俺)?(和|跟|带|与|同)(老伴儿?|爱人|老婆|老公|夫人|媳妇|老头子?|老太婆?|配偶)|(老两口|我们俩|俺们俩|咱们俩|我俩|俺俩|咱俩|两口子))/u;

/** The spouse named in a party ("带老伴", "我和老伴儿"), for "改成2位（您和老伴）"; null when none is. */
export function spouseNamed(text: string): string | null {
  const m = /(?:和|跟|带|与|同)(老伴儿?|爱人|老婆|老公|夫人|媳妇|老头子?|老太婆?|配偶)/u.exec(text);
  return m ? m[1]! : null;
}

/**
 * A yes said together with the party ("行 俺俩都去", "好的 我和老伴两个人"): the seats, or null when the
 * words are not a yes once the party is taken out (QA9 A-M5).
 */
export function yesWithSeats(text: string): number | null {
  const seats = parseSeats(text);
  if (seats === null) return null;
  const rest = text.replace(SEATS_WORDS, ' ').replace(/(都|也|一起|一块儿?)(去|参加|报|报上|报名)?/gu, ' ');
  return yesNo(rest) === true ? seats : null;
}

/** Someone besides the couple named along ("还有我闺女", "带上孙子"). */
const OTHERS_ALONG = /(?:还有|加上|带上|带着|以及|和|跟|带)(?:我|俺)?(?:家)?(?:闺女|女儿|儿子|孙子|孙女|外孙女?|儿媳妇?|女婿|孩子|姐姐|妹妹|哥哥|弟弟|亲戚|朋友|邻居|老同事|同事|保姆)/gu;

/**
 * Seats asked for: "我和老伴" / "两个人" = 2, "3位" = 3, "100个人" = 100 (the whole number as written,
 * never its last digits, so that "报不了100位" can be said); null when not said.
 */
export function parseSeats(text: string): number | null {
  const m = /((?<!\d)\d+|[一二两俩三四五六七八九十]{1,3})\s*(?:个)?\s*(?:人|位|张|个名额)/u.exec(text);
  if (m) return /^\d+$/.test(m[1]!) ? Number(m[1]!) : smallNumber(m[1]!);
  // "我们一家四口", "我们四个" (QA10 A-M9): a family or a group counted without 人/位
  const family = /(?:(?<!\d)(\d+)|([二两三四五六七八九十]{1,3}))口|(?:我们|俺们|咱们)(?:(?<!\d)(\d+)|([两俩三四五六七八九十]{1,3}))个(?!月|礼拜|星期|小时)/u.exec(text);
  if (family) return family[1] ?? family[3] ? Number(family[1] ?? family[3]) : smallNumber((family[2] ?? family[4])!);
  // "我和老伴 还有我闺女" (QA9 A-M8): everyone named along counts, so that the limit is said, not a person dropped.
  if (SPOUSE.test(text)) return 2 + (text.match(OTHERS_ALONG) ?? []).length;
  if (/(就?我一个|我自己|就我|一个人)/u.test(text)) return 1;
  return null;
}

/**
 * The age the person states ("我八十三了", "今年83岁", "83周岁了"), 50 to 120; null when none. A bare
 * count of people ("三个人") or a date is no age.
 */
export function statedAge(text: string): number | null {
  const m = /(?:我|俺|本人|今年|已经|都)\s*(?:今年|已经|都)?\s*((?<!\d)\d{2,3}|[五六七八九]十[一二三四五六七八九]?|一百)\s*(?:周岁|岁|了)/u.exec(text) ?? /((?<!\d)\d{2,3}|[五六七八九]十[一二三四五六七八九]?)\s*(?:周岁|岁)/u.exec(text);
  if (!m) return null;
  const n = m[1] === '一百' ? 100 : /^\d+$/.test(m[1]!) ? Number(m[1]) : smallNumber(m[1]!);
  return n !== null && n >= 50 && n <= 120 ? n : null;
}

/**
 * The age from which an activity's notes say family must come along ("75岁以上须家属陪同", "年满80周岁的须由
 * 子女陪同"), or null when they say nothing of the kind.
 */
export function familyFromAge(notes: string): number | null {
  const m = /(?:年满)?((?<!\d)\d{2,3}|[五六七八九]十[一二三四五六七八九]?)\s*周?岁(?:以上|及以上|以上的|的)?[^；;。，,]{0,6}?(?:须|需|需要|必须|应|应当|要|得)(?:由|有)?(?:家属|家人|亲属|子女|家里人|亲友)(?:陪同|陪伴|陪着|同行|陪)/u.exec(notes);
  if (!m) return null;
  return /^\d+$/.test(m[1]!) ? Number(m[1]) : smallNumber(m[1]!);
}

const DATEISH =
  /(大后天|今天|今日|明天|明日|后天|昨天|前天|[这本下上]+(个)?(周末|周|星期|礼拜)[一二三四五六日天1-7末]?|(周|星期|礼拜)[一二三四五六日天1-7末]|([0-9]{4}\s*年\s*)?[0-9一二三四五六七八九十]{1,3}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*[日号]?|[0-9一二三四五六七八九十]{1,3}\s*[日号](?!码))/u;

/**
 * A day (or, for "下周" / "这周" / "周末", an inclusive range of days) the user named.
 * `day` and `last` are local calendar days "YYYY-MM-DD".
 */
export interface DayHint {
  day: string;
  /** Last day of a range ("下周": Monday to Sunday); absent for a single day. */
  last?: string;
  text: string;
}

/** "2026-12-01" plus n days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** True when `at` falls on the day (or inside the range) of `hint`. */
export function onDay(at: Date | string, hint: DayHint, tz: string): boolean {
  const d = localDay(at, tz);
  return d >= hint.day && d <= (hint.last ?? hint.day);
}

/** Today (local "YYYY-MM-DD" in `tz`) and the local Monday of this week (weeks run Monday to Sunday). */
function localWeek(now: Date, tz: string): { today: string; monday: string } {
  const today = localDay(now, tz);
  const weekday = localParts(now, tz).weekday; // 0 = Sunday
  return { today, monday: addDays(today, -((weekday + 6) % 7)) };
}

/** Weeks from this one that a prefix names: 上 -1, 这/本/none 0, 下 1, 下下 2. */
function weekShift(prefix: string | undefined): number {
  if (!prefix || prefix === '这' || prefix === '本') return 0;
  if (/^上+$/u.test(prefix)) return -prefix.length;
  if (/^下+$/u.test(prefix)) return prefix.length;
  return 0;
}

/** "这周" / "下周" / "下下周" / "上周" / "周末" / "下周末" without a weekday: a range of days. */
function weekRange(text: string, now: Date, tz: string): DayHint | null {
  const m = /(这|本|下+|上+)?(?:个)?(周|星期|礼拜)(末)?(?![一二三四五六日天1-7])/u.exec(text);
  if (!m || (!m[1] && !m[3])) return null;
  const { today, monday } = localWeek(now, tz);
  const start = addDays(monday, 7 * weekShift(m[1]));
  let day = m[3] ? addDays(start, 5) : start;
  const last = addDays(start, 6);
  if (day < today && last >= today) day = today;
  return { day, last, text: m[0] };
}

const WEEKDAY_INDEX: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6, '1': 0, '2': 1, '3': 2, '4': 3, '5': 4, '6': 5, '7': 6 };

/**
 * "周三" / "星期天" / "礼拜五" / "这周三" / "下周三" / "下下周三" / "上周三" as a local day.
 * Weeks run Monday to Sunday. "下周X" is that day of next week, "下下周X" of the week after.
 * A bare (or 这/本) "周X" is this week's day when it is today or still ahead, otherwise the next one:
 * "周五" said on a Saturday means the coming Friday, "周一" said on a Sunday means tomorrow.
 */
function weekdayDay(text: string, now: Date, tz: string): DayHint | null {
  const m = /(这|本|下+|上+)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])/u.exec(text);
  if (!m) return null;
  const { today, monday } = localWeek(now, tz);
  const shift = weekShift(m[1]);
  let day = addDays(monday, 7 * shift + WEEKDAY_INDEX[m[2]!]!);
  if (shift === 0 && day < today) day = addDays(day, 7);
  return { day, text: m[0] };
}

const RELATIVE_DAYS: Record<string, number> = { 前天: -2, 昨天: -1, 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3 };

/** "YYYY-MM-DD" when y/m/d is a real calendar date, else null. */
function isoDay(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 1-99 as digits or Chinese numerals, allowing leading zeros ("03"). */
const num = (t: string): number | null => (/^\d+$/.test(t) ? Number(t) : smallNumber(t));

/**
 * A date the user named, as a local day (or range) in `tz`; `{ error }` when it looks like a date but
 * is not one ("12月32号"). Every day is counted from the local calendar day of `now` in `tz`, whatever
 * the process time zone: "今天/明天/后天/大后天", weekdays (see weekdayDay), week ranges (see weekRange),
 * "M月D日" (this year, or next year once passed; "YYYY年M月D日" as written) and "D号" (this month, or
 * the next month that has that day once passed).
 */
export function parseDay(text: string, now: Date, tz: string): DayHint | { error: string } | null {
  const hint = DATEISH.exec(text);
  if (!hint) return null;
  const said = hint[0];
  const { today } = localWeek(now, tz);
  if (said in RELATIVE_DAYS) return { day: addDays(today, RELATIVE_DAYS[said]!), text: said };
  const week = weekRange(said, now, tz);
  if (week) return week;
  const weekday = weekdayDay(said, now, tz);
  if (weekday) return weekday;
  const p = localParts(now, tz);
  const full = /^(?:([0-9]{4})\s*年\s*)?([0-9一二三四五六七八九十]{1,3})\s*月\s*([0-9一二三四五六七八九十]{1,3})\s*[日号]?$/u.exec(said);
  if (full) {
    const mo = num(full[2]!);
    const d = num(full[3]!);
    if (mo === null || d === null) return { error: said };
    if (full[1]) {
      const day = isoDay(Number(full[1]), mo, d);
      return day ? { day, text: said } : { error: said };
    }
    const day = isoDay(p.year, mo, d);
    if (!day) {
      // 2月29日 in a common year: the next leap year's is too far off to be meant.
      return { error: said };
    }
    return day >= today ? { day, text: said } : { day: isoDay(p.year + 1, mo, d) ?? day, text: said };
  }
  // "3号" alone: the next day with that number, this month or the next.
  const only = /^([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]$/u.exec(said);
  const n = only ? smallNumber(only[1]!) : null;
  if (n !== null && n >= 1 && n <= 31) {
    for (const [y, mo] of [
      [p.year, p.month],
      p.month === 12 ? [p.year + 1, 1] : [p.year, p.month + 1],
      p.month >= 11 ? [p.year + 1, p.month - 10] : [p.year, p.month + 2],
    ] as [number, number][]) {
      const day = isoDay(y, mo, n);
      if (day && day >= today) return { day, text: said };
    }
  }
  return { error: said };
}

/**
 * The instant of local wall-clock time y-m-d h:min in `tz`, independent of the process time zone.
 */
export function zonedInstant(y: number, m: number, d: number, h: number, min: number, tz: string): Date {
  const wall = Date.UTC(y, m - 1, d, h, min);
  let at = wall;
  for (let i = 0; i < 3; i++) {
    const p = localParts(new Date(at), tz);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    const next = at + (wall - shown);
    if (next === at) break;
    at = next;
  }
  return new Date(at);
}

/** parseDay without the error case (a date that does not parse counts as none). */
export function dayOf(text: string, now: Date, tz: string): DayHint | null {
  const d = parseDay(text, now, tz);
  return d && !('error' in d) ? d : null;
}

/** Words that say what to do, not which activity. */
const FILLER =
  /(不对|不是这个|说错了|搞错了|弄错了|错了|我?(?:要|想要|想报|要报|说)的是|应该是|有什么|有啥|有没有|有哪些|哪些|什么|近期|最近|看看|我|您|你|们|想|要|帮|给|请|报名|报个名|报上名|报一个|报两个|报|参加|还是|就|那就|换成|改成|改报|位置|座位|预约|留个?(位|座|名额)|取消|退掉|退订|不去了|去不了|不参加了|活动|一下|那个|这个|的|了|吧|呢|啊|呀|吗|嘛|和老伴儿?|老伴|爱人|两个人|一个人|[0-9一二两三四五六七八九十]+\s*(个)?(人|位))/gu;

/** Common English words for kinds of activities, as the words the titles use. */
const LATIN_WORDS: [RegExp, string][] = [
  [/\b(table[\s-]*tennis|ping[\s-]*pong)\b/giu, '乒乓'],
  [/\btai[\s-]*chi\b/giu, '太极'],
  [/\bchess\b/giu, '象棋'],
  [/\b(lectures?|talks?)\b/giu, '讲座'],
  [/\bcalligraphy\b/giu, '书法'],
  [/\b(photos?|photography)\b/giu, '摄影'],
  [/\bgateball\b/giu, '门球'],
  [/\b(class|classes)\b/giu, '班'],
  [/\b(events?|activity|activities)\b/giu, '活动'],
];

/** Words that carry no name ("我也要报名", "还想再报"): dropped at the edges of what is left. */
const FUNCTION_CHARS = /^[也都还再就又我俺们想要]+|[也都还再就又我俺们想要]+$/gu;

/**
 * The words left once filler, dates and seats are taken out ("下周三的讲座" -> "讲座"). English words
 * of a kind of activity ("chess") count as the Chinese word; other Latin words are dropped.
 */
export function keywordOf(text: string, dateText?: string): string {
  let t = text;
  if (dateText) t = t.replace(dateText, ' ');
  for (const [re, zh] of LATIN_WORDS) t = t.replace(re, ` ${zh} `);
  return t
    .replace(/[A-Za-z]+(['’][A-Za-z]+)?/gu, ' ')
    .replace(DATEISH, ' ')
    .replace(/第\s*([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*(个|号|项)?/gu, ' ')
    .replace(FILLER, ' ')
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .split(' ')
    .map((w) => w.replace(FUNCTION_CHARS, ''))
    .filter((w) => w && !/^([0-9]+|[零〇一二两三四五六七八九十]+)(个|号)?$/u.test(w) && !LEFTOVER.test(w))
    .join(' ');
}

/** Pieces left of "好 那报上吧" / "那下周的呢" once the words are out: never a name (QA8 A-M3). */
const LEFTOVER = /^[那好上吧呢啊呀哦嗯么嘛的了就也还再又哈]+$/u;

/**
 * True when `keyword` reads as a name the person said ("跳伞", "门球赛"), so that "没有找到跳伞的活动" may quote
 * it: every part at least two characters. Anything else is not echoed ("没有找到您说的活动").
 */
export function quotable(keyword: string): boolean {
  const parts = keyword.split(' ').filter(Boolean);
  return parts.length > 0 && parts.every((p) => [...p].length >= 2) && [...keyword].length <= 12;
}

/** "那下周的呢" / "周末呢" / "那讲座呢": asks on about a list, with another day or kind. */
const FOLLOW_UP = /^(那|那么)(?![个些场一])|(呢|嘞)[\s\p{P}]*$/u;

/**
 * True when `text` asks for the list again for another day or kind ("那下周的呢", "周末呢", "那讲座呢"): short,
 * said as a follow-up, naming a day or a kind, and asking neither to book nor to cancel.
 */
export function isListFollowUp(text: string, now: Date, tz: string): boolean {
  const t = text.trim();
  if ([...t].length > 12 || /(报|取消|退|参加|去不了)/u.test(t) || !FOLLOW_UP.test(t)) return false;
  return dayOf(t, now, tz) !== null || categoryOf(t) !== null;
}

/** How well `keyword` names `a`: the number of its character bigrams found in the title and category. */
export function keywordScore(keyword: string, a: Activity): number {
  const hay = `${a.title} ${a.category}`;
  let score = 0;
  for (const part of keyword.split(' ').filter(Boolean)) {
    const chars = [...part];
    if (chars.length === 1) {
      if (hay.includes(part)) score += 0.5;
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) if (hay.includes(chars[i]! + chars[i + 1]!)) score += 1;
  }
  return score;
}

/** Half of the keyword's bigrams must be found ("跳舞比赛" does not name "象棋比赛"). */
function threshold(keyword: string): number {
  const bigrams = keyword
    .split(' ')
    .filter(Boolean)
    .reduce((n, part) => n + Math.max(0, [...part].length - 1), 0);
  return Math.max(0.5, Math.ceil(bigrams / 2));
}

/** The activities the keyword names best (all of the best score), or [] when none matches well enough. */
export function matchByKeyword(keyword: string, list: Activity[]): Activity[] {
  if (!keyword) return [];
  const min = threshold(keyword);
  const scored = list.map((a) => ({ a, s: keywordScore(keyword, a) })).filter((x) => x.s >= min);
  const best = Math.max(0, ...scored.map((x) => x.s));
  return scored.filter((x) => x.s === best).map((x) => x.a);
}

/**
 * A likely typo ("象旗比赛" for "象棋比赛"): the one activity whose title holds most of the keyword's
 * characters (at least 3 of 4, and more than any other title); null when none or several.
 */
export function closestByChars(keyword: string, list: Activity[]): Activity | null {
  const chars = [...new Set([...keyword.replace(/\s+/gu, '')].filter((c) => /\p{Script=Han}/u.test(c)))];
  if (chars.length < 3) return null;
  const scored = list.map((a) => ({ a, s: chars.filter((c) => a.title.includes(c)).length / chars.length })).sort((x, y) => y.s - x.s);
  const [first, second] = scored;
  if (!first || first.s < 0.75) return null;
  if (second && second.s >= first.s) return null;
  return first.a;
}

/** Particles, politeness and "那(就)" that do not change a yes or a no ("好的吧", "确认一下", "好 那报上吧"). */
const SOFT = /(吧|啊|呀|呢|哈|了|的|啦|嘛|哦|噢|嘞|咧|滴|哒|呗|喽|噻|撒|嗷|哇|唻|一下|麻烦你|谢谢|您|你|那就|那)/gu;
const YES_WORD = /^(1|一|👍|👌|✅|🙆|好|行|对|是|嗯|中|成|得|妥|妥妥|整|要得|可以|确认|确定|同意|没问题|没毛病|那必须|必须|就这么办|就这么定|就这样|这样|来|要|报|报名|报上|帮我报上|给我报上|帮我报|给我报|就这个|就它|排队|排|候补|ok|okay|yes)+$/iu;
const NO_WORD = /^(2|二|不|不要|不用|不报|不报名|不参加|不去|不排|不排队|不等|算|算了|否|别|先不|暂时不|再说|再想想|我再想想|取消|取消报名|不想去|不想报|甭|甭报|拉倒|免了|罢了|不弄|不整|不中|不成|不行)+$/u;
/** Particles that may stand around a yes or a no to "取消吗" ("不去了吧", "好的呀", "确认一下"). */
const CANCEL_SOFT = /(吧|了|的|呀|啊|呢|啦|哦|噢|嘛|哈|嘞|咧|滴|哒|呗|喽|噻|嗷|哇|一下)/gu;
/** In a cancellation, "取消" answers yes; "不取消" / "保留" / "算了" answer no. */
const CANCEL_YES =
  /^(1|一|好|行|对|是|嗯|中|成|得|妥|要得|可以|确认|确定|同意|没问题|没毛病|要|帮我|给我|我|就|(?:取消|退掉|退)(?:掉)?(?:这个|那个|它)?(?:报名|活动)?|报名取消|不去|不参加|不报|不报名)+$/u;
const CANCEL_NO =
  /^(2|二|不|(?:不|别|不要|不用|先不)(?:取消|退)(?:掉)?(?:这个|那个|它)?(?:报名|活动)?|保留|保留报名|留着|算|算了|否|先不|再说|再想想|我再想想|还去|还要去|还是去|去|还报|还参加)+$/u;

/**
 * "1" / "确认报名" / "好的，报上吧" -> true, "2" / "算了" / "不报了" -> false, anything else -> null.
 * With `cancelling`, the question was "取消这个报名吗": "取消" is then a yes.
 */
export function yesNo(text: string, cancelling = false): boolean | null {
  const bare = text.trim().toLowerCase().replace(/[\s\p{P}~～\uFE0F\p{Sk}]+/gu, '');
  if (cancelling) {
    // Only a whole yes/no phrase counts: "不去了吧" is a yes, "周末不去了吧" or "你不去了吧" is talk
    // about something else. Only particles and a closing thanks are taken out, never other words.
    const c = bare.replace(CANCEL_SOFT, '').replace(/^麻烦(您|你)?|谢谢(您|你)?$/gu, '');
    if (!c) return null;
    // Yes first: "不去了" / "不参加了" answer "取消吗" with a yes; no yes phrase is also a no phrase.
    if (CANCEL_YES.test(c)) return true;
    if (CANCEL_NO.test(c)) return false;
    return null;
  }
  // A greeting ("你好", "您好呀") is no "好".
  if (/^(你|您)好/u.test(bare)) return null;
  const t = bare.replace(SOFT, '');
  if (!t) return null;
  if (NO_WORD.test(t)) return false;
  if (YES_WORD.test(t)) return true;
  return null;
}
