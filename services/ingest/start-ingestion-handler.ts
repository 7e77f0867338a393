import {
  BedrockAgentClient,
  ListIngestionJobsCommand,
  StartIngestionJobCommand,
} from '@aws-sdk/client-bedrock-agent';

/** The parts of an SQS event carrying S3 notifications that this function reads. */
export interface CorpusChangeEvent {
  Records: { messageId: string; body: string }[];
}

const client = new BedrockAgentClient({});

/** Latest S3 event time in the batch (S3 notifications arrive as SQS message bodies). */
export function latestChange(event: CorpusChangeEvent): Date | undefined {
  let latest: Date | undefined;
  for (const record of event.Records) {
    try {
      const body = JSON.parse(record.body) as { Records?: { eventTime?: string }[] };
      for (const s3Record of body.Records ?? []) {
        const time = s3Record.eventTime ? new Date(s3Record.eventTime) : undefined;
        if (time && (!latest || time > latest)) latest = time;
      }
    } catch {
      // s3:TestEvent and other non-JSON bodies carry no change
    }
  }
  return latest;
}

export interface IngestionOutcome {
  action: 'started' | 'skipped';
  reason: string;
  jobId?: string;
}

/**
 * Starts one ingestion job for a whole batch of corpus changes (the queue's batching window is
 * the debounce). A job that started after the last change already covers it; a job still
 * running from before it makes the batch retry later, so changes are never lost.
 */
export async function startIngestionForChanges(
  event: CorpusChangeEvent,
  settings = {
    knowledgeBaseId: process.env.KNOWLEDGE_BASE_ID ?? '',
    dataSourceId: process.env.DATA_SOURCE_ID ?? '',
  },
  bedrockAgent: Pick<BedrockAgentClient, 'send'> = client,
): Promise<IngestionOutcome> {
  const changedAt = latestChange(event);
  if (!changedAt) return { action: 'skipped', reason: 'no object change in batch' };
  const { knowledgeBaseId, dataSourceId } = settings;
  const recent = await bedrockAgent.send(
    new ListIngestionJobsCommand({
      knowledgeBaseId,
      dataSourceId,
      sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' },
      maxResults: 1,
    }),
  );
  const last = recent.ingestionJobSummaries?.[0];
  if (last?.startedAt && last.startedAt >= changedAt)
    return { action: 'skipped', reason: `job ${last.ingestionJobId} started after the change` };
  if (last && (last.status === 'STARTING' || last.status === 'IN_PROGRESS')) {
    throw new Error(
      `Ingestion job ${last.ingestionJobId} is still ${last.status}; retrying this batch later so the newer changes get ingested.`,
    );
  }
  const started = await bedrockAgent.send(
    new StartIngestionJobCommand({
      knowledgeBaseId,
      dataSourceId,
      clientToken: event.Records.map((record) => record.messageId)
        .join('')
        .slice(0, 256)
        .padEnd(33, '0'),
      description: `corpus changed at ${changedAt.toISOString()}`,
    }),
  );
  return {
    action: 'started',
    reason: 'corpus changed',
    ...(started.ingestionJob?.ingestionJobId ? { jobId: started.ingestionJob.ingestionJobId } : {}),
  };
}

/** SQS-triggered Lambda entry point. */
export async function handler(event: CorpusChangeEvent): Promise<IngestionOutcome> {
  const outcome = await startIngestionForChanges(event);
  console.log(JSON.stringify({ message: 'ingestion', ...outcome }));
  return outcome;
}
