import {
  BedrockAgentClient,
  GetIngestionJobCommand,
  type IngestionJobSummary,
  ListIngestionJobsCommand,
} from '@aws-sdk/client-bedrock-agent';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { readIngestionStatus } from '../../services/ingest/ingestion-status-handler.js';

const agent = mockClient(BedrockAgentClient);
const client = () => new BedrockAgentClient({ region: 'us-east-1' });
const ids = { knowledgeBaseId: 'KBID123456', dataSourceId: 'DSRC123456' };
const now = new Date('2026-11-23T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const job = (
  ingestionJobId: string,
  status: IngestionJobSummary['status'],
  endedMinutesAgo: number,
  statistics: IngestionJobSummary['statistics'] = {},
): IngestionJobSummary => ({
  ...ids,
  ingestionJobId,
  status,
  startedAt: minutesAgo(endedMinutesAgo + 3),
  updatedAt: minutesAgo(endedMinutesAgo),
  statistics,
});

beforeEach(() => agent.reset());

describe('ingestion status', () => {
  it('counts jobs that ended within the period, their documents, and jobs still running', async () => {
    // Prepare
    agent.on(ListIngestionJobsCommand).resolves({
      ingestionJobSummaries: [
        job('RUNNING', 'IN_PROGRESS', 0),
        job('DONE', 'COMPLETE', 4, {
          numberOfNewDocumentsIndexed: 7,
          numberOfModifiedDocumentsIndexed: 2,
          numberOfDocumentsFailed: 1,
        }),
        job('BROKE', 'FAILED', 8, { numberOfDocumentsFailed: 3 }),
        job('OLD', 'FAILED', 30, { numberOfDocumentsFailed: 50 }),
      ],
    });
    agent.on(GetIngestionJobCommand, { ingestionJobId: 'BROKE' }).resolves({
      ingestionJob: {
        ...ids,
        ingestionJobId: 'BROKE',
        status: 'FAILED',
        startedAt: now,
        updatedAt: now,
        failureReasons: ['Access denied to s3://corpus'],
      },
    });

    // Act
    const status = await readIngestionStatus({ ...ids, periodMs: 10 * 60_000 }, client(), now);

    // Assess
    expect(status).toEqual({
      complete: 1,
      failed: 1,
      inProgress: 1,
      documentsIndexed: 9,
      documentsFailed: 4,
      failures: [{ jobId: 'BROKE', reasons: ['Access denied to s3://corpus'] }],
    });
    expect(agent.commandCalls(ListIngestionJobsCommand)[0]?.args[0].input).toMatchObject({
      ...ids,
      sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' },
    });
    expect(agent.commandCalls(GetIngestionJobCommand)).toHaveLength(1);
  });
});
