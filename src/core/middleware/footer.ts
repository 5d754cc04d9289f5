/**
 * Finalises reply text: numbered choices are written out when the text does not already offer
 * them (so a plain-text channel or API client sees them), and the last reply ends with the way
 * out: "回复 0 回主菜单，回复 9 找工作人员" (in a group, with how the others call the assistant).
 */
import type { Middleware } from '../pipeline.js';
import type { Reply } from '../types.js';

/** "回复 1～5" / "回复1-5" / "回复 1到5": every number in the range is offered. */
const RANGE = /回复\s*(\d+)\s*[～~\-—–到至]\s*(\d+)/gu;

/** True when the text already offers the choice `key` ("1. 确认", "回复 1 …" or "回复 1～5"). */
export function offersKey(text: string, key: string): boolean {
  const k = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`(^|\\n)\\s*${k}[.、．]|回复\\s*${k}(?![0-9])`, 'u').test(text)) return true;
  if (!/^\d+$/.test(key)) return false;
  const n = Number(key);
  return [...text.matchAll(RANGE)].some((m) => Number(m[1]) <= n && n <= Number(m[2]));
}

/** Appends "key. label" lines for the options the text does not mention yet. */
export function withOptionLines(reply: Reply): Reply {
  const missing = (reply.options ?? []).filter((o) => !offersKey(reply.text, o.key));
  if (missing.length === 0) return reply;
  return { ...reply, text: [reply.text.trimEnd(), ...missing.map((o) => `${o.key}. ${o.label}`)].join('\n') };
}

export const appendFooter: Middleware = async (turn, next) => {
  await next();
  const { prompts, config } = turn.services;
  const footer = prompts.t('core.footer');
  // In a group only the person just answered may reply with a bare 0 or 9 (group-trigger.ts): the
  // footer tells everyone else to call the assistant first.
  const shown = turn.msg.chatType === 'group' ? prompts.t('core.footer_group', { wake: config.WAKE_WORDS[0] ?? config.BOT_NAME }) : footer;
  const replies = turn.result.replies.map(withOptionLines);
  const last = replies[replies.length - 1];
  if (last && !last.text.includes(footer)) replies[replies.length - 1] = { ...last, text: `${last.text}\n${shown}` };
  turn.result.replies = replies;
};
