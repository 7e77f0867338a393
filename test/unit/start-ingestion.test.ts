import {
  BedrockAgentClient,
  ListIngestionJobsCommand,
  StartIngestionJobCommand,
} from '@aws-sdk/client-bedrock-agent';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { latestChange, startIngestionForChanges } from '../../services/ingest/start-ingestion-handler.js';

const agent = mockClient(BedrockAgentClient);
const settings = { knowledgeBaseId: 'KBID123456', dataSourceId: 'DSRC123456' };
const s3Message = (messageId: string, eventTime: string) => ({
  messageId,
  body: JSON.stringify({
    Records: [
      {
        eventSource: 'aws:s3',
        eventName: 'ObjectCreated:Put',
        eventTime,
        s3: { object: { key: 'notes.md' } },
      },
    ],
  }),
});
/** A ListIngestionJobs answer whose most recent job is the one given. */
const latestJob = (ingestionJobId: string, status: 'COMPLETE' | 'IN_PROGRESS', startedAt: string) => ({
  ingestionJobSummaries: [
    { ...settings, ingestionJobId, status, startedAt: new Date(startedAt), updatedAt: new Date(startedAt) },
  ],
});
const client = () => new BedrockAgentClient({ region: 'us-east-1' });

beforeEach(() => agent.reset());

describe('ingestion on corpus change', () => {
  it('starts exactly one job for a batch of file changes', async () => {
    agent.on(ListIngestionJobsCommand).resolves(latestJob('OLD', 'COMPLETE', '2026-11-01T00:00:00Z'));
    agent.on(StartIngestionJobCommand).resolves({
      ingestionJob: {
        ingestionJobId: 'NEW',
        knowledgeBaseId: 'KBID123456',
        dataSourceId: 'DSRC123456',
        status: 'STARTING',
        startedAt: new Date(),
        updatedAt: new Date(),
      },
    });
    const event = {
      Records: [
        s3Message('m1', '2026-11-22T10:00:00Z'),
        s3Message('m2', '2026-11-22T10:00:03Z'),
        s3Message('m3', '2026-11-22T10:00:05Z'),
      ],
    };
    const outcome = await startIngestionForChanges(event, settings, client());
    expect(outcome).toEqual({ action: 'started', reason: 'corpus changed', jobId: 'NEW' });
    expect(agent.commandCalls(StartIngestionJobCommand)).toHaveLength(1);
    expect(agent.commandCalls(StartIngestionJobCommand)[0]?.args[0].input).toMatchObject({
      ...settings,
      description: 'corpus changed at 2026-11-22T10:00:05.000Z',
    });
    expect(agent.commandCalls(ListIngestionJobsCommand)[0]?.args[0].input).toMatchObject({
      ...settings,
      sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' },
      maxResults: 1,
    });
  });

  it('skips when a job started after the last change (the deploy already ingested it)', async () => {
    agent.on(ListIngestionJobsCommand).resolves(latestJob('DEPLOY', 'IN_PROGRESS', '2026-11-22T10:01:00Z'));
    const outcome = await startIngestionForChanges(
      { Records: [s3Message('m1', '2026-11-22T10:00:00Z')] },
      settings,
      client(),
    );
    expect(outcome.action).toBe('skipped');
    expect(agent.commandCalls(StartIngestionJobCommand)).toHaveLength(0);
  });

  it('retries the batch later when an older job is still running, so no change is lost', async () => {
    agent.on(ListIngestionJobsCommand).resolves(latestJob('RUNNING', 'IN_PROGRESS', '2026-11-22T09:00:00Z'));
    await expect(
      startIngestionForChanges({ Records: [s3Message('m1', '2026-11-22T10:00:00Z')] }, settings, client()),
    ).rejects.toThrow(/still IN_PROGRESS/);
  });

  it('ignores S3 test events', () => {
    expect(
      latestChange({
        Records: [
          { messageId: 'x', body: '{"Event":"s3:TestEvent"}' },
          { messageId: 'y', body: 'not json' },
        ],
      }),
    ).toBeUndefined();
  });
});
