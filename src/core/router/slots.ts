/** Slot extraction shared by every route: numbers, seats, dates, activity kinds, "all". */
import { categoryOf } from '../activity-kinds.js';
import type { Slots } from '../types.js';

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** Parses 1-99 written as digits or in Chinese numerals ("三", "十二", "二十"). */
export function parseSmallNumber(text: string): number | null {
  if (/^\d{1,3}$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十]{1,3}$/.test(text)) return null;
  if (text === '十') return 10;
  const [a, b, c] = [...text];
  if (b === '十') return (CN_DIGITS[a!] ?? 0) * 10 + (c ? (CN_DIGITS[c] ?? 0) : 0);
  if (a === '十') return 10 + (CN_DIGITS[b!] ?? 0);
  return text.length === 1 ? (CN_DIGITS[a!] ?? null) : null;
}


const DATE = /(今天|明天|后天|大后天|(这|本|下下?)(个)?(周|星期|礼拜)[一二三四五六日天1-7]|(周|星期|礼拜)[一二三四五六日天1-7]|\d{1,2}月\d{1,2}[日号]?|\d{1,2}[日号]|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}[日号]?)/u;

/** Extracts the slots every skill may use; skills re-check what they rely on. */
export function extractSlots(text: string): Slots {
  const slots: Slots = {};
  const seats =
    /(两|二|2)(个)?人|我(和|跟|带|与)(老伴|爱人|老伴儿|老婆|老公|夫人|配偶)/u.test(text)
      ? 2
      : (() => {
          const digits = /(?<!\d)(\d+)\s*(个)?(人|位)/u.exec(text);
          if (digits) return Number(digits[1]);
          const m = /([一二两三四五六七八九十]{1,3})(个)?(人|位)/u.exec(text);
          return m ? parseSmallNumber(m[1]!) : null;
        })();
  if (seats) slots.seats = seats;
  const num = /(?:^|第|报名?|编号|号码|选)\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*(?:号活动|个|号)?\s*$/u.exec(text.trim());
  if (num) {
    const n = parseSmallNumber(num[1]!);
    if (n !== null) slots.number = n;
  }
  const date = DATE.exec(text);
  if (date) slots.dateText = date[0];
  // the same kinds as staff file activities under (太极拳 is 健身, not a ball game)
  const kind = categoryOf(text);
  if (kind) slots.category = kind;
  if (/(全部|所有|都)(取消|不去|退)|(取消|退掉)(全部|所有)/u.test(text)) slots.all = true;
  return slots;
}
