/**
 * `BASELINE=/path/to/other/checkout npx tsx test/eval/compare-engine-speed.ts`: the offline
 * engine of this checkout against the one of another checkout (an older commit: `git worktree
 * add` or `git archive | tar -x`, with this checkout's `node_modules` linked in), timed in one
 * process with the rounds interleaved, so the machine's load weighs on both alike. Prints the
 * index build (median of 5), the answer alone and the whole in-process ask (guardrails and
 * invocation record included) over the golden questions, and their ratios.
 */
import { resolve } from 'node:path';
import { percentile } from '../../shared/evaluation/text-metrics.js';

type Run = (question: string) => Promise<unknown>;

async function load(root: string): Promise<{ ask: Run; answer: Run; buildMs: number; questions: string[] }> {
  const { createLocalEngine } = await import(`${root}/shared/adapters/local/create-local-engine.ts`);
  const { askQuestion } = await import(`${root}/shared/ask/ask-question.ts`);
  const { createMemoryRecorder } = await import(`${root}/shared/observability/invocation-record.ts`);
  const { readGoldenSet } = await import(`${root}/shared/evaluation/golden-set.ts`);
  const questions = (await readGoldenSet(`${root}/test/eval/golden-set.json`)).map(
    (question: { question: string }) => question.question,
  );
  const builds: number[] = [];
  let engine = await createLocalEngine({ corpusDir: `${root}/docs-corpus` });
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    engine = await createLocalEngine({ corpusDir: `${root}/docs-corpus` });
    builds.push(performance.now() - started);
  }
  const deps = { engine: 'local' as const, ...engine, recorder: createMemoryRecorder() };
  return {
    ask: (question) => askQuestion(deps, { question }, { requestId: 'bench', channel: 'http' }),
    answer: (question) => engine.answerer.answer({ question }),
    buildMs: percentile(builds, 50),
    questions,
  };
}

async function main(): Promise<void> {
  const baseline = process.env.BASELINE;
  if (!baseline) throw new Error('Set BASELINE to the folder of the checkout to compare with.');
  const engines = { baseline: await load(resolve(baseline)), current: await load(process.cwd()) };
  const { questions } = engines.current;
  const samples = {
    baseline: { ask: [] as number[], answer: [] as number[] },
    current: { ask: [], answer: [] },
  };
  for (const engine of Object.values(engines))
    for (let i = 0; i < 500; i++) await engine.ask(questions[i % questions.length] as string); // warm-up
  for (let round = 0; round < 6; round++)
    for (const name of ['baseline', 'current'] as const)
      for (const stage of ['ask', 'answer'] as const)
        for (let i = 0; i < 480; i++) {
          const started = performance.now();
          await engines[name][stage](questions[i % questions.length] as string);
          (samples[name][stage] as number[]).push((performance.now() - started) * 1000);
        }
  const p50 = (values: number[]) => percentile(values, 50);
  for (const name of ['baseline', 'current'] as const)
    console.log(
      `${name.padEnd(9)} index build ${engines[name].buildMs.toFixed(0)} ms, answer p50 ${p50(samples[name].answer).toFixed(0)} µs, whole ask p50 ${p50(samples[name].ask).toFixed(0)} µs`,
    );
  console.log(
    `current / baseline: answer ${(p50(samples.current.answer) / p50(samples.baseline.answer)).toFixed(2)}, whole ask ${(p50(samples.current.ask) / p50(samples.baseline.ask)).toFixed(2)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
