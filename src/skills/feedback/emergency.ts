/**
 * An emergency at home ("我刚才在家摔了一跤 起不来了", "老伴晕倒了", "我胸口疼 喘不上气"): someone
 * needs help now and is not in a hospital. Such a message is no hospital report to confirm: the reply
 * says at once to call 120 or family and neighbours and gives the staff phone, and an urgent ticket
 * (category hospitalization, details.emergency) alerts staff on duty immediately. Nothing is asked first.
 */
import type { SkillContext, SkillResult } from '../types.js';
import { openTicket } from './actions.js';
import { firstMessageDetails } from './classify.js';
import { dangerNow } from '../../core/emergency.js';

/** True when `text` tells of someone in danger now and not (yet) in a hospital. */
export function isEmergency(text: string): boolean {
  return dangerNow(text) && firstMessageDetails(text).hospital === undefined;
}

/**
 * Answers an emergency: the urgent ticket (staff alerted at once by openTicket) and the reply with
 * 120, family and neighbours, and the staff phone. When the ticket cannot be written the reply still
 * says all that, so the person is never left without help. The caller then listens for more
 * ("我一个人在家", filed.ts answerEmergencyAndListen).
 */
export async function answerEmergency(ctx: SkillContext, text: string): Promise<SkillResult> {
  const { services, msg } = ctx;
  const { prompts, config, logger } = services;
  const contact = config.STAFF_CONTACT;
  try {
    const { ticket } = await openTicket(services, { msg, category: 'hospitalization', text, details: { emergency: true } });
    return { replies: [{ text: prompts.t('feedback.emergency', { contact, no: ticket.no }) }], data: { intent: 'feedback', ticketNo: ticket.no, category: 'hospitalization', emergency: true } };
  } catch (err) {
    logger.error({ err }, 'emergency ticket not created');
    return { replies: [{ text: prompts.t('feedback.emergency_no_ticket', { contact }) }], data: { intent: 'feedback', emergency: true } };
  }
}
