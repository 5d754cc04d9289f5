/** Whole numbers written in Chinese numerals, shared by the activity parser (capacities) and the policy tokenizer (ages, amounts). */

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * A whole number written in digits or Chinese numerals: "15", "十五", "二十", "一百零五", "两百",
 * "一千二", "三万"; null when it is not one ("一二", "百百").
 */
export function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十百千万]+$/u.test(text)) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  let prev = '';
  for (const c of text) {
    if (c in DIGITS) {
      // Two digits in a row ("一二") are not a number, except after 零 ("一百零五").
      if (digit !== null && prev !== '零' && prev !== '〇') return null;
      digit = DIGITS[c]!;
    } else if (c in UNITS) {
      const unit = UNITS[c]!;
      if (unit >= lastUnit) return null;
      section += (digit ?? (unit === 10 ? 1 : NaN)) * unit;
      if (Number.isNaN(section)) return null;
      lastUnit = unit;
      digit = null;
    } else {
      // 万
      section += digit ?? 0;
      if (section === 0 || total > 0) return null;
      total = section * 10_000;
      section = 0;
      digit = null;
      lastUnit = 10_000;
    }
    prev = c;
  }
  // "一千二" / "两百五": a digit right after a unit counts one unit lower.
  if (digit !== null && prev in DIGITS && lastUnit !== Infinity && lastUnit >= 100 && ![...text].slice(-2, -1).some((c) => c === '零' || c === '〇')) {
    return total + section + digit * (lastUnit / 10);
  }
  return total + section + (digit ?? 0);
}
