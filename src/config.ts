/** Every setting, read once from the environment (.env via dotenv) and validated with zod. */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const list = z.string().transform((v) =>
  v
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean),
);
const optionalUrl = z.union([z.literal(''), z.url()]).transform((v) => v || undefined);
const optionalString = z.string().transform((v) => v || undefined);

/** The schema: variable name -> type, default and what is valid (also the .env.example). */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('data'),
  KNOWLEDGE_DIR: z.string().min(1).default('knowledge'),
  PROMPTS_DIR: z.string().min(1).default('prompts'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIMEZONE: z.string().min(1).default('Asia/Shanghai'),

  STORE: z.enum(['sqlite', 'redis']).default('sqlite'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().default('yinling'),

  BOT_NAME: z.string().min(1).default('银龄助手'),
  WAKE_WORDS: list.default(['小银', '银龄助手']),
  STAFF_IDS: list.default([]),
  STAFF_CONTACT: z.string().default('老干部局服务窗口 电话 0000-0000000（工作日 8:30-17:30）'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  DIALOG_TTL_MINUTES: z.coerce.number().int().min(1).default(30),
  MAX_MESSAGE_CHARS: z.coerce.number().int().min(1).default(2000),

  HTTP_API_TOKEN: optionalString.default(''),
  HTTP_CALLBACK_URL: optionalUrl.default(''),
  TRUST_PROXY: bool.default(false),
  CONSOLE_SESSION_SECRET: optionalString.default(''),
  FEEDBACK_DUE_HOURS: z.coerce.number().min(1).default(72),
  FEEDBACK_URGENT_DUE_HOURS: z.coerce.number().min(1).default(4),

  WECHATY_PUPPET: z.string().default(''),
  WECHATY_PUPPET_TOKEN: optionalString.default(''),
  WECHAT_ROOMS: list.default([]),
  WECHAT_ENABLED: bool.default(false),
  WECHAT_SEND_GAP_MS: z.coerce.number().int().min(0).default(1500),
  OUTGOING_SPLIT_CHARS: z.coerce.number().int().min(50).default(500),

  TELEGRAM_BOT_TOKEN: optionalString.default(''),
  TELEGRAM_API_ROOT: optionalUrl.default(''),
  TELEGRAM_WEBHOOK_URL: optionalUrl.default(''),
  TELEGRAM_WEBHOOK_SECRET: optionalString.default(''),

  OPENAI_BASE_URL: optionalUrl.default(''),
  OPENAI_API_KEY: optionalString.default(''),
  LLM_MODEL: optionalString.default(''),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).default(8000),
  EMBEDDING_MODEL: optionalString.default(''),
  LLM_SEND_PERSONAL_DATA: bool.default(false),
  POLICY_MIN_RELEVANCE: z.coerce.number().min(0).max(1).default(0.5),
  /** From here up to POLICY_MIN_RELEVANCE the closest passage is quoted as a tentative answer; 1 turns that off. */
  POLICY_TENTATIVE_RELEVANCE: z.coerce.number().min(0).max(1).default(0.4),
  FAQ_MIN_SIMILARITY: z.coerce.number().min(0).max(1).default(0.7),
});

export type Config = z.infer<typeof configSchema>;

/** A configuration problem, reported as one line naming the variable. */
export class ConfigError extends Error {}

/** Parses an environment object into a Config; throws ConfigError naming the first bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined) picked[key] = value.trim();
  }
  const result = configSchema.safeParse(picked);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? '?');
    throw new ConfigError(`配置错误 ${name}=${JSON.stringify(picked[name] ?? '')}: ${describeIssue(issue)}`);
  }
  return result.data;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_type':
      return `must be a ${issue.expected}`;
    default:
      return issue.message;
  }
}

/** Loads .env (if present) into process.env, then parses it. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
  return parseConfig(env);
}
