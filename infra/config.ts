import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';
import {
  type ChunkingSettings,
  defaultChunkingSettings,
  validateChunkingSettings,
} from '../shared/corpus/chunking-settings.js';
import { type GuardrailPolicy, guardrailPolicyFor } from '../shared/guardrail/guardrail-policy.js';
import { type AssistantProfile, loadAssistantProfile } from '../shared/profile/assistant-profile.js';

/** Context values arrive as strings from `-c key=value` and as JSON values from cdk.json. */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);
const integer = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int());

/** Retention periods CloudWatch Logs accepts (AWS::Logs::LogGroup RetentionInDays); never-expire excluded. */
export const LOG_RETENTION_DAYS = Object.values(RetentionDays).filter(
  (days): days is number => typeof days === 'number' && days !== RetentionDays.INFINITE,
);

const deploySettingsSchema = z.object({
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'region must look like us-east-1')
    .default('us-east-1'),
  stackName: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,100}$/)
    .default('CourseNotesQa'),
  /** Model id served through a cross-region inference profile (prefix chosen from the region). */
  generationModelId: z.string().min(1).default('amazon.nova-lite-v1:0'),
  /** Set to use a foundation model directly (no inference profile), e.g. in regions without one. */
  useInferenceProfile: flag.default(true),
  embeddingModelId: z.string().min(1).default('amazon.titan-embed-text-v2:0'),
  embeddingDimensions: integer
    .pipe(
      z.union([z.literal(256), z.literal(512), z.literal(1024)], {
        message: 'embeddingDimensions must be 256, 512 or 1024 (Titan Text Embeddings V2)',
      }),
    )
    .default(1024),
  vectorStore: z
    .literal('s3-vectors', { message: 'vectorStore must be "s3-vectors" (the only store this stack builds)' })
    .default('s3-vectors'),
  numberOfResults: integer.pipe(z.number().min(1).max(20, 'numberOfResults must be from 1 to 20')).default(5),
  logRetentionDays: integer
    .pipe(
      z.number().refine((days) => LOG_RETENTION_DAYS.includes(days), {
        message: `logRetentionDays must be one of ${LOG_RETENTION_DAYS.join(', ')} (CloudWatch Logs retention values)`,
      }),
    )
    .default(30),
  alarmEmail: z.string().email('alarmEmail must be an e-mail address').optional(),
  /** Requests per second and per day of the default usage plan. */
  apiRateLimit: integer.default(5),
  apiBurstLimit: integer.default(10),
  apiDailyQuota: integer.default(5000),
  corpusDir: z.string().default('docs-corpus'),
  /** Assistant profile file (JSON) for your own documents; default: the course-notes profile. */
  profile: z.string().min(1).optional(),
  slack: flag.default(false),
  invocationLogging: flag.default(false),
  /** With invocation logging on: deliver prompt and answer text too (off: metadata only). */
  invocationLoggingText: flag.default(false),
  /** Origins allowed to call the API from a browser, comma-separated; `*` allows any. */
  corsOrigins: z
    .string()
    .regex(
      /^(\*|https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*)$/,
      'corsOrigins must be * or comma-separated http(s) origins',
    )
    .default('*'),
});

export type DeploySettings = z.infer<typeof deploySettingsSchema> & {
  /** Shared with the offline engine: the data source chunks exactly as local retrieval does. */
  chunking: ChunkingSettings;
  /** What the assistant is about: read by the deployed functions and the guardrail. */
  assistantProfile: AssistantProfile;
  /** Shared with the offline guardrail, built from the profile. */
  guardrailPolicy: GuardrailPolicy;
};

/** Keys read from cdk.json `context` or `-c key=value`. */
export const DEPLOY_SETTING_KEYS = Object.keys(deploySettingsSchema.shape);

/** Validates deploy settings; throws one message naming every bad key. */
export function readDeploySettings(context: Record<string, unknown>): DeploySettings {
  const picked = Object.fromEntries(
    DEPLOY_SETTING_KEYS.filter((key) => context[key] !== undefined).map((key) => [key, context[key]]),
  );
  const parsed = deploySettingsSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid deploy settings (cdk.json context or -c key=value):\n${lines.join('\n')}`);
  }
  const assistantProfile = loadAssistantProfile(parsed.data.profile);
  return {
    ...parsed.data,
    chunking: validateChunkingSettings(defaultChunkingSettings),
    assistantProfile,
    guardrailPolicy: guardrailPolicyFor(assistantProfile),
  };
}

/** Cross-region inference profile prefix for a region (us., eu., apac.). */
export function inferenceProfilePrefix(region: string): string {
  if (region.startsWith('us-')) return 'us';
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  throw new Error(
    `No cross-region inference profile prefix is known for ${region}; set -c useInferenceProfile=false`,
  );
}
