/**
 * Smalltalk: greetings, thanks and goodbyes get a warm short answer and a pointer to the menu;
 * crying gets a word of care and the staff offer; a question it cannot answer is said so honestly.
 */
import type { Skill } from '../types.js';
import type { Services } from '../../services.js';
import { isQuestion } from '../../core/router/rules.js';
import { formatTime, localParts } from '../activities/format.js';

const KINDS: [RegExp, string][] = [
  [/(谢|感谢|辛苦)/u, 'thanks'],
  [/(再见|拜拜|晚安|回头聊)/u, 'bye'],
  [/(早|上午好)/u, 'morning'],
  // "你吃了吗", "最近好吗": a pleasantry asked back, not a question to look up
  [/(吃(了|饭了|过了)(吗|没|么)|(你|您)(最近)?(好|忙)(吗|么|不忙)|最近(怎么样|咋样|好吗)|身体(好|还好)(吗|么))/u, 'pleasantry'],
  [/(你好|您好|侬好|在吗|在不在|hello|hi|好呀|中午好|下午好|晚上好)/iu, 'hello'],
  [/(快乐|健康|吉祥|如意|祝)/u, 'wishes'],
];

/**
 * Kinds the router names itself: a scam warning, a message not in Chinese, distress, a medical question,
 * others' personal details asked for, the date or the time asked.
 */
const ROUTED_KINDS = new Set(['scam', 'not_chinese', 'distress', 'medical', 'privacy', 'date', 'time']);

export const smalltalk: Skill = async ({ services, text, msg, route }) => {
  const talk = route.slots.talk;
  const kind = typeof talk === 'string' && ROUTED_KINDS.has(talk) ? talk : (KINDS.find(([re]) => re.test(text))?.[1] ?? unmatched(text));
  const vars = kind === 'date' || kind === 'time' ? clockVars(services, Number(route.slots.day ?? 0)) : {};
  return { replies: [{ text: services.prompts.t(`smalltalk.${kind}`, { name: msg.userName ?? '', ...vars }) }] };
};

/** "今天" / "明天" …, the date, weekday and time of the service clock in the configured time zone (今天星期几, 现在几点了). */
function clockVars(services: Services, day: number): Record<string, string | number> {
  const { clock, config, prompts } = services;
  const now = clock.now();
  const offset = Number.isInteger(day) && Math.abs(day) <= 3 ? day : 0;
  const p = localParts(new Date(now.getTime() + offset * 86_400_000), config.TIMEZONE);
  const which = prompts.raw<Record<string, string>>('smalltalk.day_names')[String(offset)] ?? '';
  const weekday = prompts.raw<string[]>('smalltalk.weekdays')[p.weekday] ?? '';
  return { which, month: p.month, day: p.day, weekday, time: formatTime(now, config.TIMEZONE, prompts) };
}

/** "好的，我在呢" fits a remark, never a question: a question gets the honest "this I cannot answer" and the staff offer. */
function unmatched(text: string): string {
  return isQuestion(text) ? 'cannot_answer' : 'other';
}
