/** The main menu (help) as numbered choices. */
import type { Reply, ReplyOption } from '../../core/types.js';
import type { Prompts } from '../../core/prompts.js';

/** The main menu reply; `greeting` adds the self-introduction first. */
export function mainMenu(prompts: Prompts, opts: { greeting?: boolean; name?: string } = {}): Reply {
  const options = prompts.raw<ReplyOption[]>('core.menu');
  const lines = [
    ...(opts.greeting ? [prompts.t('core.greeting', { name: opts.name ?? '' })] : []),
    prompts.t('core.menu_title'),
    ...options.map((o) => `${o.key}. ${o.label}`),
  ];
  return { text: lines.join('\n'), options };
}
