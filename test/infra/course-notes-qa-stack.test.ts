import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { inferenceProfilePrefix, readDeploySettings } from '../../infra/config.js';
import { createCdkApp } from '../../infra/create-cdk-app.js';
import { defaultChunkingSettings } from '../../shared/corpus/chunking-settings.js';
import { guardrailPolicy } from '../../shared/guardrail/guardrail-policy.js';
import { loadAssistantProfile } from '../../shared/profile/assistant-profile.js';

const outdir = () => mkdtempSync(join(tmpdir(), 'cdk-'));
let template: Template;
let assemblyDir: string;

beforeAll(() => {
  assemblyDir = outdir();
  const { app, stack } = createCdkApp({ alarmEmail: 'ops@example.com' }, assemblyDir);
  app.synth(); // runs cdk-nag (AwsSolutions): throws on any unacknowledged finding
  template = Template.fromStack(stack);
}, 120_000);

describe('knowledge base', () => {
  it('stores vectors in an S3 Vectors index with Bedrock text and metadata non-filterable', () => {
    template.hasResourceProperties('AWS::S3Vectors::Index', {
      DataType: 'float32',
      Dimension: 1024,
      DistanceMetric: 'cosine',
      MetadataConfiguration: {
        NonFilterableMetadataKeys: ['AMAZON_BEDROCK_TEXT', 'AMAZON_BEDROCK_METADATA'],
      },
    });
    template.hasResourceProperties('AWS::Bedrock::KnowledgeBase', {
      KnowledgeBaseConfiguration: {
        Type: 'VECTOR',
        VectorKnowledgeBaseConfiguration: {
          EmbeddingModelArn: {
            'Fn::Join': [
              '',
              Match.arrayWith([Match.stringLikeRegexp('foundation-model/amazon.titan-embed-text-v2:0')]),
            ],
          },
          EmbeddingModelConfiguration: {
            BedrockEmbeddingModelConfiguration: { Dimensions: 1024, EmbeddingDataType: 'FLOAT32' },
          },
        },
      },
      StorageConfiguration: { Type: 'S3_VECTORS', S3VectorsConfiguration: { IndexArn: Match.anyValue() } },
    });
  });

  it('chunks with the same settings object as the offline engine', () => {
    template.hasResourceProperties('AWS::Bedrock::DataSource', {
      VectorIngestionConfiguration: {
        ChunkingConfiguration: {
          ChunkingStrategy: defaultChunkingSettings.chunkingStrategy,
          FixedSizeChunkingConfiguration:
            defaultChunkingSettings.chunkingStrategy === 'FIXED_SIZE'
              ? {
                  MaxTokens: defaultChunkingSettings.fixedSizeChunkingConfiguration.maxTokens,
                  OverlapPercentage: defaultChunkingSettings.fixedSizeChunkingConfiguration.overlapPercentage,
                }
              : Match.absent(),
        },
      },
    });
  });

  it('keeps the corpus in an encrypted, private, SSL-only bucket with access logs, filled by BucketDeployment', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { LogFilePrefix: 'corpus/' },
    });
    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
  });

  it('starts an ingestion after deploys that change the corpus (keyed on its hash, no SDK install)', () => {
    const resources = template.findResources('Custom::AWS');
    const ingestion = Object.values(resources).find((r) => JSON.stringify(r).includes('StartIngestionJob'));
    expect(ingestion).toBeDefined();
    const create = JSON.stringify(ingestion?.Properties?.Create);
    expect(create).toContain('StartIngestionJob');
    expect(create).toMatch(/physicalResourceId.{0,12}id.{0,6}ingest-[0-9a-f]{64}/);
    expect(ingestion?.Properties?.InstallLatestAwsSdk).toBe(false);
  });

  it('starts one ingestion per batch of bucket changes', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 120,
    });
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: Match.arrayWith([Match.objectLike({ Events: ['s3:ObjectCreated:*'] })]),
      },
    });
  });
});

describe('guardrail', () => {
  it('is built from the shared policy object and published as a version', () => {
    const policy = guardrailPolicy;
    template.hasResourceProperties('AWS::Bedrock::Guardrail', {
      BlockedInputMessaging: policy.blockedInputMessaging,
      BlockedOutputsMessaging: policy.blockedOutputsMessaging,
      ContentPolicyConfig: {
        FiltersConfig: policy.contentPolicy.filters.map((f) => ({
          Type: f.type,
          InputStrength: f.inputStrength,
          OutputStrength: f.outputStrength,
        })),
      },
      TopicPolicyConfig: {
        TopicsConfig: policy.topicPolicy.topics.map((t) => ({
          Name: t.name,
          Definition: t.definition,
          Examples: t.examples,
          Type: 'DENY',
        })),
      },
      WordPolicyConfig: {
        WordsConfig: policy.wordPolicy.words.map((text) => ({ Text: text })),
        ManagedWordListsConfig: [{ Type: 'PROFANITY' }],
      },
      SensitiveInformationPolicyConfig: {
        PiiEntitiesConfig: policy.sensitiveInformationPolicy.piiEntities.map((e) => ({
          Type: e.type,
          Action: e.action,
        })),
      },
      ContextualGroundingPolicyConfig: {
        FiltersConfig: policy.contextualGroundingPolicy.filters.map((f) => ({
          Type: f.type,
          Threshold: f.threshold,
        })),
      },
    });
    template.resourceCountIs('AWS::Bedrock::GuardrailVersion', 1);
  });

  it('respects Bedrock limits on topic fields', () => {
    for (const topic of guardrailPolicy.topicPolicy.topics) {
      expect(topic.name.length).toBeLessThanOrEqual(100);
      expect(topic.definition.length).toBeLessThanOrEqual(200);
      for (const example of topic.examples) expect(example.length).toBeLessThanOrEqual(100);
    }
  });
});

describe('API', () => {
  it('runs the Hono app on Node.js 24 ARM64 with the Bedrock engine', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Environment: {
        Variables: Match.objectLike({
          ENGINE: 'bedrock',
          KNOWLEDGE_BASE_ID: Match.anyValue(),
          MODEL_ARN: Match.anyValue(),
          GUARDRAIL_ID: Match.anyValue(),
          GUARDRAIL_VERSION: Match.anyValue(),
          NODE_OPTIONS: '--enable-source-maps',
        }),
      },
    });
  });

  it('integrates Lambda in response-streaming mode so SSE streams end to end', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      ApiKeyRequired: true,
      Integration: Match.objectLike({ Type: 'AWS_PROXY', ResponseTransferMode: 'STREAM' }),
    });
  });

  it("bundles its own AWS SDK into each function rather than importing the runtime's", () => {
    const bundles = readdirSync(assemblyDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name.startsWith('asset.'))
      .flatMap((entry) =>
        readdirSync(join(assemblyDir, entry.name)).map((file) => join(assemblyDir, entry.name, file)),
      )
      .filter((file) => file.endsWith('index.mjs'))
      .map((file) => readFileSync(file, 'utf8'));
    expect(bundles.length).toBeGreaterThanOrEqual(2); // API and ingestion trigger
    for (const code of bundles) expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
    expect(bundles.some((code) => code.includes('RetrieveAndGenerate'))).toBe(true);
  });

  it('serves the chat page publicly and ships it in the API bundle', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method'));
    const gets = methods.filter((m) => m.Properties.HttpMethod === 'GET');
    expect(gets.length).toBe(3); // /, /assets/{name}, /healthz
    for (const method of gets) expect(method.Properties.ApiKeyRequired).toBe(false);
  });

  it("ships the chat page and the libraries it loads in the API function's bundle", () => {
    // Prepare: the API function's code asset
    const [api] = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (fn) => fn.Properties.Environment?.Variables?.ENGINE === 'bedrock',
    );
    const asset = join(assemblyDir, `asset.${String(api?.Properties.Code.S3Key).replace(/\.zip$/, '')}`);

    // Assess: what web-route.ts reads on Lambda (web/vendor/<package>)
    for (const file of [
      'web/index.html',
      'web/chat.js',
      'web/vendor/marked/marked.esm.js',
      'web/vendor/dompurify/purify.es.mjs',
      'web/vendor/katex/katex.min.js',
      'web/vendor/katex/katex.min.css',
    ])
      expect(existsSync(join(asset, file)), file).toBe(true);
    expect(readdirSync(join(asset, 'web/vendor/katex/fonts')).some((font) => font.endsWith('.woff2'))).toBe(
      true,
    );
  });

  it('requires API keys with a throttled usage plan; bodies are validated by the app alone', () => {
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 5, BurstLimit: 10 },
      Quota: { Limit: 5000, Period: 'DAY' },
    });
    template.resourceCountIs('AWS::ApiGateway::ApiKey', 1);
    template.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 1);
    // API Gateway cannot put its validation message into valid JSON (see deploy-safety.test.ts).
    template.resourceCountIs('AWS::ApiGateway::RequestValidator', 0);
    template.resourceCountIs('AWS::ApiGateway::Model', 0);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'THROTTLED',
      StatusCode: '429',
    });
  });

  it('grants Bedrock access scoped to the KB, model and guardrail ARNs, and RetrieveAndGenerate on "*"', () => {
    // The whole set is simulated against AWS's authorization data in iam-simulation.test.ts;
    // this pins the shape of the statements the README documents.
    const policies = template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const find = (action: string) =>
      statements.find((s) => ([] as string[]).concat(s.Action).includes(action));
    expect(find('bedrock:RetrieveAndGenerate')?.Resource).toBe('*'); // the action has no resource type
    expect(JSON.stringify(find('bedrock:Retrieve')?.Resource)).toContain('KnowledgeBaseArn');
    expect(JSON.stringify(find('bedrock:ApplyGuardrail')?.Resource)).toContain('GuardrailArn');
    expect(JSON.stringify(find('bedrock:InvokeModelWithResponseStream')?.Resource)).toMatch(
      /inference-profile\/us\.amazon\.nova-lite-v1:0/,
    );
    const wildcardBedrock = statements
      .filter((statement) => statement.Resource === '*')
      .flatMap((statement) => ([] as string[]).concat(statement.Action))
      .filter((action) => action.startsWith('bedrock:'));
    expect([...new Set(wildcardBedrock)]).toEqual(['bedrock:RetrieveAndGenerate']);
  });
});

describe('observability', () => {
  it('gives every log group a retention', () => {
    const groups = template.findResources('AWS::Logs::LogGroup');
    expect(Object.keys(groups).length).toBeGreaterThanOrEqual(4);
    for (const group of Object.values(groups)) expect(group.Properties.RetentionInDays).toBe(30);
  });

  it('has a dashboard and alarms on error rate, throttling, p95 latency and ingestion, sent to SNS e-mail', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    const descriptions = alarms.map((alarm) => alarm.Properties.AlarmDescription as string);
    expect(descriptions).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/failed/),
        expect.stringMatching(/throttled/),
        expect.stringMatching(/p95/),
        expect.stringMatching(/ingestion/i),
      ]),
    );
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  it('leaves account-wide model invocation logging off unless asked', () => {
    expect(JSON.stringify(template.toJSON())).not.toContain('PutModelInvocationLoggingConfiguration');
    const { stack } = createCdkApp({ invocationLogging: 'true' }, outdir());
    const withLogging = Template.fromStack(stack);
    const resource = Object.values(withLogging.findResources('Custom::AWS')).find((r) =>
      JSON.stringify(r).includes('PutModelInvocationLoggingConfiguration'),
    );
    expect(JSON.stringify(resource?.Properties?.Delete)).toContain(
      'DeleteModelInvocationLoggingConfiguration',
    );
  });

  it('exports the outputs a user needs', () => {
    const outputs = Object.keys(template.findOutputs('*'));
    expect(outputs).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'ApiKeyId',
        'ApiKeyValueCommand',
        'KnowledgeBaseId',
        'DataSourceId',
        'GuardrailId',
        'GuardrailVersion',
        'DashboardUrl',
      ]),
    );
  });
});

describe('Slack resources (behind -c slack=true)', () => {
  it('are absent by default', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 0);
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
  });

  it('add a queue with DLQ, a worker, a dedupe table with TTL, the secret, routes and an alarm', () => {
    const { app, stack } = createCdkApp({ slack: 'true' }, outdir());
    app.synth(); // cdk-nag passes with Slack on too
    const slack = Template.fromStack(stack);
    slack.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
    slack.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { maxReceiveCount: 3, deadLetterTargetArn: Match.anyValue() },
    });
    slack.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    slack.resourceCountIs('AWS::SecretsManager::Secret', 1);
    slack.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Course-notes Q&A API (Hono app, Bedrock engine)',
      Environment: {
        Variables: Match.objectLike({
          SLACK_QUEUE_URL: Match.anyValue(),
          SLACK_TABLE_NAME: Match.anyValue(),
          SLACK_SECRET_ARN: Match.anyValue(),
        }),
      },
    });
    slack.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{route}' });
    const alarms = Object.values(slack.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties.AlarmDescription as string,
    );
    expect(alarms).toContain('SlackJobs messages failed');
    expect(Object.keys(slack.findOutputs('*'))).toEqual(
      expect.arrayContaining(['SlackRequestUrlBase', 'SlackSecretArn']),
    );
  }, 120_000);
});

describe('cdk-nag and settings', () => {
  it('fails synth on an unacknowledged AwsSolutions finding (the check is live)', () => {
    const { app, stack } = createCdkApp({}, outdir());
    new s3.Bucket(stack, 'UnloggedBucket');
    expect(() => app.synth()).toThrow(/server access logs/);
  }, 120_000);

  it('validates deploy settings with clear messages', () => {
    expect(() => readDeploySettings({ region: 'mars', embeddingDimensions: 768, slack: 'maybe' })).toThrow(
      /region must look like us-east-1[\s\S]*embeddingDimensions must be 256, 512 or 1024[\s\S]*slack/,
    );
    expect(readDeploySettings({ slack: 'true', invocationLogging: false })).toMatchObject({
      slack: true,
      invocationLogging: false,
      region: 'us-east-1',
    });
    expect(inferenceProfilePrefix('eu-west-1')).toBe('eu');
  });
});

describe('your own documents: corpus and assistant profile', () => {
  const PROFILE = 'test/fixtures/library-handbook/profile.json';
  let custom: Template;
  let customDir: string;

  beforeAll(() => {
    customDir = outdir();
    const { app, stack } = createCdkApp(
      { profile: PROFILE, corpusDir: 'test/fixtures/library-handbook/corpus', slack: 'true' },
      customDir,
    );
    app.synth();
    custom = Template.fromStack(stack);
  }, 120_000);

  it("builds the Bedrock Guardrail from the profile's denied topics, words and messages", () => {
    // Prepare
    const profile = loadAssistantProfile(PROFILE);

    // Assess
    custom.hasResourceProperties('AWS::Bedrock::Guardrail', {
      BlockedInputMessaging: profile.blockedInputMessage,
      BlockedOutputsMessaging: profile.blockedOutputMessage,
      TopicPolicyConfig: {
        TopicsConfig: [Match.objectLike({ Name: 'Essay writing services', Type: 'DENY' })],
      },
      WordPolicyConfig: Match.objectLike({ WordsConfig: [{ Text: 'essaymill' }] }),
    });
  });

  it('ships the profile beside the API and Slack worker bundles and points PROFILE at it', () => {
    // Act: the functions that answer, and the files of their code assets
    const answering = Object.values(custom.findResources('AWS::Lambda::Function')).filter(
      (fn) => fn.Properties.Environment?.Variables?.ENGINE === 'bedrock',
    );
    const bundled = answering.map((fn) => {
      const key = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      return readFileSync(join(customDir, `asset.${key}`, 'assistant-profile.json'), 'utf8');
    });

    // Assess
    expect(answering).toHaveLength(2);
    for (const fn of answering)
      expect(fn.Properties.Environment.Variables.PROFILE).toBe('assistant-profile.json');
    for (const file of bundled) expect(JSON.parse(file)).toEqual(JSON.parse(readFileSync(PROFILE, 'utf8')));
  });

  it('docs/deploy-and-operations.md states the true alarm count and stack outputs (with and without Slack)', () => {
    // Prepare
    const doc = readFileSync('docs/deploy-and-operations.md', 'utf8');
    const counts = /(\d+) alarms \((\d+) with Slack\)/.exec(doc);
    const outputsSection = doc.split('## Stack outputs')[1]?.split('\n## ')[0] ?? '';
    const documented = [...outputsSection.matchAll(/`([A-Z]\w+)(…)?`/g)].map((m) => m[1] as string);
    const covers = (outputs: string[]) =>
      outputs.every((output) => documented.some((name) => output === name || output.startsWith(name)));

    // Assess
    expect(Number(counts?.[1])).toBe(Object.keys(template.findResources('AWS::CloudWatch::Alarm')).length);
    expect(Number(counts?.[2])).toBe(Object.keys(custom.findResources('AWS::CloudWatch::Alarm')).length);
    expect(covers(Object.keys(template.findOutputs('*')))).toBe(true);
    expect(covers(Object.keys(custom.findOutputs('*')))).toBe(true);
    for (const name of documented)
      expect(
        Object.keys(custom.findOutputs('*')).some((output) => output.startsWith(name)),
        name,
      ).toBe(true);
  });

  it('keeps the default profile when none is given (no PROFILE, nothing extra in the bundle)', () => {
    // Assess
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    for (const fn of functions) expect(fn.Properties.Environment?.Variables?.PROFILE).toBeUndefined();
  });
});
