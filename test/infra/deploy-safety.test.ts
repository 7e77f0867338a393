import { readFileSync } from 'node:fs';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { ConflictException } from '@aws-sdk/client-bedrock-agent';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readDeploySettings } from '../../infra/config.js';
import { BEDROCK_CALLS_PER_REQUEST } from '../../infra/constructs/bedrock-access.js';
import { createCdkApp } from '../../infra/create-cdk-app.js';
import { CourseNotesQaStack } from '../../infra/stacks/course-notes-qa-stack.js';
import { INGESTION_METRICS } from '../../services/ingest/ingestion-metrics.js';
import { publishIngestionStatus } from '../../services/ingest/ingestion-status-handler.js';
import { worstCaseBedrockCallMs } from '../../shared/adapters/bedrock/bedrock-call-budget.js';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import type { defaultChunkingSettings } from '../../shared/corpus/chunking-settings.js';
import type { CloudFormationTemplate } from './support/resolve-intrinsics.js';
import {
  resourceProperties,
  typeDefinitionProperties,
  validateTemplate,
} from './support/validate-against-spec.js';

type Resource = CloudFormationTemplate['Resources'][string];
const synthesize = (context: Record<string, unknown> = {}) =>
  Template.fromStack(
    createCdkApp({ 'aws:cdk:bundling-stacks': [], ...context }).stack,
  ).toJSON() as CloudFormationTemplate;

// Three syntheses in all: every optional part on, the same as a second stack (with invocation
// text delivery on), and the first with settings that replace resources.
const everything = { slack: 'true', invocationLogging: 'true' };
let slackTemplate: CloudFormationTemplate;
let secondStack: CloudFormationTemplate;
beforeAll(() => {
  slackTemplate = synthesize(everything);
  secondStack = synthesize({
    ...everything,
    stackName: 'NotesTwo',
    invocationLoggingText: 'true',
    corsOrigins: 'https://notes.example.com',
    logRetentionDays: 7,
    alarmEmail: 'ops@example.com',
  });
}, 60_000);

const resourcesOf = (template: CloudFormationTemplate, type: string) =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
// biome-ignore lint/suspicious/noExplicitAny: template JSON is untyped; each test narrows what it reads.
const props = (resource: Resource | undefined) => (resource?.Properties ?? {}) as Record<string, any>;
const refId = (value: unknown) =>
  (value as { Ref?: string }).Ref ?? (value as { 'Fn::GetAtt': string[] })['Fn::GetAtt']?.[0];

/** Functions that answer questions: their environment selects the Bedrock engine. */
const answeringFunctions = (template: CloudFormationTemplate) =>
  resourcesOf(template, 'AWS::Lambda::Function').filter(
    ([, fn]) =>
      (props(fn).Environment as { Variables?: { ENGINE?: string } } | undefined)?.Variables?.ENGINE ===
      'bedrock',
  );

/**
 * Longest time one request can take in a function: the SDK's worst case for each Bedrock call
 * (per-attempt timeout × attempts plus retry back-off) with the settings the app reads from its
 * environment (its own defaults when unset), for the most calls one request makes.
 */
function worstAnswerMs(fn: Resource): number {
  const variables = (props(fn).Environment as { Variables: Record<string, string> }).Variables;
  const { BEDROCK_TIMEOUT_MS, BEDROCK_MAX_ATTEMPTS } = variables;
  const config = readRuntimeConfig({ BEDROCK_TIMEOUT_MS, BEDROCK_MAX_ATTEMPTS });
  return (
    BEDROCK_CALLS_PER_REQUEST * worstCaseBedrockCallMs(config.BEDROCK_TIMEOUT_MS, config.BEDROCK_MAX_ATTEMPTS)
  );
}

describe('CloudFormation schemas (@aws-cdk/aws-service-spec, the registry schemas aws-cdk-lib is generated from)', () => {
  it('every resource of every synthesized template matches its schema: names, required, types, enums', () => {
    // Act
    const problems = [...validateTemplate(slackTemplate), ...validateTemplate(secondStack)];

    // Assess
    expect(Object.keys(slackTemplate.Resources).length).toBeGreaterThan(60);
    expect(problems).toEqual([]);
  });
});

describe('time limits', () => {
  it('every answering function sets the Bedrock timeout and attempts, and their worst case fits its timeout', () => {
    // Prepare
    const functions = answeringFunctions(slackTemplate);

    // Act
    const budgets = functions.map(([id, fn]) => ({
      id,
      worstMs: worstAnswerMs(fn),
      timeoutMs: (props(fn).Timeout as number) * 1000,
      variables: Object.keys((props(fn).Environment as { Variables: object }).Variables),
    }));

    // Assess
    expect(budgets).toHaveLength(2); // API and Slack worker
    for (const budget of budgets) {
      expect(budget.variables).toEqual(
        expect.arrayContaining(['BEDROCK_TIMEOUT_MS', 'BEDROCK_MAX_ATTEMPTS']),
      );
      expect(budget.worstMs, budget.id).toBeLessThan(budget.timeoutMs);
    }
  });

  it('a streamed answer can stay silent no longer than the endpoint idle timeout (edge 30 s, regional 5 min)', () => {
    // Prepare: API Gateway developer guide, "Stream the integration response": streams are cut
    // after 30 s idle on edge-optimized endpoints and 5 minutes on regional ones.
    const idleLimitMs = { EDGE: 30_000, REGIONAL: 300_000, PRIVATE: 300_000 } as const;
    const [, api] = resourcesOf(slackTemplate, 'AWS::ApiGateway::RestApi')[0] ?? [];
    const types = (props(api).EndpointConfiguration as { Types?: string[] } | undefined)?.Types ?? ['EDGE'];
    const [, handler] = answeringFunctions(slackTemplate).find(([id]) => id.startsWith('Api')) ?? [];

    // Act
    const limit = idleLimitMs[types[0] as keyof typeof idleLimitMs];

    // Assess: a JSON answer sends nothing until Bedrock is done.
    expect(worstAnswerMs(handler as Resource)).toBeLessThan(limit);
  });

  it('SQS visibility timeouts are at least 6 × the function timeout plus the batching window', () => {
    // Prepare: Lambda developer guide, "Using Lambda with Amazon SQS" (visibility timeout).
    const mappings = resourcesOf(slackTemplate, 'AWS::Lambda::EventSourceMapping');

    // Act
    const checks = mappings.map(([id, mapping]) => {
      const queueId = refId(props(mapping).EventSourceArn) as string;
      const fnId = refId(props(mapping).FunctionName) as string;
      return {
        id,
        visibility: props(slackTemplate.Resources[queueId]).VisibilityTimeout as number,
        needed:
          6 * (props(slackTemplate.Resources[fnId]).Timeout as number) +
          ((props(mapping).MaximumBatchingWindowInSeconds as number) ?? 0),
      };
    });

    // Assess
    expect(checks).toHaveLength(2);
    for (const check of checks) expect(check.visibility, check.id).toBeGreaterThanOrEqual(check.needed);
  });

  it('a queued Slack batch fits the worker timeout, reporting failures per message', () => {
    // Prepare
    const answering = new Map(answeringFunctions(slackTemplate));
    const mappings = resourcesOf(slackTemplate, 'AWS::Lambda::EventSourceMapping').filter(([, mapping]) =>
      answering.has(refId(props(mapping).FunctionName) as string),
    );

    // Act
    const [, mapping] = mappings[0] ?? [];
    const fn = answering.get(refId(props(mapping).FunctionName) as string) as Resource;

    // Assess
    expect(mappings).toHaveLength(1);
    expect((props(mapping).BatchSize as number) * worstAnswerMs(fn)).toBeLessThan(
      (props(fn).Timeout as number) * 1000,
    );
    expect(props(mapping).FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });
});

describe('API Gateway edge', () => {
  it('answers its own errors with valid contract JSON whatever the $context values contain', () => {
    // Prepare: API Gateway substitutes $context variables raw, without JSON escaping.
    const hostile = 'object has missing required properties (["question"]) \\ "quoted"';
    const codes = readFileSync('shared/errors.ts', 'utf8')
      .match(/\| '([A-Z_]+)'/g)
      ?.map((code) => code.slice(3, -1));
    const responses = resourcesOf(slackTemplate, 'AWS::ApiGateway::GatewayResponse');

    // Act
    const bodies = responses.map(([id, response]) => {
      const template = (props(response).ResponseTemplates as Record<string, string>)[
        'application/json'
      ] as string;
      const body = template.replace(/\$context\.[\w.]+/g, (name) =>
        name === '$context.requestId' ? 'req-1' : hostile,
      );
      try {
        return {
          id,
          body: JSON.parse(body) as { error: { code: string; message: string; requestId: string } },
        };
      } catch {
        return { id, body: undefined };
      }
    });

    // Assess
    expect(bodies.length).toBeGreaterThanOrEqual(9);
    for (const { id, body } of bodies) {
      expect(body, `${id} is not valid JSON`).toBeDefined();
      expect(Object.keys(body?.error ?? {}).sort(), id).toEqual(['code', 'message', 'requestId']);
      expect(codes, id).toContain(body?.error.code);
      expect(body?.error.requestId).toBe('req-1');
    }
  });

  it('lets browsers preflight every route: OPTIONS without API key, answered by the app', () => {
    // Prepare
    const methods = resourcesOf(slackTemplate, 'AWS::ApiGateway::Method').map(([, method]) => props(method));
    const byResource = new Map<string, Record<string, unknown>[]>();
    for (const method of methods) {
      const key = JSON.stringify(method.ResourceId);
      byResource.set(key, [...(byResource.get(key) ?? []), method]);
    }

    // Act
    const missing = [...byResource].filter(
      ([, list]) =>
        !list.some(
          (method) =>
            method.HttpMethod === 'OPTIONS' &&
            method.ApiKeyRequired === false &&
            (method.Integration as { Type?: string }).Type === 'AWS_PROXY',
        ),
    );

    // Assess
    expect(byResource.size).toBeGreaterThanOrEqual(6);
    expect(missing.map(([resource]) => resource)).toEqual([]);
  });

  it('traces the functions as it traces the API stage', () => {
    // Prepare
    const [, stage] = resourcesOf(slackTemplate, 'AWS::ApiGateway::Stage')[0] ?? [];
    const ours = resourcesOf(slackTemplate, 'AWS::Lambda::Function').filter(
      ([, fn]) =>
        (props(fn).Environment as { Variables?: { NODE_OPTIONS?: string } } | undefined)?.Variables
          ?.NODE_OPTIONS,
    );

    // Assess
    expect(props(stage).TracingEnabled).toBe(true);
    expect(ours.length).toBeGreaterThanOrEqual(4);
    for (const [id, fn] of ours) expect(props(fn).TracingConfig, id).toEqual({ Mode: 'Active' });
  });
});

describe('updates and second stacks', () => {
  /** Resources CloudFormation replaces between two templates, from the spec's causesReplacement, transitively. */
  function replaced(before: CloudFormationTemplate, after: CloudFormationTemplate): Set<string> {
    const result = new Set<string>();
    const differs = (
      a: unknown,
      b: unknown,
      properties: Record<
        string,
        { causesReplacement?: string; type: { type: string; reference?: { $ref: string } } }
      >,
    ): boolean => {
      for (const [name, property] of Object.entries(properties)) {
        const left = (a as Record<string, unknown> | undefined)?.[name];
        const right = (b as Record<string, unknown> | undefined)?.[name];
        const refersToReplaced = JSON.stringify(right ?? null)
          .match(/"(Ref|Fn::GetAtt)":\["?(\w+)/g)
          ?.some((match) => result.has(match.replace(/.*[["]/, '')));
        if (
          property.causesReplacement === 'yes' &&
          (JSON.stringify(left) !== JSON.stringify(right) || refersToReplaced)
        )
          return true;
        if (
          property.type.type === 'ref' &&
          left &&
          right &&
          differs(left, right, typeDefinitionProperties(property.type.reference?.$ref as string) as never)
        )
          return true;
      }
      return false;
    };
    for (let round = 0; round < 5; round++) {
      for (const [id, resource] of Object.entries(after.Resources)) {
        const properties = resourceProperties(resource.Type);
        if (!properties || result.has(id)) continue;
        if (differs(before.Resources[id]?.Properties, resource.Properties, properties as never))
          result.add(id);
      }
    }
    return result;
  }
  const nameOf = (resource: Resource | undefined) =>
    JSON.stringify(props(resource).Name ?? props(resource).DashboardName ?? null);

  it('a change that replaces a named resource also changes its name (embedding size, chunking)', () => {
    // Prepare
    const before = slackTemplate;
    const chunking = {
      chunkingStrategy: 'FIXED_SIZE',
      fixedSizeChunkingConfiguration: { maxTokens: 200, overlapPercentage: 10 },
    } as typeof defaultChunkingSettings;
    const settings = { ...readDeploySettings({ ...everything, embeddingDimensions: 512 }), chunking };
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new CourseNotesQaStack(app, settings.stackName, {
      settings,
      env: { region: settings.region },
    });
    const after = Template.fromStack(stack).toJSON() as CloudFormationTemplate;

    // Act
    const replacements = [...replaced(before, after)];
    const sameName = replacements.filter(
      (id) =>
        nameOf(before.Resources[id]) !== 'null' &&
        nameOf(before.Resources[id]) === nameOf(after.Resources[id]),
    );

    // Assess
    expect(replacements).toEqual(
      expect.arrayContaining([expect.stringMatching(/KnowledgeBase/), expect.stringMatching(/DataSource/)]),
    );
    expect(sameName).toEqual([]);
  });

  it('two stacks in one account and region give every named resource a different name', () => {
    // Prepare
    const first = slackTemplate;
    const second = secondStack;

    // Act
    const clashes = Object.entries(first.Resources).filter(
      ([id, resource]) => nameOf(resource) !== 'null' && nameOf(resource) === nameOf(second.Resources[id]),
    );

    // Assess
    expect(clashes.map(([id]) => id)).toEqual([]);
  });

  it('creates the Slack secret without a value, so no deploy writes over the credentials put in it', () => {
    // Prepare: the registry documents that omitting both value properties creates an empty secret.
    const documentation = JSON.stringify(resourceProperties('AWS::SecretsManager::Secret'));
    const [[, secret] = []] = resourcesOf(slackTemplate, 'AWS::SecretsManager::Secret');

    // Assess
    expect(documentation).toContain('you create an empty secret');
    expect(props(secret).SecretString).toBeUndefined();
    expect(props(secret).GenerateSecretString).toBeUndefined();
  });

  it('deploy-time ingestion tolerates a job already running (the error StartIngestionJob documents)', () => {
    // Prepare
    const commandDocs = readFileSync(
      'node_modules/@aws-sdk/client-bedrock-agent/dist-types/commands/StartIngestionJobCommand.d.ts',
      'utf8',
    );
    const conflict = new ConflictException({ message: 'job running', $metadata: {} });
    const [, ingest] =
      resourcesOf(slackTemplate, 'Custom::AWS').find(([, r]) =>
        JSON.stringify(r).includes('StartIngestionJob'),
      ) ?? [];
    const create = JSON.stringify(props(ingest).Create);

    // Act
    const ignored = create.match(/ignoreErrorCodesMatching\\":\\"([^\\]+)/)?.[1];

    // Assess
    expect(commandDocs).toContain('ConflictException');
    expect(ignored).toBeDefined();
    expect(new RegExp(ignored as string).test(conflict.name)).toBe(true);
  });
});

describe('clean-up and cost', () => {
  it('cdk destroy deletes every billable resource: only the account-level API Gateway logging role stays', () => {
    // Prepare
    const template = slackTemplate;

    // Act
    const retained = Object.entries(template.Resources)
      .filter(([, resource]) => resource.DeletionPolicy && resource.DeletionPolicy !== 'Delete')
      .map(([, resource]) => resource.Type);
    const [[, key] = []] = resourcesOf(template, 'AWS::KMS::Key');

    // Assess: an IAM role and the account's API Gateway setting cost nothing.
    expect(retained.sort()).toEqual(['AWS::ApiGateway::Account', 'AWS::IAM::Role']);
    expect(props(key).PendingWindowInDays).toBe(7);
  });

  it('every function and the API stage log to groups the stack owns, with retention', () => {
    // Prepare
    const groups = new Map(resourcesOf(slackTemplate, 'AWS::Logs::LogGroup'));
    const [, api] = resourcesOf(slackTemplate, 'AWS::ApiGateway::RestApi')[0] ?? [];
    const apiId = resourcesOf(slackTemplate, 'AWS::ApiGateway::RestApi')[0]?.[0];

    // Act
    const functionsWithoutGroup = resourcesOf(slackTemplate, 'AWS::Lambda::Function')
      .filter(
        ([, fn]) =>
          !groups.has(
            refId((props(fn).LoggingConfig as { LogGroup?: unknown } | undefined)?.LogGroup ?? {}) as string,
          ),
      )
      .map(([id]) => id);
    const executionLogs = [...groups.values()].find((group) =>
      JSON.stringify(props(group).LogGroupName ?? '').includes('API-Gateway-Execution-Logs_'),
    );

    // Assess
    expect(api).toBeDefined();
    expect(functionsWithoutGroup).toEqual([]);
    expect(JSON.stringify(props(executionLogs).LogGroupName)).toContain(apiId);
    for (const [id, group] of groups) expect(props(group).RetentionInDays, id).toBe(30);
  });
});

describe('invocation logging', () => {
  it('delivers metadata only unless text delivery is asked for', () => {
    // Prepare
    const setting = (template: CloudFormationTemplate) =>
      JSON.stringify(
        resourcesOf(template, 'Custom::AWS').find(([, r]) =>
          JSON.stringify(r).includes('PutModelInvocationLogging'),
        )?.[1],
      );

    // Act
    const byDefault = setting(slackTemplate);
    const withText = setting(secondStack);

    // Assess
    expect(byDefault).toContain('textDataDeliveryEnabled\\":false');
    expect(withText).toContain('textDataDeliveryEnabled\\":true');
  });
});

describe('ingestion failures visible', () => {
  it('alarms on the EMF metrics the status function publishes (same namespace, dimension, names) and graphs them', () => {
    // Prepare
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const metrics = new Metrics({ namespace: 'CourseNotesQA', serviceName: 'course-notes-qa' });

    // Act
    publishIngestionStatus(
      { complete: 0, failed: 2, inProgress: 0, documentsIndexed: 0, documentsFailed: 5, failures: [] },
      metrics,
    );
    write.mockRestore();
    const emf = JSON.parse(lines.find((line) => line.includes('CloudWatchMetrics')) as string);
    const alarms = resourcesOf(slackTemplate, 'AWS::CloudWatch::Alarm').map(([, alarm]) => props(alarm));
    const dashboard = JSON.stringify(resourcesOf(slackTemplate, 'AWS::CloudWatch::Dashboard')[0]?.[1]);
    const schedules = resourcesOf(slackTemplate, 'AWS::Events::Rule').map(([, rule]) => props(rule));

    // Assess
    const [directive] = emf._aws.CloudWatchMetrics;
    expect(emf[INGESTION_METRICS.jobsFailed]).toBe(2);
    expect(emf[INGESTION_METRICS.documentsFailed]).toBe(5);
    for (const name of [INGESTION_METRICS.jobsFailed, INGESTION_METRICS.documentsFailed]) {
      const alarm = alarms.find((properties) => properties.MetricName === name);
      expect(alarm, name).toBeDefined();
      expect(alarm?.Namespace).toBe(directive.Namespace);
      expect(alarm?.Dimensions.map((dimension: { Name: string }) => dimension.Name)).toEqual(
        directive.Dimensions[0],
      );
      expect(alarm?.Dimensions[0].Value).toBe(emf.service);
    }
    for (const name of Object.values(INGESTION_METRICS)) expect(dashboard).toContain(name);
    expect(schedules.map((rule) => rule.ScheduleExpression)).toContain('rate(10 minutes)');
  });
});
