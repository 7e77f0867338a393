import { Aws, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { type DeploySettings, inferenceProfilePrefix } from '../config.js';
import type { BedrockAnsweringResources } from '../constructs/bedrock-access.js';
import { CorpusBucket } from '../constructs/corpus-bucket.js';
import { CourseGuardrail } from '../constructs/course-guardrail.js';
import { InvocationLogging } from '../constructs/invocation-logging.js';
import { KnowledgeBase } from '../constructs/knowledge-base.js';
import { Observability } from '../constructs/observability.js';
import { QaApi } from '../constructs/qa-api.js';
import { SlackIntegration } from '../constructs/slack-integration.js';
import { VectorStore } from '../constructs/vector-store.js';

export interface CourseNotesQaStackProps extends StackProps {
  readonly settings: DeploySettings;
}

/** Composes the service: corpus, vector store, knowledge base, guardrail, API, observability. */
export class CourseNotesQaStack extends Stack {
  public readonly api: QaApi;
  public readonly knowledgeBase: KnowledgeBase;
  public readonly guardrail: CourseGuardrail;
  public readonly observability: Observability;
  public readonly slack: SlackIntegration | undefined;

  constructor(scope: Construct, id: string, props: CourseNotesQaStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const logRetention = settings.logRetentionDays as logs.RetentionDays;

    const corpus = new CorpusBucket(this, 'Corpus', { corpusDir: settings.corpusDir });
    const vectorStore = new VectorStore(this, 'Vectors', { dimensions: settings.embeddingDimensions });
    this.knowledgeBase = new KnowledgeBase(this, 'Knowledge', {
      corpus,
      vectorStore,
      corpusDir: settings.corpusDir,
      embeddingModelId: settings.embeddingModelId,
      embeddingDimensions: settings.embeddingDimensions,
      chunking: settings.chunking,
      logRetention,
    });
    this.guardrail = new CourseGuardrail(this, 'Guardrail', { policy: settings.guardrailPolicy });

    const model = modelArns(settings);
    const bedrock: BedrockAnsweringResources = {
      knowledgeBaseId: this.knowledgeBase.knowledgeBase.attrKnowledgeBaseId,
      knowledgeBaseArn: this.knowledgeBase.knowledgeBaseArn,
      modelArn: model.modelArn,
      modelResourceArns: model.resources,
      guardrailId: this.guardrail.guardrail.attrGuardrailId,
      guardrailArn: this.guardrail.guardrail.attrGuardrailArn,
      guardrailVersion: this.guardrail.version.attrVersion,
      numberOfResults: settings.numberOfResults,
      ...(settings.profile ? { profileFile: settings.profile } : {}),
    };
    this.slack = settings.slack ? new SlackIntegration(this, 'Slack', { bedrock, logRetention }) : undefined;
    this.api = new QaApi(this, 'Api', {
      bedrock,
      logRetention,
      slackRoutes: settings.slack,
      corsOrigins: settings.corsOrigins.split(','),
      ...(this.slack ? { extraEnvironment: this.slack.apiEnvironment } : {}),
      throttle: {
        rateLimit: settings.apiRateLimit,
        burstLimit: settings.apiBurstLimit,
        dailyQuota: settings.apiDailyQuota,
      },
    });

    this.slack?.grantApi(this.api.handler);

    this.observability = new Observability(this, 'Observability', {
      apiFunction: this.api.handler,
      ingestFunction: this.knowledgeBase.ingestFunction,
      ingestDeadLetterQueue: this.knowledgeBase.ingestDeadLetterQueue,
      ingestionStatusFunction: this.knowledgeBase.ingestionStatusFunction,
      ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}),
      ...(this.slack ? { deadLetterQueues: [{ name: 'SlackJobs', queue: this.slack.deadLetterQueue }] } : {}),
    });
    if (settings.invocationLogging) {
      new InvocationLogging(this, 'InvocationLogging', {
        logRetention,
        textDelivery: settings.invocationLoggingText,
      });
    }

    const output = (name: string, value: string, description: string) =>
      new CfnOutput(this, name, { value, description });
    output('ApiUrl', this.api.api.url, 'Base URL of the API (POST v1/ask, v1/retrieve; GET healthz)');
    output('ApiKeyId', this.api.apiKey.keyId, 'Id of the default API key');
    output(
      'ApiKeyValueCommand',
      `aws apigateway get-api-key --api-key ${this.api.apiKey.keyId} --include-value --query value --output text --region ${this.region}`,
      'Prints the API key value',
    );
    output(
      'KnowledgeBaseId',
      this.knowledgeBase.knowledgeBase.attrKnowledgeBaseId,
      'Bedrock knowledge base id',
    );
    output('DataSourceId', this.knowledgeBase.dataSource.attrDataSourceId, 'Knowledge base data source id');
    output(
      'CorpusBucketName',
      corpus.bucket.bucketName,
      'Bucket holding the notes: upload your own documents here',
    );
    output('GuardrailId', this.guardrail.guardrail.attrGuardrailId, 'Bedrock guardrail id');
    output('GuardrailVersion', this.guardrail.version.attrVersion, 'Published guardrail version');
    output('ModelArn', model.modelArn, 'Generation model (inference profile)');
    if (this.slack) {
      output(
        'SlackRequestUrlBase',
        `${this.api.api.url}slack/`,
        'Slack request URLs: <this>events, <this>commands, <this>interactions',
      );
      output(
        'SlackSecretArn',
        this.slack.secret.secretArn,
        'Put {"signingSecret","botToken"} of your Slack app here',
      );
    }
    output(
      'DashboardUrl',
      `https://${this.region}.console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards:name=${this.observability.dashboard.dashboardName}`,
      'CloudWatch dashboard',
    );
  }
}

/** The generation model ARN and the ARNs InvokeModel needs for it. */
export function modelArns(settings: DeploySettings): { modelArn: string; resources: string[] } {
  const partition = Aws.PARTITION;
  if (!settings.useInferenceProfile) {
    const arn = `arn:${partition}:bedrock:${settings.region}::foundation-model/${settings.generationModelId}`;
    return { modelArn: arn, resources: [arn] };
  }
  const profile = `${inferenceProfilePrefix(settings.region)}.${settings.generationModelId}`;
  const modelArn = `arn:${partition}:bedrock:${settings.region}:${Aws.ACCOUNT_ID}:inference-profile/${profile}`;
  // A cross-region profile routes to the same model in any of its regions.
  return {
    modelArn,
    resources: [modelArn, `arn:${partition}:bedrock:*::foundation-model/${settings.generationModelId}`],
  };
}
