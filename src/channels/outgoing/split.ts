/** Splits long replies into chat-sized parts at sentence boundaries (。！？ and line breaks). */

const SENTENCE_END = /[。！？!?\n]/;

/**
 * Splits `text` into parts of at most `maxChars` characters, cutting after a sentence end when
 * one is available; a single over-long sentence is cut after a comma or, failing that, hard.
 */
export function splitReplyText(text: string, maxChars: number): string[] {
  const limit = Math.max(1, maxChars);
  const parts: string[] = [];
  let rest = text.trim();
  while ([...rest].length > limit) {
    const chars = [...rest];
    const window = chars.slice(0, limit);
    let cut = lastIndexWhere(window, (c) => SENTENCE_END.test(c));
    if (cut < Math.floor(limit / 3)) {
      const soft = lastIndexWhere(window, (c) => /[；;，,、 ]/.test(c));
      cut = soft >= Math.floor(limit / 3) ? soft : cut >= 0 ? cut : limit - 1;
    }
    parts.push(chars.slice(0, cut + 1).join('').trim());
    rest = chars.slice(cut + 1).join('').trim();
  }
  if (rest) parts.push(rest);
  return parts.filter(Boolean);
}

function lastIndexWhere(chars: string[], test: (c: string) => boolean): number {
  for (let i = chars.length - 1; i >= 0; i--) if (test(chars[i]!)) return i;
  return -1;
}
