/**
 * Human handoff: the staff contact from configuration, and — after a yes — a ticket so staff call
 * back. Ticket creation goes through store.tickets (category 'handoff').
 */
import type { Skill, FlowHandler } from '../types.js';
import { openHandoffTicket } from '../feedback/index.js';

export const handoff: Skill = async ({ services, dialog, text, route }) => {
  const { prompts, config } = services;
  // What the person said goes on the call-back ticket, unless it was only "9" / "转人工".
  const question = route.source === 'menu' ? undefined : text;
  await dialog.start('handoff.confirm', 'ask', { intent: 'human_handoff', ...(question ? { question } : {}) });
  const options = [
    { key: '1', label: prompts.t('handoff.yes') },
    { key: '2', label: prompts.t('handoff.no') },
  ];
  return {
    replies: [{ text: [prompts.t('handoff.contact', { contact: config.STAFF_CONTACT }), prompts.t('handoff.ask_callback'), ...options.map((o) => `${o.key}. ${o.label}`)].join('\n'), options }],
  };
};

const YES = /^(1|是|是的|好|好的|要|需要|可以|行|嗯|对)[。！!]?$/u;
const NO = /^(2|不|不用|不要|不需要|算了|没事|不了)[。！!了]*$/u;

const confirm: FlowHandler = async ({ services, text, msg, dialog, state }) => {
  const { prompts, logger } = services;
  if (NO.test(text.trim())) {
    await dialog.clear();
    return { replies: [{ text: prompts.t('handoff.declined') }], data: { intent: 'human_handoff' } };
  }
  if (!YES.test(text.trim())) return { replies: [], passThrough: true };
  await dialog.clear();
  try {
    // Through the feedback module: same numbering and dedupe, and staff on duty are alerted.
    const { ticket } = await openHandoffTicket(services, msg, String(state.data.question ?? prompts.t('handoff.ticket_text')));
    return { replies: [{ text: prompts.t('handoff.ticket_created', { no: ticket.no }) }], data: { intent: 'human_handoff', ticketNo: ticket.no } };
  } catch (err) {
    logger.error({ err }, 'handoff ticket not created');
    return { replies: [{ text: prompts.t('handoff.ticket_failed', { contact: services.config.STAFF_CONTACT }) }], data: { intent: 'human_handoff' } };
  }
};

export const handoffFlows: Record<string, FlowHandler> = { 'handoff.confirm': confirm };
