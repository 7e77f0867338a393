import { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import { describe, expect, it, vi } from 'vitest';
import { readIngestionStatus } from '../../services/ingest/ingestion-status-handler.js';
import { startIngestionForChanges } from '../../services/ingest/start-ingestion-handler.js';
import { FAKE_RESOURCES } from '../fixtures/fake-bedrock/fake-bedrock-server.js';
import { useFakeBedrock } from '../fixtures/fake-bedrock/use-fake-bedrock.js';

// The ingestion functions' own code with the real bedrock-agent client (restJson serializer,
// SigV4 signer, HTTP handler, error deserializer) against the fake, through AWS_ENDPOINT_URL_*.

const fake = useFakeBedrock();
const ids = { knowledgeBaseId: FAKE_RESOURCES.knowledgeBaseId, dataSourceId: FAKE_RESOURCES.dataSourceId };
const agent = () => new BedrockAgentClient({ region: FAKE_RESOURCES.region, maxAttempts: 1 });

/** An SQS batch carrying one S3 notification for a change at `eventTime`. */
const corpusChange = (eventTime: Date, messageId = '2f1c9a4e-0b7d-4c55-9d3e-8a6f1e2b3c4d') => ({
  Records: [{ messageId, body: JSON.stringify({ Records: [{ eventTime: eventTime.toISOString() }] }) }],
});

let jobs = 0;
const job = (status: 'IN_PROGRESS' | 'COMPLETE' | 'FAILED', startedAt: Date, extra: object = {}) => ({
  ingestionJobId: `JOB${++jobs}ABCDEF`,
  status,
  startedAt,
  updatedAt: new Date(),
  ...extra,
});

describe('corpus-change ingestion on the wire', () => {
  it('starts one job for a batch of changes', async () => {
    // Act
    const outcome = await startIngestionForChanges(corpusChange(new Date()), ids, agent());

    // Assess
    expect(outcome).toMatchObject({ action: 'started', jobId: expect.any(String) });
    expect(fake().requests.map((request) => request.operation)).toEqual([
      'ListIngestionJobs',
      'StartIngestionJob',
    ]);
  });

  it('skips a batch that a job started after the change already covers', async () => {
    // Prepare
    const changedAt = new Date(Date.now() - 60_000);
    fake().ingestionJobs.push(job('IN_PROGRESS', new Date()));

    // Act
    const outcome = await startIngestionForChanges(corpusChange(changedAt), ids, agent());

    // Assess
    expect(outcome).toMatchObject({ action: 'skipped' });
    expect(fake().attempts('StartIngestionJob')).toBe(0);
  });

  it('hands the batch back (SQS retries it) while an older job still runs, so the change is not lost', async () => {
    // Prepare
    fake().ingestionJobs.push(job('IN_PROGRESS', new Date(Date.now() - 120_000)));

    // Act / Assess
    await expect(startIngestionForChanges(corpusChange(new Date()), ids, agent())).rejects.toThrow(
      /still IN_PROGRESS; retrying this batch later/,
    );
    expect(fake().attempts('StartIngestionJob')).toBe(0);
  });

  it("surfaces Bedrock's ConflictException when a job starts in between, so SQS retries the batch", async () => {
    // Prepare: the list shows nothing running, but another job starts before ours
    const racing = agent();
    const send = racing.send.bind(racing);
    vi.spyOn(racing, 'send').mockImplementation((async (command: never) => {
      const result = await send(command);
      if (fake().ingestionJobs.length === 0) fake().ingestionJobs.push(job('IN_PROGRESS', new Date()));
      return result;
    }) as never);

    // Act / Assess
    await expect(startIngestionForChanges(corpusChange(new Date()), ids, racing)).rejects.toMatchObject({
      name: 'ConflictException',
      $metadata: { httpStatusCode: 409 },
    });
  });
});

describe('ingestion status on the wire', () => {
  it('counts jobs that ended in the period, documents indexed and failed, and reads failure reasons', async () => {
    // Prepare
    const earlier = new Date(Date.now() - 5 * 60_000);
    fake().ingestionJobs.push(
      job('COMPLETE', earlier, {
        statistics: { numberOfNewDocumentsIndexed: 4, numberOfDocumentsFailed: 1 },
      }),
      job('FAILED', earlier, {
        statistics: { numberOfDocumentsFailed: 2 },
        failureReasons: ['Encountered error: files exceeded the size limit'],
      }),
      job('IN_PROGRESS', new Date()),
    );

    // Act
    const status = await readIngestionStatus({ ...ids, periodMs: 10 * 60_000 }, agent());

    // Assess
    expect(status).toMatchObject({
      complete: 1,
      failed: 1,
      inProgress: 1,
      documentsIndexed: 4,
      documentsFailed: 3,
    });
    expect(status.failures).toEqual([
      { jobId: expect.any(String), reasons: ['Encountered error: files exceeded the size limit'] },
    ]);
    expect(fake().requests.map((request) => request.operation)).toEqual([
      'ListIngestionJobs',
      'GetIngestionJob',
    ]);
  });
});
