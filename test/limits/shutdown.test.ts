import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../shared/slack/verify-slack-signature.js';
import { startServer } from '../fixtures/start-server.js';

/**
 * SIGTERM against the real server (`npm start`'s entry): stop accepting, let in-flight requests
 * and in-process Slack jobs finish up to SHUTDOWN_TIMEOUT_SECONDS, then close the rest and exit.
 */
const SECRET = 'shutdown-test-secret';
let server: Awaited<ReturnType<typeof startServer>> | undefined;
const cleanups: (() => void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  if (server && server.process.exitCode === null && server.process.signalCode === null)
    server.process.kill('SIGKILL');
  server = undefined;
});

const portOf = (url: string) => Number(new URL(url).port);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends SIGTERM and resolves with the milliseconds until the process exited, and its exit code. */
function terminate(
  running: NonNullable<typeof server>,
  waitMs: number,
): Promise<{ ms: number; code: number | null }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running ${waitMs} ms after SIGTERM`)), waitMs);
    running.process.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ ms: Date.now() - started, code });
    });
    running.process.kill('SIGTERM');
  });
}

/** A connection with a request whose headers are complete and whose body is still coming. */
async function requestWithBodyPending(port: number, body: string, sentPart: number) {
  const socket = connect(port, '127.0.0.1');
  cleanups.push(() => socket.destroy());
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `POST /v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, sentPart)}`,
  );
  await sleep(200);
  return { socket, rest: () => socket.write(body.slice(sentPart)), received: () => received };
}

/** A stand-in for the Slack Web API that answers each call after `delayMs` (never, if Infinity). */
async function slowSlack(delayMs: number) {
  const calls = { received: 0, answered: 0 };
  const httpServer: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      calls.received++;
      if (!Number.isFinite(delayMs)) return;
      setTimeout(() => {
        response.on('finish', () => calls.answered++);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"ts":"1.2"}');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => httpServer.closeAllConnections());
  cleanups.push(() => httpServer.close());
  return { apiUrl: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/api/`, calls };
}

async function mentionTheBot(url: string) {
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: 'T1',
    event_id: `Ev${Date.now()}`,
    authorizations: [{ user_id: 'UBOT' }],
    event: {
      type: 'app_mention',
      user: 'U1',
      text: '<@UBOT> What is top p?',
      channel: 'C1',
      ts: '1700000000.000100',
    },
  });
  const response = await fetch(`${url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signSlackRequest(SECRET, body) },
    body,
  });
  expect(response.status).toBe(200);
}

async function waitFor(check: () => boolean, timeoutMs: number) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(25);
  }
}

describe('shutdown (SIGTERM)', () => {
  it('exits at the 2 s deadline although a client never finishes its request', async () => {
    // Prepare
    server = await startServer({ SHUTDOWN_TIMEOUT_SECONDS: '2' });
    await requestWithBodyPending(portOf(server.url), JSON.stringify({ question: 'What is top p?' }), 5);

    // Act
    const { ms, code } = await terminate(server, 8000);

    // Assess
    expect(code).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(1900);
    expect(ms).toBeLessThan(2000 + 1500);
    expect(server.output()).toMatch(/"message":"stopped at the shutdown deadline".*"interruptedRequests":1/);
  });

  it('does not wait for idle connections or requests whose headers never came', async () => {
    // Prepare
    server = await startServer({ SHUTDOWN_TIMEOUT_SECONDS: '10' });
    const port = portOf(server.url);
    const slow: Socket = connect(port, '127.0.0.1');
    cleanups.push(() => slow.destroy());
    slow.on('error', () => {});
    slow.on('connect', () => slow.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: '));
    await fetch(`${server.url}/healthz`); // leaves a kept-alive idle connection
    await sleep(200);

    // Act
    const { ms, code } = await terminate(server, 8000);

    // Assess
    expect(code).toBe(0);
    expect(ms).toBeLessThan(1500);
  });

  it('lets a request in flight finish, answered with Connection: close', async () => {
    // Prepare
    server = await startServer({ SHUTDOWN_TIMEOUT_SECONDS: '5' });
    const request = await requestWithBodyPending(
      portOf(server.url),
      JSON.stringify({ question: 'What is top p?' }),
      5,
    );

    // Act: the body arrives half a second after SIGTERM
    const exited = terminate(server, 8000);
    await sleep(500);
    request.rest();
    const { code } = await exited;

    // Assess
    expect(code).toBe(0);
    expect(request.received()).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(request.received()).toMatch(/connection: close/i);
    expect(request.received()).toContain('"citations"');
  });

  /** A server with one Slack job waiting on a Slack that answers after `slackDelayMs`. */
  async function slackJobInFlight(slackDelayMs: number, shutdownSeconds: number) {
    const slack = await slowSlack(slackDelayMs);
    const running = await startServer({
      SHUTDOWN_TIMEOUT_SECONDS: String(shutdownSeconds),
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: slack.apiUrl,
    });
    server = running; // stopped by afterEach if the test fails
    await mentionTheBot(running.url);
    await waitFor(() => slack.calls.received === 1, 5000);
    return { slack, running };
  }

  it('lets an in-process Slack job finish before exiting', async () => {
    // Prepare: Slack takes 1.5 s to answer the job's chat.postMessage
    const { slack, running } = await slackJobInFlight(1500, 5);

    // Act
    const { ms, code } = await terminate(running, 8000);

    // Assess
    expect(code).toBe(0);
    expect(slack.calls.answered).toBe(1);
    expect(ms).toBeGreaterThan(1000);
    expect(running.output()).toMatch(/"message":"stopped".*"unfinishedJobs":0/);
    expect(running.output()).not.toContain('slack job failed');
  });

  it('gives a Slack job that never finishes up at the deadline and says so', async () => {
    // Prepare: Slack never answers
    const { running } = await slackJobInFlight(Number.POSITIVE_INFINITY, 1);

    // Act
    const { ms, code } = await terminate(running, 8000);

    // Assess
    expect(code).toBe(0);
    expect(ms).toBeLessThan(1000 + 1500);
    expect(running.output()).toMatch(/"message":"stopped at the shutdown deadline".*"unfinishedJobs":1/);
  });
});
