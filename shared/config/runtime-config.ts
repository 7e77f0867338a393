import {
  DEFAULT_BEDROCK_MAX_ATTEMPTS,
  DEFAULT_BEDROCK_TIMEOUT_MS,
} from '../adapters/bedrock/bedrock-call-budget.js';
import * as z from '../validation/zod.js';

const commaList = z.pipe(
  z.string(),
  z.transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ),
);

/** An integer read from a string, within bounds; every way to miss them gets the same message. */
const integer = (min: number, max = Number.MAX_SAFE_INTEGER) => {
  const message =
    max === Number.MAX_SAFE_INTEGER
      ? `must be a whole number, at least ${min}`
      : `must be a whole number from ${min} to ${max}`;
  return z.coerce
    .number({ error: message })
    .check(z.refine(Number.isInteger, message), z.minimum(min, message), z.maximum(max, message));
};
const FRACTION = 'must be a number from 0 to 1';
const fraction = z.coerce.number({ error: FRACTION }).check(z.minimum(0, FRACTION), z.maximum(1, FRACTION));
const nonEmpty = z.string().check(z.minLength(1));
const pattern = (regex: RegExp, message: string) => z.optional(z.string().check(z.regex(regex, message)));

/** Environment variables of the API, with defaults. Documented in README "Configuration". */
export const runtimeConfigSchema = z
  .object({
    PORT: z._default(integer(0, 65535), 3000),
    /** Loopback only by default; `0.0.0.0` (all interfaces) is an explicit choice, e.g. in a container. */
    HOST: z._default(z.string(), '127.0.0.1'),
    ENGINE: z._default(
      z.enum(['local', 'bedrock'], { error: 'ENGINE must be "local" (offline) or "bedrock"' }),
      'local',
    ),
    CORPUS_DIR: z._default(z.string(), 'docs-corpus'),
    /** Worker threads that answer offline (`npm start`); 0 answers on the event loop that serves HTTP. */
    ENGINE_THREADS: z._default(integer(0, 16), 1),
    CHUNKING: z._default(
      z.enum(['fixed', 'hierarchical'], { error: 'CHUNKING must be "fixed" or "hierarchical"' }),
      'fixed',
    ),
    DEFAULT_K: z._default(integer(1, 20), 5),
    CORS_ORIGINS: z._default(commaList, ['*']),
    /** Comma-separated tokens accepted as `Authorization: Bearer <token>` or `x-api-key`. Empty: no auth. */
    API_KEYS: z._default(commaList, []),
    RATE_LIMIT_PER_MINUTE: z._default(integer(0), 0),
    /** Reverse proxies in front of the server whose `X-Forwarded-For` entries are trusted (0: none). */
    TRUST_PROXY_HOPS: z._default(integer(0, 10), 0),
    /** Open connections the local server accepts in all (HTTP limits, docs/security-and-limits.md). */
    MAX_CONNECTIONS: z._default(integer(1, 100_000), 512),
    /** Open connections per client address; 0 turns the per-address cap off. */
    MAX_CONNECTIONS_PER_ADDRESS: z._default(integer(0, 100_000), 64),
    /** How long SIGTERM/SIGINT waits for in-flight requests and Slack jobs before closing them. */
    SHUTDOWN_TIMEOUT_SECONDS: z._default(integer(0, 3600), 10),
    SESSION_TTL_SECONDS: z._default(integer(60), 3600),
    /** Assistant profile file (subject, examples, messages, denied topics); default: the course notes. */
    PROFILE: z.optional(nonEmpty),
    // Bedrock engine
    AWS_REGION: z.optional(z.string()),
    KNOWLEDGE_BASE_ID: pattern(
      /^[0-9A-Za-z]{10}$/,
      'KNOWLEDGE_BASE_ID is the 10-character id shown by `aws bedrock-agent list-knowledge-bases`',
    ),
    MODEL_ARN: pattern(
      /^arn:aws(-[a-z]+)*:bedrock:/,
      'MODEL_ARN must be a Bedrock foundation-model or inference-profile ARN (arn:aws:bedrock:...)',
    ),
    GUARDRAIL_ID: z.optional(nonEmpty),
    GUARDRAIL_VERSION: pattern(/^(DRAFT|\d+)$/, 'GUARDRAIL_VERSION is DRAFT or a version number such as 1'),
    RERANKING_MODEL_ARN: z.optional(z.string()),
    SEARCH_TYPE: z.optional(
      z.enum(['HYBRID', 'SEMANTIC'], { error: 'SEARCH_TYPE must be SEMANTIC (or unset)' }),
    ),
    TEMPERATURE: z._default(fraction, 0),
    TOP_P: z._default(fraction, 0.9),
    MAX_TOKENS: z._default(integer(1, 8192), 700),
    STOP_SEQUENCES: z._default(commaList, []),
    /** Per-attempt timeout of a Bedrock call; × BEDROCK_MAX_ATTEMPTS must stay under the Lambda timeout. */
    BEDROCK_TIMEOUT_MS: z._default(integer(1000, 300_000), DEFAULT_BEDROCK_TIMEOUT_MS),
    BEDROCK_MAX_ATTEMPTS: z._default(integer(1, 10), DEFAULT_BEDROCK_MAX_ATTEMPTS),
    // Slack
    SLACK_SIGNING_SECRET: z.optional(nonEmpty),
    SLACK_BOT_TOKEN: z.optional(nonEmpty),
    SLACK_API_URL: z._default(
      z.url({ error: 'SLACK_API_URL must be a URL such as https://slack.com/api/' }),
      'https://slack.com/api/',
    ),
    /** Where `https://hooks.slack.com/<path>` response URLs are sent (tests: a local fake). */
    SLACK_HOOKS_URL: z._default(
      z.url({ error: 'SLACK_HOOKS_URL must be a URL such as https://hooks.slack.com/' }),
      'https://hooks.slack.com/',
    ),
    // Slack on AWS (set by the stack)
    SLACK_QUEUE_URL: z.optional(z.url()),
    SLACK_TABLE_NAME: z.optional(nonEmpty),
    SLACK_SECRET_ARN: z.optional(
      z.string().check(z.startsWith('arn:', 'SLACK_SECRET_ARN must be a Secrets Manager ARN')),
    ),
  })
  .check(
    z.superRefine((config, context) => {
      if (config.SEARCH_TYPE === 'HYBRID') {
        context.addIssue({
          code: 'custom',
          path: ['SEARCH_TYPE'],
          message:
            'SEARCH_TYPE=HYBRID is not supported: the knowledge base stores its vectors in Amazon S3 Vectors, which Bedrock searches SEMANTIC only (HYBRID needs an OpenSearch Serverless store); unset SEARCH_TYPE or set SEMANTIC',
        });
      }
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
    }),
  );

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

/** Parses the environment once; throws one message listing every bad variable and how to fix it. */
export function readRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = runtimeConfigSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}
