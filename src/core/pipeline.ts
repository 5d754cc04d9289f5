/**
 * The message pipeline: a list of small middleware functions (grammY-style), each one job,
 * ending in dispatch (dialog flow -> router -> skill). One error boundary wraps the whole turn.
 */
import type { HandleResult, Inbound, Reply } from './types.js';
import type { Services } from '../services.js';
import type { SkillRegistry } from '../skills/index.js';
import type { Router } from './router/router.js';
import { errorBoundary } from './middleware/error-boundary.js';
import { measure } from './middleware/measure.js';
import { dropOwnMessages } from './middleware/drop-own.js';
import { dropDuplicates } from './middleware/dedupe.js';
import { groupTrigger } from './middleware/group-trigger.js';
import { normalizeInput } from './middleware/normalize.js';
import { lengthLimit } from './middleware/length-limit.js';
import { rateLimit, rateRule } from './middleware/rate-limit.js';
import { appendFooter } from './middleware/footer.js';
import { dispatch } from './dispatch.js';
import { personId, personInChat } from './person.js';
import { staffBroadcastCommand } from '../skills/broadcast/index.js';
import { ticketRatingAnswer } from '../skills/feedback/rating.js';

/** Handles one inbound message and returns the replies (possibly none, when dropped). */
export type MessageHandler = (msg: Inbound) => Promise<HandleResult>;

/** State of one turn as it passes through the middleware. */
export interface Turn {
  readonly msg: Inbound;
  /** Normalised text; middleware may rewrite it (strip the wake word, fold digits). */
  text: string;
  readonly services: Services;
  /** True for a staff member (STAFF_IDS) writing in a private chat. */
  isStaff: boolean;
  /**
   * False for a group message that did not address the bot but comes from someone in the middle of
   * a flow with it ("1" after "回复 1 确认"): only that flow may take it, otherwise it is dropped.
   */
  addressed: boolean;
  result: HandleResult;
}

export type Next = () => Promise<void>;
export type Middleware = (turn: Turn, next: Next) => Promise<void>;

/** Replaces the turn's replies (a middleware that answers without calling next). */
export function answer(turn: Turn, replies: Reply[], intent: HandleResult['intent'] = 'unknown'): void {
  turn.result = { ...turn.result, replies, intent };
}

/** Runs middlewares in order; each calls next() to continue. */
export function compose(middlewares: Middleware[]): (turn: Turn) => Promise<void> {
  return (turn) => {
    const run = async (i: number): Promise<void> => {
      const mw = middlewares[i];
      if (mw) await mw(turn, () => run(i + 1));
    };
    return run(0);
  };
}

/** Builds the service's message handler from the services, router and skills. */
export function createMessageHandler(services: Services, router: Router, skills: SkillRegistry): MessageHandler {
  const { config } = services;
  const staffIds = new Set(config.STAFF_IDS);
  const chain = compose([
    errorBoundary,
    measure,
    dropOwnMessages,
    dropDuplicates,
    groupTrigger,
    appendFooter,
    normalizeInput,
    lengthLimit,
    rateLimit(rateRule(config.RATE_LIMIT_PER_MINUTE, 60_000)),
    staffBroadcastCommand,
    ticketRatingAnswer,
    dispatch(router, skills),
  ]);
  return async (msg) => {
    const turn: Turn = {
      msg,
      text: typeof msg.text === 'string' ? msg.text : '',
      services,
      // STAFF_IDS are person ids ("channel:userId"): a bare id could be claimed by anyone on another channel.
      isStaff: msg.chatType === 'private' && staffIds.has(personId(msg)),
      result: { replies: [], intent: 'unknown' },
      addressed: true,
    };
    await chain(turn);
    return turn.result;
  };
}

/** The dialog-state key of a person in a chat ("channel:chatId:userId"). */
export function dialogKey(msg: Pick<Inbound, 'channel' | 'chatId' | 'userId'>): string {
  return personInChat(msg);
}
