/** Turns a Reply into plain text for channels without buttons (WeChat, SMS-like chats). */
import type { Reply } from '../../core/types.js';
import { withOptionLines } from '../../core/middleware/footer.js';

/** The reply text followed by its options as numbered lines ("1. 确认"), unless the text already offers them. */
export function renderReplyAsText(reply: Reply): string {
  return withOptionLines(reply).text;
}
