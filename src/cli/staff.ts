/** `yinling` commands of this area. Placeholder: filled by the issue that owns the area. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** Adds this area's commands to the program (and subcommands to `eval` when given). */
export function register(_program: Command, _ctx: CliContext, _evalCommand?: Command): void {}
