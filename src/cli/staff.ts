/** `yinling staff add|list`: staff console accounts (passwords stored as scrypt hashes). */
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import type { CliContext } from './context.js';
import { hashPassword, passwordProblem } from '../channels/http/console/password.js';

async function readFirstLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

/** Adds the staff commands to the program. */
export function register(program: Command, ctx: CliContext, _evalCommand?: Command): void {
  const staff = program.command('staff').description('staff console accounts');

  staff
    .command('add <username>')
    .description('create a console account, or set a new password (password from --password or the first line of stdin)')
    .option('--password <password>', 'the password (otherwise read from stdin)')
    .option('--name <displayName>', 'name shown in the console and the ticket history')
    .action(async (username: string, opts: { password?: string; name?: string }) => {
      if (!/^[\w.@-]{2,64}$/u.test(username)) throw new Error('username: 2-64 letters, digits, . _ - @');
      const password = opts.password ?? (await readFirstLine()).trim();
      const problem = passwordProblem(password);
      if (problem) throw new Error(problem);
      const services = await ctx.open();
      const existing = await services.store.staff.get(username);
      await services.store.staff.upsert({
        username,
        ...(opts.name ? { displayName: opts.name } : existing?.displayName ? { displayName: existing.displayName } : {}),
        passwordHash: await hashPassword(password),
        createdAt: existing?.createdAt ?? services.clock.now().toISOString(),
      });
      await services.store.audit({ at: services.clock.now().toISOString(), actor: 'cli', action: existing ? 'staff.password' : 'staff.add', subject: username });
      process.stdout.write(`${existing ? 'password updated' : 'staff account created'}: ${username}\n`);
    });

  staff
    .command('list')
    .description('list console accounts')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const services = await ctx.open();
      const accounts = (await services.store.staff.list()).map((a) => ({
        username: a.username,
        displayName: a.displayName ?? null,
        createdAt: a.createdAt,
        disabled: Boolean(a.disabled),
      }));
      if (opts.json) return ctx.printJson(accounts);
      for (const a of accounts) process.stdout.write(`${a.username}${a.displayName ? `  ${a.displayName}` : ''}  ${a.createdAt}\n`);
      if (accounts.length === 0) process.stdout.write('(none)\n');
    });
}
