import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbTtlStore } from '../../shared/adapters/aws/dynamodb-ttl-store.js';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import { answerSlackJob, type SlackWorkerDependencies } from '../../shared/slack/answer-slack-job.js';
import { createSlackWebClient } from '../../shared/slack/create-slack-web-client.js';
import { slackSecretsFromSecretsManager } from '../../shared/slack/load-slack-secrets.js';
import { slackAnswerJobSchema } from '../../shared/slack/parse-slack-request.js';
import { SlackDeliveryError } from '../../shared/slack/slack-delivery-error.js';
import { createBedrockDependencies } from '../api/bedrock-deps.js';

/** Time kept back from the Lambda timeout to release a claim, log and return the batch response. */
export const WORKER_SAFETY_MARGIN_MS = 5_000;
/** A job is not started with less than this left: it is handed back to the queue instead. */
export const MIN_JOB_BUDGET_MS = 5_000;

/** The SQS event fields the worker reads. */
export interface SlackJobEvent {
  Records: { messageId: string; body: string }[];
}

/** The part of the Lambda context the worker reads. */
export interface WorkerContext {
  getRemainingTimeInMillis(): number;
}

export interface ProcessSlackJobsOptions {
  context?: WorkerContext;
  safetyMarginMs?: number;
  minJobBudgetMs?: number;
  now?: () => number;
}

/** Used when no Lambda context is given (tests, local runs): as if a 60 s function had just started. */
const noContext: WorkerContext = { getRemainingTimeInMillis: () => 60_000 };

/**
 * Answers the queued Slack questions one after another, each within a deadline taken from the
 * Lambda's remaining time less a safety margin. Messages that should be tried again are returned
 * as `batchItemFailures` (ReportBatchItemFailures); after the queue's retries they land in the
 * dead-letter queue, which alarms. A reply that may already be in Slack is never retried.
 */
export async function processSlackJobs(
  event: SlackJobEvent,
  deps: () => Promise<SlackWorkerDependencies>,
  log: (entry: Record<string, unknown>) => void = (entry) => console.log(JSON.stringify(entry)),
  options: ProcessSlackJobsOptions = {},
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const context = options.context ?? noContext;
  const now = options.now ?? Date.now;
  const margin = options.safetyMarginMs ?? WORKER_SAFETY_MARGIN_MS;
  const minBudget = options.minJobBudgetMs ?? MIN_JOB_BUDGET_MS;
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const deadline = now() + context.getRemainingTimeInMillis() - margin;
    const entry = { messageId: record.messageId };
    if (deadline - now() < minBudget) {
      log({ level: 'WARN', message: 'no time left for this slack job; SQS will retry it', ...entry });
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    let job: unknown;
    try {
      job = JSON.parse(record.body);
    } catch {
      job = undefined;
    }
    const parsed = slackAnswerJobSchema.safeParse(job);
    if (!parsed.success) {
      // A malformed message never gets better: report it, so it ends in the dead-letter queue.
      log({
        level: 'ERROR',
        message: 'malformed slack job; SQS will retry it, then dead-letter it',
        ...entry,
      });
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    const ids = { ...entry, requestId: parsed.data.requestId, deliveryId: parsed.data.deliveryId };
    try {
      const outcome = await answerSlackJob(await deps(), parsed.data, { deadline, now });
      if (outcome.status === 'already-answered')
        log({
          level: 'INFO',
          message: 'slack job already answered; not posting again',
          record: outcome.record,
          ...ids,
        });
    } catch (error) {
      if (error instanceof SlackDeliveryError && error.delivered === 'unknown') {
        log({
          level: 'ERROR',
          message: 'slack reply may not have been posted; not retried, to avoid a duplicate',
          error: error.message,
          ...ids,
        });
        continue;
      }
      log({
        level: 'ERROR',
        message: 'slack job failed; SQS will retry it',
        error: (error as Error).message,
        ...ids,
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
        'The Slack secret is not filled in: put {"signingSecret","botToken"} into it (see docs/slack.md).',
      );
    const region = config.AWS_REGION ? { region: config.AWS_REGION } : {};
    return {
      ask: createBedrockDependencies(config),
      chat: createSlackWebClient({
        botToken: secrets.botToken,
        apiUrl: config.SLACK_API_URL,
        hooksUrl: config.SLACK_HOOKS_URL,
      }),
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
export const handler = (event: SlackJobEvent, context: WorkerContext) =>
  processSlackJobs(event, workerDependencies, undefined, { context });
