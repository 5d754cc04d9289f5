/**
 * Staff broadcast from a private chat: "广播 通知内容" -> preview -> "1" queues the notice for every
 * WeChat group through the notifier outbox (throttled by the channel), "2" cancels.
 * It wraps the message handler, so it needs no intent of its own; the chat adapters apply it.
 */
import type { Inbound, HandleResult, ChatRef } from '../../core/types.js';
import type { MessageHandler } from '../../core/pipeline.js';
import type { Services } from '../../services.js';
import { isStaffMember } from '../../channels/outgoing/staff-alert.js';
import { ALL_GROUPS } from '../../channels/outgoing/targets.js';

const COMMAND = /^\s*(?:广播|群发|\/broadcast)(?:[\s:：,，]+|$)/i;
const FLOW = 'broadcast.confirm';

/** Where a staff broadcast goes: every WeChat group (the allow-list applies). */
export function broadcastTargets(): ChatRef[] {
  return [{ channel: 'wechat', chatId: ALL_GROUPS, chatType: 'group' }];
}

/** Queues one notice for each target; returns how many were queued. */
export async function queueBroadcast(services: Services, targets: ChatRef[], text: string, actor: string): Promise<number> {
  for (const to of targets) await services.notifier.send(to, { text }, `broadcast:${actor}`);
  await services.store.audit({
    at: services.clock.now().toISOString(),
    actor,
    action: 'broadcast',
    detail: { targets: targets.map((t) => `${t.channel}:${t.chatId}`), text },
  });
  return targets.length;
}

/** Wraps `handle` so staff can broadcast from a private chat with a confirmation step. */
export function withStaffBroadcast(services: Services, handle: MessageHandler): MessageHandler {
  const { prompts, store, clock, config } = services;
  const answer = (text: string, data: Record<string, unknown> = {}): HandleResult => ({
    replies: [{ text }],
    intent: 'unknown',
    data: { broadcast: true, ...data },
  });

  return async (msg: Inbound) => {
    if (msg.chatType !== 'private' || msg.fromSelf) return handle(msg);
    const key = `broadcast:${msg.channel}:${msg.chatId}:${msg.userId}`;
    const command = COMMAND.exec(msg.text);
    const staff = isStaffMember(config.STAFF_IDS, msg.channel, msg.userId);
    if (command) {
      if (!staff) return answer(prompts.t('channels.broadcast.not_staff'));
      const body = msg.text.slice(command[0].length).trim();
      if (!body) return answer(prompts.t('channels.broadcast.usage'));
      await store.setDialog(key, { flow: FLOW, step: 'confirm', data: { text: body }, updatedAt: clock.now().toISOString() }, config.DIALOG_TTL_MINUTES * 60_000, clock.now());
      const targets = prompts.t('channels.broadcast.all_groups');
      return answer(prompts.t('channels.broadcast.preview', { targets, text: body }), { step: 'confirm' });
    }
    if (!staff) return handle(msg);
    const state = await store.getDialog(key, clock.now());
    if (!state || state.flow !== FLOW) return handle(msg);
    if (state.step === 'done') {
      // a duplicate delivery of the confirming message must not reach the menu as "1"
      if (msg.messageId && state.data.messageId === msg.messageId) return { replies: [], intent: 'dropped', dropped: 'duplicate' };
      await store.clearDialog(key);
      return handle(msg);
    }
    const reply = msg.text.trim();
    if (/^(1|１|确认|是|好)$/.test(reply)) {
      const text = String(state.data.text ?? '');
      await store.setDialog(key, { flow: FLOW, step: 'done', data: { messageId: msg.messageId ?? '' }, updatedAt: clock.now().toISOString() }, 5 * 60_000, clock.now());
      const count = await queueBroadcast(services, broadcastTargets(), text, `${msg.channel}:${msg.userId}`);
      return answer(prompts.t('channels.broadcast.queued', { targets: prompts.t('channels.broadcast.all_groups') }), { queued: count });
    }
    if (/^(2|２|取消|不|算了)$/.test(reply)) {
      await store.clearDialog(key);
      return answer(prompts.t('channels.broadcast.cancelled'));
    }
    return answer(prompts.t('channels.broadcast.ask_again'));
  };
}
