import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';

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
}

/**
 * Time budget of one question: each Bedrock attempt may take `attemptTimeoutMs`, the SDK makes
 * up to `maxAttempts`, and connecting (3 s per attempt, `create-bedrock-clients.ts`) plus retry
 * back-off must fit too. Functions that answer get a timeout above the sum.
 */
export const ANSWER_BUDGET = { attemptTimeoutMs: 20_000, maxAttempts: 3, marginMs: 12_000 } as const;

/** Lambda timeout of a function answering one question per invocation. */
export const ANSWERING_FUNCTION_TIMEOUT = Duration.seconds(
  Math.ceil((ANSWER_BUDGET.attemptTimeoutMs * ANSWER_BUDGET.maxAttempts + ANSWER_BUDGET.marginMs) / 1000) + 5,
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
