import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  DEFAULT_BEDROCK_MAX_ATTEMPTS,
  DEFAULT_BEDROCK_TIMEOUT_MS,
  worstCaseBedrockCallMs,
} from '../../shared/adapters/bedrock/bedrock-call-budget.js';

/** The Bedrock resources a function answering questions uses. */
export interface BedrockAnsweringResources {
  readonly knowledgeBaseId: string;
  readonly knowledgeBaseArn: string;
  /** Inference-profile or foundation-model ARN used for generation. */
  readonly modelArn: string;
  /** ARNs InvokeModel must cover (the profile and the foundation models it routes to). */
  readonly modelResourceArns: string[];
  readonly guardrailId: string;
  readonly guardrailArn: string;
  readonly guardrailVersion: string;
  readonly numberOfResults: number;
  /** A custom assistant profile file (relative to the project root); default: the built-in one. */
  readonly profileFile?: string;
}

/** Where a custom profile lands beside each answering function's bundle (the cwd on Lambda). */
const BUNDLED_PROFILE = 'assistant-profile.json';

/** Files an answering function's bundle must carry besides the code: the custom profile. */
export function answeringFiles(resources: BedrockAnsweringResources): { from: string; to: string }[] {
  return resources.profileFile ? [{ from: resources.profileFile, to: BUNDLED_PROFILE }] : [];
}

/** Per-attempt timeout and attempts of every Bedrock call the deployed functions make. */
export const ANSWER_BUDGET = {
  attemptTimeoutMs: DEFAULT_BEDROCK_TIMEOUT_MS,
  maxAttempts: DEFAULT_BEDROCK_MAX_ATTEMPTS,
} as const;

/**
 * Bedrock calls one request makes one after another at most: `/v1/retrieve` checks the query
 * with ApplyGuardrail, then calls Retrieve (`/v1/ask` makes one RetrieveAndGenerate call).
 */
export const BEDROCK_CALLS_PER_REQUEST = 2;

/**
 * Lambda timeout of a function answering one request per invocation: every call may run into
 * its worst case (all attempts timing out, plus the SDK's retry back-off), with 5 s to spare.
 */
export const ANSWERING_FUNCTION_TIMEOUT = Duration.seconds(
  Math.ceil(
    (BEDROCK_CALLS_PER_REQUEST *
      worstCaseBedrockCallMs(ANSWER_BUDGET.attemptTimeoutMs, ANSWER_BUDGET.maxAttempts)) /
      1000,
  ) + 5,
);

/** Environment of the Bedrock engine (read by `shared/config/runtime-config.ts`). */
export function bedrockEnvironment(resources: BedrockAnsweringResources): Record<string, string> {
  return {
    ENGINE: 'bedrock',
    KNOWLEDGE_BASE_ID: resources.knowledgeBaseId,
    MODEL_ARN: resources.modelArn,
    GUARDRAIL_ID: resources.guardrailId,
    GUARDRAIL_VERSION: resources.guardrailVersion,
    DEFAULT_K: String(resources.numberOfResults),
    BEDROCK_TIMEOUT_MS: String(ANSWER_BUDGET.attemptTimeoutMs),
    BEDROCK_MAX_ATTEMPTS: String(ANSWER_BUDGET.maxAttempts),
    ...(resources.profileFile ? { PROFILE: BUNDLED_PROFILE } : {}),
    POWERTOOLS_SERVICE_NAME: 'course-notes-qa',
    POWERTOOLS_METRICS_NAMESPACE: 'CourseNotesQA',
  };
}

/**
 * Least privilege for answering. `bedrock:RetrieveAndGenerate` has no resource type in the
 * Service Authorization Reference, so it can only be granted on "*": scoped to the knowledge
 * base it never matches. What it can reach is still bounded by the scoped grants Bedrock checks
 * with the caller's credentials while answering: Retrieve on this knowledge base, InvokeModel on
 * this model, ApplyGuardrail on this guardrail.
 */
export function grantBedrockAnswering(fn: lambda.Function, resources: BedrockAnsweringResources): void {
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['bedrock:RetrieveAndGenerate'], resources: ['*'] }));
  fn.addToRolePolicy(
    new iam.PolicyStatement({ actions: ['bedrock:Retrieve'], resources: [resources.knowledgeBaseArn] }),
  );
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: [
        'bedrock:InvokeModel',
        'bedrock:InvokeModelWithResponseStream',
        'bedrock:GetInferenceProfile',
      ],
      resources: resources.modelResourceArns,
    }),
  );
  fn.addToRolePolicy(
    new iam.PolicyStatement({ actions: ['bedrock:ApplyGuardrail'], resources: [resources.guardrailArn] }),
  );
}

/** cdk-nag reason for the "*" grant above, passed to `bundledFunction` as `wildcardReason`. */
export const RETRIEVE_AND_GENERATE_WILDCARD_REASON =
  'bedrock:RetrieveAndGenerate has no resource type (Service Authorization Reference), so IAM only matches it on "*"; the knowledge base, model and guardrail it uses are each granted by ARN.';
