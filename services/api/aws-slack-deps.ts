import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDynamoDbTtlStore } from '../../shared/adapters/aws/dynamodb-ttl-store.js';
import { createSqsJobQueue } from '../../shared/adapters/aws/sqs-job-queue.js';
import type { RuntimeConfig } from '../../shared/config/runtime-config.js';
import { slackSecretsFromSecretsManager } from '../../shared/slack/load-slack-secrets.js';
import type { AppDependencies } from './create-app.js';

/** Slack on AWS: the Secrets Manager secret, the worker's SQS queue and the DynamoDB table (when the stack set them). */
export function createAwsSlackDependencies(config: RuntimeConfig): AppDependencies['slack'] {
  if (!config.SLACK_QUEUE_URL || !config.SLACK_TABLE_NAME || !config.SLACK_SECRET_ARN) return undefined;
  const region = config.AWS_REGION ? { region: config.AWS_REGION } : {};
  return {
    secrets: slackSecretsFromSecretsManager(config.SLACK_SECRET_ARN),
    queue: createSqsJobQueue({ client: new SQSClient(region), queueUrl: config.SLACK_QUEUE_URL }),
    store: createDynamoDbTtlStore({ client: new DynamoDBClient(region), tableName: config.SLACK_TABLE_NAME }),
  };
}
