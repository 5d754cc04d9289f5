/** Platform-neutral message types shared by every channel, the pipeline and the skills. */

/** Channels the assistant can speak on. */
export type ChannelName = 'http' | 'terminal' | 'wechat' | 'telegram';

/** Private chat or a group chat. */
export type ChatType = 'private' | 'group';

/** One incoming message, as every channel adapter produces it. */
export interface Inbound {
  channel: ChannelName;
  /** Chat the message came from (private chat: usually the user id). */
  chatId: string;
  chatType: ChatType;
  userId: string;
  userName?: string;
  text: string;
  /** Platform message id; used to drop duplicate deliveries. */
  messageId?: string;
  /** True when the bot was @-mentioned (or replied to) in a group. */
  mentioned?: boolean;
  /** True when the message was sent by the bot itself. */
  fromSelf?: boolean;
  /** When the platform says the message was sent. */
  at?: Date;
}

/** A numbered choice the user can answer with `key`. */
export interface ReplyOption {
  key: string;
  label: string;
}

/** One outgoing message. Channels render options as numbered text or buttons. */
export interface Reply {
  text: string;
  options?: ReplyOption[];
}

/** Where a proactive message goes. */
export interface ChatRef {
  channel: ChannelName;
  chatId: string;
  chatType?: ChatType;
  /** The person to @-mention in a group, when known. */
  userId?: string;
  userName?: string;
}

/** The fixed intent contract (names are used by tests and evaluation). */
export const INTENTS = [
  'policy_query',
  'activity_list',
  'activity_book',
  'activity_cancel',
  'my_bookings',
  'feedback',
  'human_handoff',
  'help',
  'smalltalk',
] as const;

export type KnownIntent = (typeof INTENTS)[number];
export type Intent = KnownIntent | 'unknown';

/** Slot values extracted by the router (activity number, seats, date text, category…). */
export type Slots = Record<string, string | number | boolean>;

/** What the router decided. */
export interface RouteResult {
  intent: Intent;
  confidence: number;
  slots: Slots;
  /** Which stage decided: menu digit/command, rule, example classifier, LLM, or none. */
  source: 'menu' | 'rule' | 'classifier' | 'llm' | 'dialog' | 'fallback';
  /** Runner-up intents, best first (used for the clarifying question). */
  alternatives?: { intent: KnownIntent; confidence: number }[];
}

/** The result of handling one inbound message. */
export interface HandleResult {
  replies: Reply[];
  intent: Intent | 'dropped';
  /** Why a message was dropped without a reply (own, duplicate, group without mention…). */
  dropped?: 'self' | 'duplicate' | 'stale' | 'not_addressed' | 'rate_limited';
  data?: Record<string, unknown>;
  duplicate?: boolean;
}

/** Returns true when the intent is one of the nine known intents. */
export function isKnownIntent(value: string): value is KnownIntent {
  return (INTENTS as readonly string[]).includes(value);
}
