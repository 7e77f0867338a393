import * as z from 'zod';

const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

/** Environment variables of the API, with defaults. Documented in README "Configuration". */
export const runtimeConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    ENGINE: z
      .enum(['local', 'bedrock'], { message: 'ENGINE must be "local" (offline) or "bedrock"' })
      .default('local'),
    CORPUS_DIR: z.string().default('docs-corpus'),
    CHUNKING: z
      .enum(['fixed', 'hierarchical'], { message: 'CHUNKING must be "fixed" or "hierarchical"' })
      .default('fixed'),
    DEFAULT_K: z.coerce.number().int().min(1).max(20).default(5),
    CORS_ORIGINS: commaList.default(['*']),
    /** Comma-separated tokens accepted as `Authorization: Bearer <token>` or `x-api-key`. Empty: no auth. */
    API_KEYS: commaList.default([]),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(0),
    SESSION_TTL_SECONDS: z.coerce.number().int().min(60).default(3600),
    BLOCKED_INPUT_MESSAGE: z.string().min(1).optional(),
    BLOCKED_OUTPUT_MESSAGE: z.string().min(1).optional(),
    // Bedrock engine
    AWS_REGION: z.string().optional(),
    KNOWLEDGE_BASE_ID: z
      .string()
      .regex(
        /^[0-9A-Za-z]{10}$/,
        'KNOWLEDGE_BASE_ID is the 10-character id shown by `aws bedrock-agent list-knowledge-bases`',
      )
      .optional(),
    MODEL_ARN: z
      .string()
      .regex(
        /^arn:aws(-[a-z]+)*:bedrock:/,
        'MODEL_ARN must be a Bedrock foundation-model or inference-profile ARN (arn:aws:bedrock:...)',
      )
      .optional(),
    GUARDRAIL_ID: z.string().min(1).optional(),
    GUARDRAIL_VERSION: z
      .string()
      .regex(/^(DRAFT|\d+)$/, 'GUARDRAIL_VERSION is DRAFT or a version number such as 1')
      .optional(),
    RERANKING_MODEL_ARN: z.string().optional(),
    SEARCH_TYPE: z.enum(['HYBRID', 'SEMANTIC']).optional(),
    TEMPERATURE: z.coerce.number().min(0).max(1).default(0),
    TOP_P: z.coerce.number().min(0).max(1).default(0.9),
    MAX_TOKENS: z.coerce.number().int().min(1).max(8192).default(700),
    STOP_SEQUENCES: commaList.default([]),
    BEDROCK_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
    // Slack
    SLACK_SIGNING_SECRET: z.string().min(1).optional(),
    SLACK_BOT_TOKEN: z.string().min(1).optional(),
    SLACK_API_URL: z
      .string()
      .url('SLACK_API_URL must be a URL such as https://slack.com/api/')
      .default('https://slack.com/api/'),
    // Slack on AWS (set by the stack)
    SLACK_QUEUE_URL: z.string().url().optional(),
    SLACK_TABLE_NAME: z.string().min(1).optional(),
    SLACK_SECRET_ARN: z
      .string()
      .startsWith('arn:', 'SLACK_SECRET_ARN must be a Secrets Manager ARN')
      .optional(),
  })
  .superRefine((config, context) => {
    if (config.ENGINE !== 'bedrock') return;
    for (const key of ['KNOWLEDGE_BASE_ID', 'MODEL_ARN', 'GUARDRAIL_ID', 'GUARDRAIL_VERSION'] as const) {
      if (!config[key]) {
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `${key} is required when ENGINE=bedrock (see README "Run against Amazon Bedrock")`,
        });
      }
    }
  });

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

/** Parses the environment once; throws one message listing every bad variable and how to fix it. */
export function readRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = runtimeConfigSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}
