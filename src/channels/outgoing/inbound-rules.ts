/** Small platform-neutral rules the chat adapters share when turning events into Inbound. */

/** Messages sent more than this long before the adapter started are not answered. */
export const STALE_AT_STARTUP_MS = 2 * 60_000;

/** True when a message was sent more than two minutes before the adapter started. */
export function isStaleAtStartup(sentAt: Date, startedAt: number): boolean {
  return sentAt.getTime() < startedAt - STALE_AT_STARTUP_MS;
}

const MENTION_END = '(?:[ \\u00a0\\u2005\\u3000]+|$)';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Finds a typed "@名字" of one of `names` (followed by a space, U+2005 or the end) and removes it.
 * Typed mentions carry no mention list, so this is how a mention by hand is recognised.
 */
export function stripTypedMention(text: string, names: string[]): { text: string; mentioned: boolean } {
  let mentioned = false;
  let out = text;
  const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  for (const name of unique) {
    const re = new RegExp(`[@＠]${escapeRegExp(name)}${MENTION_END}`, 'gi');
    if (re.test(out)) {
      mentioned = true;
      out = out.replace(re, ' ');
    }
  }
  return { text: mentioned ? out.replace(/\s+/g, ' ').trim() : text, mentioned };
}

/** WeChat quote-replies look like 「名字：被引用的话」 + a dashed line + the new text. */
const QUOTE = /^「[\s\S]*」\s*\n\s*(?:-\s*){3,}\n?/;

/** Removes a quoted message, keeping only what the person wrote; `quoted` tells whether there was one. */
export function stripQuote(text: string): { text: string; quoted: boolean } {
  const match = QUOTE.exec(text);
  if (!match) return { text, quoted: false };
  return { text: text.slice(match[0].length).trim(), quoted: true };
}
