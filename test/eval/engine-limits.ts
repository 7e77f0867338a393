/**
 * `npx tsx test/eval/engine-limits.ts`: what one offline question can cost, in one run. Each
 * adversarial input (2,000 characters: one repeated word, distinct unknown words, distinct
 * corpus words, an 8-turn chain of long "and ..." follow-ups) is timed through the whole ask use
 * case (guardrails included; `ENGINE_ONLY=1` for the answerer alone) and reported as a multiple of a normal question's cost, so the
 * figure is a ratio that survives a noisy shared machine. It also reports the memory the text
 * caches and the session store hold after a flood of never-seen words and one-off sessions.
 */
import { createLocalEngine } from '../../shared/adapters/local/create-local-engine.js';
import { askQuestion } from '../../shared/ask/ask-question.js';
import { readGoldenSet } from '../../shared/evaluation/golden-set.js';
import { percentile } from '../../shared/evaluation/text-metrics.js';
import { createMemoryRecorder } from '../../shared/observability/invocation-record.js';

const MAX_CHARS = 2000;
const engine = await createLocalEngine({ corpusDir: 'docs-corpus' });
const deps = { engine: 'local' as const, ...engine, recorder: createMemoryRecorder() };
const context = { requestId: 'limits', channel: 'http' as const };
const normal = (await readGoldenSet('test/eval/golden-set.json')).map((question) => question.question);

let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const fill = (next: () => string, prefix = '') => {
  let text = prefix;
  while (text.length < MAX_CHARS) text += `${next()} `;
  return text.slice(0, MAX_CHARS).trim();
};
const unknownWord = () =>
  Array.from({ length: 6 + Math.floor(random() * 5) }, () =>
    String.fromCharCode(97 + Math.floor(random() * 26)),
  ).join('');
const corpusWords = [
  ...new Set(
    normal
      .join(' ')
      .toLowerCase()
      .match(/[a-z]{4,}/g),
  ),
];

/** `ENGINE_ONLY=1`: time the answerer alone, without the guardrail checks and the invocation record. */
const engineOnly = process.env.ENGINE_ONLY === '1';
const ask = async (question: string, sessionId?: string) => {
  const started = performance.now();
  const query = { question, ...(sessionId ? { sessionId } : {}) };
  const result = engineOnly
    ? await engine.answerer.answer(query)
    : (await askQuestion(deps, query, context)).response;
  return { ms: performance.now() - started, sessionId: result.sessionId };
};
const medianOf = async (questions: string[], rounds: number) => {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) for (const q of questions) times.push((await ask(q)).ms);
  return percentile(times, 50);
};

for (const question of normal) await ask(question); // warm-up
const normalMs = await medianOf(normal, 5);
const adversarial: Record<string, () => Promise<number>> = {
  'one word repeated': () => medianOf([fill(() => 'bedrock')], 5),
  'distinct unknown words': async () =>
    medianOf(
      Array.from({ length: 5 }, () => fill(unknownWord)),
      1,
    ),
  'distinct corpus words': async () =>
    medianOf(
      Array.from({ length: 5 }, () =>
        fill(() => corpusWords[Math.floor(random() * corpusWords.length)] as string),
      ),
      1,
    ),
  'follow-up chain, 8th turn': async () => {
    const times: number[] = [];
    for (let chain = 0; chain < 7; chain++) {
      let sessionId: string | undefined;
      let last = 0;
      for (let turn = 0; turn < 8; turn++) {
        const asked = await ask(
          fill(() => corpusWords[Math.floor(random() * corpusWords.length)] as string, 'and '),
          sessionId,
        );
        sessionId = asked.sessionId;
        last = asked.ms;
      }
      times.push(last);
    }
    return percentile(times, 50);
  },
};
console.log(
  `${engineOnly ? 'answerer alone' : 'whole ask use case (guardrails, record)'}; normal question (golden set, median): ${normalMs.toFixed(2)} ms`,
);
let worst = 0;
for (const [name, run] of Object.entries(adversarial)) {
  const ms = await run();
  worst = Math.max(worst, ms / normalMs);
  console.log(`${name.padEnd(28)} ${ms.toFixed(2).padStart(8)} ms = ${(ms / normalMs).toFixed(1)}x normal`);
}
console.log(`worst-case / normal: ${worst.toFixed(1)}x`);

const heap = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
const before = heap();
for (let i = 0; i < 5_000; i++) await engine.answerer.answer({ question: fill(unknownWord).slice(0, 200) });
console.log(`5,000 one-off questions of never-seen words: heap +${(heap() - before).toFixed(1)} MB`);
