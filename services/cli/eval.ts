import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { compareReports } from '../../shared/evaluation/compare-reports.js';
import { readGoldenSet } from '../../shared/evaluation/golden-set.js';
import { renderHtmlReport } from '../../shared/evaluation/render-html-report.js';
import {
  type EvaluationReport,
  type GuardrailLabel,
  runEvaluation,
} from '../../shared/evaluation/run-evaluation.js';
import { loadAssistantProfile } from '../../shared/profile/assistant-profile.js';
import { createHttpClient, createInProcessClient } from './api-client.js';

const USAGE = `Usage: npm run eval -- [options]

Options:
  --endpoint URL       evaluate a running server or deployed API (default: in-process offline engine)
  --api-key KEY        API key for --endpoint
  --k N                passages per question (default 5)
  --golden FILE        question set (default test/eval/golden-set.json)
  --guardrail FILE     labelled guardrail inputs (default test/eval/guardrail-set.json)
  --no-answer FILE     questions the documents do not cover (default test/eval/no-answer-set.json)
  --out FILE           JSON report path (default reports/eval-report.json; HTML beside it)
  --baseline FILE      an earlier JSON report to compare with`;

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      endpoint: { type: 'string' },
      'api-key': { type: 'string' },
      k: { type: 'string', default: '5' },
      golden: { type: 'string', default: 'test/eval/golden-set.json' },
      guardrail: { type: 'string', default: 'test/eval/guardrail-set.json' },
      'no-answer': { type: 'string', default: 'test/eval/no-answer-set.json' },
      out: { type: 'string', default: 'reports/eval-report.json' },
      baseline: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const client = values.endpoint
    ? createHttpClient(values.endpoint, values['api-key'])
    : await createInProcessClient();
  const [golden, guardrailSet, noAnswerSet] = await Promise.all([
    readGoldenSet(values.golden),
    readJson<{ items: { text: string; expected: GuardrailLabel }[] }>(values.guardrail),
    readJson<{ questions: string[] }>(values['no-answer']),
  ]);
  const report = await runEvaluation({
    target: client,
    targetName: client.target,
    golden,
    guardrailItems: guardrailSet.items,
    noAnswerQuestions: noAnswerSet.questions,
    noAnswerMessage: loadAssistantProfile(process.env.PROFILE).noAnswerMessage,
    k: Number(values.k),
    ...(process.stderr.isTTY
      ? { onProgress: (done: number, total: number) => process.stderr.write(`\r${done}/${total}`) }
      : {}),
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const comparison = values.baseline
    ? compareReports(report, await readJson<EvaluationReport>(values.baseline))
    : undefined;

  const o = report.overall;
  console.log(
    `Evaluation of ${report.target} (${o.questions} questions the documents answer, k=${report.k})`,
  );
  console.log(`  retrieval   hit@1 ${o.hitAt1}  hit@5 ${o.hitAt5}  MRR ${o.mrr}`);
  console.log(
    `  evidence    within first 300 words ${o.evidenceWithin300Words}  within 600 words ${o.evidenceWithin600Words}`,
  );
  console.log(
    `  answers     keyword accuracy ${o.answerKeywordAccuracy}  ROUGE-L ${o.rougeL}  BLEU ${o.bleu}  citation faithfulness ${o.citationFaithfulness}`,
  );
  console.log(
    `  coverage    covered questions refused ${o.coveredRefused}  answers citing a source ${o.citedAnswers}  answers quoting a non-answer ${o.nonAnswerQuotes}`,
  );
  console.log(
    `  abstention  no-answer accuracy ${o.noAnswerAccuracy} (${report.noAnswer.length} questions the documents do not cover)`,
  );
  console.log(
    `  guardrail   accuracy ${o.guardrailAccuracy}  over-blocking ${o.guardrailOverBlocking} (${report.guardrail.length} labelled inputs)`,
  );
  console.log(`  latency     p50 ${o.latencyP50Ms} ms  p95 ${o.latencyP95Ms} ms  p99 ${o.latencyP99Ms} ms`);
  console.log(
    `  context     ${o.contextWordsPerAnswer} words ≈ ${o.contextTokensPerAnswer} tokens of retrieved text per answer`,
  );
  if (o.errors > 0) console.log(`  errors      ${o.errors} questions failed (see the report)`);
  const classes = Object.entries(report.perClass);
  if (classes.length > 0) {
    console.log('  per class   questions  evidence@300  evidence@600  keywords  refused  abstained');
    for (const [name, c] of classes) {
      console.log(
        `    ${name.padEnd(27)} ${String(c.questions).padStart(3)}  ${c.evidenceWithin300Words.toFixed(2).padStart(11)}  ${c.evidenceWithin600Words.toFixed(2).padStart(12)}  ${c.keywordAccuracy.toFixed(2).padStart(8)}  ${String(c.refused).padStart(7)}  ${String(c.abstained).padStart(9)}`,
      );
    }
  }
  for (const row of comparison ?? [])
    console.log(`  ${row.change.padEnd(9)} ${row.metric}: ${row.before} -> ${row.after}`);

  await mkdir(dirname(values.out), { recursive: true });
  const htmlPath = `${values.out.replace(/\.json$/, '')}.html`;
  await writeFile(values.out, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(htmlPath, renderHtmlReport(report, comparison));
  console.log(`Wrote ${values.out} and ${htmlPath}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
