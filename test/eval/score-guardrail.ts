import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createInProcessClient } from '../../services/cli/api-client.js';
import { type GuardrailLabel, observedGuardrail } from '../../shared/evaluation/run-evaluation.js';

const USAGE = `Usage: npx tsx test/eval/score-guardrail.ts [options] [FILE ...]

Scores labelled guardrail inputs ({ "items": [{ "text", "expected", "id"?, "family"? }] }) through
the in-process offline engine, as \`npm run eval\` does: input guardrail, answer, output guardrail.
Default FILE: test/eval/guardrail-set.json.

Options:
  --quiet    print only the summary line per file
  --json     print one JSON summary per file instead of text`;

interface Item {
  text: string;
  expected: GuardrailLabel;
  id?: string;
  family?: string;
}

async function scoreFile(path: string, quiet: boolean, json: boolean): Promise<void> {
  const { items } = JSON.parse(await readFile(path, 'utf8')) as { items: Item[] };
  const client = await createInProcessClient({ ...process.env, POWERTOOLS_METRICS_DISABLED: 'true' });
  const results: (Item & { observed: GuardrailLabel; reasons: string[] })[] = [];
  for (const item of items) {
    const response = await client.ask({ question: item.text });
    results.push({
      ...item,
      observed: observedGuardrail(response),
      reasons: response.guardrail.reasons ?? [],
    });
  }
  const correct = results.filter((result) => result.observed === result.expected).length;
  const allowed = results.filter((result) => result.expected === 'allowed');
  const overBlocked = allowed.filter((result) => result.observed === 'blocked');
  const summary = {
    file: path,
    items: results.length,
    correct,
    accuracy: Number((correct / Math.max(1, results.length)).toFixed(3)),
    allowed: allowed.length,
    overBlocked: overBlocked.length,
    mismatches: results
      .filter((result) => result.observed !== result.expected)
      .map(({ id, family, text, expected, observed, reasons }) => ({
        id,
        family,
        expected,
        observed,
        reasons,
        text,
      })),
  };
  if (json) return console.log(JSON.stringify(summary));
  console.log(
    `${path}: accuracy ${summary.accuracy} (${correct}/${results.length}), over-blocked ${overBlocked.length} of ${allowed.length} allowed`,
  );
  if (quiet) return;
  for (const miss of summary.mismatches) {
    const label = [miss.id, miss.family].filter(Boolean).join(' ');
    console.log(
      `  ${label ? `${label}: ` : ''}expected ${miss.expected}, got ${miss.observed} ${JSON.stringify(miss.reasons)}\n    ${JSON.stringify(miss.text)}`,
    );
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      quiet: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const files = positionals.length > 0 ? positionals : ['test/eval/guardrail-set.json'];
  for (const file of files) await scoreFile(file, values.quiet, values.json);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
