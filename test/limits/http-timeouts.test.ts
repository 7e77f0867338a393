import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeServer, type NodeServer } from '../../services/api/http/create-node-server.js';
import { createFixedWindowCounter } from '../../services/api/http/fixed-window-counter.js';
import { HTTP_LIMITS } from '../../services/api/http/http-limits.js';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import { silentLogger } from '../../shared/observability/app-logger.js';
import { parseRawResponse } from '../fixtures/raw-http.js';

/** The HTTP limits' numbers, and the timeouts at work on shortened settings (the defaults take 10-30 s). */
let node: NodeServer | undefined;

afterEach(async () => {
  await node?.close(0);
  node = undefined;
});

async function start(timeouts: Parameters<typeof createNodeServer>[0]['timeouts'] = {}) {
  const app = new Hono();
  app.post('/echo', async (c) => c.json({ length: (await c.req.text()).length }));
  app.onError(() => new Response(null, { status: 400 })); // the 408 test's aborted body read
  node = createNodeServer({
    fetch: app.fetch,
    logger: silentLogger,
    maxConnections: 512,
    maxConnectionsPerAddress: 64,
    timeouts,
  });
  const info: AddressInfo = await node.listen(0, '127.0.0.1');
  return info.port;
}

describe('HTTP limits', () => {
  it('has the documented defaults', async () => {
    // Prepare / Act
    const config = readRuntimeConfig({});
    await start();

    // Assess
    expect(config).toMatchObject({
      HOST: '127.0.0.1',
      MAX_CONNECTIONS: 512,
      MAX_CONNECTIONS_PER_ADDRESS: 64,
      SHUTDOWN_TIMEOUT_SECONDS: 10,
      TRUST_PROXY_HOPS: 0,
      RATE_LIMIT_PER_MINUTE: 0,
    });
    expect(node?.server).toMatchObject({
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      keepAliveTimeout: 5_000,
      maxConnections: 512,
    });
    expect(HTTP_LIMITS).toMatchObject({
      maxHeaderBytes: 16_384,
      authFailuresPerMinute: 20,
      maxTrackedCallers: 10_000,
      maxActiveRequestsPerCaller: { local: 1, bedrock: 4 },
      maxQueuedRequestsPerCaller: 32,
    });
  });

  it('answers 408 in the error contract when a body trickles in past the request timeout', async () => {
    // Prepare: a 1.5 s request timeout instead of 30 s
    const port = await start({
      requestTimeoutMs: 1500,
      headersTimeoutMs: 1000,
      connectionsCheckingIntervalMs: 100,
    });
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => {});
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await new Promise((resolve) => socket.once('connect', resolve));
    const started = Date.now();

    // Act: one byte every 200 ms of a 100-byte body
    socket.write('POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n');
    const trickle = setInterval(() => socket.writable && socket.write('x'), 200);
    await closed;
    clearInterval(trickle);

    // Assess
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(3500);
    const response = parseRawResponse(received);
    expect(response.status).toBe(408);
    expect(JSON.parse(response.body).error.code).toBe('REQUEST_TIMEOUT');
  });

  it('closes an idle kept-alive connection after the keep-alive timeout', async () => {
    // Prepare: 300 ms instead of 5 s
    const port = await start({ keepAliveTimeoutMs: 300 });
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    socket.resume();
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await new Promise((resolve) => socket.once('connect', resolve));

    // Act
    socket.write('POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\nhi');
    const started = Date.now();
    await closed;

    // Assess: Node adds a 1 s grace to the keep-alive timeout
    expect(Date.now() - started).toBeLessThan(300 + 1000 + 1500);
  });

  it('remembers at most 10,000 callers in a rate limiter, forgetting the least recently seen', () => {
    // Prepare
    const counter = createFixedWindowCounter({
      limit: 1,
      windowMs: 60_000,
      maxKeys: HTTP_LIMITS.maxTrackedCallers,
    });
    counter.hit('active');

    // Act: 50,000 one-off callers, the active one seen every 1,000
    for (let i = 0; i < 50_000; i++) {
      counter.hit(`caller-${i}`);
      if (i % 1000 === 0) counter.hit('active');
    }

    // Assess
    expect(counter.size).toBe(10_000);
    expect(counter.check('active').allowed).toBe(false);
    expect(counter.check('caller-0').allowed).toBe(true);
  });
});
