import {
  BedrockAgentClient,
  GetIngestionJobCommand,
  ListIngestionJobsCommand,
  StartIngestionJobCommand,
} from '@aws-sdk/client-bedrock-agent';
import { BedrockAgentRuntimeClient, RetrieveAndGenerateCommand } from '@aws-sdk/client-bedrock-agent-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { describe, expect, it } from 'vitest';
import { createBedrockAnswerer } from '../../shared/adapters/bedrock/bedrock-answerer.js';
import { worstCaseBedrockCallMs } from '../../shared/adapters/bedrock/bedrock-call-budget.js';
import { createBedrockGuardrail } from '../../shared/adapters/bedrock/bedrock-guardrail.js';
import { createBedrockRetriever } from '../../shared/adapters/bedrock/bedrock-retriever.js';
import { createBedrockClients } from '../../shared/adapters/bedrock/create-bedrock-clients.js';
import type { AnswerEvent } from '../../shared/domain.js';
import type { AppError } from '../../shared/errors.js';
import { streamMembers } from '../fixtures/fake-bedrock/bedrock-wire-model.js';
import { FAKE_RESOURCES, type Scenario } from '../fixtures/fake-bedrock/fake-bedrock-server.js';
import { useFakeBedrock } from '../fixtures/fake-bedrock/use-fake-bedrock.js';

// The real SDK clients (serializer, SigV4 signer, HTTP/2 or HTTP/1.1 handler, event-stream
// decoder, retry strategy) against the fake, reached through the SDK's standard endpoint variables.

const fake = useFakeBedrock();
const TIMEOUT_MS = 400;

type Transport = 'h2' | 'http/1.1';
function clientsOver(transport: Transport, maxAttempts = 3) {
  if (transport === 'h2')
    return createBedrockClients({ region: 'us-east-1', requestTimeoutMs: TIMEOUT_MS, maxAttempts });
  const shared = { region: 'us-east-1', retryMode: 'standard', maxAttempts } as const;
  return {
    agentRuntime: new BedrockAgentRuntimeClient({
      ...shared,
      requestHandler: new NodeHttpHandler({ requestTimeout: TIMEOUT_MS }),
    }),
    runtime: new BedrockRuntimeClient({
      ...shared,
      requestHandler: new NodeHttpHandler({ requestTimeout: TIMEOUT_MS }),
    }),
  };
}

function adapters(transport: Transport, maxAttempts = 3) {
  const clients = clientsOver(transport, maxAttempts);
  const guardrail = { id: FAKE_RESOURCES.guardrailId, version: FAKE_RESOURCES.guardrailVersion };
  return {
    answerer: createBedrockAnswerer({
      client: clients.agentRuntime,
      knowledgeBaseId: FAKE_RESOURCES.knowledgeBaseId,
      modelArn: FAKE_RESOURCES.modelArn,
      guardrail,
      streamIdleTimeoutMs: TIMEOUT_MS,
    }),
    retriever: createBedrockRetriever({
      client: clients.agentRuntime,
      knowledgeBaseId: FAKE_RESOURCES.knowledgeBaseId,
    }),
    guardrail: createBedrockGuardrail({
      client: clients.runtime,
      guardrailId: guardrail.id,
      guardrailVersion: guardrail.version,
    }),
  };
}

async function collect(events: AsyncIterable<AnswerEvent> | undefined): Promise<AnswerEvent[]> {
  const out: AnswerEvent[] = [];
  for await (const event of events ?? []) out.push(event);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as AppError,
  );
}

const QUESTION = 'What does temperature control?';

describe.each<Transport>(['h2', 'http/1.1'])('Bedrock adapters over %s', (transport) => {
  it('Retrieve returns ranked passages with sidecar titles', async () => {
    // Act
    const passages = await adapters(transport).retriever.retrieve({ query: 'temperature', k: 3 });
    // Assess
    expect(passages).toHaveLength(3);
    expect(passages[0]).toMatchObject({ source: expect.stringMatching(/\.txt$/), title: expect.any(String) });
    expect(passages[0]?.text).toMatch(/temperature/i);
    expect(fake().requests[0]).toMatchObject({ transport, operation: 'Retrieve' });
    expect(fake().requests[0]?.body).toMatchObject({
      retrievalQuery: { text: 'temperature' },
      retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: 3 } },
    });
  });

  it('RetrieveAndGenerate answers with [n] markers matching citations', async () => {
    // Act
    const result = await adapters(transport).answerer.answer({ question: QUESTION });
    // Assess
    expect(result.answer).toMatch(/temperature.*\[1\]/i);
    expect(result.citations.length).toBeGreaterThan(0);
    for (const citation of result.citations) expect(result.answer).toContain(`[${citation.id}]`);
    expect(result.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake().requests[0]?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAFAKEBEDROCKLOCAL\/\d{8}\/us-east-1\/bedrock\/aws4_request/,
    );
  });

  it('RetrieveAndGenerateStream streams deltas and citations into the same answer', async () => {
    // Act
    const events = await collect(adapters(transport).answerer.stream?.({ question: QUESTION }));
    // Assess
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    const streamed = events.flatMap((event) => (event.type === 'delta' ? [event.text] : [])).join('');
    expect(done?.type === 'done' && done.result.answer).toBe(streamed);
    expect(events.filter((event) => event.type === 'citation').length).toBeGreaterThan(0);
    expect(done?.type === 'done' && done.result.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each<[Scenario, string]>([
    ['empty-output-events', 'empty output chunks'],
    ['unknown-event', 'an event type the SDK model does not know'],
  ])('a stream with %s answers like a plain one (%s)', async (scenario) => {
    // Prepare
    const plain = await collect(adapters(transport).answerer.stream?.({ question: QUESTION }));
    fake().enqueue('RetrieveAndGenerateStream', scenario);
    // Act
    const odd = await collect(adapters(transport).answerer.stream?.({ question: QUESTION }));
    // Assess
    const answerOf = (events: AnswerEvent[]) => {
      const done = events.at(-1);
      return done?.type === 'done'
        ? { answer: done.result.answer, citations: done.result.citations }
        : undefined;
    };
    expect(answerOf(odd)).toEqual(answerOf(plain));
    expect(answerOf(odd)?.answer).toMatch(/\[1\]/);
  });

  it('a guardrail event in the stream becomes guardrail INTERVENED', async () => {
    // Prepare
    fake().enqueue('RetrieveAndGenerateStream', 'guardrail-intervened');
    // Act
    const events = await collect(adapters(transport).answerer.stream?.({ question: QUESTION }));
    // Assess
    expect(events.map((event) => event.type)).toEqual(['guardrail', 'delta', 'done']);
    const done = events.at(-1);
    expect(done?.type === 'done' && done.result.guardrail).toEqual({
      action: 'INTERVENED',
      reasons: ['bedrock-guardrail'],
    });
  });

  it('a throttlingException in the middle of a stream ends it with a 429', async () => {
    // Prepare
    fake().enqueue('RetrieveAndGenerateStream', 'throttling-mid-stream');
    const events: AnswerEvent[] = [];
    // Act
    const error = await failure(
      (async () => {
        for await (const event of adapters(transport).answerer.stream?.({ question: QUESTION }) ?? [])
          events.push(event);
      })(),
    );
    // Assess
    expect(events.filter((event) => event.type === 'delta').length).toBeGreaterThan(0);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 5 });
    expect(error.logDetail).toMatchObject({ upstreamError: 'ThrottlingException' });
  });

  it('ApplyGuardrail passes a course question and blocks a denied topic', async () => {
    // Prepare
    const { guardrail } = adapters(transport);
    // Act
    const clean = await guardrail.check({ source: 'INPUT', text: 'What is RAG?' });
    const denied = await guardrail.check({
      source: 'INPUT',
      text: 'Which stocks should I buy with my savings?',
    });
    // Assess
    expect(clean).toMatchObject({ action: 'NONE', blocked: false });
    expect(denied).toMatchObject({
      action: 'INTERVENED',
      blocked: true,
      reasons: [expect.stringMatching(/^topic:/)],
    });
  });
});

describe('Bedrock errors carried in x-amzn-errortype, through the real SDK', () => {
  it.each<[Scenario, number, string, number]>([
    ['throttling', 429, 'RATE_LIMITED', 3],
    ['access-denied', 502, 'UPSTREAM_ERROR', 1],
    ['model-access-denied', 502, 'UPSTREAM_ERROR', 1],
    ['resource-not-found', 502, 'UPSTREAM_ERROR', 1],
    ['validation', 400, 'VALIDATION_ERROR', 1],
    ['internal-error', 503, 'SERVICE_UNAVAILABLE', 3],
  ])('%s -> %i %s after %i attempt(s)', async (scenario, status, code, attempts) => {
    // Prepare
    fake().setDefault('RetrieveAndGenerate', scenario);
    // Act
    const error = await failure(adapters('h2').answerer.answer({ question: QUESTION }));
    // Assess
    expect(error).toMatchObject({ status, code });
    expect(fake().attempts('RetrieveAndGenerate')).toBe(attempts);
    expect(error.logDetail).toMatchObject({
      upstreamStatus: expect.any(Number),
      awsRequestId: expect.any(String),
      attempts,
    });
  });

  it('a throttle that clears on retry is invisible to the caller', async () => {
    // Prepare
    fake().enqueue('RetrieveAndGenerate', 'throttling', 'throttling');
    // Act
    const result = await adapters('h2').answerer.answer({ question: QUESTION });
    // Assess
    expect(result.citations.length).toBeGreaterThan(0);
    expect(fake().attempts('RetrieveAndGenerate')).toBe(3);
  });

  it('the guardrail service being unavailable is a 503', async () => {
    // Prepare
    fake().setDefault('ApplyGuardrail', 'internal-error');
    // Act
    const error = await failure(adapters('h2', 2).guardrail.check({ source: 'INPUT', text: 'What is RAG?' }));
    // Assess
    expect(error).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(fake().attempts('ApplyGuardrail')).toBe(2);
  });
});

describe('timeouts and attempts', () => {
  it('cuts a hanging request off at the per-attempt timeout and retries it up to BEDROCK_MAX_ATTEMPTS', async () => {
    // Prepare
    fake().setDefault('RetrieveAndGenerate', 'hang');
    const started = performance.now();
    // Act
    const error = await failure(adapters('h2', 2).answerer.answer({ question: QUESTION }));
    // Assess: attempts counted at the fake; the wall time only has to stay within the computed bound.
    expect(performance.now() - started).toBeLessThan(worstCaseBedrockCallMs(TIMEOUT_MS, 2));
    expect(error).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(error.logDetail).toMatchObject({ upstreamError: 'TimeoutError', attempts: 2 });
    expect(fake().attempts('RetrieveAndGenerate')).toBe(2);
  });

  it('reports a stream that stalls after its first event as unavailable, not as a complete answer', async () => {
    // Prepare
    fake().enqueue('RetrieveAndGenerateStream', 'stall-mid-stream');
    const events: AnswerEvent[] = [];
    // Act
    const error = await failure(
      (async () => {
        for await (const event of adapters('h2').answerer.stream?.({ question: QUESTION }) ?? [])
          events.push(event);
      })(),
    );
    // Assess
    expect(events.map((event) => event.type)).toEqual(['delta']);
    expect(error).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('opens one HTTP/2 session per request (no pooled session that can die while a Lambda is frozen)', async () => {
    // Prepare
    const { answerer } = adapters('h2');
    // Act
    await answerer.answer({ question: QUESTION });
    await answerer.answer({ question: QUESTION });
    // Assess
    expect(fake().requests.map((request) => request.transport)).toEqual(['h2', 'h2']);
    expect(fake().connectionsUsed()).toBe(2);
  });
});

describe('StartIngestionJob through the real bedrock-agent client', () => {
  const agent = () => new BedrockAgentClient({ region: 'us-east-1', maxAttempts: 1 });
  const ids = { knowledgeBaseId: FAKE_RESOURCES.knowledgeBaseId, dataSourceId: FAKE_RESOURCES.dataSourceId };

  it('starts a job (202), then refuses a second one with ConflictException while it runs', async () => {
    // Act
    const started = await agent().send(new StartIngestionJobCommand(ids));
    const conflict = await agent()
      .send(new StartIngestionJobCommand(ids))
      .catch((error: unknown) => error as Error & { $metadata: { httpStatusCode: number } });
    // Assess
    expect(started.$metadata.httpStatusCode).toBe(202);
    expect(started.ingestionJob).toMatchObject({
      ...ids,
      status: 'STARTING',
      ingestionJobId: expect.any(String),
    });
    expect(started.ingestionJob?.startedAt).toBeInstanceOf(Date);
    expect(conflict).toMatchObject({ name: 'ConflictException', $metadata: { httpStatusCode: 409 } });
    expect(fake().requests.map((request) => request.headers['content-type'])).toEqual([
      'application/json',
      'application/json',
    ]);
    expect((fake().requests[0]?.body as { clientToken?: string } | undefined)?.clientToken).toMatch(
      /^[0-9a-f-]{36}$/,
    );
  });

  it('reads the job back with GetIngestionJob and ListIngestionJobs, statistics and failures included', async () => {
    // Prepare
    const started = await agent().send(new StartIngestionJobCommand(ids));
    const job = fake().ingestionJobs[0];
    if (!job) throw new Error('no job');
    Object.assign(job, {
      status: 'COMPLETE',
      statistics: { numberOfDocumentsScanned: 5, numberOfNewDocumentsIndexed: 3, numberOfDocumentsFailed: 2 },
      failureReasons: ['notes.pdf: file too large'],
    });
    // Act
    const got = await agent().send(
      new GetIngestionJobCommand({ ...ids, ingestionJobId: started.ingestionJob?.ingestionJobId }),
    );
    const listed = await agent().send(
      new ListIngestionJobsCommand({
        ...ids,
        sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' },
        maxResults: 1,
      }),
    );
    // Assess
    expect(got.ingestionJob).toMatchObject({
      status: 'COMPLETE',
      statistics: { numberOfDocumentsFailed: 2 },
      failureReasons: ['notes.pdf: file too large'],
    });
    expect(listed.ingestionJobSummaries).toEqual([
      expect.objectContaining({ ingestionJobId: started.ingestionJob?.ingestionJobId, status: 'COMPLETE' }),
    ]);
  });
});

describe('the SDK model and the fake agree', () => {
  it('the stream union has exactly the events the answerer handles (a new one in an SDK update fails here)', () => {
    // Assess: output, citation and guardrail are handled; every *Exception member is thrown by the SDK.
    expect(streamMembers.filter((member) => !member.endsWith('Exception'))).toEqual([
      'output',
      'citation',
      'guardrail',
    ]);
  });

  it('sends RetrieveAndGenerate to the route and body the SDK serializer produces', async () => {
    // Act
    await new BedrockAgentRuntimeClient({ region: 'us-east-1' }).send(
      new RetrieveAndGenerateCommand({
        input: { text: QUESTION },
        retrieveAndGenerateConfiguration: {
          type: 'KNOWLEDGE_BASE',
          knowledgeBaseConfiguration: {
            knowledgeBaseId: FAKE_RESOURCES.knowledgeBaseId,
            modelArn: FAKE_RESOURCES.modelArn,
          },
        },
      }),
    );
    // Assess
    expect(fake().requests[0]).toMatchObject({
      path: '/retrieveAndGenerate',
      transport: 'h2',
      operation: 'RetrieveAndGenerate',
    });
  });
});
