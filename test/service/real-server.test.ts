import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../fixtures/start-server.js';

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

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
