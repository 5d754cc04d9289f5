/** Turns a Reply into plain text for channels without buttons (WeChat, SMS-like chats). */
import type { Reply } from '../../core/types.js';

/** The reply text followed by its options as numbered lines ("1. 确认"). */
export function renderReplyAsText(reply: Reply): string {
  const options = reply.options ?? [];
  if (options.length === 0) return reply.text;
  const lines = options.map((o) => `${o.key}. ${o.label}`);
  return [reply.text.trimEnd(), ...lines].join('\n');
}
