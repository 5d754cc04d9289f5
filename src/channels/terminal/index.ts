/** Terminal channel: `yinling chat`, a readline conversation on this machine. */
import { createInterface } from 'node:readline/promises';
import type { MessageHandler } from '../../core/pipeline.js';
import type { ChannelSender } from '../../core/notifier.js';
import type { Reply } from '../../core/types.js';
import { withOptionLines } from '../../core/middleware/footer.js';
import type { Services } from '../../services.js';

/** Renders a reply as plain text, numbered choices included. */
export function renderPlain(reply: Reply): string {
  return withOptionLines(reply).text;
}

/** Runs the chat until end of input or "退出". */
export async function runTerminalChat(services: Services, handle: MessageHandler, opts: { userId?: string; userName?: string; staff?: boolean } = {}): Promise<void> {
  const { prompts } = services;
  const userId = opts.userId ?? 'local';
  const out = process.stdout;
  const sender: ChannelSender = {
    name: 'terminal',
    async sendText(_to, reply) {
      out.write(`\n🔔 ${renderPlain(reply)}\n> `);
    },
  };
  services.notifier.register(sender);
  services.notifier.startPolling();
  out.write(`${prompts.t('terminal.banner')}\n`);
  const rl = createInterface({ input: process.stdin, output: out, terminal: process.stdin.isTTY === true });
  // lines are read through the async iterator, which buffers them: a line typed (or piped) while
  // the previous one is still being answered waits its turn instead of being lost
  let n = 0;
  try {
    // Messages queued for this chat while no chat was open (a staff reply, the rating question) come
    // first, and stand in for the greeting: a greeting turn would count as moving on from the rating
    // question, so a bare "5" typed next would no longer be read as the rating.
    const delivered = await services.notifier.drain().catch(() => 0);
    if (delivered === 0) {
      const first = await handle({ channel: 'terminal', chatId: userId, chatType: 'private', userId, ...(opts.userName ? { userName: opts.userName } : {}), text: '你好', messageId: `t-${Date.now()}-0` });
      for (const r of first.replies) out.write(`${renderPlain(r)}\n`);
      out.write('> ');
    }
    for await (const line of rl) {
      if (['退出', 'exit', 'quit', '/quit'].includes(line.trim())) break;
      const result = await handle({
        channel: 'terminal',
        chatId: userId,
        chatType: 'private',
        userId,
        ...(opts.userName ? { userName: opts.userName } : {}),
        text: line,
        messageId: `t-${Date.now()}-${++n}`,
      });
      for (const r of result.replies) out.write(`${renderPlain(r)}\n`);
      out.write('> ');
    }
  } finally {
    rl.close();
    services.notifier.stop();
    services.notifier.unregister('terminal');
    out.write(`${prompts.t('terminal.bye')}\n`);
  }
}
