/**
 * Metric names the ingestion status function publishes in namespace `CourseNotesQA` (dimension
 * `service=course-notes-qa`); the stack's alarms and dashboard read the same names.
 */
export const INGESTION_METRICS = {
  jobsComplete: 'IngestionJobsComplete',
  jobsFailed: 'IngestionJobsFailed',
  jobsInProgress: 'IngestionJobsInProgress',
  documentsIndexed: 'IngestionDocumentsIndexed',
  documentsFailed: 'IngestionDocumentsFailed',
} as const;
