import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { APIGatewayClient, GetApiKeyCommand } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSmokeClients,
  FIXES,
  formatSmokeReport,
  runSmokeTest,
  type SmokeOptions,
} from '../../services/cli/smoke-checks.js';
import {
  FAKE_RESOURCES,
  type FakeBedrock,
  fakeBedrockEnvironment,
  startFakeBedrock,
} from '../fixtures/fake-bedrock/fake-bedrock-server.js';
import { startServer } from '../fixtures/start-server.js';

// The smoke test against the real local server (ENGINE=bedrock) and the wire fake. Only the
// non-Bedrock AWS calls (CloudFormation, API Gateway) are mocked.

const API_KEY = 'smoke-test-key-0123456789';
let fake: FakeBedrock;
let server: Awaited<ReturnType<typeof startServer>>;
const cloudFormation = mockClient(CloudFormationClient);
const apiGateway = mockClient(APIGatewayClient);

function seedJob(status: 'COMPLETE' | 'IN_PROGRESS' | 'FAILED', failed = 0) {
  const now = new Date();
  fake.ingestionJobs.push({
    ingestionJobId: 'JOB1234567',
    status,
    startedAt: now,
    updatedAt: now,
    statistics: {
      numberOfDocumentsScanned: 5,
      numberOfNewDocumentsIndexed: 5 - failed,
      numberOfModifiedDocumentsIndexed: 0,
      numberOfDocumentsFailed: failed,
    },
    ...(failed > 0 ? { failureReasons: ['notes.pdf: file is larger than 50 MB'] } : {}),
  });
}

const local = (): SmokeOptions => ({
  stackName: 'CourseNotesQa',
  endpoint: server.url,
  apiKey: API_KEY,
  knowledgeBaseId: FAKE_RESOURCES.knowledgeBaseId,
  dataSourceId: FAKE_RESOURCES.dataSourceId,
  question: 'What is RAG?',
});

beforeAll(async () => {
  fake = await startFakeBedrock();
  const env = fakeBedrockEnvironment(fake.url);
  server = await startServer({ ...env, API_KEYS: API_KEY });
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await server?.stop();
  await fake?.close();
});

beforeEach(() => {
  fake.reset();
  cloudFormation.reset();
  apiGateway.reset();
});

describe('npm run smoke against the local server and the wire fake', () => {
  it('passes every step when the stack is healthy', async () => {
    // Prepare
    seedJob('COMPLETE');
    // Act
    const steps = await runSmokeTest(local(), createSmokeClients('us-east-1'));
    // Assess
    expect(steps.map((step) => [step.name, step.status])).toEqual([
      ['ask (JSON)', 'pass'],
      ['ask (SSE)', 'pass'],
      ['guardrail blocks a denied topic', 'pass'],
      ['last ingestion job', 'pass'],
    ]);
    expect(formatSmokeReport(steps)).toMatch(/\n4 passed, 0 failed$/);
    expect(fake.requests.map((request) => request.operation)).toEqual([
      'RetrieveAndGenerate',
      'RetrieveAndGenerateStream',
      'RetrieveAndGenerate',
      'ListIngestionJobs',
    ]);
  });

  it.each([
    ['model-access-denied', FIXES.modelAccess],
    ['access-denied', FIXES.iamDenied],
    ['resource-not-found', FIXES.resourceMissing],
  ] as const)('prints the fix when Bedrock answers %s', async (scenario, fix) => {
    // Prepare
    seedJob('COMPLETE');
    fake.setDefault('RetrieveAndGenerate', scenario);
    fake.setDefault('RetrieveAndGenerateStream', scenario);
    // Act
    const steps = await runSmokeTest(local(), createSmokeClients('us-east-1'));
    // Assess
    expect(steps.slice(0, 3).map((step) => [step.status, step.fix])).toEqual([
      ['fail', fix],
      ['fail', fix],
      ['fail', fix],
    ]);
    expect(formatSmokeReport(steps)).toContain(`fix: ${fix}`);
  });

  it('reports an ingestion job that failed for N documents, one still running, and none at all', async () => {
    // Prepare
    seedJob('COMPLETE', 2);
    // Act
    const failed = (await runSmokeTest(local(), createSmokeClients('us-east-1'))).at(-1);
    fake.reset();
    seedJob('IN_PROGRESS');
    const running = (await runSmokeTest(local(), createSmokeClients('us-east-1'))).at(-1);
    fake.reset();
    const never = (await runSmokeTest(local(), createSmokeClients('us-east-1'))).at(-1);
    // Assess
    expect(failed).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(
        /^ingestion failed for 2 document\(s\): JOB1234567 COMPLETE, 5 scanned, 3 indexed/,
      ),
      fix: FIXES.ingestionFailed,
    });
    expect(running).toMatchObject({ status: 'fail', fix: FIXES.ingestionRunning });
    expect(never).toMatchObject({
      status: 'fail',
      detail: 'no ingestion job has run',
      fix: FIXES.ingestionNever,
    });
  });

  it('reads the stack outputs and fetches the API key when no --endpoint is given', async () => {
    // Prepare
    seedJob('COMPLETE');
    cloudFormation.on(DescribeStacksCommand, { StackName: 'CourseNotesQa' }).resolves({
      Stacks: [
        {
          StackName: 'CourseNotesQa',
          StackStatus: 'CREATE_COMPLETE',
          CreationTime: new Date(),
          Outputs: Object.entries({
            ApiUrl: `${server.url}/`,
            ApiKeyId: 'abc123key',
            KnowledgeBaseId: FAKE_RESOURCES.knowledgeBaseId,
            DataSourceId: FAKE_RESOURCES.dataSourceId,
            GuardrailId: FAKE_RESOURCES.guardrailId,
            GuardrailVersion: FAKE_RESOURCES.guardrailVersion,
            ModelArn: FAKE_RESOURCES.modelArn,
          }).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
        },
      ],
    });
    apiGateway
      .on(GetApiKeyCommand, { apiKey: 'abc123key', includeValue: true })
      .resolves({ id: 'abc123key', value: API_KEY });
    // Act
    const steps = await runSmokeTest(
      { stackName: 'CourseNotesQa', question: 'What is RAG?' },
      createSmokeClients('us-east-1'),
    );
    // Assess
    expect(steps.map((step) => step.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(steps.map((step) => step.name).slice(0, 2)).toEqual(['stack outputs', 'API key']);
  });

  it('says how to fix a missing stack and a refused API key', async () => {
    // Prepare
    cloudFormation
      .on(DescribeStacksCommand)
      .rejects(
        Object.assign(new Error('Stack with id CourseNotesQa does not exist'), { name: 'ValidationError' }),
      );
    // Act
    const missing = await runSmokeTest(
      { stackName: 'CourseNotesQa', question: 'q' },
      createSmokeClients('us-east-1'),
    );
    const refused = await runSmokeTest({ ...local(), apiKey: 'wrong-key' }, createSmokeClients('us-east-1'));
    // Assess
    expect(missing).toEqual([
      expect.objectContaining({ name: 'stack outputs', status: 'fail', fix: FIXES.stackMissing }),
    ]);
    expect(refused[0]).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/^401 UNAUTHORIZED/),
      fix: FIXES.unauthorized,
    });
  });

  it('says how to give a region when none is set', async () => {
    // Prepare: no region anywhere the SDK looks (environment, profile, config file)
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !/^AWS_/.test(key)),
    ) as NodeJS.ProcessEnv;
    Object.assign(env, {
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    // Act
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'services/cli/smoke.ts'], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    }).catch((error: { code: number; stdout: string }) => error);
    // Assess
    expect(run).toMatchObject({ code: 1 });
    expect(run.stdout).toMatch(
      /FAIL {2}stack outputs[\s\S]*fix: No AWS region: pass the stack's region with --region/,
    );
  });

  it('runs as a command: prints PASS per step and exits 0', async () => {
    // Prepare
    seedJob('COMPLETE');
    const args = [
      '--endpoint',
      server.url,
      '--api-key',
      API_KEY,
      '--knowledge-base-id',
      FAKE_RESOURCES.knowledgeBaseId,
    ];
    // Act
    // Async: the fake runs in this process and must keep answering while the command runs.
    const run = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'services/cli/smoke.ts', ...args, '--data-source-id', FAKE_RESOURCES.dataSourceId],
      { env: { ...process.env, ...fakeBedrockEnvironment(fake.url) }, encoding: 'utf8', timeout: 60_000 },
    );
    // Assess (execFile rejects on a non-zero exit)
    expect(run.stdout).toMatch(
      /PASS {2}ask \(JSON\)[\s\S]*PASS {2}last ingestion job[\s\S]*4 passed, 0 failed/,
    );
  });
});
