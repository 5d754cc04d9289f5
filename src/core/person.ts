/**
 * Who a person is. A platform user id is unique only on its own platform: WeChat user "123",
 * Telegram user "123" and an HTTP API caller "123" are three people. Everything a person owns —
 * bookings, waitlist places, reminders, feedback tickets, ratings — is keyed by `personId`,
 * "channel:userId" (the same shape as STAFF_IDS entries), never by the bare user id.
 *
 * State that belongs to a person in one chat (dialog, pending rating, parked feedback draft, the
 * last list shown) is keyed by `personInChat`, "channel:chatId:userId".
 *
 * Display names (userName) are kept beside the id and shown to staff; they never identify anyone.
 */
import type { ChannelName, Inbound } from './types.js';

/** Every channel name (channel names never contain ':', so "channel:userId" splits unambiguously). */
export const CHANNEL_NAMES: readonly ChannelName[] = ['http', 'terminal', 'wechat', 'telegram'];

/** A person's id: "wechat:wxid_abc", "telegram:12345", "http:u1". */
export function personId(who: Pick<Inbound, 'channel' | 'userId'>): string {
  return `${who.channel}:${who.userId}`;
}

/** "wechat:wxid_abc" -> { channel: 'wechat', userId: 'wxid_abc' }; null when it is no person id. */
export function parsePersonId(id: string): { channel: ChannelName; userId: string } | null {
  const at = id.indexOf(':');
  if (at <= 0) return null;
  const channel = id.slice(0, at) as ChannelName;
  const userId = id.slice(at + 1);
  return CHANNEL_NAMES.includes(channel) && userId ? { channel, userId } : null;
}

/** The platform's own user id of a person id ("wechat:wxid_abc" -> "wxid_abc"); anything else as it is. */
export function platformUserId(id: string): string {
  return parsePersonId(id)?.userId ?? id;
}

/** The key of a person's state in one chat: "channel:chatId:userId" (dialog, rating question, parked draft…). */
export function personInChat(msg: Pick<Inbound, 'channel' | 'chatId' | 'userId'>): string {
  return `${msg.channel}:${msg.chatId}:${msg.userId}`;
}

/** How staff see a person: "王老 (wechat:wxid_abc)", or only the id when no name is known. */
export function personLabel(p: { userName?: string | undefined; userId: string }): string {
  return p.userName ? `${p.userName} (${p.userId})` : p.userId;
}
