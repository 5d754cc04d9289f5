/** The LLM's system prompts and message templates: prompts/llm/*.md, editable without code. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fill, readPromptFile, type PromptVars } from '../core/prompts.js';

const FILES = {
  answerSystem: 'answer-system.md',
  answerUser: 'answer-user.md',
  routeSystem: 'route-system.md',
  routeTool: 'route-tool.md',
  feedbackSystem: 'feedback-system.md',
  feedbackTool: 'feedback-tool.md',
} as const;

export type LlmPromptName = keyof typeof FILES;

/** The loaded texts; `render` fills `{name}` placeholders in one pass (data is never re-scanned). */
export class LlmPrompts {
  private constructor(private readonly texts: Record<LlmPromptName, string>) {}

  /** Reads every file from `<promptsDir>/llm/`; a missing file stops start-up naming it. */
  static load(promptsDir: string): LlmPrompts {
    const dir = join(promptsDir, 'llm');
    const texts = {} as Record<LlmPromptName, string>;
    for (const [name, file] of Object.entries(FILES) as [LlmPromptName, string][]) {
      if (!existsSync(join(dir, file))) {
        throw new Error(`LLM prompt file missing: ${join(dir, file)} (set PROMPTS_DIR or restore the file)`);
      }
      texts[name] = readPromptFile(dir, file).trim();
    }
    return new LlmPrompts(texts);
  }

  /** The text of one prompt file, placeholders filled. */
  render(name: LlmPromptName, vars: PromptVars = {}): string {
    return fill(this.texts[name], vars);
  }
}
