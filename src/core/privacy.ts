/**
 * Masks mainland phone numbers and ID-card numbers in free text (logs, exports, LLM input).
 * Written the way people type them: with spaces or dashes between groups, a +86 / 86 prefix,
 * full-width digits, 15-digit old ID cards.
 */

/** Full-width digits and X to half-width, so the patterns below see every number. */
function foldDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const SEP = '[\\s\\-－—.]?';
/** 18-digit ID (17 digits + check digit), optionally typed in groups of 6-8-4. */
const ID_CARD_18 = new RegExp(`(?<![0-9])([1-9]\\d{5})${SEP}(\\d{4}${SEP}?\\d{4})${SEP}(\\d{3}[0-9Xx])(?![0-9])`, 'g');
/** 15-digit ID (issued before 1999). */
const ID_CARD_15 = /(?<![0-9])([1-9]\d{5})(\d{6})(\d{3})(?![0-9])/g;
/** Mobile: 1[3-9]x xxxx xxxx, optional +86 / 86 / 0086 prefix, spaces or dashes between groups. */
const MOBILE = new RegExp(`(?<![0-9])((?:\\+?86|0086)${SEP})?(1[3-9]\\d)${SEP}(\\d{4})${SEP}(\\d{4})(?![0-9])`, 'g');
/** Landline: area code 0xx(x), optionally in brackets, then 7-8 digits. */
const LANDLINE = /(?<![0-9])(\(?0\d{2,3}\)?[\s-]?)(\d{3,4})[\s-]?(\d{4})(?![0-9])/g;

/** 13812345678 -> 138****5678; 110101194901011234 -> 110101********1234; 010-62345678 -> 010-****5678. */
export function maskPersonalData(text: string): string {
  return foldDigits(text)
    .replace(ID_CARD_18, (_m, a: string, b: string, c: string) => `${a}${'*'.repeat(b.replace(/\D/g, '').length)}${c}`)
    .replace(ID_CARD_15, (_m, a: string, b: string, c: string) => `${a}${'*'.repeat(b.length)}${c}`)
    .replace(MOBILE, (_m, prefix: string | undefined, a: string, _b: string, c: string) => `${prefix ?? ''}${a}****${c}`)
    .replace(LANDLINE, (_m, a: string, b: string, c: string) => `${a}${'*'.repeat(b.length)}${c}`);
}
