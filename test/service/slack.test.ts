import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../services/api/create-app.js';
import { processSlackJobs } from '../../services/slack-worker/handler.js';
import { createMemoryTtlStore } from '../../shared/adapters/local/memory-ttl-store.js';
import { silentLogger } from '../../shared/observability/app-logger.js';
import { createMemoryRecorder } from '../../shared/observability/invocation-record.js';
import { courseNotesProfile } from '../../shared/profile/assistant-profile.js';
import type { SlackWorkerDependencies } from '../../shared/slack/answer-slack-job.js';
import { createSlackWebClient } from '../../shared/slack/create-slack-web-client.js';
import type { SlackAnswerJob } from '../../shared/slack/slack-ports.js';
import { signSlackRequest } from '../../shared/slack/verify-slack-signature.js';
import { createScriptedAnswerer } from '../../shared/testing/scripted-answerer.js';
import { startFakeSlack } from '../fixtures/fake-slack-server.js';
import { createLocalTestApp } from '../fixtures/local-app.js';
import { startServer } from '../fixtures/start-server.js';

const SECRET = 'test-signing-secret';
let slack: Awaited<ReturnType<typeof startFakeSlack>>;
let server: Awaited<ReturnType<typeof startServer>>;
let eventCounter = 0;

beforeAll(async () => {
  slack = await startFakeSlack();
  server = await startServer({
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: slack.apiUrl,
    SLACK_HOOKS_URL: slack.hooksUrl,
  });
});

afterAll(async () => {
  await server?.stop();
  await slack?.stop();
});

beforeEach(() => {
  slack.reset();
});

function mention(text: string, extra: Record<string, unknown> = {}) {
  eventCounter++;
  return {
    type: 'event_callback',
    team_id: 'T0001',
    event_id: `Ev${Date.now()}${eventCounter}`,
    authorizations: [{ user_id: 'UBOT' }],
    event: {
      type: 'app_mention',
      user: 'U123',
      text: `<@UBOT> ${text}`,
      channel: 'C42',
      ts: `1700000000.${String(eventCounter).padStart(6, '0')}`,
      ...extra,
    },
  };
}

async function post(
  path: string,
  rawBody: string,
  headers: Record<string, string>,
  contentType = 'application/json',
) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body: rawBody,
  });
}

const signed = (
  path: string,
  rawBody: string,
  contentType?: string,
  extraHeaders: Record<string, string> = {},
) => post(path, rawBody, { ...signSlackRequest(SECRET, rawBody), ...extraHeaders }, contentType);

function invocationRecords() {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes('"invocation"'))
    .map((line) => JSON.parse(line).invocation);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Slack events', () => {
  it('answers url_verification with the challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' });
    const response = await signed('/slack/events', body);
    expect(await response.json()).toEqual({ challenge: 'abc123' });
  });

  it('answers a signed mention with one threaded reply carrying blocks, sources and feedback buttons', async () => {
    const event = mention('what is top-p?');
    const started = Date.now();
    const response = await signed('/slack/events', JSON.stringify(event));
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    const [reply] = await slack.waitFor(1);
    expect(reply?.path).toBe('/api/chat.postMessage');
    expect(reply?.headers.authorization).toBe('Bearer xoxb-test');
    expect(reply?.body).toMatchObject({
      channel: 'C42',
      thread_ts: event.event.ts,
      text: expect.stringMatching(/top p|Top P/i),
    });
    const blocks = reply?.body.blocks as {
      type: string;
      elements?: { text?: string; action_id?: string }[];
    }[];
    expect(blocks.map((block) => block.type)).toEqual(
      expect.arrayContaining(['section', 'context', 'actions']),
    );
    expect(blocks.find((b) => b.type === 'context')?.elements?.[0]?.text).toMatch(/^\*\[1\]\*/);
    expect(blocks.find((b) => b.type === 'actions')?.elements?.map((e) => e.action_id)).toEqual([
      'feedback_helpful',
      'feedback_not_helpful',
    ]);
    await sleep(200);
    expect(slack.requests).toHaveLength(1);
  });

  it.each([
    [
      'a bad signature',
      (body: string) => ({ ...signSlackRequest(SECRET, body), 'x-slack-signature': `v0=${'0'.repeat(64)}` }),
    ],
    [
      'a stale timestamp',
      (body: string) => signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000) - 6 * 60),
    ],
    ['a body signed with another secret', (body: string) => signSlackRequest('other-secret', body)],
    ['missing headers', () => ({})],
  ])('rejects %s with 401 and sends nothing', async (_name, headersFor) => {
    const body = JSON.stringify(mention('what is RAG?'));
    const response = await post('/slack/events', body, headersFor(body));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: { code: 'UNAUTHORIZED', message: expect.stringContaining('Slack signature') },
    });
    await sleep(300);
    expect(slack.requests).toHaveLength(0);
  });

  it('answers once when Slack delivers the same event three times', async () => {
    const body = JSON.stringify(mention('what is RAG?'));
    const responses = await Promise.all([
      signed('/slack/events', body),
      signed('/slack/events', body, undefined, {
        'x-slack-retry-num': '1',
        'x-slack-retry-reason': 'http_timeout',
      }),
      signed('/slack/events', body, undefined, {
        'x-slack-retry-num': '2',
        'x-slack-retry-reason': 'http_timeout',
      }),
    ]);
    for (const response of responses) expect(response.status).toBe(200);
    await slack.waitFor(1);
    await sleep(500);
    expect(slack.requests).toHaveLength(1);
  });

  it('keeps the conversation within a thread', async () => {
    const first = mention('What is Amazon Bedrock?');
    await signed('/slack/events', JSON.stringify(first));
    await slack.waitFor(1);
    const followUp = mention('and how is it priced?', { thread_ts: first.event.ts });
    await signed('/slack/events', JSON.stringify(followUp));
    const requests = await slack.waitFor(2);
    expect(requests[1]?.body).toMatchObject({ thread_ts: first.event.ts });
    expect(String(requests[1]?.body.text)).toMatch(/pric|pay/i);
    const records = invocationRecords().filter((r) => r.channel === 'slack');
    const [a, b] = records.slice(-2);
    expect(a?.sessionId).toBeDefined();
    expect(b?.sessionId).toBe(a?.sessionId);
  });

  it('answers direct messages and ignores bot messages, its own messages and edits', async () => {
    const dm = mention('what is few-shot prompting?');
    const direct = {
      ...dm,
      event: {
        type: 'message',
        channel_type: 'im',
        user: 'U123',
        text: 'what is few-shot prompting?',
        channel: 'D1',
        ts: dm.event.ts,
      },
    };
    await signed('/slack/events', JSON.stringify(direct));
    const [reply] = await slack.waitFor(1);
    expect(reply?.body).toMatchObject({ channel: 'D1' });
    for (const ignored of [
      { ...mention('x'), event: { ...direct.event, bot_id: 'B1', ts: '1.1' } },
      { ...mention('x'), event: { ...direct.event, user: 'UBOT', ts: '1.2' } },
      { ...mention('x'), event: { ...direct.event, subtype: 'message_changed', ts: '1.3' } },
    ]) {
      expect((await signed('/slack/events', JSON.stringify(ignored))).status).toBe(200);
    }
    await sleep(400);
    expect(slack.requests).toHaveLength(1);
  });

  it('retries when Slack rate-limits the reply, without losing the answer', async () => {
    slack.failNext(1);
    await signed('/slack/events', JSON.stringify(mention('what is an epoch?')));
    const [reply] = await slack.waitFor(1, 15_000);
    expect(reply?.path).toBe('/api/chat.postMessage');
  });
});

describe('Slack slash commands and interactions', () => {
  it('an empty slash command gets a hint naming the profile subject and an example', async () => {
    // Prepare
    const form = new URLSearchParams({
      command: '/ask',
      text: '  ',
      channel_id: 'C42',
      user_id: 'U123',
      response_url: 'https://hooks.slack.com/commands/T0001/124/abc',
      trigger_id: `trigger-empty-${Date.now()}`,
    }).toString();

    // Act
    const response = await signed('/slack/commands', form, 'application/x-www-form-urlencoded');

    // Assess
    expect(await response.json()).toEqual({
      response_type: 'ephemeral',
      text: `Ask a question about ${courseNotesProfile.subject}, e.g. \`/ask ${courseNotesProfile.exampleQuestions[0]}\``,
    });
  });

  it('acknowledges a slash command with an ephemeral message, then answers via response_url', async () => {
    const form = new URLSearchParams({
      command: '/ask',
      text: 'What does temperature control?',
      channel_id: 'C42',
      user_id: 'U123',
      response_url: 'https://hooks.slack.com/commands/T0001/123/abc',
      trigger_id: `trigger-${Date.now()}`,
    }).toString();
    const response = await signed('/slack/commands', form, 'application/x-www-form-urlencoded');
    expect(await response.json()).toEqual({ response_type: 'ephemeral', text: 'Looking that up…' });
    const [answer] = await slack.waitFor(1);
    expect(answer?.path).toBe('/hooks/commands/T0001/123/abc');
    expect(answer?.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('creative'),
    });
  });

  it('records feedback clicks against the answer they rate', async () => {
    const value = JSON.stringify({ requestId: 'req-feedback-1', sessionId: 'session-9' });
    const form = new URLSearchParams({
      payload: JSON.stringify({
        type: 'block_actions',
        user: { id: 'U123' },
        actions: [{ action_id: 'feedback_not_helpful', value }],
      }),
    }).toString();
    const response = await signed('/slack/interactions', form, 'application/x-www-form-urlencoded');
    expect(response.status).toBe(200);
    await sleep(200);
    expect(invocationRecords().find((r) => r.requestId === 'req-feedback-1')).toMatchObject({
      feedback: 'not_helpful',
      sessionId: 'session-9',
      channel: 'slack',
    });
  });

  it('rejects unsigned interactions and malformed payloads', async () => {
    const form = new URLSearchParams({ payload: '{}' }).toString();
    expect((await post('/slack/interactions', form, {}, 'application/x-www-form-urlencoded')).status).toBe(
      401,
    );
    const bad = await signed(
      '/slack/interactions',
      new URLSearchParams({ payload: 'not json' }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(bad.status).toBe(400);
  });
});

describe('Slack not configured', () => {
  it('answers 503 on the Slack routes while the rest of the API keeps working', async () => {
    const { app } = await createLocalTestApp();
    const response = await app.request('/slack/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      error: { code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('SLACK_SIGNING_SECRET') },
    });
    expect((await app.request('/healthz')).status).toBe(200);
  });
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formType = 'application/x-www-form-urlencoded';

describe('Slack payload validation', () => {
  it('refuses a slash command whose response_url is not https://hooks.slack.com/, and sends nothing', async () => {
    for (const responseUrl of [
      `${slack.url}/response/abc`,
      'http://hooks.slack.com/commands/T1/2/abc',
      'https://hooks.slack.com.attacker.example/commands/T1',
      'https://hooks.slack.com@attacker.example/commands/T1',
    ]) {
      // Act
      const response = await signed(
        '/slack/commands',
        form({
          command: '/ask',
          text: 'What is RAG?',
          channel_id: 'C42',
          user_id: 'U123',
          response_url: responseUrl,
          trigger_id: `trigger-${Date.now()}-${responseUrl.length}`,
        }),
        formType,
      );

      // Assess
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: {
          code: 'VALIDATION_ERROR',
          message: expect.stringContaining('response_url'),
          details: [{ path: 'response_url', message: expect.stringContaining('hooks.slack.com') }],
        },
      });
    }
    await sleep(300);
    expect(slack.attempts).toHaveLength(0);
  });

  it.each([
    ['the value "null"', 'null'],
    ['a number', '5'],
    ['a list', '[]'],
    ['ids of the wrong type', JSON.stringify({ requestId: 5, sessionId: 's-1' })],
    ['a missing session id', JSON.stringify({ requestId: 'req-1' })],
    ['an id with markup', JSON.stringify({ requestId: '<script>', sessionId: 's-1' })],
    ['a request id over 255 characters', JSON.stringify({ requestId: 'r'.repeat(256), sessionId: 's-1' })],
    ['a session id over 100 characters', JSON.stringify({ requestId: 'req-1', sessionId: 's'.repeat(101) })],
    ['no value at all', undefined],
    ['text that is not JSON', 'helpful!'],
  ])(
    'answers a feedback click carrying %s with 400, never 500, and records nothing',
    async (_name, value) => {
      // Prepare
      const before = invocationRecords().length;
      const payload = JSON.stringify({
        type: 'block_actions',
        user: { id: 'U123' },
        actions: [{ action_id: 'feedback_helpful', ...(value === undefined ? {} : { value }) }],
      });

      // Act
      const response = await signed('/slack/interactions', form({ payload }), formType);

      // Assess
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { code: 'VALIDATION_ERROR', requestId: expect.any(String) },
      });
      await sleep(100);
      expect(invocationRecords()).toHaveLength(before);
    },
  );

  it.each([
    ['null', 'null'],
    ['actions that are not a list', JSON.stringify({ type: 'block_actions', actions: null })],
    [
      'an action value that is not a string',
      JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'feedback_helpful', value: 7 }] }),
    ],
    ['no type', JSON.stringify({ actions: [] })],
  ])('answers an interaction payload of %s with 400', async (_name, payload) => {
    const response = await signed('/slack/interactions', form({ payload }), formType);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });

  it.each([
    ['null', 'null'],
    ['a list', '[]'],
    ['a type that is not a string', JSON.stringify({ type: 5 })],
    [
      'an event callback without event_id',
      JSON.stringify({ ...mention('what is RAG?'), event_id: undefined }),
    ],
    ['an event callback whose event is null', JSON.stringify({ ...mention('what is RAG?'), event: null })],
    ['a url_verification without challenge', JSON.stringify({ type: 'url_verification' })],
  ])('answers an Events API body of %s with 400', async (_name, body) => {
    const response = await signed('/slack/events', body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });

  it('acknowledges Events API envelopes it does not act on (e.g. app_rate_limited)', async () => {
    const body = JSON.stringify({
      type: 'app_rate_limited',
      team_id: 'T0001',
      minute_rate_limited: 1518467820,
    });
    const response = await signed('/slack/events', body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, ignored: 'unsupported payload' });
  });
});

describe('Slack acknowledgement when the queue fails', () => {
  /** The app with a queue that fails the first `failures` enqueues. */
  async function appWithFlakyQueue(failures: number) {
    const { deps } = await createLocalTestApp();
    const jobs: SlackAnswerJob[] = [];
    let left = failures;
    const queue = {
      async enqueue(job: SlackAnswerJob) {
        if (left-- > 0) throw new Error('SQS: service unavailable');
        jobs.push(job);
      },
    };
    const app = createApp({
      ...deps,
      logger: silentLogger,
      slack: {
        secrets: async () => ({ signingSecret: SECRET, botToken: 'xoxb-test' }),
        queue,
        store: createMemoryTtlStore(),
      },
    });
    const send = (path: string, body: string, contentType: string, extra: Record<string, string> = {}) =>
      app.request(path, {
        method: 'POST',
        headers: { 'content-type': contentType, ...signSlackRequest(SECRET, body), ...extra },
        body,
      });
    return { jobs, send };
  }

  it('answers an event with 503 when it cannot be queued, and queues Slack’s retry of it', async () => {
    // Prepare
    const { jobs, send } = await appWithFlakyQueue(1);
    const body = JSON.stringify(mention('what is RAG?'));
    const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' };

    // Act
    const failed = await send('/slack/events', body, 'application/json');
    const retried = await send('/slack/events', body, 'application/json', retry);
    const duplicate = await send('/slack/events', body, 'application/json', retry);

    // Assess
    expect(await retried.json()).toEqual({ ok: true });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ question: 'what is RAG?' });
    expect(await duplicate.json()).toMatchObject({ ignored: 'duplicate delivery' });
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('queues at most 2,000 characters of a question', async () => {
    // Prepare
    const { jobs, send } = await appWithFlakyQueue(0);
    const long = 'why '.repeat(1000);

    // Act
    const response = await send('/slack/events', JSON.stringify(mention(long)), 'application/json');

    // Assess
    expect(response.status).toBe(200);
    expect(jobs[0]?.question).toHaveLength(2000);
  });

  it('answers a slash command with 503 when it cannot be queued, and accepts the same trigger again', async () => {
    // Prepare
    const { jobs, send } = await appWithFlakyQueue(1);
    const body = form({
      command: '/ask',
      text: 'What is RAG?',
      channel_id: 'C42',
      user_id: 'U123',
      response_url: 'https://hooks.slack.com/commands/T0001/1/abc',
      trigger_id: 'trigger-flaky',
    });

    // Act
    const failed = await send('/slack/commands', body, formType);
    const again = await send('/slack/commands', body, formType);

    // Assess
    expect(await again.json()).toMatchObject({ text: 'Looking that up…' });
    expect(jobs).toHaveLength(1);
    expect(failed.status).toBe(503);
  });
});

describe('Slack worker against a misbehaving Slack (real HTTP to the fake)', () => {
  function worker(client: { attemptTimeoutMs?: number; waits?: number[] } = {}) {
    const deps: SlackWorkerDependencies = {
      ask: {
        engine: 'local',
        answerer: createScriptedAnswerer({ appliesGuardrail: true }),
        guardrail: { check: async () => Promise.reject(new Error('not used')) },
        recorder: createMemoryRecorder(),
      },
      chat: createSlackWebClient({
        botToken: 'xoxb-test',
        apiUrl: slack.apiUrl,
        hooksUrl: slack.hooksUrl,
        ...(client.attemptTimeoutMs ? { attemptTimeoutMs: client.attemptTimeoutMs } : {}),
        ...(client.waits ? { sleep: async (ms: number) => void client.waits?.push(ms) } : {}),
      }),
      store: createMemoryTtlStore(),
    };
    const logs: Record<string, unknown>[] = [];
    const job: SlackAnswerJob = {
      kind: 'mention',
      question: 'What is RAG?',
      channel: 'C42',
      user: 'U123',
      threadTs: '1700000000.000001',
      deliveryId: `Ev-worker-${Date.now()}`,
      requestId: 'req-worker',
    };
    const run = (options: Parameters<typeof processSlackJobs>[3] = {}) =>
      processSlackJobs(
        { Records: [{ messageId: 'm-1', body: JSON.stringify(job) }] },
        async () => deps,
        (entry) => logs.push(entry),
        options,
      );
    return { run, logs };
  }

  it('gives up on a Slack that never answers after one attempt, and the redelivery posts nothing', {
    timeout: 10_000,
  }, async () => {
    // Prepare
    slack.behave([], 'hang');
    const { run, logs } = worker({ attemptTimeoutMs: 300 });

    // Act
    const first = await run();
    slack.behave([], 'ok');
    const redelivery = await run();

    // Assess
    expect(first.batchItemFailures).toEqual([]);
    expect(redelivery.batchItemFailures).toEqual([]);
    expect(slack.attempts).toHaveLength(1);
    expect(slack.requests).toHaveLength(0);
    expect(logs[0]).toMatchObject({
      level: 'ERROR',
      message: expect.stringContaining('may not have been posted'),
    });
  });

  it('ends an attempt at the job deadline even when the attempt timeout is longer', {
    timeout: 10_000,
  }, async () => {
    // Prepare: a 60 s attempt timeout, but only 1.5 s left in the Lambda
    slack.behave([], 'hang');
    const { run } = worker({ attemptTimeoutMs: 60_000 });

    // Act
    const result = await run({
      context: { getRemainingTimeInMillis: () => 1_500 },
      safetyMarginMs: 0,
      minJobBudgetMs: 0,
    });

    // Assess: finished well inside the test's 10 s, after one attempt
    expect(result.batchItemFailures).toEqual([]);
    expect(slack.attempts).toHaveLength(1);
  });

  it('does not wait out a huge Retry-After: hands the job back, and the retry posts once', {
    timeout: 10_000,
  }, async () => {
    // Prepare
    slack.behave([{ rateLimited: { retryAfterSeconds: 3600 } }]);
    const { run } = worker();

    // Act
    const first = await run();
    const retry = await run();
    const redelivery = await run();

    // Assess
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(retry.batchItemFailures).toEqual([]);
    expect(redelivery.batchItemFailures).toEqual([]);
    expect(slack.attempts).toHaveLength(2);
    expect(slack.requests).toHaveLength(1);
  });

  it('stops after three attempts against 5xx answers and hands the job back for a later retry', async () => {
    // Prepare
    slack.behave([], { status: 503 });
    const waits: number[] = [];
    const { run } = worker({ waits });

    // Act
    const result = await run();

    // Assess
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(slack.attempts).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);
  });
});
