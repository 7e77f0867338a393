import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import { listCorpusSources } from '../../shared/corpus/load-corpus.js';
import { compareReports, latencyFigures } from '../../shared/evaluation/compare-reports.js';
import {
  checkGoldenSources,
  type GoldenQuestion,
  readGoldenSet,
} from '../../shared/evaluation/golden-set.js';
import { renderHtmlReport } from '../../shared/evaluation/render-html-report.js';
import {
  type EvaluationReport,
  type GuardrailLabel,
  runEvaluation,
} from '../../shared/evaluation/run-evaluation.js';
import { loadAssistantProfile } from '../../shared/profile/assistant-profile.js';
import { askRequestSchema } from '../api/http/request-schemas.js';
import { createHttpClient, createInProcessClient } from './api-client.js';

const USAGE = `Usage: npm run eval -- [options]

Options:
  --endpoint URL       evaluate a running server or deployed API (default: in-process offline engine)
  --api-key KEY        API key for --endpoint
  --k N                passages per question, 1-20 (default 5)
  --golden FILE        question set (default test/eval/golden-set.json; format: docs/own-documents.md)
  --guardrail FILE     labelled guardrail inputs (default test/eval/guardrail-set.json)
  --no-answer FILE     questions the documents do not cover (default test/eval/no-answer-set.json)
  --out FILE           JSON report path (default reports/eval-report.json; HTML beside it)
  --baseline FILE      an earlier JSON report to compare with (quality figures; latency shown, not judged)
  --judge-latency      with --baseline: also judge latency (only on a quiet, dedicated machine)
  -h, --help           show this help

The in-process engine reads CORPUS_DIR and PROFILE like the server (docs/own-documents.md).`;

const DEFAULT_SETS = {
  golden: 'test/eval/golden-set.json',
  guardrail: 'test/eval/guardrail-set.json',
  'no-answer': 'test/eval/no-answer-set.json',
} as const;

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/** Stops with a message and the usage (exit 2: the command line is wrong). */
function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function readOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        endpoint: { type: 'string' },
        'api-key': { type: 'string' },
        k: { type: 'string', default: '5' },
        golden: { type: 'string', default: DEFAULT_SETS.golden },
        guardrail: { type: 'string', default: DEFAULT_SETS.guardrail },
        'no-answer': { type: 'string', default: DEFAULT_SETS['no-answer'] },
        out: { type: 'string', default: 'reports/eval-report.json' },
        baseline: { type: 'string' },
        'judge-latency': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    return usageError((error as Error).message);
  }
}

/** `--k` checked by the HTTP API's own schema, so the CLI accepts exactly what the API does. */
function readK(raw: string): number {
  const parsed = askRequestSchema.safeParse({ question: 'k', k: Number(raw) });
  if (!parsed.success)
    return usageError(`--k ${raw}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data.k ?? 5;
}

const list = (items: string[], max = 5) =>
  items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;

/**
 * Before an in-process run: a golden set written for other documents would score 0 without
 * saying why. Stops when no question can score; warns when some cannot.
 */
async function checkGoldenAgainstCorpus(golden: GoldenQuestion[], goldenPath: string): Promise<void> {
  const corpusDir = readRuntimeConfig(process.env).CORPUS_DIR;
  const check = checkGoldenSources(golden, await listCorpusSources(corpusDir));
  if (check.unmatched.length === 0) return;
  const what = `${goldenPath} names files that are not in the corpus "${corpusDir}": ${list(check.missingSources)}.`;
  if (check.unmatched.length === check.answerable) {
    console.error(
      `${what}\nNone of its ${check.answerable} questions can score, so every retrieval figure would be 0. Pass the golden set written for these documents with --golden FILE (format: docs/own-documents.md), or set CORPUS_DIR to the documents this set was written for.`,
    );
    process.exit(2);
  }
  console.error(
    `warning: ${what} ${check.unmatched.length} of ${check.answerable} questions (${list(check.unmatched.map((q) => q.id))}) can only score 0.`,
  );
}

/** After a run against a server, whose files cannot be listed: sources no answer ever came from. */
function warnUnseenSources(golden: GoldenQuestion[], report: EvaluationReport, goldenPath: string): void {
  const seen = new Set(
    report.questions.flatMap((question) => question.retrieved.map((passage) => passage.source)),
  );
  const check = checkGoldenSources(golden, seen);
  if (check.missingSources.length === 0) return;
  console.error(
    `warning: no passage the server retrieved came from ${list(check.missingSources)}, named by ${goldenPath}. If the server answers from other documents, pass their golden set with --golden FILE.`,
  );
}

async function main(): Promise<void> {
  const values = readOptions(process.argv.slice(2));
  if (values.help) return console.log(USAGE);
  const k = readK(values.k);
  const [golden, guardrailSet, noAnswerSet] = await Promise.all([
    readGoldenSet(values.golden),
    readJson<{ items: { text: string; expected: GuardrailLabel }[] }>(values.guardrail),
    readJson<{ questions: string[] }>(values['no-answer']),
  ]);
  if (!values.endpoint) await checkGoldenAgainstCorpus(golden, values.golden);
  if (process.env.PROFILE && values.guardrail === DEFAULT_SETS.guardrail) {
    console.error(
      `warning: PROFILE is set but the guardrail figures use the course-notes set ${DEFAULT_SETS.guardrail}; pass your own with --guardrail FILE.`,
    );
  }
  const client = values.endpoint
    ? createHttpClient(values.endpoint, values['api-key'])
    : await createInProcessClient();
  const report = await runEvaluation({
    target: client,
    targetName: client.target,
    golden,
    guardrailItems: guardrailSet.items,
    noAnswerQuestions: noAnswerSet.questions,
    noAnswerMessage: loadAssistantProfile(process.env.PROFILE).noAnswerMessage,
    k,
    ...(process.stderr.isTTY
      ? { onProgress: (done: number, total: number) => process.stderr.write(`\r${done}/${total}`) }
      : {}),
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (values.endpoint) warnUnseenSources(golden, report, values.golden);
  const baseline = values.baseline ? await readJson<EvaluationReport>(values.baseline) : undefined;
  const comparison = baseline
    ? compareReports(report, baseline, { judgeLatency: values['judge-latency'] })
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
  if (baseline) {
    console.log(
      `  baseline    ${values.baseline}: ${comparison?.length ? `${comparison.length} figures changed` : 'no change'}`,
    );
    if (!values['judge-latency']) {
      const figures = latencyFigures(report, baseline)
        .map(
          ({ metric, before, after }) =>
            `${metric.replace(/^latency|Ms$/g, '')} ${before ?? '?'} -> ${after} ms`,
        )
        .join(', ');
      console.log(
        `              latency ${figures} (not judged: separate runs on a shared machine differ by up to 2x)`,
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
