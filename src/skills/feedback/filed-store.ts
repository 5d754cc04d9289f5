/**
 * The ticket whose matter the person's next words may continue, kept beside the dialog: one just
 * filed (for FILED_LISTEN_MS), or one a staff reply just reached (for REPLY_LISTEN_MS: the reply may
 * ask something, "请问住在哪个科？", and is read when the person looks). filed.ts offers the addition;
 * kept apart so the ticket actions (a staff reply) can start listening without importing that flow.
 */
import type { Inbound } from '../../core/types.js';
import type { Services } from '../../services.js';
import type { Ticket } from '../../store/ticket-types.js';
import { listenKey } from '../../core/middleware/group-trigger.js';

/** How long after filing the next words may be more of the same matter. */
export const FILED_LISTEN_MS = 10 * 60_000;
/** How long after a staff reply the person's next words may answer it. */
export const REPLY_LISTEN_MS = 24 * 3_600_000;

type Chat = Pick<Inbound, 'channel' | 'chatId' | 'userId'>;

/** Why the ticket is listened to: the person just filed it, or staff just replied to it. */
export type FiledSource = 'filed' | 'reply';

/** The ticket listened to. */
export interface Filed {
  ticketNo: string;
  category: Ticket['category'];
  source: FiledSource;
  /** A staff reply reached a group: the person's words are heard there without the wake word (until one is offered). */
  unaddressed: boolean;
  /** When the listening began (the filing, or the staff reply reaching the chat). */
  since: string;
}

/** Store key of the ticket listened to, beside the person's dialog (group-trigger.ts reads it too). */
function filedKey(chat: Chat): string {
  return listenKey(chat);
}

/** Remembers the ticket, so the next words may be offered as more of it. */
export async function rememberFiled(
  services: Services,
  chat: Chat,
  ticket: Pick<Ticket, 'no' | 'category'>,
  source: FiledSource = 'filed',
  opts: { unaddressed?: boolean; ttlMs?: number } = {},
): Promise<void> {
  const now = services.clock.now();
  const ttl = opts.ttlMs ?? (source === 'reply' ? REPLY_LISTEN_MS : FILED_LISTEN_MS);
  const data = { ticketNo: ticket.no, category: ticket.category, source, ...(opts.unaddressed === true ? { unaddressed: true } : {}) };
  await services.store.setDialog(filedKey(chat), { flow: 'feedback.filed', step: 'listen', data, updatedAt: now.toISOString() }, ttl, now);
}

/** How long the listening has left (ms), 0 when none. */
export async function filedTimeLeft(services: Services, chat: Chat, source: FiledSource): Promise<number> {
  const state = await services.store.getDialog(filedKey(chat), services.clock.now());
  if (!state) return 0;
  const ttl = source === 'reply' ? REPLY_LISTEN_MS : FILED_LISTEN_MS;
  return Math.max(0, Date.parse(state.updatedAt) + ttl - services.clock.now().getTime());
}

/** The ticket listened to, or null (none, or its time is up). */
export async function loadFiled(services: Services, chat: Chat): Promise<Filed | null> {
  const state = await services.store.getDialog(filedKey(chat), services.clock.now());
  if (!state || typeof state.data.ticketNo !== 'string') return null;
  return { ticketNo: state.data.ticketNo, category: (state.data.category as Ticket['category'] | undefined) ?? 'other', source: state.data.source === 'reply' ? 'reply' : 'filed', unaddressed: state.data.unaddressed === true, since: state.updatedAt };
}

/** Stops listening (the words were taken as an answer, or the ticket is gone). */
export async function forgetFiled(services: Services, chat: Chat): Promise<void> {
  await services.store.clearDialog(filedKey(chat));
}
