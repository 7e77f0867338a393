import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { JobQueue } from '../../slack/slack-ports.js';

/** Sends Slack jobs to the worker's SQS queue (the worker Lambda consumes it, DLQ behind it). */
export function createSqsJobQueue(options: { client: SQSClient; queueUrl: string }): JobQueue {
  return {
    async enqueue(job) {
      await options.client.send(
        new SendMessageCommand({ QueueUrl: options.queueUrl, MessageBody: JSON.stringify(job) }),
      );
    },
  };
}
