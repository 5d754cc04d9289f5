/** Smalltalk: greetings, thanks and goodbyes get a warm short answer and a pointer to the menu. */
import type { Skill } from '../types.js';

const KINDS: [RegExp, string][] = [
  [/(谢|感谢|辛苦)/u, 'thanks'],
  [/(再见|拜拜|晚安|回头聊)/u, 'bye'],
  [/(早|上午好)/u, 'morning'],
  [/(你好|您好|在吗|在不在|hello|hi|好呀|中午好|下午好|晚上好)/iu, 'hello'],
  [/(快乐|健康|吉祥|如意|祝)/u, 'wishes'],
];

/** Kinds the router names itself: a scam warning, a message not in Chinese. */
const ROUTED_KINDS = new Set(['scam', 'not_chinese']);

export const smalltalk: Skill = async ({ services, text, msg, route }) => {
  const talk = route.slots.talk;
  const kind = typeof talk === 'string' && ROUTED_KINDS.has(talk) ? talk : (KINDS.find(([re]) => re.test(text))?.[1] ?? 'other');
  return { replies: [{ text: services.prompts.t(`smalltalk.${kind}`, { name: msg.userName ?? '' }) }] };
};
