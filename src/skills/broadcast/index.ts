/**
 * Staff broadcast from a private chat: "广播 通知内容" -> preview -> "1" queues the notice for every
 * WeChat group through the notifier outbox (throttled by the channel), "2" cancels.
 * A pipeline middleware recognises the command; the confirmation is an ordinary dialog flow.
 */
import type { ChatRef } from '../../core/types.js';
import type { Middleware } from '../../core/pipeline.js';
import { answer, dialogKey } from '../../core/pipeline.js';
import type { Services } from '../../services.js';
import type { FlowHandler, SkillModule } from '../types.js';
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

/**
 * Pipeline middleware (before dispatch): "广播 内容" from a staff member in a private chat shows a
 * preview and starts the 'broadcast.confirm' flow; anyone else is told kindly that only staff can.
 */
export const staffBroadcastCommand: Middleware = async (turn, next) => {
  const command = COMMAND.exec(turn.text);
  if (!command || turn.msg.chatType !== 'private') return next();
  const { prompts, store, clock, config } = turn.services;
  if (!turn.isStaff) {
    answer(turn, [{ text: prompts.t('channels.broadcast.not_staff') }]);
    return;
  }
  const body = turn.text.slice(command[0].length).trim();
  if (!body) {
    answer(turn, [{ text: prompts.t('channels.broadcast.usage') }]);
    return;
  }
  const state = { flow: FLOW, step: 'confirm', data: { text: body }, updatedAt: clock.now().toISOString() };
  await store.setDialog(dialogKey(turn.msg), state, config.DIALOG_TTL_MINUTES * 60_000, clock.now());
  answer(turn, [{ text: prompts.t('channels.broadcast.preview', { targets: prompts.t('channels.broadcast.all_groups'), text: body }) }]);
  turn.result.data = { broadcast: true, step: 'confirm' };
};

/** "1" queues the notice for every group, "2" cancels; anything else asks again. */
const confirm: FlowHandler = async ({ services, text, msg, dialog, state }) => {
  const { prompts } = services;
  const reply = text.trim().replace(/[。！!，,.~～\s]+$/u, '').replace(/(吧|了|的|呀)$/u, '');
  if (/^(1|确认|确认发送|发送|发|是|是的|好|好的|可以|行|对)$/.test(reply)) {
    await dialog.clear();
    const count = await queueBroadcast(services, broadcastTargets(), String(state.data.text ?? ''), `${msg.channel}:${msg.userId}`);
    return { replies: [{ text: prompts.t('channels.broadcast.queued', { targets: prompts.t('channels.broadcast.all_groups') }) }], data: { broadcast: true, queued: count } };
  }
  if (/^(2|取消|不|不发|不要|算了|不用)$/.test(reply)) {
    await dialog.clear();
    return { replies: [{ text: prompts.t('channels.broadcast.cancelled') }], data: { broadcast: true } };
  }
  // One more chance; after that the message is someone else's business and the notice is dropped.
  if (state.step === 'confirm') {
    await dialog.start(FLOW, 'confirm_again', state.data);
    return { replies: [{ text: prompts.t('channels.broadcast.ask_again') }], data: { broadcast: true } };
  }
  await dialog.clear();
  return { replies: [], passThrough: true };
};

/** The broadcast flow (no intent of its own: staff start it with "广播 …"). */
export const broadcastSkills: SkillModule = { intents: {}, flows: { [FLOW]: confirm } };
