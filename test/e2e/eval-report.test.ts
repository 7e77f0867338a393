import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, browserAvailable, launchChromium } from '../fixtures/chromium.js';

const hasBrowser = browserAvailable();
const run = promisify(execFile);

let browser: Browser;
let reportFile: string;

describe.skipIf(!hasBrowser)('evaluation report in headless Chromium', () => {
  beforeAll(async () => {
    // Prepare: a real report from `npm run eval` (in-process engine), compared with itself.
    const dir = await mkdtemp(join(tmpdir(), 'eval-report-'));
    const out = join(dir, 'report.json');
    const eval_ = (args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'services/cli/eval.ts', ...args], { timeout: 120_000 });
    await eval_(['--out', out]);
    await eval_(['--out', out, '--baseline', out]);
    reportFile = join(dir, 'report.html');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('opens offline, makes no network request, and renders its charts', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    const errors: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });

    await page.goto(`file://${reportFile}`);

    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await expect(page.locator('h2', { hasText: 'Charts' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('h2', { hasText: 'Compared with baseline' }).isVisible()).resolves.toBe(true);
    const charts = page.locator('figure svg');
    expect(await charts.count()).toBeGreaterThanOrEqual(2); // hit@5 per topic, latency distribution
    for (const chart of await charts.all()) {
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(50);
      expect(await chart.locator('rect').count()).toBeGreaterThan(1);
    }
    await page.screenshot({ path: `${ARTIFACTS}/eval-report.png`, fullPage: true });
  });
});
