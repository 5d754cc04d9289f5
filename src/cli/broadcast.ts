/** `yinling broadcast --to groups|ROOM… "通知内容"`: queues a notice in the outbox for the running service. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import type { ChannelName, ChatRef } from '../core/types.js';
import { queueBroadcast } from '../skills/broadcast/index.js';
import { ALL_GROUPS } from '../channels/outgoing/targets.js';

/** Turns --to values into outbox targets ("groups" = every WeChat group; otherwise room ids or topics). */
export function broadcastTargetsFrom(to: string[], channel: ChannelName): ChatRef[] {
  return to.map((t) => (t === 'groups' && channel === 'wechat' ? { channel, chatId: ALL_GROUPS, chatType: 'group' } : { channel, chatId: t, chatType: 'group' }));
}

/** Adds the broadcast command. */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('broadcast')
    .description('queue a notice for chat groups; the running service sends it, throttled')
    .requiredOption('--to <targets...>', '"groups" (every WeChat group), or room ids / room names / Telegram chat ids')
    .option('--channel <name>', 'wechat or telegram', 'wechat')
    .option('--json', 'print JSON')
    .argument('[text]', 'the notice (may also come last after --to targets)')
    .action(async (textArg: string | undefined, opts: { to: string[]; channel: string; json?: boolean }) => {
      if (opts.channel !== 'wechat' && opts.channel !== 'telegram') {
        process.stderr.write('--channel must be wechat or telegram\n');
        process.exitCode = 2;
        return;
      }
      if (opts.channel === 'telegram' && opts.to.slice(0, textArg ? undefined : -1).includes('groups')) {
        process.stderr.write('Telegram bots cannot list their groups: give the chat ids with --to\n');
        process.exitCode = 2;
        return;
      }
      // `--to a b "通知"`: commander's variadic option swallows the notice; it is the last word
      const text = textArg ?? (opts.to.length > 1 ? opts.to.pop()! : '');
      const body = text.trim();
      if (!body) {
        process.stderr.write('the notice is empty\n');
        process.exitCode = 2;
        return;
      }
      const services = await ctx.open();
      try {
        const targets = broadcastTargetsFrom(opts.to, opts.channel);
        const queued = await queueBroadcast(services, targets, body, 'cli');
        if (opts.json) ctx.printJson({ queued, targets });
        else process.stdout.write(`queued for ${queued} ${queued === 1 ? 'target' : 'targets'}: ${targets.map((t) => t.chatId).join(', ')} — the running service delivers it\n`);
      } finally {
        await ctx.close();
      }
    });
}
