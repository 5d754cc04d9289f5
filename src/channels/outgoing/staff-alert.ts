/** Sends an alert to every staff member (STAFF_IDS "channel:userId") reachable on another channel. */
import type { ChannelName } from '../../core/types.js';
import type { Services } from '../../services.js';

const CHANNELS: readonly ChannelName[] = ['wechat', 'telegram', 'http', 'terminal'];

/** Staff entries of config.STAFF_IDS as chat references, optionally without one channel. */
export function staffChats(staffIds: string[], except?: ChannelName): { channel: ChannelName; userId: string }[] {
  const out: { channel: ChannelName; userId: string }[] = [];
  for (const entry of staffIds) {
    const at = entry.indexOf(':');
    if (at <= 0) continue;
    const channel = entry.slice(0, at) as ChannelName;
    const userId = entry.slice(at + 1);
    if (!CHANNELS.includes(channel) || !userId || channel === except) continue;
    out.push({ channel, userId });
  }
  return out;
}

/** True when `channel:userId` is listed in STAFF_IDS. */
export function isStaffMember(staffIds: string[], channel: ChannelName, userId: string): boolean {
  return staffIds.includes(`${channel}:${userId}`);
}

/** Queues `text` for every staff member on channels other than `except`; never throws. */
export async function alertStaff(services: Services, text: string, except: ChannelName, origin: string): Promise<number> {
  let queued = 0;
  for (const staff of staffChats(services.config.STAFF_IDS, except)) {
    try {
      await services.notifier.send({ channel: staff.channel, chatId: staff.userId, chatType: 'private', userId: staff.userId }, { text }, origin);
      queued++;
    } catch (err) {
      services.logger.error({ err, staff: `${staff.channel}:${staff.userId}` }, 'staff alert not queued');
    }
  }
  return queued;
}
