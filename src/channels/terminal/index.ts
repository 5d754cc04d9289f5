/** Terminal channel: `yinling chat`, a readline conversation on this machine. */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { MessageHandler } from '../../core/pipeline.js';
import type { ChannelSender } from '../../core/notifier.js';
import type { Inbound, Reply } from '../../core/types.js';
import { withOptionLines } from '../../core/middleware/footer.js';
import type { Services } from '../../services.js';

/** Renders a reply as plain text, numbered choices included. */
export function renderPlain(reply: Reply): string {
  return withOptionLines(reply).text;
}

export interface TerminalChatOptions {
  /** The person at this terminal (`--user`); a staff terminal uses its own id. Default 'local'. */
  userId?: string;
  userName?: string;
  staff?: boolean;
  /** Where lines are read from and replies written to (tests); default stdin / stdout. */
  input?: Readable;
  output?: Writable;
}

const QUIT = new Set(['退出', 'exit', 'quit', '/quit']);

/** Runs the chat until end of input or "退出". */
export async function runTerminalChat(services: Services, handle: MessageHandler, opts: TerminalChatOptions = {}): Promise<void> {
  const { prompts } = services;
  const userId = opts.userId ?? 'local';
  const input = opts.input ?? process.stdin;
  const out = opts.output ?? process.stdout;
  const inbound = (text: string, n: number): Inbound => ({
    channel: 'terminal',
    chatId: userId,
    chatType: 'private',
    userId,
    ...(opts.userName ? { userName: opts.userName } : {}),
    text,
    messageId: `t-${Date.now()}-${n}`,
  });
  // Only this person's messages: the outbox also holds staff replies, waitlist promotions and rating
  // questions for other terminal users, which wait for them to open their own chat.
  const sender: ChannelSender = {
    name: 'terminal',
    chatIds: [userId],
    async sendText(_to, reply) {
      out.write(`\n🔔 ${renderPlain(reply)}\n> `);
    },
  };
  services.notifier.register(sender);
  services.notifier.startPolling();
  out.write(`${prompts.t('terminal.banner')}\n`);
  let rl: ReturnType<typeof createInterface> | null = null;
  try {
    // Messages queued for this chat while no chat was open (a staff reply, the rating question) come
    // first, and stand in for the greeting: a greeting turn would count as moving on from the rating
    // question, so a bare "5" typed next would no longer be read as the rating.
    const delivered = await services.notifier.drain().catch(() => 0);
    if (delivered === 0) {
      const first = await handle(inbound('你好', 0));
      for (const r of first.replies) out.write(`${renderPlain(r)}\n`);
      out.write('> ');
    }
    // Input is read only now that the service has answered once: lines typed or piped earlier wait
    // in the input stream (a readline interface opened sooner would emit them to nobody, and its end
    // too, so piped input would never finish). The async iterator then buffers each line while the
    // one before it is being answered.
    rl = createInterface({ input, output: out, terminal: (input as { isTTY?: boolean }).isTTY === true });
    let n = 0;
    for await (const line of rl) {
      if (QUIT.has(line.trim())) break;
      const result = await handle(inbound(line, ++n));
      for (const r of result.replies) out.write(`${renderPlain(r)}\n`);
      out.write('> ');
    }
  } finally {
    rl?.close();
    services.notifier.stop();
    services.notifier.unregister('terminal');
    out.write(`${prompts.t('terminal.bye')}\n`);
  }
}
