import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRawResponse, sendRaw } from '../fixtures/raw-http.js';
import { startServer } from '../fixtures/start-server.js';

/**
 * Property-based fuzzing of the HTTP contract against the real server over raw sockets: random
 * and mutated methods, paths, headers and bodies. Whatever arrives, the server answers below 500,
 * every error is the contract's JSON, and /healthz still answers afterwards. Bounded by a time
 * budget (FUZZ_BUDGET_MS, default 4 s); FUZZ_SEED replays a failing run (fast-check prints the
 * seed and the shrunk request on failure).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_123);
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 4000);

let server: Awaited<ReturnType<typeof startServer>>;
let port = 0;

beforeAll(async () => {
  // Slack configured, so its routes check signatures (a fuzzer never forges one) instead of answering 503.
  server = await startServer({
    SLACK_SIGNING_SECRET: 'fuzz-signing-secret',
    SLACK_BOT_TOKEN: 'xoxb-fuzz',
    SLACK_API_URL: 'http://127.0.0.1:9/api/',
  });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server?.stop();
});

const ROUTES = [
  '/v1/ask',
  '/v1/retrieve',
  '/healthz',
  '/',
  '/assets/chat.js',
  '/slack/events',
  '/slack/commands',
  '/slack/interactions',
];

const printable = (maxLength: number) => fc.string({ unit: 'grapheme-ascii', maxLength });
const anyText = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
/** Any bytes, as a latin1 string (one char per byte). */
const anyBytes = (maxLength: number) =>
  fc.uint8Array({ maxLength }).map((bytes) => Buffer.from(bytes).toString('latin1'));

// Weighted towards well-formed requests, so most reach the app and its validation, not only Node's parser.
const method = fc.oneof(
  { arbitrary: fc.constant('POST'), weight: 16 },
  { arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), weight: 4 },
  { arbitrary: fc.stringMatching(/^[A-Z]{1,12}$/), weight: 1 },
  { arbitrary: anyBytes(8), weight: 1 },
);

const path = fc.oneof(
  { arbitrary: fc.constantFrom('/v1/ask', '/v1/retrieve'), weight: 12 },
  { arbitrary: fc.constantFrom(...ROUTES), weight: 6 },
  {
    arbitrary: fc.tuple(fc.constantFrom(...ROUTES), printable(40)).map(([route, tail]) => `${route}${tail}`),
    weight: 2,
  },
  { arbitrary: fc.webPath(), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...ROUTES), fc.webQueryParameters())
      .map(([route, query]) => `${route}?${query}`),
    weight: 2,
  },
  { arbitrary: printable(300).map((text) => `/${text}`), weight: 1 },
  { arbitrary: anyBytes(60), weight: 1 },
);

const headerName = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'content-type',
      'accept',
      'x-api-key',
      'authorization',
      'x-forwarded-for',
      'x-request-id',
      'origin',
      'content-encoding',
      'access-control-request-method',
      'x-slack-signature',
      'x-slack-request-timestamp',
      'transfer-encoding',
      'host',
    ),
    weight: 20,
  },
  { arbitrary: fc.stringMatching(/^[A-Za-z0-9-]{1,30}$/), weight: 4 },
  { arbitrary: anyBytes(12), weight: 1 },
);
const headerValue = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/vnd.api+json',
      'text/event-stream',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'chunked',
      'gzip',
      'Bearer x',
      '*/*',
    ),
    weight: 20,
  },
  { arbitrary: printable(200), weight: 4 },
  { arbitrary: anyBytes(40), weight: 1 },
);
/** Mostly a JSON content type plus a few random headers. */
const headers = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(headerName, headerValue), { maxLength: 3 }))
  .map(([json, extra]) =>
    json ? [['content-type', 'application/json'] as [string, string], ...extra] : extra,
  );

const question = fc.oneof(printable(120), anyText(60), fc.constantFrom('What is RAG?', 'What is top p?', ''));
const validBody = fc.oneof(
  fc.record({ question }),
  fc.record({ query: question }),
  fc.record(
    {
      question,
      sessionId: fc.oneof(fc.uuid(), printable(20)),
      k: fc.oneof(fc.integer({ min: -5, max: 30 }), fc.double()),
      filters: fc.oneof(fc.record({ source: printable(20) }, { requiredKeys: [] }), fc.jsonValue()),
    },
    { requiredKeys: ['question'] },
  ),
  fc.record({ query: question, k: fc.integer({ min: 0, max: 25 }) }, { requiredKeys: ['query'] }),
);
const body = fc.oneof(
  { arbitrary: validBody.map((value) => JSON.stringify(value)), weight: 10 },
  {
    arbitrary: fc.tuple(validBody, fc.nat()).map(([value, cut]) => {
      const text = JSON.stringify(value);
      return text.slice(0, cut % (text.length + 1));
    }),
    weight: 2,
  },
  { arbitrary: fc.json({ maxDepth: 3 }), weight: 2 },
  { arbitrary: anyText(200), weight: 1 },
  { arbitrary: anyBytes(200), weight: 1 },
  { arbitrary: fc.constant(''), weight: 1 },
);

/** How the declared length relates to the body sent: right, missing, chunked, or wrong. */
const framing = fc.constantFrom('length', 'length', 'length', 'none', 'chunked', 'short', 'long');

function frame(kind: string, text: string): { head: string; payload: string } {
  const bytes = Buffer.byteLength(text, 'latin1');
  switch (kind) {
    case 'none':
      return { head: '', payload: text };
    case 'chunked':
      return {
        head: 'Transfer-Encoding: chunked\r\n',
        payload: `${bytes > 0 ? `${bytes.toString(16)}\r\n${text}\r\n` : ''}0\r\n\r\n`,
      };
    case 'short':
      return { head: `Content-Length: ${Math.floor(bytes / 2)}\r\n`, payload: text };
    case 'long':
      return { head: `Content-Length: ${bytes + 10}\r\n`, payload: text };
    default:
      return { head: `Content-Length: ${bytes}\r\n`, payload: text };
  }
}

/** Decodes a chunked body (the SSE stream); a plain body is returned as it is. */
function dechunk(headersOf: Record<string, string>, raw: string): string {
  if (!/chunked/i.test(headersOf['transfer-encoding'] ?? '')) return raw;
  let rest = raw;
  let out = '';
  for (;;) {
    const end = rest.indexOf('\r\n');
    const size = Number.parseInt(rest.slice(0, end), 16);
    if (end < 0 || !Number.isFinite(size) || size === 0) return out;
    out += rest.slice(end + 2, end + 2 + size);
    rest = rest.slice(end + 2 + size + 2);
  }
}

describe(`HTTP contract under fuzzing (seed ${SEED}, ${BUDGET_MS} ms)`, () => {
  it('answers every request below 500, errors in the contract shape, and stays up', async () => {
    // Prepare
    let runs = 0;
    const statuses = new Map<number, number>();

    // Act / Assess: each generated request, over its own connection
    await fc.assert(
      fc.asyncProperty(method, path, headers, body, framing, async (verb, target, extra, text, kind) => {
        runs++;
        const { head, payload } = frame(kind, text);
        const headerLines = extra.map(([name, value]) => `${name}: ${value}\r\n`).join('');
        const request = `${verb} ${target} HTTP/1.1\r\nHost: localhost\r\n${headerLines}${head}Connection: close\r\n\r\n${payload}`;
        const { raw } = await sendRaw(port, Buffer.from(request, 'latin1'), {
          timeoutMs: 5000,
          endAfterWrite: true,
        });
        const response = parseRawResponse(raw);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);

        expect(response.status, raw.slice(0, 300)).toBeGreaterThanOrEqual(200);
        expect(response.status, raw.slice(0, 300)).toBeLessThan(500);
        if (response.status >= 400 && verb !== 'HEAD') {
          expect(response.headers['content-type'], raw.slice(0, 300)).toMatch(/^application\/json/);
          const errorJson = JSON.parse(dechunk(response.headers, response.body));
          expect(errorJson).toEqual({
            error: {
              code: expect.stringMatching(/^[A-Z_]+$/),
              message: expect.any(String),
              requestId: expect.any(String),
              ...(errorJson.error?.details ? { details: expect.anything() } : {}),
            },
          });
          expect(JSON.stringify(errorJson)).not.toMatch(/\bat .*\.[jt]s:\d+/);
        }
      }),
      { seed: SEED, numRuns: 1_000_000, interruptAfterTimeLimit: BUDGET_MS, markInterruptAsFailure: false },
    );

    // Assess: enough requests to mean something, and the server is still there
    expect(runs).toBeGreaterThan(50);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(server.process.exitCode).toBeNull();
    console.log(`fuzzed ${runs} requests; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  }, 60_000);
});
