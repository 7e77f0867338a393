import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  BedrockAgentClient,
  GetIngestionJobCommand,
  type IngestionJobSummary,
  ListIngestionJobsCommand,
} from '@aws-sdk/client-bedrock-agent';
import { INGESTION_METRICS } from './ingestion-metrics.js';

/** How many recent jobs one run reads: far more than can end within one schedule period. */
export const RECENT_JOBS_READ = 25;

export interface IngestionStatusSettings {
  knowledgeBaseId: string;
  dataSourceId: string;
  /** The schedule period: jobs that ended within the last period are counted, each once. */
  periodMs: number;
}

export interface IngestionStatus {
  complete: number;
  failed: number;
  inProgress: number;
  documentsIndexed: number;
  documentsFailed: number;
  /** Failure reasons of the jobs that failed in this period, by job id. */
  failures: { jobId: string; reasons: string[] }[];
}

const ENDED = new Set(['COMPLETE', 'FAILED', 'STOPPED']);

/**
 * Reads the data source's recent ingestion jobs and sums up those that ended within the last
 * period (so consecutive scheduled runs count each job once) plus the ones still running.
 * A failed job is read in full for its failure reasons, which go to the log.
 */
export async function readIngestionStatus(
  settings: IngestionStatusSettings,
  bedrockAgent: Pick<BedrockAgentClient, 'send'>,
  now = new Date(),
): Promise<IngestionStatus> {
  const { knowledgeBaseId, dataSourceId, periodMs } = settings;
  const listed = await bedrockAgent.send(
    new ListIngestionJobsCommand({
      knowledgeBaseId,
      dataSourceId,
      sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' },
      maxResults: RECENT_JOBS_READ,
    }),
  );
  const since = now.getTime() - periodMs;
  const endedInPeriod = (job: IngestionJobSummary) =>
    ENDED.has(job.status ?? '') && job.updatedAt !== undefined && job.updatedAt.getTime() > since;
  const status: IngestionStatus = {
    complete: 0,
    failed: 0,
    inProgress: 0,
    documentsIndexed: 0,
    documentsFailed: 0,
    failures: [],
  };
  for (const job of listed.ingestionJobSummaries ?? []) {
    if (job.status === 'STARTING' || job.status === 'IN_PROGRESS') status.inProgress += 1;
    if (!endedInPeriod(job)) continue;
    const statistics = job.statistics ?? {};
    status.documentsIndexed +=
      (statistics.numberOfNewDocumentsIndexed ?? 0) + (statistics.numberOfModifiedDocumentsIndexed ?? 0);
    status.documentsFailed += statistics.numberOfDocumentsFailed ?? 0;
    if (job.status === 'COMPLETE') status.complete += 1;
    if (job.status === 'FAILED') {
      status.failed += 1;
      const detail = await bedrockAgent.send(
        new GetIngestionJobCommand({ knowledgeBaseId, dataSourceId, ingestionJobId: job.ingestionJobId }),
      );
      status.failures.push({
        jobId: job.ingestionJobId ?? '',
        reasons: detail.ingestionJob?.failureReasons ?? [],
      });
    }
  }
  return status;
}

/** Publishes one status as EMF metrics (zeros included, so alarms never lack data). */
export function publishIngestionStatus(status: IngestionStatus, metrics: Metrics): void {
  metrics.addMetric(INGESTION_METRICS.jobsComplete, MetricUnit.Count, status.complete);
  metrics.addMetric(INGESTION_METRICS.jobsFailed, MetricUnit.Count, status.failed);
  metrics.addMetric(INGESTION_METRICS.jobsInProgress, MetricUnit.Count, status.inProgress);
  metrics.addMetric(INGESTION_METRICS.documentsIndexed, MetricUnit.Count, status.documentsIndexed);
  metrics.addMetric(INGESTION_METRICS.documentsFailed, MetricUnit.Count, status.documentsFailed);
  metrics.publishStoredMetrics();
}

const client = new BedrockAgentClient({});
const metrics = new Metrics({ namespace: 'CourseNotesQA', serviceName: 'course-notes-qa' });

/** EventBridge-scheduled Lambda entry point. */
export async function handler(): Promise<IngestionStatus> {
  const status = await readIngestionStatus(
    {
      knowledgeBaseId: process.env.KNOWLEDGE_BASE_ID ?? '',
      dataSourceId: process.env.DATA_SOURCE_ID ?? '',
      periodMs: Number(process.env.STATUS_PERIOD_MINUTES ?? '10') * 60_000,
    },
    client,
  );
  publishIngestionStatus(status, metrics);
  for (const failure of status.failures) {
    console.log(JSON.stringify({ level: 'ERROR', message: 'ingestion job failed', ...failure }));
  }
  return status;
}
