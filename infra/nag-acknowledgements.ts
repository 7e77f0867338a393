import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { CourseNotesQaStack } from './stacks/course-notes-qa-stack.js';

const acknowledge = (scope: IConstruct, id: string, reason: string) =>
  Validations.of(scope).acknowledge({ id, reason });

/** Every cdk-nag finding this stack accepts, each with the reason. Anything else fails synth. */
export function acknowledgeNagFindings(stack: CourseNotesQaStack): void {
  acknowledge(
    stack,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'AWSLambdaBasicExecutionRole only lets each function write its own CloudWatch logs; a hand-written copy would add nothing.',
  );

  const api = stack.api.api;
  acknowledge(
    api,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    'The account-level API Gateway logging role uses the AWS managed policy that API Gateway documents for it.',
  );
  acknowledge(
    api,
    'AwsSolutions-APIG4',
    'Callers authenticate with API keys bound to a usage plan (throttle + quota), the product default; /healthz is public for health checks. Add a Cognito or IAM authorizer for per-user identity.',
  );
  acknowledge(
    api,
    'AwsSolutions-APIG2',
    'Request bodies are validated by the app with the same limits (shared zod schemas), which answers in the contract error shape; API Gateway cannot put its validation message into valid JSON.',
  );
  acknowledge(
    api,
    'AwsSolutions-COG4',
    'No Cognito user pool: API keys with a usage plan are the default auth (see AwsSolutions-APIG4).',
  );
  acknowledge(
    api.deploymentStage,
    'AwsSolutions-APIG3',
    'No WAF by default so an idle deployment costs nothing; the usage plan throttles and caps each key. Attach a WAF web ACL for public production use.',
  );
  acknowledge(
    stack.api.handler,
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock:*::foundation-model/amazon.nova-lite-v1:0]',
    'A cross-region inference profile routes to this one foundation model in any of its regions, so only the region is a wildcard.',
  );
  if (stack.slack) {
    acknowledge(
      stack.slack.worker,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock:*::foundation-model/amazon.nova-lite-v1:0]',
      'A cross-region inference profile routes to this one foundation model in any of its regions, so only the region is a wildcard.',
    );
  }
  acknowledge(
    stack.knowledgeBase,
    'AwsSolutions-IAM5[Resource::<CorpusBucket76874A67.Arn>/*]',
    'The knowledge base must read every object in the corpus bucket; the grant is limited to that bucket.',
  );

  // aws-cdk-lib's own singleton handlers (BucketDeployment, AwsCustomResource, bucket notifications).
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    acknowledge(
      child,
      'AwsSolutions-L1',
      'Runtime of the BucketDeployment handler is chosen by aws-cdk-lib, not by this project.',
    );
    for (const finding of [
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      'Resource::<CorpusBucket76874A67.Arn>/*',
      `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${Stack.of(stack).region}/*`,
    ]) {
      acknowledge(
        child,
        `AwsSolutions-IAM5[${finding}]`,
        'BucketDeployment (aws-cdk-lib) copies the corpus from the CDK asset bucket into the corpus bucket; its grants are scoped to those two buckets.',
      );
    }
  }
}
