import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbTtlStore } from '../../shared/adapters/aws/dynamodb-ttl-store.js';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import { answerSlackJob, type SlackWorkerDependencies } from '../../shared/slack/answer-slack-job.js';
import { createSlackWebClient } from '../../shared/slack/create-slack-web-client.js';
import { slackSecretsFromSecretsManager } from '../../shared/slack/load-slack-secrets.js';
import type { SlackAnswerJob } from '../../shared/slack/slack-ports.js';
import { createBedrockDependencies } from '../api/bedrock-deps.js';

/** The SQS event fields the worker reads. */
export interface SlackJobEvent {
  Records: { messageId: string; body: string }[];
}

/**
 * Answers each queued Slack question. A failed message is reported back (partial batch failure)
 * so SQS retries it; after the queue's retries it lands in the dead-letter queue, which alarms.
 */
export async function processSlackJobs(
  event: SlackJobEvent,
  deps: () => Promise<SlackWorkerDependencies>,
  log: (entry: Record<string, unknown>) => void = (entry) => console.log(JSON.stringify(entry)),
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    try {
      const job = JSON.parse(record.body) as SlackAnswerJob;
      await answerSlackJob(await deps(), job);
    } catch (error) {
      log({
        level: 'ERROR',
        message: 'slack job failed; SQS will retry it',
        messageId: record.messageId,
        error: (error as Error).message,
      });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}

let cached: Promise<SlackWorkerDependencies> | undefined;

/** Built on first use and kept for the container's life (secrets are cached by Powertools). */
function workerDependencies(): Promise<SlackWorkerDependencies> {
  cached ??= (async () => {
    const config = readRuntimeConfig();
    const secrets = await slackSecretsFromSecretsManager(config.SLACK_SECRET_ARN ?? '')();
    if (!secrets)
      throw new Error(
        'The Slack secret is not filled in: put {"signingSecret","botToken"} into it (see README "Slack").',
      );
    const region = config.AWS_REGION ? { region: config.AWS_REGION } : {};
    return {
      ask: createBedrockDependencies(config),
      chat: createSlackWebClient({ botToken: secrets.botToken, apiUrl: config.SLACK_API_URL }),
      store: createDynamoDbTtlStore({
        client: new DynamoDBClient(region),
        tableName: config.SLACK_TABLE_NAME ?? '',
      }),
    };
  })().catch((error: unknown) => {
    cached = undefined; // try again on the next message, e.g. after the secret is filled in
    throw error;
  });
  return cached;
}

/** SQS-triggered Lambda entry point (ReportBatchItemFailures enabled on the event source). */
export const handler = (event: SlackJobEvent) => processSlackJobs(event, workerDependencies);
