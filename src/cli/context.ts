/** What CLI command modules receive: a way to open the services lazily, and output helpers. */
import type { Services } from '../services.js';

export interface CliContext {
  /** Opens config, store, prompts… (once); commands that need no services never call it. */
  open(): Promise<Services>;
  /** Closes whatever `open` opened. */
  close(): Promise<void>;
  /** Prints a value as JSON (one document) to stdout. */
  printJson(value: unknown): void;
}
