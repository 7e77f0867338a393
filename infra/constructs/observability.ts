import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INGESTION_METRICS } from '../../services/ingest/ingestion-metrics.js';

export interface ObservabilityProps {
  readonly apiFunction: lambda.IFunction;
  readonly ingestFunction: lambda.IFunction;
  readonly ingestDeadLetterQueue: sqs.IQueue;
  /** The scheduled function publishing the ingestion metrics (`INGESTION_METRICS`). */
  readonly ingestionStatusFunction: lambda.IFunction;
  readonly alarmEmail?: string;
  /** Extra dead-letter queues to alarm on (e.g. the Slack worker's). */
  readonly deadLetterQueues?: { name: string; queue: sqs.IQueue }[];
}

const NAMESPACE = 'CourseNotesQA';

/** Dashboard and alarms over the app's EMF metrics, routed to an encrypted SNS topic. */
export class Observability extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;
  public readonly alarmTopic: sns.Topic;
  public readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    // Deleted with the stack (after the shortest waiting period KMS allows), so it stops billing.
    const key = new kms.Key(this, 'AlarmTopicKey', {
      enableKeyRotation: true,
      description: 'Encrypts the alarm topic',
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // CloudWatch alarms publish to the topic, so they must be able to use its key.
    key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      masterKey: key,
      enforceSSL: true,
      displayName: 'Course-notes Q&A alarms',
    });
    if (props.alarmEmail)
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    const metric = (metricName: string, statistic: string, label = metricName) =>
      new cloudwatch.Metric({
        namespace: NAMESPACE,
        metricName,
        statistic,
        label,
        period: Duration.minutes(5),
        dimensionsMap: { service: 'course-notes-qa', engine: 'bedrock', channel: 'http' },
      });
    const questions = metric('Questions', 'Sum');
    const errors = metric('Errors', 'Sum');
    const throttles = metric('Throttles', 'Sum');
    const noAnswers = metric('NoAnswer', 'Sum');
    const latencyP50 = metric('Latency', 'p50', 'latency p50');
    const latencyP95 = metric('Latency', 'p95', 'latency p95');
    const errorRate = new cloudwatch.MathExpression({
      expression: '100 * errors / MAX([questions, 1])',
      usingMetrics: { errors, questions },
      label: 'error rate %',
      period: Duration.minutes(5),
    });
    const noAnswerRate = new cloudwatch.MathExpression({
      expression: '100 * noAnswers / MAX([questions, 1])',
      usingMetrics: { noAnswers, questions },
      label: 'no-answer rate %',
      period: Duration.minutes(5),
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-qa`,
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Questions', left: [questions] }),
      new cloudwatch.GraphWidget({ title: 'Latency (ms)', left: [latencyP50, latencyP95] }),
      new cloudwatch.GraphWidget({
        title: 'Errors and throttles',
        left: [errors, throttles],
        right: [errorRate],
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Guardrail interventions',
        left: [metric('GuardrailInterventions', 'Sum')],
      }),
      new cloudwatch.GraphWidget({ title: 'No-answer rate (%)', left: [noAnswerRate] }),
      new cloudwatch.GraphWidget({
        title: 'Tokens (estimated)',
        left: [metric('InputTokens', 'Sum'), metric('OutputTokens', 'Sum')],
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API Lambda',
        left: [props.apiFunction.metricInvocations(), props.apiFunction.metricErrors()],
        right: [props.apiFunction.metricDuration({ statistic: 'p95' })],
      }),
      new cloudwatch.GraphWidget({
        title: 'Ingestion',
        left: [props.ingestFunction.metricInvocations(), props.ingestFunction.metricErrors()],
      }),
    );

    this.alarm('ErrorRate', errorRate, 5, 'More than 5% of questions failed');
    this.alarm('Throttling', throttles, 5, 'Bedrock or the usage plan throttled questions');
    this.alarm('LatencyP95', latencyP95, 15_000, 'p95 answer latency above 15 s');
    this.alarm(
      'IngestionErrors',
      props.ingestFunction.metricErrors({ period: Duration.minutes(15) }),
      1,
      'Starting a knowledge-base ingestion failed',
    );
    const ingestion = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: NAMESPACE,
        metricName,
        statistic: 'Sum',
        period: Duration.minutes(15),
        dimensionsMap: { service: 'course-notes-qa' },
      });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Ingestion jobs',
        left: [
          ingestion(INGESTION_METRICS.jobsComplete),
          ingestion(INGESTION_METRICS.jobsFailed),
          ingestion(INGESTION_METRICS.jobsInProgress).with({ statistic: 'Maximum' }),
        ],
      }),
      new cloudwatch.GraphWidget({
        title: 'Ingested documents',
        left: [ingestion(INGESTION_METRICS.documentsIndexed), ingestion(INGESTION_METRICS.documentsFailed)],
      }),
      new cloudwatch.GraphWidget({
        title: 'Ingestion status function',
        left: [
          props.ingestionStatusFunction.metricInvocations(),
          props.ingestionStatusFunction.metricErrors(),
        ],
      }),
    );
    this.alarm(
      'IngestionJobsFailed',
      ingestion(INGESTION_METRICS.jobsFailed),
      1,
      'A knowledge-base ingestion job failed',
    );
    this.alarm(
      'IngestionDocumentsFailed',
      ingestion(INGESTION_METRICS.documentsFailed),
      1,
      'Documents failed to ingest into the knowledge base',
    );
    this.alarm(
      'IngestionStatusErrors',
      props.ingestionStatusFunction.metricErrors({ period: Duration.minutes(30) }),
      1,
      'Reading the ingestion status failed',
    );
    this.alarm(
      'IngestionDeadLetters',
      props.ingestDeadLetterQueue.metricApproximateNumberOfMessagesVisible(),
      1,
      'Corpus changes could not be ingested',
    );
    for (const { name, queue } of props.deadLetterQueues ?? []) {
      this.alarm(
        `${name}DeadLetters`,
        queue.metricApproximateNumberOfMessagesVisible(),
        1,
        `${name} messages failed`,
      );
    }
  }

  private alarm(id: string, metric: cloudwatch.IMetric, threshold: number, description: string): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
  }
}
