/**
 * "我那个投诉不要了 撤回吧": the person wants a ticket withdrawn. Staff decide (a ticket is never deleted
 * by a chat message): the newest open ticket is named and, on "1", the words go into it and staff are
 * told at once (the add-to-ticket offer of filed.ts, worded for a withdrawal). With no open ticket,
 * there is nothing to withdraw, and no new complaint is drafted from the words.
 */
import type { SkillResult } from '../types.js';
import type { Services } from '../../services.js';
import type { Inbound } from '../../core/types.js';
import { dialogKey } from '../../core/pipeline.js';
import { personId } from '../../core/person.js';
import { clip } from './format.js';

/** Words of taking it back: "撤回", "撤销", "不投诉了", "投诉不要了". */
const WITHDRAW = /撤回|撤了吧|不投诉了|不告了|不反映了|(?:投诉|意见|建议|反映的?事?|那件事|那个事)(?:我|就)?(?:不要了|不用了|算了|不提了)/u;
/** ...of something reported before: "那个投诉", "我反映的", "编号…". */
const POINTS_TO_TICKET = /投诉|意见|建议|反映|那个|那件|编号|FK/iu;

/** True for "我那个投诉不要了 撤回吧", "停车那个投诉我不要了 撤回吧". */
export function isWithdrawal(text: string): boolean {
  return WITHDRAW.test(text) && POINTS_TO_TICKET.test(text);
}

/** The flow of the offer (its answers are read by filed.ts's offer step). */
export const WITHDRAW_FLOW = 'feedback.add_to_filed';

/**
 * The withdrawal offer for ticket `no` (or the person's newest open one): "要告诉工作人员您想撤回编号 … 吗？
 * 1 告诉工作人员 2 不用了". With no open ticket: there is nothing to withdraw.
 */
export async function offerWithdrawal(services: Services, msg: Pick<Inbound, 'channel' | 'chatId' | 'userId'>, said: string, no?: string): Promise<SkillResult> {
  const { store, clock, config, prompts } = services;
  const ticketNo = no ?? (await store.tickets.list({ userId: personId(msg), status: ['new', 'accepted', 'in_progress', 'replied'], limit: 1 }))[0]?.no;
  if (!ticketNo) return { replies: [{ text: prompts.t('feedback.withdraw_none') }], data: { intent: 'feedback', withdraw: 'none' } };
  const now = clock.now();
  await store.setDialog(
    dialogKey(msg),
    { flow: WITHDRAW_FLOW, step: 'offer', data: { intent: 'feedback', ticketNo, addition: said.trim(), said: said.trim(), source: 'reply', withdraw: true }, updatedAt: now.toISOString() },
    config.DIALOG_TTL_MINUTES * 60_000,
    now,
  );
  return {
    replies: [
      {
        text: prompts.t('feedback.withdraw_offer', { no: ticketNo, text: clip(said.trim(), 60) }),
        options: [
          { key: '1', label: prompts.t('feedback.withdraw_option') },
          { key: '2', label: prompts.t('feedback.withdraw_keep_option') },
        ],
      },
    ],
    data: { intent: 'feedback', ticketNo, withdraw: 'offered' },
  };
}
