/**
 * A feedback being written: its shape, the yes/no answer to its summary, and submitting it as a
 * ticket. Shared by the 'feedback.details' flow and a draft parked for later (parked.ts).
 */
import type { Inbound } from '../../core/types.js';
import type { Services } from '../../services.js';
import type { TicketCategory } from '../../store/ticket-types.js';
import type { SkillResult } from '../types.js';
import { replies } from '../types.js';
import { openTicket } from './actions.js';

/** Flow state of a feedback being written (also what a parked draft keeps). */
export interface Draft {
  intent: 'feedback';
  category?: TicketCategory;
  text?: string;
  details?: { hospital?: string; mayCall?: boolean };
  messageId?: string;
  /** The name from the first message (later messages may not carry it). */
  userName?: string;
  asked?: boolean;
  /** The person does not know which hospital ("不知道在哪"): an answer, the summary says 医院：未说明. */
  hospitalUnknown?: boolean;
  /** The hospital question was asked a second time (after an answer that was no hospital). */
  askedAgain?: boolean;
  /** The summary was shown, so the user has seen what "1" submits (a reminder repeats it otherwise). */
  shown?: boolean;
  /** At the summary the user announced more ("我再补充一句"): the next words are the addition. */
  adding?: boolean;
  /** At the summary the user said something is wrong ("说错了"): the next words are the correction. */
  correcting?: boolean;
  /** The number of the same matter's recent ticket, when asked whether to submit it again. */
  sameAs?: string;
  misses?: number;
}

/** Words of an answer to "回复 1 确认提交，回复 2 取消" said in ordinary words, and the softening around them. */
const YES_WORDS = ['1', '嗯', '恩', '好', '行', '对', '是', '可以', '确认', '确定', '提交', '没错', '没问题', '同意', 'ok', '好嘞', '中', '就这样'];
const NO_WORDS = ['2', '不', '不要', '不用', '不行', '不对', '算了', '取消', '不提交', '先不', '别', '错了', '不是', '不好'];
const SOFT_WORDS = ['吧', '了', '的', '呀', '啊', '哈', '呢', '嘛', '哦', '喔', '啦', '哟', '那', '就', '请', '麻烦', '帮我', '给我', '你', '直接', '谢谢', '谢谢您', '谢谢你', '多谢', '辛苦', '我', '想', '要', '你们', '您', '一下', '谢谢你们', '谢谢大家'];
const ANSWER_WORDS = [...YES_WORDS.map((w) => ({ w, kind: 'yes' as const })), ...NO_WORDS.map((w) => ({ w, kind: 'no' as const })), ...SOFT_WORDS.map((w) => ({ w, kind: 'soft' as const }))].sort(
  (a, b) => b.w.length - a.w.length,
);

/**
 * Greetings, apologies and questions are no answer though made of answer words: "你好" is not
 * 你 + 好, "不好意思" / "对不起" not a no, "是不是" / "好不好" / "不是吧" / "好吗？" ask back.
 */
const NOT_AN_ANSWER = /你好|您好|早上好|上午好|中午好|下午好|晚上好|在吗|在不在|不好意思|对不起|抱歉|([^不])不\1|可不可以|不是吧|[吗么]$/u;

/**
 * "好的，提交吧" / "嗯嗯" / "确认" -> 'yes'; "不提交了" / "算了吧" / "好的，不用了" -> 'no';
 * anything with other words in it, a greeting, an apology or a question -> null (the summary is asked again).
 */
export function confirmAnswer(text: string): 'yes' | 'no' | null {
  // Read with its punctuation, so "谢谢你，好的" is no "你好".
  const said = text.toLowerCase().trim().replace(/[\s\p{P}\p{S}]+$/u, '');
  if (/[?？]/u.test(text) || NOT_AN_ANSWER.test(said)) return null;
  const rest = said.replace(/[\s\p{P}\p{S}]+/gu, '');
  if (rest.length === 0 || rest.length > 12) return null;
  // Every word must be an answer word: "不是二楼，是三楼" is a correction, not a no.
  let yes = false;
  let no = false;
  for (let i = 0; i < rest.length; ) {
    const m = ANSWER_WORDS.find(({ w }) => rest.startsWith(w, i));
    if (!m) return null;
    if (m.kind === 'no') no = true;
    if (m.kind === 'yes') yes = true;
    i += m.w.length;
  }
  return no ? 'no' : yes ? 'yes' : null;
}

/**
 * Creates the ticket of a confirmed draft (hospital reports alert staff) and returns the reply with
 * the ticket number; `data.ticketNo` is set only when a ticket exists, so a failure can be retried.
 */
export async function submitDraft(services: Services, msg: Inbound, draft: Draft): Promise<SkillResult> {
  const { prompts, config, logger } = services;
  const category = draft.category ?? 'other';
  try {
    const { ticket, duplicate } = await openTicket(services, {
      msg: { ...msg, ...(msg.userName || !draft.userName ? {} : { userName: draft.userName }) },
      category,
      text: draft.text ?? '',
      ...(category === 'hospitalization' ? { details: { ...draft.details } } : {}),
      ...(draft.messageId ? { messageId: draft.messageId } : {}),
    });
    const hospitalKey = draft.details?.mayCall === false ? 'feedback.created_hospital_no_call' : 'feedback.created_hospital';
    const key = duplicate ? 'feedback.duplicate' : category === 'hospitalization' ? hospitalKey : 'feedback.created';
    return { ...replies(prompts.t(key, { no: ticket.no })), data: { intent: 'feedback', ticketNo: ticket.no, category, duplicate } };
  } catch (err) {
    logger.error({ err }, 'ticket not created');
    return replies(prompts.t('feedback.failed', { contact: config.STAFF_CONTACT }));
  }
}
