/** Keyword rules: which category a feedback message belongs to, and the hospital follow-up answer. */
import type { Prompts } from '../../core/prompts.js';
import type { TicketCategory } from '../../store/ticket-types.js';

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
    if (words.some((w) => text.includes(w))) return category;
  }
  return 'other';
}

/** The text without the trigger words ("我要投诉", "反映一下") and punctuation: what is left is the matter. */
export function substance(text: string, prompts: Prompts): string {
  let rest = text;
  for (const w of prompts.raw<string[]>('feedback.trigger_words')) rest = rest.split(w).join('');
  return rest.replace(/[\s\p{P}\p{S}]+/gu, '');
}

const CALL_NO = /(不用|不要|别打|别来|不必|不方便|不需要|算了|不了)/u;
const CALL_YES = /(可以|行|好的|好啊|方便|欢迎|没问题|打吧|能打|来电|打电话|^好$|^能$|^嗯$|^是$)/u;
const CALL_WORDS = /(可以|好的|好啊|不方便|方便|欢迎|没问题|打吧|能打|来电|打电话|电话|不用|不要|别打|别来|不必|不需要|算了|不了|行|打|吧|的|啊|呀|了|嗯|好|能|是)/gu;
const HOSPITAL = /([\p{Script=Han}A-Za-z0-9（）()]{0,16}?(医院|卫生院|卫生服务中心|医疗中心|院区|疗养院|诊所|干休所))/u;
const LEAD_VERBS = /^.*(住进了|住进|送到了|送到|送进了|送进|进了|转到|转院到|住在|在|到|去了|去)/u;

/** Hospital name and call permission found in a text (either may be missing). */
export function parseHospitalAnswer(text: string, opts: { wholeTextIsHospital?: boolean } = {}): { hospital?: string; mayCall?: boolean } {
  const out: { hospital?: string; mayCall?: boolean } = {};
  if (CALL_NO.test(text)) out.mayCall = false;
  else if (CALL_YES.test(text)) out.mayCall = true;
  const m = HOSPITAL.exec(text);
  if (m) {
    let name = m[1]!;
    // "我住进了市人民医院" -> "市人民医院": drop what comes before the last verb of place.
    const cut = LEAD_VERBS.exec(name.slice(0, -m[2]!.length));
    if (cut) name = name.slice(cut[0].length);
    name = name.replace(/^(我|我老伴|老伴|我爱人|爱人|家里人|家属)/u, '');
    if ([...name].length > [...m[2]!].length) out.hospital = name;
  } else if (opts.wholeTextIsHospital) {
    const rest = text.replace(CALL_WORDS, '').replace(/[\s\p{P}\p{S}]+/gu, ' ').trim();
    if ([...rest].length >= 2 && [...rest].length <= 30) out.hospital = rest;
  }
  return out;
}
