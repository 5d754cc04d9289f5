/** Reading retirees' wording: numbers, seats, Chinese dates (chrono zh.hans), names and keywords. */
import * as chrono from 'chrono-node';
import type { Activity } from '../../store/activity-types.js';
import { localDay, localParts } from './format.js';

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

const trimEnd = (t: string) => t.trim().replace(/[\s\p{P}]+$/u, '');

/** "1", "第2个", "2号", "选3", "报名 3", "三" -> the number; anything with other words -> null. */
export function parseChoice(text: string): number | null {
  const m = /^我?(?:想|要)?(?:选|报名|报|取消|退掉|退)?\s*第?\s*([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个|号|项)?(?:活动)?$/u.exec(trimEnd(text));
  return m ? smallNumber(m[1]!) : null;
}

const SPOUSE = /(我?(和|跟|带|与|同)(老伴儿?|爱人|老婆|老公|夫人|媳妇|老头子?|老太婆?|配偶)|(老两口|我们俩|我俩|咱俩|两口子))/u;

/** Seats asked for: "我和老伴" / "两个人" = 2, "3位" = 3; null when not said. */
export function parseSeats(text: string): number | null {
  const m = /([0-9]{1,2}|[一二两俩三四五六七八九十]{1,3})\s*(?:个)?\s*(?:人|位|张|个名额)/u.exec(text);
  if (m) return smallNumber(m[1]!);
  if (SPOUSE.test(text)) return 2;
  if (/(就?我一个|我自己|就我|一个人)/u.test(text)) return 1;
  return null;
}

const DATEISH =
  /(今天|明天|后天|大后天|[这本下上]+(个)?(周|星期|礼拜)[一二三四五六日天1-7]?|(周|星期|礼拜)[一二三四五六日天1-7]|[0-9一二三四五六七八九十]{1,3}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*[日号]?|[0-9一二三四五六七八九十]{1,3}\s*[日号](?!码))/u;

/** A date the user named, as a local day; `{ error }` when it looks like a date but does not parse. */
export function parseDay(text: string, now: Date, tz: string): { day: string; text: string } | { error: string } | null {
  const hint = DATEISH.exec(text);
  if (!hint) return null;
  const offset = -new Date(now.toLocaleString('en-US', { timeZone: 'UTC' })).getTime() + new Date(now.toLocaleString('en-US', { timeZone: tz })).getTime();
  const ref = { instant: now, timezone: Math.round(offset / 60_000) };
  const hit = chrono.zh.hans.parse(text, ref, { forwardDate: true }).find((r) => r.start.isCertain('day') || r.start.isCertain('weekday'));
  if (hit) {
    const d = hit.start.date();
    if (!Number.isNaN(d.getTime())) return { day: localDay(d, tz), text: hit.text };
  }
  // "3号" alone: the next day with that number, this month or the next.
  const only = /^([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]$/u.exec(hint[0]);
  const n = only ? smallNumber(only[1]!) : null;
  if (n !== null && n >= 1 && n <= 31) {
    const p = localParts(now, tz);
    for (const [y, mo] of [
      [p.year, p.month],
      p.month === 12 ? [p.year + 1, 1] : [p.year, p.month + 1],
    ] as [number, number][]) {
      const candidate = new Date(Date.UTC(y, mo - 1, n));
      if (candidate.getUTCMonth() !== mo - 1) continue;
      const day = `${y}-${String(mo).padStart(2, '0')}-${String(n).padStart(2, '0')}`;
      if (day >= localDay(now, tz)) return { day, text: hint[0] };
    }
  }
  return { error: hint[0] };
}

/** Words that say what to do, not which activity. */
const FILLER =
  /(我|您|你|们|想|要|帮|给|请|报名|报个名|报上名|报一个|报|参加|预约|留个?(位|座|名额)|取消|退掉|退订|不去了|去不了|不参加了|活动|一下|那个|这个|的|了|吧|呢|啊|呀|吗|嘛|和老伴儿?|老伴|爱人|两个人|一个人|[0-9一二两三四五六七八九十]+\s*(个)?(人|位))/gu;

/** The words left once filler, dates and seats are taken out ("下周三的讲座" -> "讲座"). */
export function keywordOf(text: string, dateText?: string): string {
  let t = text;
  if (dateText) t = t.replace(dateText, ' ');
  return t.replace(DATEISH, ' ').replace(FILLER, ' ').replace(/[\s\p{P}]+/gu, ' ').trim();
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

export const YES = /^(1|确认|确定|好|好的|是|是的|对|对的|可以|行|要|报|排队|排|同意|没问题|嗯)$/u;
export const NO = /^(2|取消|不|不要|不用|算了|不报了|不排|不排了|不了|否)$/u;

/** "1"/"确认" -> true, "2"/"算了" -> false, anything else -> null. */
export function yesNo(text: string): boolean | null {
  const t = trimEnd(text);
  if (YES.test(t)) return true;
  if (NO.test(t)) return false;
  return null;
}
