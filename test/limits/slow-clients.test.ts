import { afterEach, describe, expect, it } from 'vitest';
import {
  type HalfSentRequest,
  openHalfSentRequests,
  parseRawResponse,
  sendRaw,
} from '../fixtures/raw-http.js';
import { startServer } from '../fixtures/start-server.js';

/**
 * Slow clients against the real server (`npm start`'s entry) under a 1,024-descriptor limit:
 * one address holding half-sent requests must not make the server unreachable for others.
 */
let server: Awaited<ReturnType<typeof startServer>> | undefined;
let attack: HalfSentRequest[] = [];

afterEach(async () => {
  for (const request of attack) request.socket.destroy();
  attack = [];
  await server?.stop();
  server = undefined;
});

const portOf = (url: string) => Number(new URL(url).port);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const healthz = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n';

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
  return Date.now() - started;
}

describe('slow clients', () => {
  it('1,100 half-sent requests from one address: 64 held then answered 408 within 10 s, the rest 503 at once, others served', async () => {
    // Prepare
    server = await startServer({}, { maxOpenFiles: 1024 });
    const port = portOf(server.url);

    // Act: the slow-loris client at 127.0.0.2; another client at 127.0.0.3
    const started = Date.now();
    attack = await openHalfSentRequests(port, 1100, '127.0.0.2');
    await sleep(300);
    const victimStarted = Date.now();
    const victim = await sendRaw(port, healthz, { localAddress: '127.0.0.3', timeoutMs: 2000 });
    const victimMs = Date.now() - victimStarted;
    const ask = await sendRaw(
      port,
      'POST /v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 30\r\nConnection: close\r\n\r\n{"question":"What is top p?"}\n',
      { localAddress: '127.0.0.3', timeoutMs: 2000 },
    );
    const held = attack.filter((request) => !request.closed);

    // Assess: the other client is served at once, the attacker holds 64 connections
    expect(victim.response.status).toBe(200);
    expect(victimMs).toBeLessThan(2000);
    expect(ask.response.status).toBe(200);
    expect(held).toHaveLength(64);

    // Act: wait for the headers timeout
    await waitUntil(() => attack.every((request) => request.closed), 13_000);
    const allClosedMs = Date.now() - started;

    // Assess
    const statuses = attack.map((request) => parseRawResponse(request.received).status);
    expect(statuses.filter((status) => status === 503)).toHaveLength(1100 - 64);
    expect(statuses.filter((status) => status === 408)).toHaveLength(64);
    const refusal = JSON.parse(
      parseRawResponse(attack.find((r) => r.received.includes(' 503 '))?.received ?? '').body,
    );
    expect(refusal.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) });
    const timeout = JSON.parse(parseRawResponse(held[0]?.received ?? '').body);
    expect(timeout.error).toMatchObject({ code: 'REQUEST_TIMEOUT', requestId: expect.any(String) });
    expect(allClosedMs).toBeLessThan(10_000 + 3000);
  }, 40_000);

  it('caps connections in all (MAX_CONNECTIONS): the rest are refused, the process lives and serves again', async () => {
    // Prepare
    server = await startServer({ MAX_CONNECTIONS: '100', MAX_CONNECTIONS_PER_ADDRESS: '0' });
    const port = portOf(server.url);

    // Act
    attack = await openHalfSentRequests(port, 150, '127.0.0.2');
    await sleep(500);
    const refused = attack.filter((request) => request.closed).length;
    for (const request of attack) request.socket.destroy();
    await sleep(300);
    const after = await sendRaw(port, healthz, { localAddress: '127.0.0.3' });

    // Assess
    expect(refused).toBe(50);
    expect(after.response.status).toBe(200);
    expect(server.output()).toMatch(/"message":"connections refused".*"the server has 100 connections open"/);
  });
});
