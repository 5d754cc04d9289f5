/**
 * Staff commands in a private chat: "回复 FK20261127-0007 内容", "受理/处理中/关闭/重开/查看 编号",
 * "工单". Refused in groups and to anyone not in STAFF_IDS (ctx.isStaff). A retiree may look up
 * their own ticket with "查看 编号".
 */
import type { SkillContext, SkillResult } from '../types.js';
import { replies } from '../types.js';
import type { TicketStatus } from '../../store/ticket-types.js';
import { closeTicket, replyToTicket, setTicketStatus } from './actions.js';
import { clip, formatDateTime, isOverdue, statusLabel, ticketDetailsText, ticketLabel } from './format.js';
import { personId, personLabel } from '../../core/person.js';

const VERBS = ['回复', '答复', '受理', '处理中', '办理中', '关闭', '办结', '重开', '查看', '查询', '工单'] as const;
type Verb = (typeof VERBS)[number];
const COMMAND = new RegExp(`^\\s*(${VERBS.join('|')})\\s*[:：]?\\s*(FK\\d{8}-\\d{4,})\\s*[:：，,]?\\s*([\\s\\S]*)$`, 'iu');
const LIST = /^\s*(工单|工单列表|待办|待办工单|查看工单)\s*$/u;

export interface StaffCommand {
  verb: Verb | 'list';
  no?: string;
  rest?: string;
}

/** Parses a staff command, or null when the text is not one. */
export function matchStaffCommand(text: string): StaffCommand | null {
  if (LIST.test(text)) return { verb: 'list' };
  const m = COMMAND.exec(text);
  if (!m) return null;
  return { verb: m[1] as Verb, no: m[2]!.toUpperCase(), rest: m[3]!.trim() };
}

const STATUS_OF: Partial<Record<Verb, TicketStatus>> = { 受理: 'accepted', 处理中: 'in_progress', 办理中: 'in_progress', 重开: 'accepted' };

/** Runs a parsed command for the sender, refusing non-staff (except looking up their own ticket). */
export async function runStaffCommand(ctx: SkillContext, cmd: StaffCommand): Promise<SkillResult> {
  const { services, msg } = ctx;
  const { prompts, store, config, clock } = services;
  const isLookup = cmd.verb === '查看' || cmd.verb === '查询' || cmd.verb === '工单';

  if (!ctx.isStaff) {
    if (isLookup && cmd.no) {
      const own = await store.tickets.get(cmd.no);
      if (own && own.userId === personId(msg)) {
        // The staff's latest answer too: a retiree who missed the pushed message reads it here.
        const reply = (await store.tickets.history(own.no)).filter((e) => e.kind === 'reply' && e.text).at(-1);
        const view = prompts.t('feedback.own_ticket_view', { no: own.no, status: statusLabel(prompts, own.status), time: formatDateTime(own.createdAt, config.TIMEZONE, prompts) });
        const said = reply ? prompts.t('feedback.own_ticket_view_reply', { time: formatDateTime(reply.at, config.TIMEZONE, prompts), text: clip(reply.text!, 300) }) : '';
        return { ...replies(view + said), data: { ticketNo: own.no, status: own.status } };
      }
      // Someone else's number, or none: the same words either way, so nothing is told about another's ticket.
      return { ...replies(prompts.t('feedback.not_own_ticket')), data: { refused: true } };
    }
    services.logger.warn({ channel: msg.channel, userId: msg.userId, chatType: msg.chatType, verb: cmd.verb }, 'staff command refused');
    return { ...replies(prompts.t('feedback.staff_only')), data: { refused: true } };
  }

  const actor = personId(msg); // the STAFF_IDS entry
  if (cmd.verb === 'list') {
    const open = await store.tickets.list({ status: ['new', 'accepted', 'in_progress'], limit: 10 });
    if (open.length === 0) return replies(prompts.t('feedback.staff_list_empty'));
    const now = clock.now();
    const lines = open.map((t) =>
      prompts.t('feedback.staff_list_item', {
        no: t.no,
        category: ticketLabel(prompts, t),
        status: statusLabel(prompts, t.status),
        overdue: isOverdue(t, now, config) ? prompts.t('feedback.overdue_mark') : '',
        text: clip(t.text, 20),
      }),
    );
    return { ...replies([prompts.t('feedback.staff_list_title', { count: open.length }), ...lines].join('\n')), data: { tickets: open.map((t) => t.no) } };
  }

  const no = cmd.no!;
  if (!(await store.tickets.get(no))) return replies(prompts.t('feedback.not_found', { no }));

  if (cmd.verb === '回复' || cmd.verb === '答复') {
    if (!cmd.rest) return replies(prompts.t('feedback.reply_empty', { no }));
    await replyToTicket(services, no, cmd.rest, actor);
    return { ...replies(prompts.t('feedback.staff_replied', { no })), data: { ticketNo: no, status: 'replied' } };
  }
  if (cmd.verb === '关闭' || cmd.verb === '办结') {
    await closeTicket(services, no, actor);
    return { ...replies(prompts.t('feedback.staff_closed', { no })), data: { ticketNo: no, status: 'closed' } };
  }
  const status = STATUS_OF[cmd.verb];
  if (status) {
    await setTicketStatus(services, no, status, actor);
    return { ...replies(prompts.t('feedback.staff_status', { no, status: statusLabel(prompts, status) })), data: { ticketNo: no, status } };
  }
  const t = (await store.tickets.get(no))!;
  const details = ticketDetailsText(prompts, t);
  return {
    ...replies(
      prompts.t('feedback.ticket_view', {
        no: t.no,
        category: ticketLabel(prompts, t),
        status: statusLabel(prompts, t.status),
        name: personLabel(t),
        time: formatDateTime(t.createdAt, config.TIMEZONE, prompts),
        text: clip(t.text, 200),
        details: details ? `\n${details}` : '',
        rating: t.rating ? prompts.t('feedback.ticket_view_rating', { rating: t.rating }) : '',
      }),
    ),
    data: { ticketNo: no },
  };
}
