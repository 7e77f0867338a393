import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
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
import { createMemoryRecorder } from '../../shared/observability/invocation-record.js';
import { answerSlackJob, type SlackWorkerDependencies } from '../../shared/slack/answer-slack-job.js';
import { createSlackWebClient } from '../../shared/slack/create-slack-web-client.js';
import { escapeMrkdwn, formatSlackAnswer, splitForSlack } from '../../shared/slack/format-slack-answer.js';
import { isSlackResponseUrl, stripMentions } from '../../shared/slack/parse-slack-request.js';
import { SlackDeliveryError } from '../../shared/slack/slack-delivery-error.js';
import type { ChatClient, SlackAnswerJob } from '../../shared/slack/slack-ports.js';
import { signSlackRequest, verifySlackSignature } from '../../shared/slack/verify-slack-signature.js';
import { createScriptedAnswerer } from '../../shared/testing/scripted-answerer.js';

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
    await store.delete('k');
    expect(await store.putIfAbsent('k', 'd', 10)).toBe(true);
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

  it('DynamoDB store: delete removes the item by its key', async () => {
    // Prepare
    const store = createDynamoDbTtlStore({
      client: new DynamoDBClient({ region: 'us-east-1' }),
      tableName: 'slack',
    });
    dynamo.on(DeleteItemCommand).resolves({});

    // Act
    await store.delete('answered:Ev1');

    // Assess
    expect(dynamo.commandCalls(DeleteItemCommand)[0]?.args[0].input).toEqual({
      TableName: 'slack',
      Key: { pk: { S: 'answered:Ev1' } },
    });
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

/** A chat client that records posts and fails as scripted (`undefined`: the post succeeds). */
function scriptedChat(failures: (SlackDeliveryError | undefined)[] = []) {
  const posts: { channel?: string; responseUrl?: string; deadline?: number }[] = [];
  const attempt = async (post: (typeof posts)[number]) => {
    const failure = failures.shift();
    if (failure) throw failure;
    posts.push(post);
  };
  const chat: ChatClient = {
    postMessage: (message, options) => attempt({ channel: message.channel, deadline: options?.deadline }),
    respond: (responseUrl, _message, options) => attempt({ responseUrl, deadline: options?.deadline }),
  };
  return { chat, posts };
}

function workerSetup(
  options: {
    failures?: (SlackDeliveryError | undefined)[];
    answerer?: SlackWorkerDependencies['ask']['answerer'];
  } = {},
) {
  const answerer = options.answerer ?? createScriptedAnswerer({ appliesGuardrail: true });
  const store = createMemoryTtlStore();
  const { chat, posts } = scriptedChat(options.failures);
  const deps: SlackWorkerDependencies = {
    ask: {
      engine: 'local',
      answerer,
      guardrail: { check: async () => Promise.reject(new Error('not used')) },
      recorder: createMemoryRecorder(),
    },
    chat,
    store,
  };
  const logs: Record<string, unknown>[] = [];
  const run = (
    records: { messageId: string; body: string }[],
    extra: Parameters<typeof processSlackJobs>[3] = {},
  ) =>
    processSlackJobs(
      { Records: records },
      async () => deps,
      (entry) => logs.push(entry),
      extra,
    );
  return { deps, store, posts, logs, run, answerer };
}

const job = (overrides: Partial<SlackAnswerJob> = {}): SlackAnswerJob => ({
  kind: 'mention',
  question: 'What is RAG?',
  channel: 'C42',
  user: 'U1',
  threadTs: '1700000000.000100',
  deliveryId: 'Ev1',
  requestId: 'req-1',
  ...overrides,
});
const record = (messageId: string, body: SlackAnswerJob | string = job()) => ({
  messageId,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('Slack worker: exactly one reply per delivery', () => {
  it('posts once when SQS delivers the same job twice (e.g. after a crash before the message was deleted)', async () => {
    // Prepare
    const { posts, run, store } = workerSetup();

    // Act
    const first = await run([record('m-1')]);
    const second = await run([record('m-1')]);

    // Assess
    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    expect(posts).toHaveLength(1);
    expect(await store.get('answered:Ev1')).toBe('posted:req-1');
  });

  it('posts once when the route queued one delivery twice and both copies run side by side', async () => {
    // Prepare
    const { posts, run } = workerSetup();

    // Act
    await Promise.all([run([record('m-1')]), run([record('m-2', job({ requestId: 'req-2' }))])]);

    // Assess
    expect(posts).toHaveLength(1);
  });

  it('releases the claim when the reply certainly did not reach Slack, so the retry answers once', async () => {
    // Prepare
    const { posts, run, store } = workerSetup({
      failures: [new SlackDeliveryError('503 from Slack', 'no', 3)],
    });

    // Act
    const first = await run([record('m-1')]);
    const claimAfterFailure = await store.get('answered:Ev1');
    const retry = await run([record('m-1')]);

    // Assess
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(claimAfterFailure).toBeUndefined();
    expect(retry.batchItemFailures).toEqual([]);
    expect(posts).toHaveLength(1);
  });

  it('does not retry a reply that may have reached Slack, and a redelivery does not post it again', async () => {
    // Prepare
    const { posts, run, logs, store } = workerSetup({
      failures: [new SlackDeliveryError('no answer in time', 'unknown', 1)],
    });

    // Act
    const first = await run([record('m-1')]);
    const redelivery = await run([record('m-1')]);

    // Assess
    expect(first.batchItemFailures).toEqual([]);
    expect(redelivery.batchItemFailures).toEqual([]);
    expect(posts).toHaveLength(0);
    expect(await store.get('answered:Ev1')).toBe('posting:req-1');
    expect(logs[0]).toMatchObject({
      level: 'ERROR',
      message: expect.stringContaining('may not have been posted'),
    });
  });

  it('skips a job whose delivery was claimed by a run that crashed while posting (a missed reply, by design)', async () => {
    // Prepare
    const { posts, run, store, logs, answerer } = workerSetup();
    await store.put('answered:Ev1', 'posting:req-0', 60);

    // Act
    const result = await run([record('m-1')]);

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(posts).toHaveLength(0);
    expect((answerer as ReturnType<typeof createScriptedAnswerer>).calls).toHaveLength(0);
    expect(logs[0]).toMatchObject({ record: 'posting:req-0' });
  });

  it('rejects queued jobs that fail the schema, including a response URL off hooks.slack.com', async () => {
    // Prepare
    const { posts, run } = workerSetup();

    // Act
    const result = await run([
      record('evil', job({ kind: 'command', responseUrl: 'https://attacker.example/collect' })),
      record('null', 'null'),
      record('no-delivery-id', { ...job(), deliveryId: '' }),
    ]);

    // Assess
    expect(result.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual([
      'evil',
      'null',
      'no-delivery-id',
    ]);
    expect(posts).toHaveLength(0);
  });
});

describe('Slack worker: deadlines from the Lambda context', () => {
  it('gives each job a deadline of the remaining time less the safety margin, and hands back jobs it has no time for', async () => {
    // Prepare: a 60 s function where every answer takes 20 s (a fake clock)
    let clock = 0;
    const slowAnswerer = createScriptedAnswerer({ appliesGuardrail: true });
    const answer = slowAnswerer.answer.bind(slowAnswerer);
    slowAnswerer.answer = async (query) => {
      clock += 20_000;
      return answer(query);
    };
    const { posts, run } = workerSetup({ answerer: slowAnswerer });
    const context = { getRemainingTimeInMillis: () => 60_000 - clock };
    const records = [1, 2, 3, 4, 5].map((n) => record(`m-${n}`, job({ deliveryId: `Ev${n}` })));

    // Act
    const result = await run(records, { context, now: () => clock });

    // Assess: jobs 1-2 answered; job 3's answer came after its deadline (55 s); 4-5 never started
    expect(posts).toHaveLength(2);
    expect(posts[0]?.deadline).toBe(55_000);
    expect(posts[1]?.deadline).toBe(55_000);
    expect(result.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(['m-3', 'm-4', 'm-5']);
    expect(slowAnswerer.calls).toHaveLength(3);
  });

  it('gives a job without a deadline of its own (the local in-process worker) 60 s', async () => {
    // Prepare
    const { deps, posts } = workerSetup();

    // Act
    await answerSlackJob(deps, job(), { now: () => 1_000 });

    // Assess
    expect(posts[0]?.deadline).toBe(61_000);
  });

  it('stops waiting for an answer at the deadline and leaves the delivery unclaimed for the retry', async () => {
    // Prepare: an engine that never answers, 200 ms left
    const stuck = createScriptedAnswerer({ appliesGuardrail: true });
    stuck.answer = () => new Promise(() => {});
    const { posts, run, store } = workerSetup({ answerer: stuck });

    // Act
    const result = await run([record('m-1')], {
      context: { getRemainingTimeInMillis: () => 200 },
      safetyMarginMs: 0,
      minJobBudgetMs: 0,
    });

    // Assess
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(posts).toHaveLength(0);
    expect(await store.get('answered:Ev1')).toBeUndefined();
  });
});

describe('Slack Web API client: timeouts, Retry-After cap and deadline', () => {
  const never = (async (_url: string, init?: RequestInit) =>
    new Promise((_, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    })) as typeof fetch;

  it('abandons an attempt Slack never answers, and does not send it again', async () => {
    // Prepare
    let calls = 0;
    const client = createSlackWebClient({
      botToken: 'x',
      apiUrl: 'https://slack.test/api/',
      attemptTimeoutMs: 50,
      fetch: ((url: string, init?: RequestInit) => {
        calls++;
        return never(url, init);
      }) as typeof fetch,
    });

    // Act
    const error = await client.postMessage({ channel: 'C', text: 't', blocks: [] }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(SlackDeliveryError);
    expect(error).toMatchObject({ delivered: 'unknown', attempts: 1 });
    expect(calls).toBe(1);
  });

  it('does not wait out a Retry-After longer than the cap: fails at once so the queue retries later', async () => {
    // Prepare
    const waits: number[] = [];
    let calls = 0;
    const client = createSlackWebClient({
      botToken: 'x',
      apiUrl: 'https://slack.test/api/',
      sleep: async (ms) => void waits.push(ms),
      fetch: (async () => {
        calls++;
        return new Response('{"ok":false,"error":"ratelimited"}', {
          status: 429,
          headers: { 'retry-after': '3600' },
        });
      }) as typeof fetch,
    });

    // Act
    const error = await client.postMessage({ channel: 'C', text: 't', blocks: [] }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ delivered: 'no', attempts: 1 });
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });

  it('never starts an attempt or a wait that would end past the deadline', async () => {
    // Prepare: 5xx answers, a fake clock, a deadline 1.2 s away
    let clock = 0;
    const waits: number[] = [];
    let calls = 0;
    const client = createSlackWebClient({
      botToken: 'x',
      apiUrl: 'https://slack.test/api/',
      maxAttempts: 10,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
      fetch: (async () => {
        calls++;
        return new Response('{}', { status: 500 });
      }) as typeof fetch,
    });

    // Act
    const error = await client
      .postMessage({ channel: 'C', text: 't', blocks: [] }, { deadline: 1_200 })
      .catch((e: unknown) => e);

    // Assess: one attempt; the 500 ms backoff plus the 1 s minimum attempt would end at 1.5 s
    expect(error).toMatchObject({ delivered: 'no', attempts: 1 });
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
    await expect(
      client.postMessage({ channel: 'C', text: 't', blocks: [] }, { deadline: clock + 999 }),
    ).rejects.toMatchObject({ delivered: 'no', attempts: 0 });
    expect(calls).toBe(1);
  });

  it('retries a refused connection (the request never left) within the attempt limit', async () => {
    // Prepare
    let calls = 0;
    const client = createSlackWebClient({
      botToken: 'x',
      apiUrl: 'https://slack.test/api/',
      sleep: async () => {},
      fetch: (async () => {
        calls++;
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      }) as typeof fetch,
    });

    // Act
    const error = await client.postMessage({ channel: 'C', text: 't', blocks: [] }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ delivered: 'no', attempts: 3 });
    expect(calls).toBe(3);
  });

  it('sends response URLs only to hooks.slack.com, rebased onto the configured hooks URL', async () => {
    // Prepare
    const calls: string[] = [];
    const client = createSlackWebClient({
      botToken: 'x',
      apiUrl: 'https://slack.test/api/',
      hooksUrl: 'http://127.0.0.1:9/fake-hooks',
      fetch: (async (url: string) => {
        calls.push(url);
        return new Response('ok');
      }) as typeof fetch,
    });
    const message = { text: 't', blocks: [], responseType: 'ephemeral' as const };

    // Act
    await client.respond('https://hooks.slack.com/commands/T1/2/abc?x=1', message);
    const refused = await client
      .respond('https://attacker.example/commands/T1', message)
      .catch((e: unknown) => e);

    // Assess
    expect(calls).toEqual(['http://127.0.0.1:9/fake-hooks/commands/T1/2/abc?x=1']);
    expect(refused).toMatchObject({ delivered: 'no', attempts: 0 });
  });
});

describe('Slack response URLs', () => {
  it.each([
    ['https://hooks.slack.com/commands/T1/2/abc', true],
    ['https://HOOKS.slack.com/actions/T1/2/abc', true],
    ['https://hooks.slack.com:443/commands/T1/2/abc', true],
    ['http://hooks.slack.com/commands/T1/2/abc', false],
    ['https://hooks.slack.com.attacker.example/commands', false],
    ['https://attacker.example/?next=https://hooks.slack.com/', false],
    ['https://hooks.slack.com@attacker.example/commands', false],
    ['https://user:secret@hooks.slack.com/commands', false],
    ['https://hooks.slack.com:8443/commands', false],
    ['https://attacker.example\\@hooks.slack.com/', false],
    ['https://slack.com/api/chat.postMessage', false],
    ['ftp://hooks.slack.com/commands', false],
    ['javascript:alert(1)//hooks.slack.com/', false],
    ['/commands/T1/2/abc', false],
    ['', false],
  ])('%s -> %s', (url, accepted) => {
    expect(isSlackResponseUrl(url)).toBe(accepted);
  });
});
