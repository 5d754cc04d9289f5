/** wechaty Message -> Inbound (or a reason to stay silent, or a kind "I can only read text" reply). */
import { types, type Message, type Wechaty } from 'wechaty';
import type { Inbound } from '../../core/types.js';
import { isStaleAtStartup, stripQuote, stripTypedMention } from '../outgoing/inbound-rules.js';

/** What to do with one WeChat message. */
export type WechatEvent =
  | { kind: 'text'; inbound: Inbound }
  | { kind: 'unsupported'; what: 'voice' | 'image' | 'file' | 'other'; inbound: Inbound }
  | { kind: 'ignore'; reason: 'self' | 'stale' | 'room_not_allowed' | 'quote_only' | 'not_content' };

export interface WechatInboundOptions {
  wechaty: Wechaty;
  botName: string;
  /** Room ids or topics that may be answered; empty = every room. */
  allowedRooms: string[];
  /** Epoch ms when the adapter started (older backlog is ignored). */
  startedAt: number;
}

const UNSUPPORTED: Partial<Record<types.Message, 'voice' | 'image' | 'file' | 'other'>> = {
  [types.Message.Audio]: 'voice',
  [types.Message.Image]: 'image',
  [types.Message.Video]: 'file',
  [types.Message.Attachment]: 'file',
  [types.Message.Contact]: 'other',
  [types.Message.ChatHistory]: 'other',
  [types.Message.Location]: 'other',
  [types.Message.MiniProgram]: 'other',
  [types.Message.Url]: 'other',
  [types.Message.Post]: 'other',
};

/** Reads one wechaty message into what the adapter should do with it. */
export async function readWechatMessage(msg: Message, options: WechatInboundOptions): Promise<WechatEvent> {
  if (isSelf(msg)) return { kind: 'ignore', reason: 'self' };
  const at = msg.date();
  if (isStaleAtStartup(at, options.startedAt)) return { kind: 'ignore', reason: 'stale' };

  const room = msg.room();
  const talker = msg.talker();
  if (room && options.allowedRooms.length > 0) {
    const topic = await room.topic().catch(() => '');
    if (!options.allowedRooms.includes(room.id) && !options.allowedRooms.includes(topic)) {
      return { kind: 'ignore', reason: 'room_not_allowed' };
    }
  }

  const base: Inbound = {
    channel: 'wechat',
    chatId: room ? room.id : talker.id,
    chatType: room ? 'group' : 'private',
    userId: talker.id,
    userName: (room ? await room.alias(talker).catch(() => undefined) : undefined) || talker.name(),
    text: '',
    messageId: msg.id,
    mentioned: false,
    fromSelf: false,
    at,
  };

  const type = msg.type();
  let raw = msg.text() ?? '';
  if (type === types.Message.Audio) {
    // Some puppets put the platform's speech-to-text transcript in the text of a voice message.
    if (!looksLikeTranscript(raw)) return { kind: 'unsupported', what: 'voice', inbound: base };
  } else if (type !== types.Message.Text) {
    const what = UNSUPPORTED[type];
    return what ? { kind: 'unsupported', what, inbound: base } : { kind: 'ignore', reason: 'not_content' };
  }

  const unquoted = stripQuote(raw);
  if (unquoted.quoted && !unquoted.text) return { kind: 'ignore', reason: 'quote_only' };
  raw = unquoted.text;

  if (!room) return { kind: 'text', inbound: { ...base, text: raw.trim() } };

  const names = [options.botName];
  const self = options.wechaty.isLoggedIn ? options.wechaty.currentUser : undefined;
  if (self) {
    names.push(self.name());
    const alias = await room.alias(self).catch(() => undefined);
    if (alias) names.push(alias);
  }
  const typed = stripTypedMention(raw, names);
  const listed = await msg.mentionSelf().catch(() => false);
  let text = typed.text;
  if (listed && !typed.mentioned) text = await msg.mentionText().catch(() => text);
  return { kind: 'text', inbound: { ...base, text: text.trim(), mentioned: listed || typed.mentioned } };
}

/** msg.self() throws on some puppets before login; treat that as "not from us". */
function isSelf(msg: Message): boolean {
  try {
    return msg.self();
  } catch {
    return false;
  }
}

function looksLikeTranscript(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && !t.startsWith('<') && !/^\[(语音|voice)\]$/i.test(t);
}
