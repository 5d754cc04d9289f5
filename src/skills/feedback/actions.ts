/**
 * Ticket operations shared by the chat skill, the staff chat commands, the CLI and the console.
 * Messages to the retiree go through the notifier (store outbox), so a reply written from the CLI
 * is delivered by the running service and survives a restart.
 */
import type { ChatRef, Inbound } from '../../core/types.js';
import type { Services } from '../../services.js';
import type { Ticket, TicketCategory, TicketStatus } from '../../store/ticket-types.js';
import { categoryLabel, draftLine, formatDateTime, ticketDetailsText } from './format.js';
import { loadParked } from './parked-store.js';
import { takeDoing } from './doing.js';
import { rememberFiled } from './filed-store.js';
import { parsePersonId, personId, personInChat, personLabel, platformUserId } from '../../core/person.js';
import { ratingKey } from '../../core/keys.js';

/** How long the rating question waits for "5分" (they may read it days later); a bare "5" counts only for a day. */
export const RATING_TTL_MS = 7 * 24 * 3_600_000;
/** How long a bare digit ("5") still counts as the rating: later it is more likely a menu choice. */
export const BARE_RATING_MS = 24 * 3_600_000;
/** The flow name of the pending rating (kept under its own key, see ratingKey). */
export const RATING_FLOW = 'feedback.rating';

/** Store key of a pending ticket rating (src/core/keys.ts; re-exported for the skill's callers). */
export { ratingKey };

/** STAFF_IDS entries (person ids "channel:userId", e.g. "wechat:wxid_abc", "telegram:12345") as private chats. */
export function staffPrivateChats(staffIds: string[]): ChatRef[] {
  const out: ChatRef[] = [];
  for (const entry of staffIds) {
    const staff = parsePersonId(entry);
    if (staff) out.push({ channel: staff.channel, chatId: staff.userId, chatType: 'private', userId: staff.userId });
  }
  return out;
}

/** What is needed to open a ticket from a chat message. */
export interface OpenTicketInput {
  msg: Pick<Inbound, 'channel' | 'chatId' | 'chatType' | 'userId' | 'userName' | 'messageId'>;
  category: TicketCategory;
  text: string;
  details?: Record<string, unknown>;
  /** The id that makes a retry return the same ticket (default: msg.messageId). */
  messageId?: string;
}

/** Creates the ticket (deduped by messageId) and, for urgent categories, alerts staff at once. */
export async function openTicket(services: Services, input: OpenTicketInput): Promise<{ ticket: Ticket; duplicate: boolean }> {
  const { msg } = input;
  const chat: ChatRef = {
    channel: msg.channel,
    chatId: msg.chatId,
    chatType: msg.chatType,
    userId: msg.userId,
    ...(msg.userName ? { userName: msg.userName } : {}),
  };
  const messageId = input.messageId ?? msg.messageId;
  const result = await services.store.tickets.create(
    {
      userId: personId(msg),
      ...(msg.userName ? { userName: msg.userName } : {}),
      chat,
      category: input.category,
      text: input.text,
      ...(input.details ? { details: input.details } : {}),
      // scoped like the pipeline's dedupe: ids are unique per chat at best, and API clients choose them
      ...(messageId ? { messageId: `${personInChat(msg)}:${messageId}` } : {}),
    },
    services.clock.now(),
  );
  if (!result.duplicate) {
    services.logger.info({ ticket: result.ticket.no, category: input.category, chars: [...input.text].length }, 'ticket created');
    if (input.category === 'hospitalization' || input.category === 'handoff') await alertStaffOfTicket(services, result.ticket);
    if (services.llm) void suggestForStaff(services, result.ticket);
  }
  return result;
}

/**
 * With an LLM configured: a one-line summary and a suggested category for staff, stored beside the
 * ticket (never replacing the retiree's words or category). Runs after the reply; failures are only logged.
 */
export async function suggestForStaff(services: Services, ticket: Ticket): Promise<void> {
  try {
    const suggestion = await services.llm?.summarizeFeedback(ticket.text);
    if (!suggestion) return;
    await services.store.tickets.update(ticket.no, { summary: suggestion.summary, suggestedCategory: suggestion.category as Ticket['category'] });
  } catch (err) {
    services.logger.warn({ err, ticket: ticket.no }, 'feedback summary not stored');
  }
}

/**
 * Opens a 'handoff' ticket ("please have staff contact me"); for the human_handoff skill. A report
 * the user set aside and has not submitted (parked-store.ts) is written into its text, so whoever
 * calls back knows of it ("另有未提交的住院报告：我老伴住院了；医院：市人民医院…"); the report stays
 * parked and can still be submitted on its own. What the person was doing when they said "9"
 * (doing.ts) is written in too ("当时正在：确认报名「掼蛋比赛」").
 */
export async function openHandoffTicket(
  services: Services,
  msg: OpenTicketInput['msg'],
  text: string,
  details?: Record<string, unknown>,
): Promise<{ ticket: Ticket; duplicate: boolean }> {
  const parked = await loadParked(services, msg);
  // "9" in the middle of something: what it was ("确认报名「掼蛋比赛」"), kept by the escape hook.
  const doing = await takeDoing(services, msg);
  const said = doing ? services.prompts.t('feedback.handoff_doing', { text, doing }) : text;
  const withParked = parked
    ? services.prompts.t('feedback.handoff_with_parked', {
        text: said,
        category: categoryLabel(services.prompts, parked.draft.category ?? 'other'),
        draft: draftLine(services.prompts, parked.draft),
      })
    : said;
  return openTicket(services, { msg, category: 'handoff', text: withParked, ...(details ? { details } : {}) });
}

/** Sends the ticket to every STAFF_IDS private chat (the console shows it in the queue too). */
export async function alertStaffOfTicket(services: Services, t: Ticket): Promise<number> {
  const { prompts, config } = services;
  const key = t.details?.emergency === true ? 'feedback.staff_alert_emergency' : t.category === 'hospitalization' ? 'feedback.staff_alert_hospital' : 'feedback.staff_alert_handoff';
  const details = ticketDetailsText(prompts, t);
  const text = prompts.t(key, {
    no: t.no,
    name: personLabel(t),
    text: t.text,
    details: details ? `\n${details}` : '',
    time: formatDateTime(t.createdAt, config.TIMEZONE, prompts),
  });
  let sent = 0;
  for (const to of staffPrivateChats(config.STAFF_IDS)) {
    try {
      await services.notifier.send(to, { text }, `ticket:${t.no}:alert`);
      sent++;
    } catch (err) {
      services.logger.error({ err, ticket: t.no, to: `${to.channel}:${to.chatId}` }, 'staff alert not queued');
    }
  }
  if (sent === 0) services.logger.warn({ ticket: t.no }, 'urgent ticket: no STAFF_IDS private chat to alert; it shows in the console');
  return sent;
}

/** Records a staff reply, queues it for the retiree's chat and listens for their answer. Null when the ticket does not exist. */
export async function replyToTicket(services: Services, no: string, text: string, actor: string): Promise<Ticket | null> {
  const ticket = await services.store.tickets.addReply(no, text, actor, services.clock.now());
  if (!ticket) return null;
  await services.notifier.send(ticket.chat, { text: services.prompts.t('feedback.reply_to_user', { no, text }) }, `ticket:${no}:reply`);
  // The reply may ask something ("请问住在哪个科？"): the person's next words are offered as an addition to it.
  // In a group the answer may come without the wake word ("内科六床 谢谢领导"): group-trigger lets it in.
  await rememberFiled(services, { channel: ticket.chat.channel, chatId: ticket.chat.chatId, userId: ticket.chat.userId ?? platformUserId(ticket.userId) }, ticket, 'reply', {
    unaddressed: ticket.chat.chatType === 'group',
  });
  await services.store.audit({ at: services.clock.now().toISOString(), actor, action: 'ticket.reply', subject: no });
  return ticket;
}

/**
 * Closes the ticket and asks the retiree for a 1-5 rating in the chat the ticket came from; a ticket
 * rated before (reopened after a low score) is rated once, so then they are only told it is closed.
 */
export async function closeTicket(services: Services, no: string, actor: string): Promise<Ticket | null> {
  const now = services.clock.now();
  const before = await services.store.tickets.get(no);
  if (!before) return null;
  const ticket = await services.store.tickets.setStatus(no, 'closed', actor, now);
  if (!ticket) return null;
  if (before.status !== 'closed' && ticket.rating !== undefined) {
    // Rated already (a low score reopened it): a ticket is rated once, so closing again only tells them.
    const text =
      ticket.chat.chatType === 'group'
        ? services.prompts.t('feedback.closed_again_to_user_group', { no, name: ticket.userName ?? '' })
        : services.prompts.t('feedback.closed_again_to_user', { no });
    await services.notifier.send(ticket.chat, { text }, `ticket:${no}:close`);
  } else if (before.status !== 'closed') {
    await services.store.setDialog(
      // Asked of the platform user in the ticket's chat (ticket.userId is the person id).
      ratingKey({ channel: ticket.chat.channel, chatId: ticket.chat.chatId, userId: ticket.chat.userId ?? platformUserId(ticket.userId) }),
      { flow: RATING_FLOW, step: 'ask', data: { ticketNo: no, intent: 'feedback', askedAt: now.toISOString() }, updatedAt: now.toISOString() },
      RATING_TTL_MS,
      now,
    );
    const options = ['1', '2', '3', '4', '5'].map((k) => ({ key: k, label: `${k} 分` }));
    // In a group the assistant only hears messages addressed to it, so say how to address it.
    const text =
      ticket.chat.chatType === 'group'
        ? services.prompts.t('feedback.closed_to_user_group', { no, name: ticket.userName ?? '', bot: services.config.BOT_NAME })
        : services.prompts.t('feedback.closed_to_user', { no });
    await services.notifier.send(ticket.chat, { text, options }, `ticket:${no}:close`);
  }
  await services.store.audit({ at: now.toISOString(), actor, action: 'ticket.close', subject: no });
  return ticket;
}

/** Changes the status (accept, in progress, reopen). Closing goes through closeTicket. */
export async function setTicketStatus(services: Services, no: string, status: TicketStatus, actor: string): Promise<Ticket | null> {
  if (status === 'closed') return closeTicket(services, no, actor);
  const ticket = await services.store.tickets.setStatus(no, status, actor, services.clock.now());
  if (ticket) await services.store.audit({ at: services.clock.now().toISOString(), actor, action: 'ticket.status', subject: no, detail: { status } });
  return ticket;
}

/** Re-categorises a ticket (a logged change, never silent). */
export async function setTicketCategory(services: Services, no: string, category: TicketCategory, actor: string): Promise<Ticket | null> {
  const ticket = await services.store.tickets.setCategory(no, category, actor, services.clock.now());
  if (ticket) await services.store.audit({ at: services.clock.now().toISOString(), actor, action: 'ticket.category', subject: no, detail: { category } });
  return ticket;
}

/** Ticket numbers look like FK20261127-0007. */
export const TICKET_NO = /FK\d{8}-\d{4,}/i;
