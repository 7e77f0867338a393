import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../fixtures/start-server.js';

const run = promisify(execFile);
const cli = (script: string, args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', `services/cli/${script}.ts`, ...args], {
    timeout: 120_000,
    env: { ...process.env, POWERTOOLS_METRICS_DISABLED: 'true', ...env },
  });
const LIBRARY = 'test/fixtures/library-handbook';

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer({ API_KEYS: 'test-key' });
});

afterAll(async () => {
  await server?.stop();
});

/** The flags that point a CLI tool at the test server, with its key. */
const againstServer = () => ['--endpoint', server.url, '--api-key', 'test-key'];

describe('CLI tools against a server with API-key auth', () => {
  it('npm run ask -- --endpoint --api-key prints the JSON answer', async () => {
    const { stdout } = await cli('ask', [...againstServer(), '--json', 'What is few-shot prompting?']);
    const body = JSON.parse(stdout);
    expect(body.engine).toBe('local');
    expect(body.citations.length).toBeGreaterThan(0);
  });

  it('ask fails clearly with a wrong key', async () => {
    await expect(
      cli('ask', ['--endpoint', server.url, '--api-key', 'nope', 'What is RAG?']),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('401 UNAUTHORIZED'),
    });
  });

  it('npm run eval -- --endpoint writes JSON and a self-contained HTML report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eval-'));
    const out = join(dir, 'report.json');
    const { stdout } = await cli('eval', [...againstServer(), '--out', out]);
    expect(stdout).toMatch(/hit@5 \d/);
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(report.overall.errors).toBe(0);
    expect(report.overall.hitAt5).toBeGreaterThanOrEqual(0.85);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<figure class="chart"'); // charts are HTML bars and tables, no script
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
    const second = await cli('eval', [
      ...againstServer(),
      '--out',
      join(dir, 'again.json'),
      '--baseline',
      out,
    ]);
    expect(second.stdout).toContain('Wrote');
    // Same code, same server: nothing improved or regressed, whatever the machine's load did.
    expect(second.stdout).toContain('no change');
    expect(second.stdout).not.toMatch(/^\s+(?:improved|regressed)\b/m);
    expect(second.stdout).toMatch(/latency P50 [\d.]+ -> [\d.]+ ms.*not judged/);
  });

  it('eval --endpoint warns when the golden set names files the server never cited', async () => {
    // Act: the server answers from the course notes, the set is about the library documents
    const { stderr } = await cli('eval', [
      ...againstServer(),
      '--golden',
      `${LIBRARY}/golden-set.json`,
      '--out',
      join(await mkdtemp(join(tmpdir(), 'eval-')), 'r.json'),
    ]);

    // Assess
    expect(stderr).toContain('warning: no passage the server retrieved came from');
    expect(stderr).toContain('guides/printing.html');
  });
});

describe('ask: the same checks as POST /v1/ask', () => {
  it('refuses --k 0 with the message the API gives in its 400', async () => {
    // Prepare
    const http = await fetch(`${server.url}/v1/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'test-key' },
      body: JSON.stringify({ question: 'What is RAG?', k: 0 }),
    });
    const { error } = (await http.json()) as { error: { details: { message: string }[] } };

    // Act: both run at once; allSettled so neither rejection is ever unhandled
    const [inProcess, overHttp] = await Promise.allSettled([
      cli('ask', ['--k', '0', 'What is RAG?']),
      cli('ask', [...againstServer(), '--k', '0', 'What is RAG?']),
    ]);

    // Assess
    expect(http.status).toBe(400);
    for (const attempt of [inProcess, overHttp]) {
      expect(attempt).toMatchObject({
        status: 'rejected',
        reason: {
          code: 2,
          stderr: expect.stringContaining(`k: ${error.details[0]?.message}`),
        },
      });
    }
  });

  it('prints the usage on an unknown flag, for ask and for eval', async () => {
    await expect(cli('ask', ['--top', '3', 'What is RAG?'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Unknown option '--top'[\s\S]*Usage: npm run ask/),
    });
    await expect(cli('eval', ['--gold', 'x.json'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Unknown option '--gold'[\s\S]*Usage: npm run eval/),
    });
  });

  it('refuses --session without a server, and continues the conversation with one', async () => {
    // Act / Assess
    await expect(cli('ask', ['--session', 'abc', 'and how is it priced?'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--session needs a server'),
    });
    const first = JSON.parse(
      (await cli('ask', [...againstServer(), '--json', 'What is Amazon Bedrock?'])).stdout,
    );
    const followUp = JSON.parse(
      (
        await cli('ask', [
          ...againstServer(),
          '--json',
          '--session',
          first.sessionId,
          'and how is it priced?',
        ])
      ).stdout,
    );

    expect(followUp.sessionId).toBe(first.sessionId);
    expect(followUp.answer.toLowerCase()).toMatch(/pric|pay/);
  });
});

describe('eval over own documents (CORPUS_DIR, PROFILE, --golden)', () => {
  const env = { CORPUS_DIR: `${LIBRARY}/corpus`, PROFILE: `${LIBRARY}/profile.json` };

  it('stops, saying why, when the golden set names none of the corpus files', async () => {
    await expect(cli('eval', ['--out', join(tmpdir(), 'never.json')], env)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /names files that are not in the corpus "test\/fixtures\/library-handbook\/corpus"[\s\S]*--golden FILE/,
      ),
    });
  });

  it('scores its own golden set, subfolder sources included', async () => {
    // Prepare
    const out = join(await mkdtemp(join(tmpdir(), 'eval-')), 'library.json');

    // Act
    const { stderr } = await cli(
      'eval',
      [
        '--golden',
        `${LIBRARY}/golden-set.json`,
        '--guardrail',
        `${LIBRARY}/guardrail-set.json`,
        '--no-answer',
        `${LIBRARY}/no-answer-set.json`,
        '--out',
        out,
      ],
      env,
    );
    const report = JSON.parse(await readFile(out, 'utf8'));

    // Assess
    expect(stderr).not.toContain('warning');
    expect(report.overall.hitAt5).toBe(1);
    expect(report.overall.noAnswerAccuracy).toBe(1);
    expect(report.overall.guardrailAccuracy).toBe(1);
  });
});
