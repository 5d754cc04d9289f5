/** Telegram message / button press -> Inbound (or a reason to stay silent, or a kind reply). */
import type { CallbackQuery, Message, UserFromGetMe } from 'grammy/types';
import type { Inbound } from '../../core/types.js';
import { isStaleAtStartup } from '../outgoing/inbound-rules.js';

export type TelegramEvent =
  | { kind: 'text'; inbound: Inbound; replyTo?: number }
  | { kind: 'unsupported'; what: 'voice' | 'image' | 'file' | 'other'; inbound: Inbound; replyTo?: number }
  | { kind: 'ignore'; reason: 'self' | 'stale' | 'not_content' | 'other_bot_command' };

function chatType(type: string): Inbound['chatType'] {
  return type === 'private' ? 'private' : 'group';
}

function displayName(user: { first_name: string; last_name?: string; username?: string } | undefined): string | undefined {
  if (!user) return undefined;
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username;
}

/** Reads a message: mention / reply-to-bot / command sets `mentioned`, and the mention is stripped. */
export function readTelegramMessage(msg: Message, bot: UserFromGetMe, startedAt: number): TelegramEvent {
  if (msg.from?.id === bot.id) return { kind: 'ignore', reason: 'self' };
  const at = new Date(msg.date * 1000);
  if (isStaleAtStartup(at, startedAt)) return { kind: 'ignore', reason: 'stale' };
  const base: Inbound = {
    channel: 'telegram',
    chatId: String(msg.chat.id),
    chatType: chatType(msg.chat.type),
    userId: String(msg.from?.id ?? msg.chat.id),
    userName: displayName(msg.from),
    text: '',
    messageId: `${msg.chat.id}:${msg.message_id}`,
    mentioned: msg.reply_to_message?.from?.id === bot.id,
    fromSelf: false,
    at,
  };
  const replyTo = base.chatType === 'group' ? msg.message_id : undefined;

  if (msg.text === undefined) {
    const what = msg.voice || msg.video_note ? 'voice' : msg.photo ? 'image' : msg.document || msg.video || msg.audio ? 'file' : msg.contact || msg.location || msg.poll ? 'other' : undefined;
    if (!what) return { kind: 'ignore', reason: 'not_content' };
    return { kind: 'unsupported', what, inbound: base, ...(replyTo ? { replyTo } : {}) };
  }

  // Remove our mentions back to front so earlier offsets stay valid (offsets are UTF-16 units, like JS strings).
  let text = msg.text;
  let mentioned = base.mentioned === true;
  const username = (bot.username ?? '').toLowerCase();
  const entities = [...(msg.entities ?? [])].sort((a, b) => b.offset - a.offset);
  for (const e of entities) {
    const segment = msg.text.slice(e.offset, e.offset + e.length);
    const cut = (replacement: string) => {
      text = text.slice(0, e.offset) + replacement + text.slice(e.offset + e.length);
    };
    if (e.type === 'mention' && segment.toLowerCase() === `@${username}`) {
      mentioned = true;
      cut(' ');
    } else if (e.type === 'text_mention' && e.user.id === bot.id) {
      mentioned = true;
      cut(' ');
    } else if (e.type === 'bot_command' && e.offset === 0) {
      const [command, target] = segment.split('@');
      if (target && target.toLowerCase() !== username) return { kind: 'ignore', reason: 'other_bot_command' };
      mentioned = true;
      cut(command ?? segment);
    }
  }
  text = text.replace(/\s+/g, ' ').trim();
  return { kind: 'text', inbound: { ...base, text, mentioned: base.chatType === 'group' ? mentioned : false }, ...(replyTo ? { replyTo } : {}) };
}

/** Reads a button press: the button's data is the option key, sent as if the user typed it. */
export function readTelegramButton(query: CallbackQuery, now: Date): Inbound | null {
  const chat = query.message?.chat;
  if (!chat || query.data === undefined) return null;
  return {
    channel: 'telegram',
    chatId: String(chat.id),
    chatType: chatType(chat.type),
    userId: String(query.from.id),
    userName: displayName(query.from),
    text: query.data,
    messageId: `cb:${query.id}`,
    mentioned: chat.type !== 'private',
    fromSelf: false,
    at: now,
  };
}
