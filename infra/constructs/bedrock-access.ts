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

/** Environment of the Bedrock engine (read by `shared/config/runtime-config.ts`). */
export function bedrockEnvironment(resources: BedrockAnsweringResources): Record<string, string> {
  return {
    ENGINE: 'bedrock',
    KNOWLEDGE_BASE_ID: resources.knowledgeBaseId,
    MODEL_ARN: resources.modelArn,
    GUARDRAIL_ID: resources.guardrailId,
    GUARDRAIL_VERSION: resources.guardrailVersion,
    DEFAULT_K: String(resources.numberOfResults),
    POWERTOOLS_SERVICE_NAME: 'course-notes-qa',
    POWERTOOLS_METRICS_NAMESPACE: 'CourseNotesQA',
  };
}

/** Least privilege for answering: the knowledge base, the model (profile) and the guardrail only. */
export function grantBedrockAnswering(fn: lambda.IFunction, resources: BedrockAnsweringResources): void {
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['bedrock:RetrieveAndGenerate', 'bedrock:Retrieve'],
      resources: [resources.knowledgeBaseArn],
    }),
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
