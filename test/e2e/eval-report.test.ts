import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationReport } from '../../shared/evaluation/run-evaluation.js';
import { ARTIFACTS, browserAvailable, launchChromium } from '../fixtures/chromium.js';

const hasBrowser = browserAvailable();
const run = promisify(execFile);

let browser: Browser;
let reportFile: string;
let classesFile: string;

/** Opens a report file, failing on any request that leaves the file and recording console errors. */
async function openReport(file: string, width: number) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
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
  await page.goto(`file://${file}`);
  return { page, outside, errors };
}

/** Smallest font size of any element that shows text of its own inside the charts. */
function smallestChartText(page: Page): Promise<number> {
  return page.evaluate(() => {
    const sizes = Array.from(document.querySelectorAll('figure.chart *'))
      .filter((element) =>
        Array.from(element.childNodes).some((node) => node.nodeType === 3 && node.textContent?.trim()),
      )
      .map((element) => Number.parseFloat(getComputedStyle(element).fontSize));
    return Math.min(...sizes);
  });
}

describe.skipIf(!hasBrowser)('evaluation report in headless Chromium', () => {
  beforeAll(async () => {
    // Prepare: real reports from `npm run eval` (in-process engine). The baseline is this run with
    // two figures moved, so the comparison has one improvement and one regression to draw.
    const dir = await mkdtemp(join(tmpdir(), 'eval-report-'));
    const evaluate = (args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'services/cli/eval.ts', ...args], { timeout: 120_000 });
    const first = join(dir, 'first.json');
    await evaluate(['--out', first]);
    const baseline = JSON.parse(await readFile(first, 'utf8')) as EvaluationReport;
    baseline.overall.hitAt1 = Number((baseline.overall.hitAt1 - 0.1).toFixed(3));
    baseline.overall.answerKeywordAccuracy = Number(
      (baseline.overall.answerKeywordAccuracy + 0.1).toFixed(3),
    );
    await writeFile(join(dir, 'baseline.json'), JSON.stringify(baseline));
    const out = join(dir, 'report.json');
    await evaluate(['--out', out, '--baseline', join(dir, 'baseline.json')]);
    reportFile = join(dir, 'report.html');
    // The independent set labels question types (typo, follow-up, not covered...).
    const classes = join(dir, 'classes.json');
    await evaluate([
      '--out',
      classes,
      '--golden',
      'test/eval/independent-dev.json',
      '--guardrail',
      'test/eval/guardrail-dev.json',
    ]);
    classesFile = join(dir, 'classes.html');
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('opens offline, makes no network request, and draws charts that differ by group', async () => {
    // Act
    const { page, outside, errors } = await openReport(reportFile, 1280);

    // Assess
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    const titles = await page.locator('figure.chart figcaption b').allTextContents();
    expect(titles).toEqual(
      expect.arrayContaining([
        'By topic',
        'Retrieval against answer',
        'By source of the top passage',
        'Answer time',
      ]),
    );
    for (const chart of await page.locator('figure.chart').all()) {
      expect(await chart.locator('.bar, .cell').count()).toBeGreaterThan(1);
    }
    // Charts carry information: the per-topic bars do not all have the same length.
    const widths = await page
      .locator('figure.chart', { hasText: 'By topic' })
      .locator('.bar')
      .evaluateAll((bars) => new Set(bars.map((bar) => (bar as HTMLElement).style.width)).size);
    expect(widths).toBeGreaterThan(2);
    await page.screenshot({ path: `${ARTIFACTS}/eval-report.png`, fullPage: true });
    await page.close();
  });

  it('names metrics in words, each explained, and its headline agrees with the failures listed', async () => {
    // Prepare
    const report = JSON.parse(
      await readFile(reportFile.replace(/\.html$/, '.json'), 'utf8'),
    ) as EvaluationReport;

    // Act
    const { page } = await openReport(reportFile, 1280);
    const text = await page.evaluate(() => document.body.innerText);

    // Assess: no raw metric keys on the page, every figure has a one-line explanation
    const keys = Object.keys(report.overall).filter((key) => /[A-Z]/.test(key) || key === 'mrr');
    for (const key of keys) expect(text).not.toContain(key);
    expect(text).toContain('Right passage ranked first');
    const explanations = await page
      .locator('.metric')
      .evaluateAll((rows) => rows.map((row) => row.querySelector('span')?.textContent ?? ''));
    expect(explanations.length).toBe(Object.keys(report.overall).length);
    for (const explanation of explanations) expect(explanation.length).toBeGreaterThan(10);
    // The headline's failure count is the number of failure cards and the section's count.
    const cards = await page.locator('.failure').count();
    await expect(page.locator('.headline').textContent()).resolves.toMatch(
      new RegExp(
        `${report.questions.length - cards} of ${report.questions.length}\\s+questions the notes answer passed; ${cards} failed`,
      ),
    );
    await expect(page.locator('h2', { hasText: 'Failures' }).textContent()).resolves.toBe(
      `Failures (${cards})`,
    );
    expect(cards).toBe(
      report.questions.filter((q) => q.rank !== 1 || !q.keywordsFound || q.refused || q.error).length,
    );
    await page.close();
  });

  it('shows the run-to-run comparison as before and after bars', async () => {
    // Act
    const { page } = await openReport(reportFile, 1280);
    const comparison = page.locator('figure.chart', { hasText: 'Changed against the baseline' });

    // Assess
    const improved = comparison.locator('.group', { hasText: 'Right passage ranked first' });
    await expect(improved.locator('.change').textContent()).resolves.toMatch(/▲ improved \+10(\.0)? pts/);
    expect(await improved.locator('.bar').count()).toBe(2);
    const regressed = comparison.locator('.group', { hasText: 'Answers with the expected keywords' });
    await expect(regressed.locator('.change').textContent()).resolves.toMatch(/▼ regressed −10(\.0)? pts/);
    await expect(regressed.locator('.bar.bad').count()).resolves.toBe(1);
    await page.close();
  });

  it('reads on a 390 px phone: no sideways scrolling, chart text at least 12 px, per question type', async () => {
    for (const file of [reportFile, classesFile]) {
      // Act
      const { page, errors } = await openReport(file, 390);

      // Assess
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      ).toBeLessThanOrEqual(0);
      expect(await smallestChartText(page)).toBeGreaterThanOrEqual(12);
      expect(errors).toEqual([]);
      if (file === classesFile) {
        const groups = await page
          .locator('figure.chart', { hasText: 'By question type' })
          .locator('.group-name')
          .allTextContents();
        expect(groups.some((name) => name.startsWith('typo'))).toBe(true);
        expect(groups.some((name) => name.startsWith('not-covered'))).toBe(true);
        await page.screenshot({ path: `${ARTIFACTS}/eval-report-phone.png`, fullPage: true });
      }
      await page.close();
    }
  });
});
