import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../fixtures/start-server.js';

const run = promisify(execFile);
const cli = (script: string, args: string[]) =>
  run(process.execPath, ['--import', 'tsx', `services/cli/${script}.ts`, ...args], { timeout: 120_000 });

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer({ API_KEYS: 'test-key' });
});

afterAll(async () => {
  await server?.stop();
});

describe('CLI tools against a server with API-key auth', () => {
  it('npm run ask -- --endpoint --api-key prints the JSON answer', async () => {
    const { stdout } = await cli('ask', [
      '--endpoint',
      server.url,
      '--api-key',
      'test-key',
      '--json',
      'What is few-shot prompting?',
    ]);
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
    const { stdout } = await cli('eval', ['--endpoint', server.url, '--api-key', 'test-key', '--out', out]);
    expect(stdout).toMatch(/hit@5 \d/);
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(report.overall.errors).toBe(0);
    expect(report.overall.hitAt5).toBeGreaterThanOrEqual(0.85);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<figure class="chart"'); // charts are HTML bars and tables, no script
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
    const second = await cli('eval', [
      '--endpoint',
      server.url,
      '--api-key',
      'test-key',
      '--out',
      join(dir, 'again.json'),
      '--baseline',
      out,
    ]);
    expect(second.stdout).toContain('Wrote');
  });
});
