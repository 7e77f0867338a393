import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { InvocationRecord, InvocationRecorder } from './invocation-record.js';

export interface PowertoolsRecorderOptions {
  serviceName?: string;
  /** CloudWatch metrics namespace. */
  namespace?: string;
  logger?: Logger;
  metrics?: Metrics;
}

/**
 * Writes each record as one JSON log line (Powertools Logger) and its figures as CloudWatch
 * Embedded Metric Format (Powertools Metrics): on Lambda both land in CloudWatch, locally on stdout.
 * Set POWERTOOLS_METRICS_DISABLED=true to silence the EMF lines locally.
 */
export function createPowertoolsRecorder(options: PowertoolsRecorderOptions = {}): InvocationRecorder {
  const serviceName = options.serviceName ?? 'course-notes-qa';
  const logger = options.logger ?? new Logger({ serviceName });
  const metrics =
    options.metrics ?? new Metrics({ namespace: options.namespace ?? 'CourseNotesQA', serviceName });

  return {
    record(record: InvocationRecord) {
      const level = record.outcome === 'error' ? 'error' : 'info';
      logger[level]('invocation', { invocation: record });
      metrics.addDimensions({ engine: record.engine, channel: record.channel });
      if (record.feedback) {
        metrics.addMetric(
          record.feedback === 'helpful' ? 'FeedbackHelpful' : 'FeedbackNotHelpful',
          MetricUnit.Count,
          1,
        );
      } else {
        metrics.addMetric('Questions', MetricUnit.Count, 1);
        metrics.addMetric('Latency', MetricUnit.Milliseconds, record.latencyMs);
        metrics.addMetric(
          'GuardrailInterventions',
          MetricUnit.Count,
          record.guardrailAction === 'INTERVENED' ? 1 : 0,
        );
        metrics.addMetric('NoAnswer', MetricUnit.Count, record.outcome === 'no_answer' ? 1 : 0);
        metrics.addMetric('Errors', MetricUnit.Count, record.outcome === 'error' ? 1 : 0);
        metrics.addMetric('Throttles', MetricUnit.Count, record.errorCode === 'RATE_LIMITED' ? 1 : 0);
        metrics.addMetric('InputTokens', MetricUnit.Count, record.inputTokens);
        metrics.addMetric('OutputTokens', MetricUnit.Count, record.outputTokens);
      }
      metrics.publishStoredMetrics();
    },
  };
}
