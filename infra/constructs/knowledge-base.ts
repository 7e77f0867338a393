import { Aws, Duration, FileSystem, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { ChunkingSettings } from '../../shared/corpus/chunking-settings.js';
import { LAMBDA_ENTRIES } from '../lambda-bundles.js';
import { bundledFunction } from './bundled-function.js';
import type { CorpusBucket } from './corpus-bucket.js';
import { physicalName } from './physical-name.js';
import type { VectorStore } from './vector-store.js';

export interface KnowledgeBaseProps {
  readonly corpus: CorpusBucket;
  readonly vectorStore: VectorStore;
  readonly corpusDir: string;
  readonly embeddingModelId: string;
  readonly embeddingDimensions: number;
  /** The same settings object the offline chunker uses. */
  readonly chunking: ChunkingSettings;
  readonly logRetention: logs.RetentionDays;
}

/** The error StartIngestionJob answers while another job of the data source runs (regex for AwsCustomResource). */
export const INGESTION_CONFLICT_ERROR = 'ConflictException';

/** Timeout of the function starting ingestions, and the batching window that debounces changes. */
const INGEST_TIMEOUT = Duration.minutes(1);
const INGEST_BATCHING_WINDOW = Duration.minutes(2);
/** How often the ingestion status is read and published as metrics. */
export const INGESTION_STATUS_PERIOD = Duration.minutes(10);

/**
 * Bedrock Knowledge Base over the corpus bucket with an S3 Vectors store, its data source with
 * the shared chunking settings, an ingestion after every deploy that changes the corpus, and an
 * ingestion whenever objects in the bucket change (debounced into one job per batch).
 */
export class KnowledgeBase extends Construct {
  public readonly knowledgeBase: bedrock.CfnKnowledgeBase;
  public readonly dataSource: bedrock.CfnDataSource;
  public readonly ingestFunction: lambda.Function;
  public readonly ingestDeadLetterQueue: sqs.Queue;
  /** Scheduled: publishes ingestion job outcomes as metrics (`services/ingest/ingestion-status-handler.ts`). */
  public readonly ingestionStatusFunction: lambda.Function;
  public readonly knowledgeBaseArn: string;

  constructor(scope: Construct, id: string, props: KnowledgeBaseProps) {
    super(scope, id);
    const { region, account } = Stack.of(this);
    const embeddingModelArn = `arn:${Aws.PARTITION}:bedrock:${region}::foundation-model/${props.embeddingModelId}`;

    const role = new iam.Role(this, 'ServiceRole', {
      assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:bedrock:${region}:${account}:knowledge-base/*` },
        },
      }),
      description: 'Lets the Bedrock knowledge base read the corpus, embed it and write vectors',
    });
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [embeddingModelArn] }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.corpus.bucket.bucketArn] }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [props.corpus.bucket.arnForObjects('*')],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          's3vectors:PutVectors',
          's3vectors:GetVectors',
          's3vectors:DeleteVectors',
          's3vectors:QueryVectors',
          's3vectors:GetIndex',
        ],
        resources: [props.vectorStore.index.attrIndexArn],
      }),
    );

    // Embedding model and size replace the knowledge base (and its index), so they name it.
    const embedding = {
      model: props.embeddingModelId,
      dimensions: props.embeddingDimensions,
      store: 'S3_VECTORS',
    };
    this.knowledgeBase = new bedrock.CfnKnowledgeBase(this, 'KnowledgeBase', {
      name: physicalName(this, 'knowledge-base', embedding, 100),
      description: 'Course notes for the Q&A service',
      roleArn: role.roleArn,
      knowledgeBaseConfiguration: {
        type: 'VECTOR',
        vectorKnowledgeBaseConfiguration: {
          embeddingModelArn,
          embeddingModelConfiguration: {
            bedrockEmbeddingModelConfiguration: {
              dimensions: props.embeddingDimensions,
              embeddingDataType: 'FLOAT32',
            },
          },
        },
      },
      storageConfiguration: {
        type: 'S3_VECTORS',
        s3VectorsConfiguration: { indexArn: props.vectorStore.index.attrIndexArn },
      },
    });
    this.knowledgeBase.node.addDependency(role);
    this.knowledgeBaseArn = this.knowledgeBase.attrKnowledgeBaseArn;

    this.dataSource = new bedrock.CfnDataSource(this, 'DataSource', {
      knowledgeBaseId: this.knowledgeBase.attrKnowledgeBaseId,
      // A chunking change replaces the data source: the name follows the chunking settings.
      name: physicalName(this, 'corpus', props.chunking, 100),
      dataSourceConfiguration: { type: 'S3', s3Configuration: { bucketArn: props.corpus.bucket.bucketArn } },
      vectorIngestionConfiguration: { chunkingConfiguration: props.chunking },
    });

    this.addIngestionAfterDeploy(props);
    const { fn, deadLetterQueue } = this.addIngestionOnChange(props);
    this.ingestFunction = fn;
    this.ingestDeadLetterQueue = deadLetterQueue;
    this.ingestionStatusFunction = this.addIngestionStatus(props);
  }

  /** A scheduled function that publishes recent ingestion outcomes (jobs, failed documents) as metrics. */
  private addIngestionStatus(props: KnowledgeBaseProps): lambda.Function {
    const fn = bundledFunction(this, 'IngestionStatus', {
      entry: LAMBDA_ENTRIES.ingestionStatus,
      description: 'Publishes knowledge-base ingestion job status and failed-document counts as metrics',
      timeout: Duration.seconds(30),
      memorySize: 256,
      logRetention: props.logRetention,
      environment: {
        KNOWLEDGE_BASE_ID: this.knowledgeBase.attrKnowledgeBaseId,
        DATA_SOURCE_ID: this.dataSource.attrDataSourceId,
        STATUS_PERIOD_MINUTES: String(INGESTION_STATUS_PERIOD.toMinutes()),
        POWERTOOLS_SERVICE_NAME: 'course-notes-qa',
        POWERTOOLS_METRICS_NAMESPACE: 'CourseNotesQA',
      },
    });
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['bedrock:ListIngestionJobs', 'bedrock:GetIngestionJob'],
        resources: [this.knowledgeBase.attrKnowledgeBaseArn],
      }),
    );
    new events.Rule(this, 'IngestionStatusSchedule', {
      description: 'Reads the knowledge base ingestion status',
      schedule: events.Schedule.rate(INGESTION_STATUS_PERIOD),
      targets: [new targets.LambdaFunction(fn, { retryAttempts: 0 })],
    });
    return fn;
  }

  /** A custom resource keyed on the corpus hash: a deploy that changes the notes re-ingests them. */
  private addIngestionAfterDeploy(props: KnowledgeBaseProps): void {
    const corpusHash = FileSystem.fingerprint(props.corpusDir);
    const startIngestion: cr.AwsSdkCall = {
      service: 'bedrock-agent',
      action: 'StartIngestionJob',
      parameters: {
        knowledgeBaseId: this.knowledgeBase.attrKnowledgeBaseId,
        dataSourceId: this.dataSource.attrDataSourceId,
        description: `deploy of corpus ${corpusHash}`,
      },
      // A job already running (often started by the upload's own S3 events) rejects a second
      // one; the S3-event path then ingests whatever that job missed, so the deploy goes on.
      ignoreErrorCodesMatching: INGESTION_CONFLICT_ERROR,
      physicalResourceId: cr.PhysicalResourceId.of(`ingest-${corpusHash}`),
    };
    const ingestion = new cr.AwsCustomResource(this, 'IngestAfterDeploy', {
      onCreate: startIngestion,
      onUpdate: startIngestion,
      installLatestAwsSdk: false,
      removalPolicy: RemovalPolicy.DESTROY,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['bedrock:StartIngestionJob'],
          resources: [this.knowledgeBase.attrKnowledgeBaseArn],
        }),
      ]),
      logGroup: new logs.LogGroup(this, 'IngestAfterDeployLogs', {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    ingestion.node.addDependency(props.corpus.deployment, this.dataSource);
  }

  /** S3 object events -> queue (batching window = debounce) -> one StartIngestionJob per batch. */
  private addIngestionOnChange(props: KnowledgeBaseProps) {
    const deadLetterQueue = new sqs.Queue(this, 'IngestDeadLetters', {
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    const queue = new sqs.Queue(this, 'CorpusChanges', {
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      // Lambda's guidance for SQS event sources: six times the timeout plus the batching window.
      visibilityTimeout: Duration.seconds(
        INGEST_TIMEOUT.toSeconds() * 6 + INGEST_BATCHING_WINDOW.toSeconds(),
      ),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 10 },
    });
    for (const event of [s3.EventType.OBJECT_CREATED, s3.EventType.OBJECT_REMOVED]) {
      props.corpus.bucket.addEventNotification(event, new s3n.SqsDestination(queue));
    }
    const fn = bundledFunction(this, 'StartIngestion', {
      entry: LAMBDA_ENTRIES.ingest,
      description: 'Starts one knowledge-base ingestion per batch of corpus changes',
      timeout: INGEST_TIMEOUT,
      logRetention: props.logRetention,
      environment: {
        KNOWLEDGE_BASE_ID: this.knowledgeBase.attrKnowledgeBaseId,
        DATA_SOURCE_ID: this.dataSource.attrDataSourceId,
      },
    });
    fn.addEventSource(
      new SqsEventSource(queue, { batchSize: 100, maxBatchingWindow: INGEST_BATCHING_WINDOW }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['bedrock:StartIngestionJob', 'bedrock:ListIngestionJobs'],
        resources: [this.knowledgeBase.attrKnowledgeBaseArn],
      }),
    );
    return { fn, deadLetterQueue };
  }
}
