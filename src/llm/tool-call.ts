/** One forced function call whose arguments are defined and checked by the same zod schema. */
import { z } from 'zod';
import type { ChatCompletionMessage, ChatCompletionTool } from 'openai/resources/chat/completions';
import { RejectedOutput } from './client.js';

/** The tool definition the model sees: zod 4 -> JSON Schema (draft-07, understood by vLLM/Ollama). */
export function toolFor(name: string, description: string, schema: z.ZodType): ChatCompletionTool {
  const { $schema: _ignored, ...parameters } = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>;
  return { type: 'function', function: { name, description, parameters } };
}

/** Reads the arguments of the call to `name` and validates them; anything else is rejected. */
export function readToolCall<S extends z.ZodType>(message: ChatCompletionMessage, name: string, schema: S): z.output<S> {
  const call = message.tool_calls?.find((c) => c.type === 'function' && c.function.name === name);
  if (!call || call.type !== 'function') throw new RejectedOutput(`no ${name} tool call`);
  let args: unknown;
  try {
    args = JSON.parse(call.function.arguments);
  } catch {
    throw new RejectedOutput(`${name} arguments are not JSON`);
  }
  const parsed = schema.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RejectedOutput(`${name} arguments invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`);
  }
  return parsed.data;
}
