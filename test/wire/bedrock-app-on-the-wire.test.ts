import { spawn } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBedrockDependencies } from '../../services/api/bedrock-deps.js';
import { createApp } from '../../services/api/create-app.js';
import { parseSse } from '../../services/cli/parse-sse.js';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import type { AppLogger } from '../../shared/observability/app-logger.js';
import { createMemoryRecorder } from '../../shared/observability/invocation-record.js';
import {
  FAKE_RESOURCES,
  type FakeBedrock,
  fakeBedrockEnvironment,
  type Scenario,
  scenarios,
  startFakeBedrock,
} from '../fixtures/fake-bedrock/fake-bedrock-server.js';
import { FAKE_ACCOUNT_ID, FAKE_BUCKET } from '../fixtures/fake-bedrock/notes-knowledge-base.js';
import { startServer } from '../fixtures/start-server.js';

// The whole app with ENGINE=bedrock, its composition root and the real SDK clients, against the fake.

let fake: FakeBedrock;
let app: ReturnType<typeof createApp>;
const recorder = createMemoryRecorder();
const logged: { level: string; message: string; fields: Record<string, unknown> }[] = [];
const logger: AppLogger = {
  info: (message, fields = {}) => logged.push({ level: 'INFO', message, fields }),
  warn: (message, fields = {}) => logged.push({ level: 'WARN', message, fields }),
  error: (message, fields = {}) => logged.push({ level: 'ERROR', message, fields }),
};

beforeAll(async () => {
  fake = await startFakeBedrock();
  const env = { ...fakeBedrockEnvironment(fake.url), BEDROCK_TIMEOUT_MS: '1000', BEDROCK_MAX_ATTEMPTS: '2' };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  app = createApp({ ...createBedrockDependencies(readRuntimeConfig(env), recorder), logger });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await fake?.close();
});

beforeEach(() => {
  fake.reset();
  recorder.records.length = 0;
  logged.length = 0;
});

const ask = (question: string, accept = 'application/json') =>
  app.request('/v1/ask', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ question }),
  });

describe('ENGINE=bedrock against the wire fake', () => {
  it('answers JSON with [n] markers and citations', async () => {
    // Act
    const response = await ask('What does temperature control?');
    // Assess
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      engine: 'bedrock',
      guardrail: { action: 'NONE' },
      sessionId: expect.any(String),
    });
    expect(body.answer).toMatch(/\[1\]/);
    expect(body.citations[0]).toMatchObject({
      id: 1,
      source: expect.stringMatching(/\.txt$/),
      title: expect.any(String),
    });
  });

  it('answers SSE: citation and delta events, then done with the same body as JSON', async () => {
    // Act
    const response = await ask('What does temperature control?', 'text/event-stream');
    const events = parseSse(await response.text());
    // Assess
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const names = events.map((event) => event.event);
    expect(names).toContain('citation');
    expect(names).toContain('delta');
    expect(names.at(-1)).toBe('done');
    const done = JSON.parse(events.at(-1)?.data ?? '{}');
    const deltas = events
      .filter((event) => event.event === 'delta')
      .map((event) => JSON.parse(event.data).text);
    expect(done.answer).toBe(deltas.join(''));
    expect(done.citations.length).toBe(names.filter((name) => name === 'citation').length);
  });

  it('maps throttling to 429 with Retry-After once the SDK has used its attempts', async () => {
    // Prepare
    fake.setDefault('RetrieveAndGenerate', 'throttling');
    // Act
    const response = await ask('What does temperature control?');
    // Assess
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('5');
    expect((await response.json()).error.code).toBe('RATE_LIMITED');
    expect(fake.attempts('RetrieveAndGenerate')).toBe(2);
  });

  it('answers an SSE request that Bedrock throttles before any event with 429 and Retry-After', async () => {
    // Prepare
    fake.setDefault('RetrieveAndGenerateStream', 'throttling');
    // Act
    const response = await ask('What does temperature control?', 'text/event-stream');
    // Assess: nothing was streamed yet, so the client gets the status, not a 200 with an error event
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('5');
    expect((await response.json()).error.code).toBe('RATE_LIMITED');
  });

  it('ends an SSE answer with a RATE_LIMITED error event when Bedrock throttles mid-stream', async () => {
    // Prepare
    fake.enqueue('RetrieveAndGenerateStream', 'throttling-mid-stream');
    // Act
    const events = parseSse(await (await ask('What does temperature control?', 'text/event-stream')).text());
    // Assess
    expect(events.some((event) => event.event === 'delta')).toBe(true);
    expect(events.at(-1)?.event).toBe('error');
    expect(JSON.parse(events.at(-1)?.data ?? '{}').error.code).toBe('RATE_LIMITED');
  });

  it('a guardrail-blocked question is a 200 with guardrail INTERVENED and no citations', async () => {
    // Act
    const response = await ask('Which stocks should I buy with my savings?');
    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ guardrail: { action: 'INTERVENED' }, citations: [] });
  });

  it('logs the upstream detail of a failed /v1/retrieve with the request id, also for a 429', async () => {
    // Prepare
    fake.setDefault('Retrieve', 'throttling');
    // Act
    const response = await app.request('/v1/retrieve', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'temperature' }),
    });
    // Assess
    expect(response.status).toBe(429);
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'WARN',
        fields: expect.objectContaining({
          requestId: response.headers.get('x-request-id'),
          status: 429,
          upstream: expect.objectContaining({ upstreamError: 'ThrottlingException' }),
        }),
      }),
    ]);
  });

  it('records the upstream detail with the request id in the invocation log', async () => {
    // Prepare
    fake.setDefault('RetrieveAndGenerate', 'access-denied');
    // Act
    const response = await ask('What does temperature control?');
    // Assess
    const requestId = response.headers.get('x-request-id');
    expect(recorder.records).toEqual([
      expect.objectContaining({
        requestId,
        outcome: 'error',
        errorCode: 'UPSTREAM_ERROR',
        errorDetail: expect.objectContaining({
          upstreamError: 'AccessDeniedException',
          upstreamMessage: expect.stringContaining(
            'is not authorized to perform: bedrock:RetrieveAndGenerate',
          ),
          awsRequestId: expect.any(String),
          knowledgeBaseId: FAKE_RESOURCES.knowledgeBaseId,
        }),
      }),
    ]);
  });
});

describe('no identifier or upstream text reaches a client', () => {
  const identifiers = [
    FAKE_ACCOUNT_ID,
    FAKE_BUCKET,
    FAKE_RESOURCES.knowledgeBaseId,
    FAKE_RESOURCES.dataSourceId,
    FAKE_RESOURCES.guardrailId,
    FAKE_RESOURCES.modelArn,
    'arn:aws:bedrock',
    'arn:aws:sts',
  ];
  // Fragments of every message the fake sends with an error.
  const upstreamText = [
    'not authorized to perform',
    'Reduce the frequency',
    'does not exist',
    ') was not found',
    'validation error detected',
    'Internal server error',
    'Service unavailable',
    "don't have access to the model",
    'Stream timed out',
  ];

  it.each(scenarios.filter((scenario) => scenario !== 'hang' && scenario !== 'stall-mid-stream'))(
    'scenario %s: JSON, SSE and /v1/retrieve bodies are clean',
    async (scenario: Scenario) => {
      // Prepare
      for (const operation of [
        'RetrieveAndGenerate',
        'RetrieveAndGenerateStream',
        'Retrieve',
        'ApplyGuardrail',
      ]) {
        fake.setDefault(operation, scenario);
      }
      // Act
      const bodies = [
        await (await ask('What does temperature control?')).text(),
        await (await ask('What does temperature control?', 'text/event-stream')).text(),
        await (
          await app.request('/v1/retrieve', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: 'temperature' }),
          })
        ).text(),
      ];
      // Assess
      for (const body of bodies) {
        for (const needle of [...identifiers, ...upstreamText]) expect(body).not.toContain(needle);
        // No account id; request and session ids are UUIDs, whose last group can be 12 digits.
        expect(body.replace(/\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b/g, '')).not.toMatch(
          /\b\d{12}\b/,
        );
      }
    },
  );
});

describe('the real server process, pointed at the fake by the standard endpoint variables', () => {
  it('answers JSON and SSE with ENGINE=bedrock', async () => {
    // Prepare
    const server = await startServer(fakeBedrockEnvironment(fake.url));
    try {
      // Act
      const json = await fetch(`${server.url}/v1/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'What is RAG?' }),
      });
      const sse = await fetch(`${server.url}/v1/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ question: 'What is RAG?' }),
      });
      // Assess
      expect(json.status).toBe(200);
      expect(await json.json()).toMatchObject({ engine: 'bedrock', answer: expect.stringMatching(/\[1\]/) });
      const events = parseSse(await sse.text());
      expect(events.at(-1)?.event).toBe('done');
      expect(fake.requests.map((request) => request.operation)).toEqual([
        'RetrieveAndGenerate',
        'RetrieveAndGenerateStream',
      ]);
    } finally {
      await server.stop();
    }
  });
});

describe('npm run start:fake-bedrock', () => {
  it('starts the fake and the app with ENGINE=bedrock, answers, and stops both on SIGTERM', async () => {
    // Prepare
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/fixtures/fake-bedrock/start-app-with-fake-bedrock.ts'],
      {
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', POWERTOOLS_METRICS_DISABLED: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`did not start:\n${output}`)), 30_000);
      // The fake logs to stderr; the app's start-up line is a JSON log record on stdout.
      const read = (chunk: Buffer) => {
        output += String(chunk);
        const match = /bedrock engine.*listening on (http:\/\/localhost:\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1].replace('localhost', '127.0.0.1'));
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
    });
    try {
      // Act
      const response = await fetch(`${url}/v1/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'What does temperature control?' }),
      });
      // Assess
      expect(await response.json()).toMatchObject({
        engine: 'bedrock',
        answer: expect.stringMatching(/\[1\]/),
      });
      expect(output).toMatch(/fake-bedrock: RetrieveAndGenerate over h2 -> answer/);
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
