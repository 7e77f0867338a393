import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../shared/slack/verify-slack-signature.js';
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
  });
});

afterAll(async () => {
  await server?.stop();
  await slack?.stop();
});

beforeEach(() => {
  slack.requests.length = 0;
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
  it('acknowledges a slash command with an ephemeral message, then answers via response_url', async () => {
    const form = new URLSearchParams({
      command: '/ask',
      text: 'What does temperature control?',
      channel_id: 'C42',
      user_id: 'U123',
      response_url: `${slack.url}/response/abc`,
      trigger_id: `trigger-${Date.now()}`,
    }).toString();
    const response = await signed('/slack/commands', form, 'application/x-www-form-urlencoded');
    expect(await response.json()).toEqual({ response_type: 'ephemeral', text: 'Looking that up…' });
    const [answer] = await slack.waitFor(1);
    expect(answer?.path).toBe('/response/abc');
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
