/**
 * Finalises reply text: numbered choices are written out when the text does not already offer
 * them (so a plain-text channel or API client sees them), and the last reply ends with the way
 * out: "回复 0 回主菜单，回复 9 找工作人员".
 */
import type { Middleware } from '../pipeline.js';
import type { Reply } from '../types.js';

/** True when the text already offers the choice `key` ("1. 确认" or "回复 1 …"). */
export function offersKey(text: string, key: string): boolean {
  const k = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|\\n)\\s*${k}[.、．]|回复\\s*${k}(?![0-9])`, 'u').test(text);
}

/** Appends "key. label" lines for the options the text does not mention yet. */
export function withOptionLines(reply: Reply): Reply {
  const missing = (reply.options ?? []).filter((o) => !offersKey(reply.text, o.key));
  if (missing.length === 0) return reply;
  return { ...reply, text: [reply.text.trimEnd(), ...missing.map((o) => `${o.key}. ${o.label}`)].join('\n') };
}

export const appendFooter: Middleware = async (turn, next) => {
  await next();
  const footer = turn.services.prompts.t('core.footer');
  const replies = turn.result.replies.map(withOptionLines);
  const last = replies[replies.length - 1];
  if (last && !last.text.includes(footer)) replies[replies.length - 1] = { ...last, text: `${last.text}\n${footer}` };
  turn.result.replies = replies;
};
