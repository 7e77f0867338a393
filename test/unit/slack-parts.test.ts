import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { processSlackJobs } from '../../services/slack-worker/handler.js';
import { createDynamoDbTtlStore } from '../../shared/adapters/aws/dynamodb-ttl-store.js';
import { createSqsJobQueue } from '../../shared/adapters/aws/sqs-job-queue.js';
import { createMemoryTtlStore } from '../../shared/adapters/local/memory-ttl-store.js';
import type { AskResponse } from '../../shared/domain.js';
import { createSlackWebClient } from '../../shared/slack/create-slack-web-client.js';
import { escapeMrkdwn, formatSlackAnswer, splitForSlack } from '../../shared/slack/format-slack-answer.js';
import { stripMentions } from '../../shared/slack/parse-slack-request.js';
import { signSlackRequest, verifySlackSignature } from '../../shared/slack/verify-slack-signature.js';

const response = (answer: string, overrides: Partial<AskResponse> = {}): AskResponse => ({
  answer,
  citations: [{ id: 1, source: 'notes.txt', title: 'Notes <draft>', excerpt: 'x' }],
  guardrail: { action: 'NONE' },
  sessionId: 's-1',
  engine: 'local',
  latencyMs: 3,
  ...overrides,
});

describe('Slack signature', () => {
  const body = '{"type":"event_callback"}';
  it('accepts a correct v0 signature within five minutes and rejects anything else', () => {
    const now = 1_700_000_000;
    const headers = signSlackRequest('secret', body, now);
    const check = (overrides: Partial<Parameters<typeof verifySlackSignature>[0]>) =>
      verifySlackSignature({
        signingSecret: 'secret',
        timestamp: headers['x-slack-request-timestamp'],
        signature: headers['x-slack-signature'],
        rawBody: body,
        nowSeconds: now + 299,
        ...overrides,
      });
    expect(check({})).toEqual({ ok: true });
    expect(check({ nowSeconds: now + 301 })).toEqual({ ok: false, reason: 'stale timestamp' });
    expect(check({ rawBody: `${body} ` })).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(check({ signature: 'v0=short' })).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(check({ timestamp: 'abc' })).toEqual({ ok: false, reason: 'malformed timestamp' });
    expect(check({ signature: undefined }).ok).toBe(false);
  });
});

describe('Slack message format', () => {
  it('escapes mrkdwn control characters and strips mentions from questions', () => {
    expect(escapeMrkdwn('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(stripMentions('<@U123> what is <@U9|bob> RAG?')).toBe('what is RAG?');
  });

  it('keeps every section within 3000 characters and always sends a text fallback', () => {
    const long = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} about models [1].`).join(' ');
    const message = formatSlackAnswer(response(long), 'req-1');
    const sections = (message.blocks as { type: string; text?: { text: string } }[]).filter(
      (b) => b.type === 'section',
    );
    expect(sections.length).toBeGreaterThan(1);
    expect(sections.length).toBeLessThanOrEqual(5);
    for (const section of sections) expect(section.text?.text.length).toBeLessThanOrEqual(3000 + 30);
    expect(message.text.length).toBeLessThanOrEqual(3500);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const piece of splitForSlack(long)) expect(piece.length).toBeLessThanOrEqual(3000);
  });

  it('adds a guardrail notice and sources, with feedback values naming the answer', () => {
    const message = formatSlackAnswer(
      response('Blocked.', { guardrail: { action: 'INTERVENED', reasons: ['topic:x'] } }),
      'req-7',
    );
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('guardrail intervened');
    expect(json).toContain('Notes &lt;draft&gt;');
    expect(json).toContain(
      JSON.stringify(JSON.stringify({ requestId: 'req-7', sessionId: 's-1' })).slice(1, -1),
    );
  });
});

describe('TTL stores', () => {
  it('memory store: putIfAbsent once, expiry frees the key', async () => {
    let now = 0;
    const store = createMemoryTtlStore({ now: () => now });
    expect(await store.putIfAbsent('k', 'a', 10)).toBe(true);
    expect(await store.putIfAbsent('k', 'b', 10)).toBe(false);
    expect(await store.get('k')).toBe('a');
    now = 11_000;
    expect(await store.get('k')).toBeUndefined();
    expect(await store.putIfAbsent('k', 'c', 10)).toBe(true);
  });

  const dynamo = mockClient(DynamoDBClient);
  beforeEach(() => dynamo.reset());

  it('DynamoDB store: conditional put, and a failed condition means "already there"', async () => {
    const store = createDynamoDbTtlStore({
      client: new DynamoDBClient({ region: 'us-east-1' }),
      tableName: 'slack',
      now: () => 1_700_000_000_000,
    });
    dynamo
      .on(PutItemCommand)
      .resolvesOnce({})
      .rejectsOnce(
        new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }),
      );
    expect(await store.putIfAbsent('delivery:Ev1', 'req', 60)).toBe(true);
    expect(await store.putIfAbsent('delivery:Ev1', 'req', 60)).toBe(false);
    expect(dynamo.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual({
      TableName: 'slack',
      Item: { pk: { S: 'delivery:Ev1' }, value: { S: 'req' }, expiresAt: { N: '1700000060' } },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
      ExpressionAttributeValues: { ':now': { N: '1700000000' } },
    });
  });

  it('DynamoDB store: expired items read as absent', async () => {
    const store = createDynamoDbTtlStore({
      client: new DynamoDBClient({ region: 'us-east-1' }),
      tableName: 'slack',
      now: () => 1_700_000_000_000,
    });
    dynamo
      .on(GetItemCommand)
      .resolvesOnce({ Item: { pk: { S: 'k' }, value: { S: 'v' }, expiresAt: { N: '1700000100' } } })
      .resolvesOnce({ Item: { pk: { S: 'k' }, value: { S: 'v' }, expiresAt: { N: '1699999999' } } });
    expect(await store.get('k')).toBe('v');
    expect(await store.get('k')).toBeUndefined();
  });
});

describe('Slack job queue and worker', () => {
  it('sends jobs to SQS as JSON', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const job = {
      kind: 'mention' as const,
      question: 'q',
      channel: 'C',
      user: 'U',
      threadTs: '1.2',
      deliveryId: 'Ev1',
      requestId: 'r',
    };
    await createSqsJobQueue({
      client: new SQSClient({ region: 'us-east-1' }),
      queueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q',
    }).enqueue(job);
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q',
      MessageBody: JSON.stringify(job),
    });
    sqs.restore();
  });

  it('reports failed messages for retry and keeps going with the rest', async () => {
    const logs: unknown[] = [];
    const result = await processSlackJobs(
      { Records: [{ messageId: 'bad', body: 'not json' }] },
      async () => {
        throw new Error('unused');
      },
      (entry) => logs.push(entry),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad' }] });
    expect(logs).toHaveLength(1);
  });
});

describe('Slack Web API client', () => {
  it('retries 429 with Retry-After and 5xx, then gives up with an UpstreamError', async () => {
    const waits: number[] = [];
    const statuses = [429, 500, 200];
    const calls: string[] = [];
    const client = createSlackWebClient({
      botToken: 'xoxb',
      apiUrl: 'https://slack.test/api',
      sleep: async (ms) => void waits.push(ms),
      fetch: (async (url: string) => {
        calls.push(url);
        const status = statuses.shift() ?? 200;
        return new Response(status === 200 ? '{"ok":true}' : '{}', {
          status,
          headers: status === 429 ? { 'retry-after': '3' } : {},
        });
      }) as typeof fetch,
    });
    await client.postMessage({ channel: 'C', text: 't', blocks: [] });
    expect(calls).toEqual(Array(3).fill('https://slack.test/api/chat.postMessage'));
    expect(waits).toEqual([3000, 1000]);

    const failing = createSlackWebClient({
      botToken: 'x',
      apiUrl: 'https://slack.test/api/',
      maxAttempts: 2,
      sleep: async () => {},
      fetch: (async () => new Response('{}', { status: 503 })) as typeof fetch,
    });
    await expect(failing.postMessage({ channel: 'C', text: 't', blocks: [] })).rejects.toThrow(
      /after 2 attempt/,
    );
    const refused = createSlackWebClient({
      botToken: 'x',
      apiUrl: 'https://slack.test/api/',
      sleep: async () => {},
      fetch: (async () => new Response('{"ok":false,"error":"channel_not_found"}')) as typeof fetch,
    });
    await expect(refused.postMessage({ channel: 'C', text: 't', blocks: [] })).rejects.toThrow(
      /channel_not_found/,
    );
  });
});
