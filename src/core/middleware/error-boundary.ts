/** The one place errors are caught: log them, count them, give the user a kind reply. */
import type { Middleware } from '../pipeline.js';

export const errorBoundary: Middleware = async (turn, next) => {
  try {
    await next();
  } catch (err) {
    const { logger, metrics, prompts } = turn.services;
    logger.error({ err, channel: turn.msg.channel, chatId: turn.msg.chatId, userId: turn.msg.userId }, 'message handling failed');
    metrics.errors.inc({ where: 'pipeline' });
    turn.result = {
      ...turn.result,
      replies: [{ text: `${prompts.t('core.error')}\n${prompts.t('core.footer')}` }],
      intent: turn.result.intent === 'dropped' ? 'unknown' : turn.result.intent,
    };
  }
};
