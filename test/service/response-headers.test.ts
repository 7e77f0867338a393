import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalTestApp, postJson } from '../fixtures/local-app.js';

/**
 * The request id and CORS headers on every kind of response: JSON from a route, an error, a
 * preflight, a file of the chat page (a route that builds its own Response) and a stream.
 * These are the headers Hono's `requestId` and `cors` middleware sent before they were replaced.
 */
let local: Awaited<ReturnType<typeof createLocalTestApp>>;
let listed: Awaited<ReturnType<typeof createLocalTestApp>>;

beforeAll(async () => {
  local = await createLocalTestApp();
  listed = await createLocalTestApp({ CORS_ORIGINS: 'https://course.example.edu' });
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const origin = { origin: 'https://course.example.edu' };

describe('request id and CORS headers', () => {
  it('are on JSON answers, errors, the chat page and streams', async () => {
    // Act
    const responses = {
      answer: await local.app.request(...postJson('/v1/ask', { question: 'What is top p?' }, origin)),
      notFound: await local.app.request('/nowhere', { headers: origin }),
      wrongMethod: await local.app.request('/v1/ask', { headers: origin }),
      page: await local.app.request('/', { headers: origin }),
      stream: await local.app.request(
        ...postJson('/v1/ask', { question: 'What is top p?' }, { ...origin, accept: 'text/event-stream' }),
      ),
    };

    // Assess
    for (const [name, response] of Object.entries(responses)) {
      await response.text();
      expect({ name, id: response.headers.get('x-request-id') }).toEqual({
        name,
        id: expect.stringMatching(uuid),
      });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id,retry-after');
      expect(response.headers.get('vary')).toBeNull();
    }
    expect(responses.notFound.status).toBe(404);
    expect(responses.wrongMethod.headers.get('allow')).toBe('POST');
    expect(responses.page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(responses.stream.headers.get('content-type')).toContain('text/event-stream');
  });

  it('keeps a plain client request id (also in the error body) and replaces anything else', async () => {
    // Act
    const kept = await local.app.request('/nowhere', { headers: { 'x-request-id': 'client-id_1=' } });
    const replaced = await local.app.request('/nowhere', { headers: { 'x-request-id': 'bad id;<script>' } });
    const tooLong = await local.app.request('/healthz', { headers: { 'x-request-id': 'a'.repeat(256) } });

    // Assess
    expect(kept.headers.get('x-request-id')).toBe('client-id_1=');
    expect(((await kept.json()) as { error: { requestId: string } }).error.requestId).toBe('client-id_1=');
    expect(replaced.headers.get('x-request-id')).toMatch(uuid);
    expect(tooLong.headers.get('x-request-id')).toMatch(uuid);
  });

  it('answers a preflight with 204, the methods and the requested headers', async () => {
    // Act
    const preflight = await local.app.request('/v1/ask', {
      method: 'OPTIONS',
      headers: {
        ...origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-api-key',
      },
    });

    // Assess
    expect(preflight.status).toBe(204);
    const headers: Record<string, string> = {};
    preflight.headers.forEach((value, name) => {
      headers[name] = value;
    });
    expect(headers).toEqual({
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'x-request-id,retry-after',
      'access-control-allow-methods': 'GET,HEAD,PUT,POST,DELETE,PATCH,QUERY',
      'access-control-allow-headers': 'content-type,x-api-key',
      vary: 'Access-Control-Request-Headers',
      'x-request-id': expect.stringMatching(uuid),
    });
    expect(await preflight.text()).toBe('');
  });

  it('with listed origins, allows only those and varies by Origin', async () => {
    // Act
    const allowed = await listed.app.request('/healthz', { headers: origin });
    const other = await listed.app.request('/healthz', { headers: { origin: 'https://elsewhere.example' } });
    const preflight = await listed.app.request('/v1/ask', {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    });

    // Assess
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://course.example.edu');
    expect(allowed.headers.get('vary')).toBe('Origin');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toBe('Origin');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('vary')).toBe('Origin');
  });
});
