/**
 * Store keys of a person's side state in one chat, beside the dialog key (pipeline.ts `dialogKey`).
 * Kept in core because the pipeline reads them (group trigger, rate limit) as well as the feedback
 * skill that writes them; core does not import skills.
 */
import type { Inbound } from './types.js';
import { personInChat } from './person.js';

type Chat = Pick<Inbound, 'channel' | 'chatId' | 'userId'>;

/**
 * Store key of a pending ticket rating. Separate from the user's dialog key, so the rating question
 * never replaces (or is replaced by) a booking or feedback the user is in the middle of.
 */
export function ratingKey(chat: Chat): string {
  return `${personInChat(chat)}#rating`;
}

/** Store key of a parked feedback draft: beside the user's dialog, never replacing it. */
export function parkedKey(chat: Chat): string {
  return `${personInChat(chat)}#feedback-draft`;
}
