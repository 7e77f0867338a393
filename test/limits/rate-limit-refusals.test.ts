import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../services/api/create-app.js';
import { HTTP_LIMITS } from '../../services/api/http/http-limits.js';
import { silentLogger } from '../../shared/observability/app-logger.js';
import { createLocalTestApp, postJson } from '../fixtures/local-app.js';
import { sendRaw } from '../fixtures/raw-http.js';
import { startServer } from '../fixtures/start-server.js';

/**
 * A client that keeps sending past its rate limit: its first refusals come at once, the later
 * ones only after a second, so looping on 429s cannot spend the server's CPU.
 */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
let server: Awaited<ReturnType<typeof startServer>> | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('rate-limit refusals', () => {
  it('sends the first 20 refusals of a window at once and waits 1 s before each later one', async () => {
    // Prepare
    const { deps } = await createLocalTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
    const delays: number[] = [];
    const app = createApp({
      ...deps,
      logger: silentLogger,
      http: { ...deps.http, delay: async (ms) => void delays.push(ms) },
    });

    // Act: 2 within the limit, then 25 past it; another client meanwhile
    const statuses: number[] = [];
    const delaysBefore: number[] = [];
    for (let i = 0; i < 27; i++) {
      delaysBefore.push(delays.length);
      const response = await app.request(...postJson('/v1/retrieve', {}), from('10.0.0.1'));
      statuses.push(response.status);
    }
    const other = await app.request(...postJson('/v1/retrieve', {}), from('10.0.0.2'));

    // Assess: a delay only before refusals 21 to 25, each of 1 s
    expect(statuses).toEqual([400, 400, ...Array(25).fill(429)]);
    expect(delays).toEqual(Array(5).fill(HTTP_LIMITS.slowRefusalMs));
    expect(delaysBefore.slice(0, 23)).toEqual(Array(23).fill(0));
    expect(other.status).toBe(400);
  });

  it('holds a looping client to about one refusal a second per connection on the real server', async () => {
    // Prepare
    server = await startServer({ RATE_LIMIT_PER_MINUTE: '1' });
    const port = Number(new URL(server.url).port);
    const request =
      'POST /v1/retrieve HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}';

    // Act: 22 requests one after another (1 allowed, 20 quick refusals, then a slow one)
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await sendRaw(port, request)).response.status);
    const started = Date.now();
    const slow = await sendRaw(port, request);
    const slowMs = Date.now() - started;

    // Assess
    expect(statuses).toEqual([400, ...Array(20).fill(429)]);
    expect(slow.response.status).toBe(429);
    expect(slow.response.headers['retry-after']).toMatch(/^\d+$/);
    expect(slowMs).toBeGreaterThanOrEqual(HTTP_LIMITS.slowRefusalMs - 50);
  });
});
