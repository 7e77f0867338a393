import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LAMBDA_ENTRIES } from '../lambda-bundles.js';
import {
  ANSWERING_FUNCTION_TIMEOUT,
  answeringFiles,
  type BedrockAnsweringResources,
  bedrockEnvironment,
  grantBedrockAnswering,
  RETRIEVE_AND_GENERATE_WILDCARD_REASON,
} from './bedrock-access.js';
import { bundledFunction } from './bundled-function.js';

export interface SlackIntegrationProps {
  readonly bedrock: BedrockAnsweringResources;
  readonly logRetention: logs.RetentionDays;
}

/**
 * What `shared/adapters/aws/dynamodb-ttl-store.ts` sends (conditional puts are PutItem too;
 * DeleteItem releases a worker's "answered" claim when Slack certainly did not post).
 */
const SLACK_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'];

/** The worker answers one job per invocation: the answer's budget plus posting it to Slack. */
export const SLACK_WORKER_TIMEOUT = ANSWERING_FUNCTION_TIMEOUT.plus(Duration.seconds(15));

/**
 * Slack on AWS (behind `-c slack=true`): the app's secrets, a queue with a dead-letter queue
 * feeding the worker that answers, and a DynamoDB table for delivery dedupe and thread sessions.
 */
export class SlackIntegration extends Construct {
  public readonly secret: secretsmanager.Secret;
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly table: dynamodb.Table;
  public readonly worker: lambda.Function;
  /** Environment the API function needs to acknowledge and queue Slack requests. */
  public readonly apiEnvironment: Record<string, string>;

  constructor(scope: Construct, id: string, props: SlackIntegrationProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'Slack app credentials: put {"signingSecret","botToken"} here after deploying',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // No value in the template (CloudFormation then creates an empty secret): a value there would
    // be written again by a later deploy, over the credentials the user put in.
    (this.secret.node.defaultChild as secretsmanager.CfnSecret).addPropertyDeletionOverride(
      'GenerateSecretString',
    );
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Slack issues the signing secret and bot token; they are rotated in the Slack app settings, not by a Lambda rotation.',
    });
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Jobs', {
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      // Lambda's guidance for SQS event sources: at least six times the function timeout.
      visibilityTimeout: Duration.seconds(SLACK_WORKER_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 3 },
    });
    const shared = { SLACK_TABLE_NAME: this.table.tableName, SLACK_SECRET_ARN: this.secret.secretArn };
    this.apiEnvironment = { ...shared, SLACK_QUEUE_URL: this.queue.queueUrl };

    this.worker = bundledFunction(this, 'Worker', {
      entry: LAMBDA_ENTRIES.slackWorker,
      description: 'Answers queued Slack questions in their threads',
      timeout: SLACK_WORKER_TIMEOUT,
      memorySize: 1024,
      logRetention: props.logRetention,
      environment: { ...bedrockEnvironment(props.bedrock), ...shared },
      copyFolders: answeringFiles(props.bedrock),
      wildcardReason: RETRIEVE_AND_GENERATE_WILDCARD_REASON,
    });
    grantBedrockAnswering(this.worker, props.bedrock);
    this.worker.addEventSource(
      // One job per invocation: a batch of answers could outlive the timeout and be redelivered whole.
      new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true }),
    );
    this.table.grant(this.worker, ...SLACK_TABLE_ACTIONS);
    this.secret.grantRead(this.worker);
  }

  /** What the API function needs: queue jobs, dedupe deliveries, read the secrets. */
  grantApi(fn: lambda.IFunction): void {
    this.queue.grantSendMessages(fn);
    this.table.grant(fn, ...SLACK_TABLE_ACTIONS);
    this.secret.grantRead(fn);
  }
}
