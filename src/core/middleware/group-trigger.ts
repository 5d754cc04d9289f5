/**
 * In groups the assistant speaks only when spoken to: an @-mention (the adapter sets `mentioned`)
 * or a message starting with the bot's name or a wake word, which is stripped — or an answer to
 * the bot's own question from someone in a flow with it (dispatch drops it if the flow does not
 * take it) or asked to rate a closed ticket (only a rating is taken). Private: always.
 */
import type { Middleware } from '../pipeline.js';
import { dialogKey } from '../pipeline.js';
import { ratingKey } from '../keys.js';

const LEADING_PUNCT = /^[\s,，:：、!！~～@]+/u;

/** Removes a leading "@name", wake word or bot name; returns null when none was there. */
export function stripWakeWord(text: string, names: string[]): string | null {
  const trimmed = text.trimStart();
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    for (const prefix of [`@${name}`, name]) {
      if (trimmed.startsWith(prefix)) return trimmed.slice(prefix.length).replace(LEADING_PUNCT, '');
    }
  }
  return null;
}

export const groupTrigger: Middleware = async (turn, next) => {
  const { config } = turn.services;
  const names = [config.BOT_NAME, ...config.WAKE_WORDS];
  const stripped = stripWakeWord(turn.text, names);
  if (turn.msg.chatType === 'group' && !turn.msg.mentioned && stripped === null) {
    // Someone answering the bot's own question ("回复 1 确认") need not @ it again.
    const { store, clock } = turn.services;
    const inFlow = (await store.getDialog(dialogKey(turn.msg), clock.now())) ?? (await store.getDialog(ratingKey(turn.msg), clock.now()));
    if (!inFlow) {
      turn.result = { replies: [], intent: 'dropped', dropped: 'not_addressed' };
      return;
    }
    turn.addressed = false;
  }
  if (stripped !== null) turn.text = stripped;
  await next();
};
