/** Every answer ends with the way out: "回复 0 回主菜单，回复 9 找工作人员". */
import type { Middleware } from '../pipeline.js';

export const appendFooter: Middleware = async (turn, next) => {
  await next();
  const footer = turn.services.prompts.t('core.footer');
  const last = turn.result.replies[turn.result.replies.length - 1];
  if (last && !last.text.includes(footer)) last.text = `${last.text}\n${footer}`;
};
