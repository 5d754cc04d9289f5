/** A CLI area (src/cli/*.ts `register`) run in-process on a test app's services: what it printed on stdout. */
import { Command } from 'commander';
import { vi } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import type { Services } from '../../src/services.js';

export function inProcessCli(register: (program: Command, ctx: CliContext) => void, services: () => Services, printJson: (value: unknown) => void = () => {}) {
  return async (...args: string[]): Promise<string> => {
    const program = new Command().exitOverride();
    register(program, { open: async () => services(), close: async () => {}, printJson });
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await program.parseAsync(['node', 'yinling', ...args]);
    } finally {
      spy.mockRestore();
    }
    return out.join('');
  };
}
