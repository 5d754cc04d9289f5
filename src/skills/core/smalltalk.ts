/** Smalltalk: greetings, thanks and goodbyes get a warm short answer and a pointer to the menu. */
import type { Skill } from '../types.js';

const KINDS: [RegExp, string][] = [
  [/(谢|感谢|辛苦)/u, 'thanks'],
  [/(再见|拜拜|晚安|回头聊)/u, 'bye'],
  [/(早|上午好)/u, 'morning'],
  [/(你好|您好|在吗|在不在|hello|hi|好呀|中午好|下午好|晚上好)/iu, 'hello'],
  [/(快乐|健康|吉祥|如意|祝)/u, 'wishes'],
];

export const smalltalk: Skill = async ({ services, text, msg }) => {
  const kind = KINDS.find(([re]) => re.test(text))?.[1] ?? 'other';
  return { replies: [{ text: services.prompts.t(`smalltalk.${kind}`, { name: msg.userName ?? '' }) }] };
};
