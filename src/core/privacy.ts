/** Masks mainland phone numbers and ID-card numbers in free text (logs, exports, LLM input). */

const ID_CARD = /(?<![0-9])([1-9]\d{5})(\d{8})(\d{3}[0-9Xx])(?![0-9])/g;
const MOBILE = /(?<![0-9])(1[3-9]\d)(\d{4})(\d{4})(?![0-9])/g;
const LANDLINE = /(?<![0-9])(0\d{2,3}-?)(\d{3,4})(\d{4})(?![0-9])/g;

/** 13812345678 -> 138****5678; 110101194901011234 -> 110101********1234. */
export function maskPersonalData(text: string): string {
  return text
    .replace(ID_CARD, (_m, a: string, b: string, c: string) => `${a}${'*'.repeat(b.length)}${c.slice(-4)}`)
    .replace(MOBILE, (_m, a: string, _b: string, c: string) => `${a}****${c}`)
    .replace(LANDLINE, (_m, a: string, b: string, c: string) => `${a}${'*'.repeat(b.length)}${c}`);
}
