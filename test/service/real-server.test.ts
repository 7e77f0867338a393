import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RawResponse, sendRaw } from '../fixtures/raw-http.js';
import { startServer } from '../fixtures/start-server.js';

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

const portOf = (url: string) => Number(new URL(url).port);

/** The error contract, on a response read off the socket. */
function expectContractError(response: RawResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(response.body);
  expect(body).toEqual({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
  expect(body.error.requestId).toBe(response.headers['x-request-id']);
}

/** The server's output as records; every line must be one JSON object. */
function logRecords(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`log line is not JSON: ${line.slice(0, 300)}`);
      }
    });
}

describe('the real server over a socket', () => {
  it('answers a question about the notes with citations', async () => {
    const response = await fetch(`${server.url}/v1/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'What is the difference between fine-tuning and RAG?' }),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.answer).toMatch(/\[1\]/);
    expect(body.citations.length).toBeGreaterThan(0);
  });

  it('survives bad input and keeps serving', async () => {
    const bad = await fetch(`${server.url}/v1/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(bad.status).toBe(400);
    const huge = await fetch(`${server.url}/v1/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(100_000),
    });
    expect(huge.status).toBe(413);
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', documents: 5 });
  });

  it('limits chunked bodies (no Content-Length) as they stream in, and still reads small ones', async () => {
    const chunked = (text: string, times: number) =>
      fetch(`${server.url}/v1/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < times; i++) controller.enqueue(new TextEncoder().encode(text));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
    const huge = await chunked(' '.repeat(10_000), 10);
    expect(huge.status).toBe(413);
    const small = await chunked(JSON.stringify({ question: 'What is top p?' }), 1);
    expect(small.status).toBe(200);
  });

  it('answers a client that half-closes its connection after sending the request', async () => {
    // Prepare: the answer comes from an engine thread, a turn of the event loop after the FIN
    const body = JSON.stringify({ question: 'What is top p?' });
    const request = `POST /v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

    // Act
    const { response } = await sendRaw(portOf(server.url), request, { endAfterWrite: true, timeoutMs: 5000 });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toContain('"citations"');
  });

  it('streams Server-Sent Events over HTTP', async () => {
    const response = await fetch(`${server.url}/v1/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ question: 'What is top p?' }),
    });
    const text = await response.text();
    expect(text).toMatch(/^event: citation\ndata: \{/m);
    expect(text).toMatch(/event: done\ndata: \{.*"engine":"local"/);
  });

  it('logs one JSON invocation record per question to stdout', () => {
    const records = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .filter((line) => line.message === 'invocation');
    expect(records.length).toBeGreaterThanOrEqual(2);
    expect(records[0].invocation).toMatchObject({ channel: 'http', engine: 'local', outcome: 'answered' });
  });
});

describe("requests Node's HTTP parser rejects", () => {
  it.each([
    [
      'conflicting Content-Length and Transfer-Encoding',
      400,
      'VALIDATION_ERROR',
      'POST /v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    [
      'headers over 16 KiB',
      431,
      'HEADERS_TOO_LARGE',
      `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    ],
    ['a request line that is not HTTP', 400, 'VALIDATION_ERROR', 'HELLO THERE\r\n\r\n'],
    [
      'a control character in a header',
      400,
      'VALIDATION_ERROR',
      'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-A: b\u0001c\r\n\r\n',
    ],
    [
      'a Host the URL parser refuses',
      400,
      'VALIDATION_ERROR',
      'GET /healthz HTTP/1.1\r\nHost: exa mple\r\nConnection: close\r\n\r\n',
    ],
    [
      'a backslash in the path',
      400,
      'VALIDATION_ERROR',
      'GET /v1\\ask HTTP/1.1\r\nHost: local.host\r\nConnection: close\r\n\r\n',
    ],
  ])('%s: %i %s in the error contract', async (_name, status, code, request) => {
    // Prepare / Act
    const { response } = await sendRaw(portOf(server.url), request);

    // Assess
    expectContractError(response, status, code);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('the log', () => {
  it('records a client that aborts an upload as an abort, not a 500 with a stack', async () => {
    // Prepare
    const before = server.output().length;
    const socket = connect(portOf(server.url), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));

    // Act: half a body, then hang up
    socket.write(
      'POST /v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{"question":"What is',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 500));

    // Assess
    const records = logRecords(server.output().slice(before));
    const abort = records.find((record) => record.message === 'client closed the request');
    expect(abort).toMatchObject({ level: 'INFO', status: 499, code: 'CLIENT_CLOSED_REQUEST' });
    expect(JSON.stringify(records)).not.toMatch(/INTERNAL_ERROR|"stack"|"status":500/);
  });

  it('logs an expected 503 (Slack not configured) as one line without a stack', async () => {
    // Prepare
    const before = server.output().length;

    // Act
    const response = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));

    // Assess
    expect(response.status).toBe(503);
    const records = logRecords(server.output().slice(before));
    expect(records).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'request failed',
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
      }),
    ]);
    expect(JSON.stringify(records)).not.toContain('stack');
  });

  it('writes nothing but JSON records, one per line', () => {
    // Assess: everything the server wrote during this file's tests
    const records = logRecords(server.output());
    expect(records.length).toBeGreaterThan(5);
    for (const record of records)
      expect(record).toMatchObject({ level: expect.any(String), message: expect.any(String) });
  });
});

describe('HOST', () => {
  it('defaults to loopback: another interface cannot connect, 127.0.0.1 can', async () => {
    // Prepare: HOST unset (an empty value counts as unset)
    const loopback = await startServer({ HOST: '' });
    const port = portOf(loopback.url);
    const tryConnect = (host: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(port, host);
        socket.on('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
    try {
      // Act / Assess: 127.0.0.2 is the same machine but not the address bound
      expect(await tryConnect('127.0.0.1')).toBe('connected');
      expect(await tryConnect('127.0.0.2')).toBe('ECONNREFUSED');
    } finally {
      await loopback.stop();
    }
  });
});
