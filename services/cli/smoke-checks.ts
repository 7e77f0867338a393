import { APIGatewayClient, GetApiKeyCommand } from '@aws-sdk/client-api-gateway';
import { BedrockAgentClient, ListIngestionJobsCommand } from '@aws-sdk/client-bedrock-agent';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { AskResponse } from '../../shared/domain.js';
import { guardrailPolicy } from '../../shared/guardrail/guardrail-policy.js';
import { parseSse } from './parse-sse.js';

/** One step's verdict, with the fix when the failure is a known one. */
export interface SmokeStep {
  name: string;
  status: 'pass' | 'fail' | 'skip';
  detail: string;
  fix?: string;
}

export interface SmokeOptions {
  /** CloudFormation stack to read the outputs of (default CourseNotesQa). */
  stackName: string;
  /** The API's base URL; with `apiKey` it skips the stack lookup. */
  endpoint?: string;
  apiKey?: string;
  knowledgeBaseId?: string;
  dataSourceId?: string;
  question: string;
  region?: string;
}

export interface SmokeClients {
  cloudFormation: CloudFormationClient;
  apiGateway: APIGatewayClient;
  bedrockAgent: BedrockAgentClient;
}

/** Outputs of the stack the smoke test reads (they exist on every deployed stack). */
export const STACK_OUTPUTS = [
  'ApiUrl',
  'ApiKeyId',
  'KnowledgeBaseId',
  'DataSourceId',
  'GuardrailId',
  'GuardrailVersion',
  'ModelArn',
] as const;

/** The fixes printed for the failures an operator can act on. */
export const FIXES = {
  modelAccess:
    'Enable model access for the generation model (Amazon Nova Lite) and Titan Text Embeddings V2 in this region: Bedrock console > Model access. If the region does not offer the model or Amazon S3 Vectors, deploy to one that offers both (e.g. -c region=us-east-1).',
  iamDenied:
    'IAM denied a Bedrock call: the API role needs bedrock:RetrieveAndGenerate and bedrock:Rerank on "*", bedrock:Retrieve on the knowledge base, bedrock:InvokeModel / bedrock:GetInferenceProfile on the model and inference profile, bedrock:ApplyGuardrail on the guardrail. Redeploy the stack (npm run deploy) if you changed them by hand.',
  resourceMissing:
    'A Bedrock resource the API is configured with is missing: check that the knowledge base, guardrail version and model exist in the stack region, or redeploy (npm run deploy).',
  throttled:
    'Bedrock throttled the account: wait a minute and re-run, or request a quota increase (Service Quotas > Amazon Bedrock).',
  unreachable: 'The API did not answer: check the URL (stack output ApiUrl) and your network.',
  unauthorized:
    'The API key was refused: use the value of the stack output ApiKeyId (aws apigateway get-api-key --include-value).',
  stackMissing:
    'The stack was not found: deploy it (npm run deploy), or pass --stack NAME and --region REGION (or AWS_REGION) for where it lives.',
  ingestionFailed:
    'Ingestion did not index every document: read the failure reasons above, fix or remove those files (supported formats, under 50 MB) and re-sync, or start a job: aws bedrock-agent start-ingestion-job --knowledge-base-id KB --data-source-id DS.',
  ingestionRunning: 'An ingestion job is still running: wait for it to finish and re-run the smoke test.',
  ingestionNever:
    'No ingestion job has run: the knowledge base is empty. Start one: aws bedrock-agent start-ingestion-job --knowledge-base-id KB --data-source-id DS.',
  guardrailOpen:
    'The guardrail did not block a denied topic: check that the stack deployed the guardrail and that GUARDRAIL_ID / GUARDRAIL_VERSION of the API point at its published version.',
} as const;

/** The fix for an error body the API sent, by code and the operator hint in its message. */
export function fixForApiError(status: number, code: string, message: string): string | undefined {
  if (status === 0) return FIXES.unreachable;
  if (status === 401 || status === 403) return FIXES.unauthorized;
  if (code === 'RATE_LIMITED') return FIXES.throttled;
  if (/Model access|not available to this AWS account/i.test(message)) return FIXES.modelAccess;
  if (/denied this service access|IAM/i.test(message)) return FIXES.iamDenied;
  if (/not found/i.test(message)) return FIXES.resourceMissing;
  return undefined;
}

function failureOf(error: unknown): { name: string; message: string } {
  const { name = 'Error', message = String(error) } = (error ?? {}) as { name?: string; message?: string };
  return { name, message };
}

function awsFix(error: unknown): string | undefined {
  const { name, message } = failureOf(error);
  if (name === 'AccessDeniedException' || /not authorized/i.test(message)) {
    return 'Your AWS credentials were denied: they need cloudformation:DescribeStacks, apigateway:GET on the API key and bedrock:ListIngestionJobs.';
  }
  if (name === 'CredentialsProviderError')
    return 'No AWS credentials found: run aws configure or set AWS_PROFILE.';
  if (/region is missing/i.test(message))
    return "No AWS region: pass the stack's region with --region REGION, or set AWS_REGION (or a region in your AWS profile).";
  return undefined;
}

interface Target {
  endpoint: string;
  apiKey?: string;
  knowledgeBaseId?: string;
  dataSourceId?: string;
}

async function post(target: Target, body: unknown, accept: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept };
  if (target.apiKey) headers['x-api-key'] = target.apiKey;
  try {
    const response = await fetch(`${target.endpoint.replace(/\/+$/, '')}/v1/ask`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    return {
      status: 0,
      text: JSON.stringify({ error: { code: 'UNREACHABLE', message: failureOf(error).message } }),
    };
  }
}

function errorStep(name: string, status: number, text: string): SmokeStep {
  let code = 'HTTP_ERROR';
  let message = text.slice(0, 200);
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string }; message?: string };
    code = parsed.error?.code ?? code;
    message = parsed.error?.message ?? parsed.message ?? message;
  } catch {}
  const fix = fixForApiError(status, code, message);
  return { name, status: 'fail', detail: `${status} ${code}: ${message}`, ...(fix ? { fix } : {}) };
}

/** Checks an answer carries citations and that every [n] in it has one. */
function citationProblem(response: AskResponse): string | undefined {
  if (!response.answer) return 'empty answer';
  if (response.citations.length === 0) return 'no citations';
  const ids = new Set(response.citations.map((citation) => citation.id));
  const dangling = [...response.answer.matchAll(/\[(\d+)\]/g)]
    .map((match) => Number(match[1]))
    .filter((id) => !ids.has(id));
  if (dangling.length > 0) return `markers without a citation: ${dangling.map((id) => `[${id}]`).join(' ')}`;
  return undefined;
}

async function askJson(target: Target, question: string): Promise<SmokeStep> {
  const name = 'ask (JSON)';
  const { status, text } = await post(target, { question }, 'application/json');
  if (status !== 200) return errorStep(name, status, text);
  const response = JSON.parse(text) as AskResponse;
  const problem = citationProblem(response);
  if (problem)
    return {
      name,
      status: 'fail',
      detail: `${problem}: "${response.answer.slice(0, 120)}"`,
      fix: FIXES.ingestionNever,
    };
  return {
    name,
    status: 'pass',
    detail: `${response.citations.length} citation(s), engine ${response.engine}, ${response.latencyMs} ms`,
  };
}

async function askSse(target: Target, question: string): Promise<SmokeStep> {
  const name = 'ask (SSE)';
  const { status, text } = await post(target, { question }, 'text/event-stream');
  if (status !== 200) return errorStep(name, status, text);
  const events = parseSse(text);
  const last = events.at(-1);
  if (last?.event === 'error') {
    const error = JSON.parse(last.data) as { error: { code: string; message: string } };
    const fix = fixForApiError(200, error.error.code, error.error.message);
    return {
      name,
      status: 'fail',
      detail: `error event ${error.error.code}: ${error.error.message}`,
      ...(fix ? { fix } : {}),
    };
  }
  if (last?.event !== 'done')
    return { name, status: 'fail', detail: `stream ended without a done event (${events.length} events)` };
  const response = JSON.parse(last.data) as AskResponse;
  const deltas = events.filter((event) => event.event === 'delta').length;
  const problem = citationProblem(response);
  if (problem) return { name, status: 'fail', detail: problem, fix: FIXES.ingestionNever };
  return {
    name,
    status: 'pass',
    detail: `${deltas} delta events, ${response.citations.length} citation(s), done`,
  };
}

async function guardrailBlocks(target: Target): Promise<SmokeStep> {
  const name = 'guardrail blocks a denied topic';
  const topic = guardrailPolicy.topicPolicy.topics.find((candidate) => candidate.examples.length > 0);
  const question = topic?.examples[0] ?? 'Should I buy Amazon stock?';
  const { status, text } = await post(target, { question }, 'application/json');
  if (status !== 200) return errorStep(name, status, text);
  const response = JSON.parse(text) as AskResponse;
  if (response.guardrail.action === 'INTERVENED' && response.citations.length === 0) {
    return { name, status: 'pass', detail: `"${question}" was blocked` };
  }
  return {
    name,
    status: 'fail',
    detail: `"${question}" was answered (guardrail ${response.guardrail.action})`,
    fix: FIXES.guardrailOpen,
  };
}

async function lastIngestionJob(target: Target, agent: BedrockAgentClient): Promise<SmokeStep> {
  const name = 'last ingestion job';
  if (!target.knowledgeBaseId || !target.dataSourceId) {
    return {
      name,
      status: 'skip',
      detail: 'no knowledge base / data source id (pass --knowledge-base-id and --data-source-id)',
    };
  }
  try {
    const { ingestionJobSummaries = [] } = await agent.send(
      new ListIngestionJobsCommand({
        knowledgeBaseId: target.knowledgeBaseId,
        dataSourceId: target.dataSourceId,
        sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' },
        maxResults: 1,
      }),
    );
    const job = ingestionJobSummaries[0];
    if (!job) return { name, status: 'fail', detail: 'no ingestion job has run', fix: FIXES.ingestionNever };
    const stats = job.statistics ?? {};
    const scanned = stats.numberOfDocumentsScanned ?? 0;
    const failed = stats.numberOfDocumentsFailed ?? 0;
    const summary = `${job.ingestionJobId} ${job.status}, ${scanned} scanned, ${(stats.numberOfNewDocumentsIndexed ?? 0) + (stats.numberOfModifiedDocumentsIndexed ?? 0)} indexed, ${failed} failed`;
    if (job.status === 'STARTING' || job.status === 'IN_PROGRESS') {
      return { name, status: 'fail', detail: summary, fix: FIXES.ingestionRunning };
    }
    if (job.status !== 'COMPLETE' || failed > 0) {
      return {
        name,
        status: 'fail',
        detail: `ingestion failed for ${failed} document(s): ${summary}`,
        fix: FIXES.ingestionFailed,
      };
    }
    return { name, status: 'pass', detail: summary };
  } catch (error) {
    const fix = awsFix(error);
    return {
      name,
      status: 'fail',
      detail: `${failureOf(error).name}: ${failureOf(error).message}`,
      ...(fix ? { fix } : {}),
    };
  }
}

async function resolveTarget(
  options: SmokeOptions,
  clients: SmokeClients,
  steps: SmokeStep[],
): Promise<Target | undefined> {
  if (options.endpoint) {
    return {
      endpoint: options.endpoint,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(options.knowledgeBaseId ? { knowledgeBaseId: options.knowledgeBaseId } : {}),
      ...(options.dataSourceId ? { dataSourceId: options.dataSourceId } : {}),
    };
  }
  let outputs: Record<string, string>;
  try {
    const { Stacks = [] } = await clients.cloudFormation.send(
      new DescribeStacksCommand({ StackName: options.stackName }),
    );
    outputs = Object.fromEntries(
      (Stacks[0]?.Outputs ?? []).map((output) => [output.OutputKey ?? '', output.OutputValue ?? '']),
    );
  } catch (error) {
    const { name, message } = failureOf(error);
    const missing = /does not exist/i.test(message);
    const fix = missing ? FIXES.stackMissing : awsFix(error);
    steps.push({
      name: 'stack outputs',
      status: 'fail',
      detail: `${name}: ${message}`,
      ...(fix ? { fix } : {}),
    });
    return undefined;
  }
  const absent = STACK_OUTPUTS.filter((key) => !outputs[key]);
  if (absent.length > 0) {
    steps.push({
      name: 'stack outputs',
      status: 'fail',
      detail: `missing ${absent.join(', ')}`,
      fix: FIXES.stackMissing,
    });
    return undefined;
  }
  steps.push({
    name: 'stack outputs',
    status: 'pass',
    detail: `${options.stackName}: ${STACK_OUTPUTS.join(', ')}`,
  });
  try {
    const key = await clients.apiGateway.send(
      new GetApiKeyCommand({ apiKey: outputs.ApiKeyId, includeValue: true }),
    );
    if (!key.value) throw new Error('the API key has no value');
    steps.push({ name: 'API key', status: 'pass', detail: `fetched key ${outputs.ApiKeyId}` });
    return {
      endpoint: outputs.ApiUrl ?? '',
      apiKey: key.value,
      ...(outputs.KnowledgeBaseId ? { knowledgeBaseId: outputs.KnowledgeBaseId } : {}),
      ...(outputs.DataSourceId ? { dataSourceId: outputs.DataSourceId } : {}),
    };
  } catch (error) {
    const fix = awsFix(error);
    steps.push({
      name: 'API key',
      status: 'fail',
      detail: `${failureOf(error).name}: ${failureOf(error).message}`,
      ...(fix ? { fix } : {}),
    });
    return undefined;
  }
}

/**
 * After a deploy: reads the stack outputs, fetches the API key, asks a question as JSON and as
 * SSE, checks citations and that a denied topic is blocked, and reports the last ingestion job.
 */
export async function runSmokeTest(options: SmokeOptions, clients: SmokeClients): Promise<SmokeStep[]> {
  const steps: SmokeStep[] = [];
  const target = await resolveTarget(options, clients, steps);
  if (!target) return steps;
  steps.push(await askJson(target, options.question));
  steps.push(await askSse(target, options.question));
  steps.push(await guardrailBlocks(target));
  steps.push(await lastIngestionJob(target, clients.bedrockAgent));
  return steps;
}

/** The report: one line per step, the fix under each failure, and a closing count. */
export function formatSmokeReport(steps: SmokeStep[]): string {
  const width = Math.max(...steps.map((step) => step.name.length));
  const lines = steps.flatMap((step) => {
    const line = `  ${step.status.toUpperCase().padEnd(4)}  ${step.name.padEnd(width)}  ${step.detail}`;
    return step.fix ? [line, `        fix: ${step.fix}`] : [line];
  });
  const count = (status: SmokeStep['status']) => steps.filter((step) => step.status === status).length;
  const skipped = count('skip');
  lines.push(`${count('pass')} passed, ${count('fail')} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  return lines.join('\n');
}

/** Clients for the stack's region; the standard AWS_ENDPOINT_URL_* variables apply. */
export function createSmokeClients(region?: string): SmokeClients {
  const config = region ? { region } : {};
  return {
    cloudFormation: new CloudFormationClient(config),
    apiGateway: new APIGatewayClient(config),
    bedrockAgent: new BedrockAgentClient(config),
  };
}
