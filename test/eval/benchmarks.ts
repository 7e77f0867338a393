/**
 * `npm run bench`: speed and size figures for this machine, all measured in one run. Timings on
 * a shared machine are noisy, so the HTTP and cold-start figures are given as ratios to a bare
 * baseline measured alongside.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import {
  BedrockAgentRuntimeClient,
  RetrieveAndGenerateCommand,
  RetrieveCommand,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { ApplyGuardrailCommand, BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { buildLambdaBundle, LAMBDA_ENTRIES } from '../../infra/lambda-bundles.js';
import { createBedrockDependencies } from '../../services/api/bedrock-deps.js';
import { createApp } from '../../services/api/create-app.js';
import { createLocalDependencies } from '../../services/api/local-deps.js';
import { createLocalEngine } from '../../shared/adapters/local/create-local-engine.js';
import { createLocalRetriever } from '../../shared/adapters/local/local-retriever.js';
import { askQuestion } from '../../shared/ask/ask-question.js';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import { chunkCorpus } from '../../shared/corpus/chunk-document.js';
import { defaultChunkingSettings } from '../../shared/corpus/chunking-settings.js';
import { type CorpusDocument, loadCorpus } from '../../shared/corpus/load-corpus.js';
import { readGoldenSet } from '../../shared/evaluation/golden-set.js';
import { percentile } from '../../shared/evaluation/text-metrics.js';
import { silentLogger } from '../../shared/observability/app-logger.js';
import { createMemoryRecorder } from '../../shared/observability/invocation-record.js';
import {
  guardrailPassOutput,
  retrieveAndGenerateOutput,
  retrieveOutput,
} from '../fixtures/bedrock-responses.js';
import { type HalfSentRequest, openHalfSentRequests, parseRawResponse } from '../fixtures/raw-http.js';
import { type LoadRequest, type LoadResult, runLoad } from './load-generator.js';

const results: Record<string, unknown> = {};
/** Settings of the Bedrock engine for the bundle and overhead runs (no AWS call is made). */
const BEDROCK_ENV = {
  ENGINE: 'bedrock',
  AWS_REGION: 'us-east-1',
  KNOWLEDGE_BASE_ID: 'KBID123456',
  MODEL_ARN: 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0',
  GUARDRAIL_ID: 'gr-1',
  GUARDRAIL_VERSION: '1',
};
const print = (line: string) => console.log(line);
const ms = (value: number) => `${value.toFixed(2)} ms`;
const median = (values: number[]) => percentile(values, 50);

/** Index build (load + normalise + chunk + index) of the corpus and of a 20x enlargement. */
async function benchOfflineEngine(): Promise<void> {
  const documents = await loadCorpus('docs-corpus');
  const questions = (await readGoldenSet('test/eval/golden-set.json')).map((q) => q.question);
  const build = (docs: CorpusDocument[]) => {
    const started = performance.now();
    const retriever = createLocalRetriever({ chunks: chunkCorpus(docs, defaultChunkingSettings) });
    return { retriever, ms: performance.now() - started };
  };
  build(documents); // warm-up: JIT and stemmer cache
  const bytes = documents.reduce((sum, d) => sum + d.bytes, 0);
  const loadStarted = performance.now();
  await loadCorpus('docs-corpus');
  const loadMs = performance.now() - loadStarted;
  const small = build(documents);
  const enlarged = Array.from({ length: 20 }, (_, copy) =>
    documents.map((d) => ({ ...d, source: `copy-${copy}/${d.source}` })),
  ).flat();
  const heapBefore = process.memoryUsage().heapUsed;
  const large = build(enlarged);
  const heapAfter = process.memoryUsage().heapUsed;

  const latencies: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const question of questions) {
      const started = performance.now();
      await small.retriever.retrieve({ query: question, k: 5 });
      latencies.push(performance.now() - started);
    }
  }
  const mb = bytes / 1024 / 1024;
  results.offline = {
    corpusMB: Number(mb.toFixed(3)),
    loadMs: Number(loadMs.toFixed(1)),
    indexBuildMs: Number((loadMs + small.ms).toFixed(1)),
    throughputMBps: Number((mb / ((loadMs + small.ms) / 1000)).toFixed(2)),
    enlarged20xBuildMs: Number(large.ms.toFixed(1)),
    enlarged20xThroughputMBps: Number(((mb * 20) / (large.ms / 1000)).toFixed(2)),
    enlarged20xHeapMB: Number(((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)),
    retrieveP50Ms: Number(median(latencies).toFixed(3)),
    retrieveP99Ms: Number(percentile(latencies, 99).toFixed(3)),
    rssMB: Number((process.memoryUsage().rss / 1024 / 1024).toFixed(1)),
  };
  print('Offline engine');
  print(
    `  corpus ${mb.toFixed(2)} MB: load + normalise + chunk + index ${ms(loadMs + small.ms)} (${(results.offline as { throughputMBps: number }).throughputMBps} MB/s)`,
  );
  print(
    `  20x corpus (${(mb * 20).toFixed(1)} MB, in memory): chunk + index ${ms(large.ms)} (${((mb * 20) / (large.ms / 1000)).toFixed(2)} MB/s), +${((heapAfter - heapBefore) / 1024 / 1024).toFixed(0)} MB heap`,
  );
  print(
    `  retrieval over ${questions.length} golden questions x5: p50 ${ms(median(latencies))}, p99 ${ms(percentile(latencies, 99))}; process RSS ${(results.offline as { rssMB: number }).rssMB} MB`,
  );
}

/**
 * Where one offline answer's time goes, in process (no HTTP): retrieval, the extractive answer
 * (which includes its retrieval), both guardrail checks, and the whole ask use case.
 */
async function benchAskStages(): Promise<void> {
  const engine = await createLocalEngine({ corpusDir: 'docs-corpus' });
  const questions = (await readGoldenSet('test/eval/golden-set.json')).map((q) => q.question);
  const deps = { engine: 'local' as const, ...engine, recorder: createMemoryRecorder() };
  const answers = new Map<string, Awaited<ReturnType<typeof engine.answerer.answer>>>();
  for (const question of questions) answers.set(question, await engine.answerer.answer({ question }));
  const stages: Record<string, (question: string) => Promise<unknown>> = {
    retrieval: (question) => engine.retriever.retrieve({ query: question, k: 5 }),
    answer: (question) => engine.answerer.answer({ question }),
    guardrail: async (question) => {
      const answer = answers.get(question);
      await engine.guardrail.check({ source: 'INPUT', text: question });
      await engine.guardrail.check({
        source: 'OUTPUT',
        text: answer?.answer ?? '',
        query: question,
        groundingSources: answer?.context.map((passage) => passage.text) ?? [],
      });
    },
    ask: (question) => askQuestion(deps, { question }, { requestId: 'bench', channel: 'http' }),
  };
  const p50s: Record<string, number> = {};
  for (const [name, run] of Object.entries(stages)) {
    for (let i = 0; i < 500; i++) await run(questions[i % questions.length] as string); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const started = performance.now();
      await run(questions[i % questions.length] as string);
      samples.push((performance.now() - started) * 1000);
    }
    p50s[name] = Math.round(median(samples));
  }
  results.askStages = { p50Microseconds: p50s };
  print('Offline ask, where the time goes (in process, p50 over the golden questions)');
  print(
    `  retrieval ${p50s.retrieval} µs, answer incl. retrieval ${p50s.answer} µs, guardrail in + out ${p50s.guardrail} µs, whole ask ${p50s.ask} µs`,
  );
}

/**
 * Throughput of `POST /v1/ask` as a share of the same server's `GET /healthz` (issue 14's
 * figure), on the server `npm start` builds (bench-server.ts), 10 kept-alive connections each.
 * Two loads: all ten connections from one address (one client: the fair-share limiter answers
 * its requests one at a time) and from ten addresses (ten clients). Three rounds, each
 * measuring healthz and both ask loads back to back, so every ratio compares figures taken
 * seconds apart on this shared machine; the bare Hono route and the app with an instant
 * answerer are context. Then the latency one student sees on an idle server.
 */
async function benchHttp(): Promise<void> {
  const child = spawn(process.execPath, await startCommand('test/eval/bench-server.ts'), {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let head = '';
      child.stdout.on('data', (chunk) => {
        // The invocation records follow on stdout: read until the port, then drain.
        if (head.length > 100_000) return;
        head += String(chunk);
        const match = /PORT=(\d+)/.exec(head);
        if (match?.[1]) {
          head = 'x'.repeat(100_001);
          resolve(Number(match[1]));
        }
      });
      child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const questions = (await readGoldenSet('test/eval/golden-set.json')).map((q) => q.question);
    const asks = (path: string) =>
      questions.map((question) => ({ method: 'POST' as const, path, body: JSON.stringify({ question }) }));
    const oneAddress = () => '127.0.0.1';
    const tenAddresses = (connection: number) => `127.0.0.${20 + connection}`;
    const load = (requests: LoadRequest[], localAddress: (connection: number) => string, durationMs = 4000) =>
      runLoad({ port, connections: 10, durationMs, requests, localAddress });
    const healthz = [{ method: 'GET' as const, path: '/healthz' }];
    // Questions never asked before (a golden question and a number): no cached verdict helps.
    const unique = Array.from({ length: 60_000 }, (_, i) => ({
      method: 'POST' as const,
      path: '/v1/ask',
      body: JSON.stringify({ question: `${questions[i % questions.length]} (${i})` }),
    }));
    let uniqueOffset = 0;
    const nextUnique = () => {
      const slice = unique.slice(uniqueOffset, uniqueOffset + 20_000);
      uniqueOffset += 20_000;
      return slice;
    };
    await load(asks('/v1/ask'), tenAddresses, 2000); // warm-up
    await load(healthz, oneAddress, 1000);
    type Round = Record<'healthz' | 'askOneAddress' | 'askTenAddresses' | 'askUnique', LoadResult>;
    const rounds: Round[] = [];
    for (let round = 0; round < 3; round++) {
      rounds.push({
        healthz: await load(healthz, oneAddress),
        askOneAddress: await load(asks('/v1/ask'), oneAddress),
        askTenAddresses: await load(asks('/v1/ask'), tenAddresses),
        askUnique: await load(nextUnique(), tenAddresses),
      });
    }
    const bare = await load([{ method: 'POST', path: '/bare', body: '{}' }], oneAddress);
    const plumbing = await load(asks('/instant/v1/ask'), tenAddresses);
    const plumbingHealthz = await load(healthz, oneAddress);
    // Single-connection latency: what one student sees on an idle server. Timed per request
    // over one kept-alive node:http connection.
    const url = `http://127.0.0.1:${port}`;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const post = (body: string) =>
      new Promise<void>((resolve, reject) => {
        const request = httpRequest(
          `${url}/v1/ask`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (response) => {
            response.resume();
            response.on('end', resolve);
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    const single: number[] = [];
    for (let i = 0; i < 330; i++) {
      const body = JSON.stringify({ question: questions[i % questions.length] });
      const started = performance.now();
      await post(body);
      if (i >= 30) single.push(performance.now() - started); // the first 30 warm up
    }
    agent.destroy();
    const rps = (result: LoadResult) => Math.round(result.requestsPerSecond);
    const share = (result: LoadResult, base: LoadResult) => result.requestsPerSecond / base.requestsPerSecond;
    const oneShares = rounds.map((r) => share(r.askOneAddress, r.healthz));
    const tenShares = rounds.map((r) => share(r.askTenAddresses, r.healthz));
    const uniqueShares = rounds.map((r) => share(r.askUnique, r.healthz));
    const all = [...rounds.flatMap((r) => Object.values(r)), bare, plumbing, plumbingHealthz];
    const failed = all.reduce((sum, result) => sum + result.errors + result.non2xx, 0);
    const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
    const spread = (values: number[]) =>
      `median ${pct(median(values))} (rounds ${values.map(pct).join(', ')})`;
    results.http = {
      connections: 10,
      rounds: rounds.map((r) => ({
        healthzRequestsPerSecond: rps(r.healthz),
        askOneAddressRequestsPerSecond: rps(r.askOneAddress),
        askTenAddressesRequestsPerSecond: rps(r.askTenAddresses),
        askUniqueQuestionsRequestsPerSecond: rps(r.askUnique),
        askOneAddressP99Ms: Number(r.askOneAddress.p99Ms.toFixed(2)),
        askTenAddressesP99Ms: Number(r.askTenAddresses.p99Ms.toFixed(2)),
      })),
      askShareOfHealthzOneAddress: Number(median(oneShares).toFixed(3)),
      askShareOfHealthzTenAddresses: Number(median(tenShares).toFixed(3)),
      askShareOfHealthzUniqueQuestions: Number(median(uniqueShares).toFixed(3)),
      target: { askShareOfHealthz: 0.25, aim: 0.5 },
      bareRequestsPerSecond: rps(bare),
      plumbingRequestsPerSecond: rps(plumbing),
      plumbingShareOfHealthz: Number(share(plumbing, plumbingHealthz).toFixed(3)),
      askSingleConnectionP50Ms: Number(median(single).toFixed(2)),
      askSingleConnectionP99Ms: Number(percentile(single, 99).toFixed(2)),
      failed,
    };
    print("HTTP throughput (npm start's app and logging, 10 kept-alive connections, 4 s per load, 3 rounds)");
    for (const [index, r] of rounds.entries()) {
      print(
        `  round ${index + 1}: GET /healthz ${rps(r.healthz)} req/s; POST /v1/ask from one address ${rps(r.askOneAddress)} req/s (p99 ${ms(r.askOneAddress.p99Ms)}), from ten addresses ${rps(r.askTenAddresses)} req/s (p99 ${ms(r.askTenAddresses.p99Ms)}), never-asked questions from ten addresses ${rps(r.askUnique)} req/s`,
      );
    }
    const verdict = (value: number) =>
      value >= 0.5 ? 'target and aim met' : value >= 0.25 ? 'target met' : 'NOT MET';
    print(
      `  /v1/ask as a share of /healthz, one address:  ${spread(oneShares)}  (target >= 25%, aim 50%: ${verdict(median(oneShares))})`,
    );
    print(
      `  /v1/ask as a share of /healthz, ten addresses: ${spread(tenShares)}  (${verdict(median(tenShares))})`,
    );
    print(
      `  context: bare Hono route ${rps(bare)} req/s; app with an instant answer ${rps(plumbing)} req/s = ${pct(share(plumbing, plumbingHealthz))} of /healthz (${rps(plumbingHealthz)} req/s) measured next to it`,
    );
    if (failed > 0)
      print(`  WARNING: ${failed} requests failed or answered non-2xx; the figures are not valid`);
    print(
      `  POST /v1/ask, one kept-alive connection, golden questions: p50 ${ms(median(single))}, p99 ${ms(percentile(single, 99))}`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}

/** Cold import (fresh process) of a bundle, median of several runs, interleaved with the baseline. */
async function coldImport(file: string, env: Record<string, string>): Promise<number> {
  // Lambda provides the awslambda global that streamHandle() wraps the handler with.
  const script = `globalThis.awslambda = { streamifyResponse: (handler) => handler, HttpResponseStream: { from: (stream) => stream } }; const t = performance.now(); await import(${JSON.stringify(`file://${process.cwd()}/${file}`)}); console.log(performance.now() - t);`;
  return new Promise((resolve, reject) => {
    // Source maps on, as the stack's NODE_OPTIONS sets them: reading the map is part of a cold start.
    const child = spawn(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) =>
      code === 0
        ? resolve(Number(out.trim().split('\n').at(-1)))
        : reject(
            new Error(
              err
                .split('\n')
                .filter((line) => line.length < 300)
                .join('\n'),
            ),
          ),
    );
  });
}

async function benchLambda(): Promise<void> {
  const outdir = join('dist', 'bench');
  const sizes: Record<string, number> = {};
  for (const [name, entry] of Object.entries(LAMBDA_ENTRIES)) {
    sizes[name] = (await buildLambdaBundle(entry, join(outdir, name))).bytes;
  }
  // The baseline: a bare Hono app behind hono/aws-lambda, bundled the same way.
  const bareEntry = join(outdir, 'bare-entry.ts');
  await mkdir(outdir, { recursive: true });
  await writeFile(
    bareEntry,
    "import { Hono } from 'hono';\nimport { handle } from 'hono/aws-lambda';\nconst app = new Hono();\napp.get('/', (c) => c.json({ ok: true }));\nexport const handler = handle(app);\n",
  );
  const bareBundle = await buildLambdaBundle(bareEntry, join(outdir, 'bare'));
  const bareFile = bareBundle.file;
  sizes.bareHono = bareBundle.bytes;

  const lambdaEnv = {
    ...BEDROCK_ENV,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'bench',
  };
  const api: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 7; i++) {
    api.push(await coldImport(join(outdir, 'api', 'index.mjs'), lambdaEnv));
    bare.push(await coldImport(bareFile, {}));
  }
  const ratio = median(api) / median(bare);
  results.lambda = {
    apiBundleKB: Number(((sizes.api ?? 0) / 1024).toFixed(1)),
    ingestBundleKB: Number(((sizes.ingest ?? 0) / 1024).toFixed(1)),
    bareHonoBundleKB: Number(((sizes.bareHono ?? 0) / 1024).toFixed(1)),
    apiColdImportMs: Number(median(api).toFixed(1)),
    bareColdImportMs: Number(median(bare).toFixed(1)),
    coldImportRatio: Number(ratio.toFixed(2)),
  };
  print('Lambda bundles (esbuild, ESM, minified, AWS SDK bundled in; imported with --enable-source-maps)');
  for (const [name, bytes] of Object.entries(sizes))
    print(`  ${name.padEnd(9)} ${(bytes / 1024).toFixed(1).padStart(7)} KB`);
  print(
    `  cold import (median of 7 fresh processes): API ${ms(median(api))}, bare Hono ${ms(median(bare))} -> ${ratio.toFixed(2)}x`,
  );
}

/** The app's own cost per request when Bedrock answers instantly (mocked SDK clients). */
async function benchAppOverhead(): Promise<void> {
  const agentRuntime = mockClient(BedrockAgentRuntimeClient);
  const runtime = mockClient(BedrockRuntimeClient);
  agentRuntime.on(RetrieveAndGenerateCommand).resolves(retrieveAndGenerateOutput);
  agentRuntime.on(RetrieveCommand).resolves(retrieveOutput);
  runtime.on(ApplyGuardrailCommand).resolves(guardrailPassOutput);
  const config = readRuntimeConfig(BEDROCK_ENV);
  const app = createApp(
    createBedrockDependencies(config, createMemoryRecorder(), {
      agentRuntime: new BedrockAgentRuntimeClient({ region: 'us-east-1' }),
      runtime: new BedrockRuntimeClient({ region: 'us-east-1' }),
    }),
  );
  const request = () =>
    app.request('/v1/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'What does temperature control?', k: 5 }),
    });
  for (let i = 0; i < 500; i++) await (await request()).text();
  const samples: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const started = performance.now();
    await (await request()).text();
    samples.push((performance.now() - started) * 1000);
  }
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  results.appOverhead = {
    meanMicroseconds: Math.round(mean),
    p50Microseconds: Math.round(median(samples)),
    p99Microseconds: Math.round(percentile(samples, 99)),
  };
  print('App overhead, Bedrock answering instantly (mocked), app.request() in process, 3000 requests');
  print(
    `  mean ${Math.round(mean)} µs, p50 ${Math.round(median(samples))} µs, p99 ${Math.round(percentile(samples, 99))} µs per /v1/ask`,
  );
  agentRuntime.restore();
  runtime.restore();
}

/** A deterministic pseudo-random generator (mulberry32), so every run sends the same inputs. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words joined by spaces up to exactly `length` characters. */
function fill(length: number, nextWord: () => string): string {
  let text = '';
  while (text.length < length) text += `${nextWord()} `;
  return text.slice(0, length).trim();
}

/**
 * The adversarial questions of issue 13, each at the 2,000-character limit: one word repeated,
 * words the index has never seen (fresh on every call), and a follow-up ("and ...") that a
 * session chains onto everything asked before.
 */
function adversarialInputs(seed: number) {
  const random = seededRandom(seed);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const neverSeenWord = () =>
    Array.from({ length: 6 + Math.floor(random() * 6) }, () => letters[Math.floor(random() * 26)]).join('');
  const corpusWords = [
    'model',
    'bedrock',
    'prompt',
    'temperature',
    'guardrail',
    'embedding',
    'agent',
    'token',
  ];
  // Common words of the notes; each call takes the next, so no cache hides the cost of a repeat.
  const commonWords = ['model', 'data', 'aws', 'ai', 'prompt'];
  let repeats = 0;
  return {
    repeatedWord: () => {
      const word = commonWords[repeats++ % commonWords.length] as string;
      return fill(2000, () => word);
    },
    neverSeenWords: () => fill(2000, neverSeenWord),
    followUp: () =>
      `and ${fill(1996, () => corpusWords[Math.floor(random() * corpusWords.length)] as string)}`,
  };
}

/**
 * Worst-case request cost: the median time of `POST /v1/ask` (in process, the whole app as
 * `npm start` builds it) for each adversarial 2,000-character question, as a multiple of the
 * median for the golden questions. The follow-up is timed as turn 11 of a chain of such follow-ups.
 */
async function benchWorstCase(): Promise<void> {
  const deps = await createLocalDependencies(
    readRuntimeConfig({ CORPUS_DIR: 'docs-corpus' }),
    createMemoryRecorder(),
  );
  const app = createApp({ ...deps, logger: silentLogger });
  const questions = (await readGoldenSet('test/eval/golden-set.json')).map((q) => q.question);
  const ask = async (body: Record<string, unknown>) => {
    const started = performance.now();
    const response = await app.request('/v1/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { sessionId?: string };
    if (response.status !== 200)
      throw new Error(`worst-case bench: ${response.status} ${JSON.stringify(json)}`);
    return { ms: performance.now() - started, sessionId: json.sessionId };
  };
  for (let i = 0; i < 100; i++) await ask({ question: questions[i % questions.length] });
  const normal: number[] = [];
  for (let i = 0; i < 300; i++) normal.push((await ask({ question: questions[i % questions.length] })).ms);
  const inputs = adversarialInputs(13);
  const samples = 5;
  const timed = async (make: () => Promise<number>) => {
    const values: number[] = [];
    for (let i = 0; i < samples; i++) values.push(await make());
    return median(values);
  };
  const costs: Record<string, number> = {
    repeatedWord: await timed(async () => (await ask({ question: inputs.repeatedWord() })).ms),
    neverSeenWords: await timed(async () => (await ask({ question: inputs.neverSeenWords() })).ms),
    followUpChain: await timed(async () => {
      let { sessionId } = await ask({ question: 'What is Amazon Bedrock?' });
      for (let turn = 0; turn < 10; turn++)
        ({ sessionId } = await ask({ question: inputs.followUp(), sessionId }));
      return (await ask({ question: inputs.followUp(), sessionId })).ms;
    }),
  };
  const normalMs = median(normal);
  const ratios = Object.fromEntries(Object.entries(costs).map(([name, ms]) => [name, ms / normalMs]));
  const worst = Math.max(...Object.values(ratios));
  results.worstCase = {
    normalP50Ms: Number(normalMs.toFixed(3)),
    adversarialMs: Object.fromEntries(
      Object.entries(costs).map(([name, ms]) => [name, Number(ms.toFixed(1))]),
    ),
    ratios: Object.fromEntries(
      Object.entries(ratios).map(([name, ratio]) => [name, Number(ratio.toFixed(1))]),
    ),
    worstRatio: Number(worst.toFixed(1)),
    target: 5,
  };
  print(
    'Worst-case request cost (POST /v1/ask in process, 2,000-character questions, median; normal = golden questions)',
  );
  print(`  normal question         ${ms(normalMs)}`);
  for (const [name, value] of Object.entries(costs))
    print(`  ${name.padEnd(22)}  ${ms(value)}  -> ${(ratios[name] ?? 0).toFixed(1)}x`);
  print(`  worst / normal: ${worst.toFixed(1)}x (target <= 5x)${worst <= 5 ? '' : '  NOT MET'}`);
}

/** Resident memory of a process, from /proc (Linux). */
async function rssMegabytes(pid: number): Promise<number> {
  const status = await (await import('node:fs/promises')).readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** POSTs JSON over `agent` and resolves with the status and milliseconds (status 0: failed or timed out). */
function postTimed(
  url: string,
  agent: Agent,
  body: string,
  headers: Record<string, string> = {},
  timeoutMs = 5000,
) {
  return new Promise<{ status: number; ms: number }>((resolve) => {
    const started = performance.now();
    const done = (status: number) => resolve({ status, ms: performance.now() - started });
    const request = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        timeout: timeoutMs,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (response) => {
        response.resume();
        response.on('end', () => done(response.statusCode ?? 0));
        response.on('error', () => done(0));
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => done(0));
    request.end(body);
  });
}

const ATTACKS = ['half-sent', 'flood', 'adversarial'] as const;
/** How long the victim asks in each scenario: 100 questions, so its p99 is not just its slowest answer. */
const VICTIM_MS = 10_000;
const ATTACK_NAMES: Record<string, string> = {
  cpu: 'control: the attacker process burns a core, sends nothing',
  'half-sent': 'half-sent requests (1,100 connections)',
  flood: 'flood rotating keys and X-Forwarded-For',
  adversarial: 'adversarial questions (repeat, unseen words, follow-up chain)',
  all: 'all at once',
};

/**
 * The attacker of the isolation bench, in a process of its own so its work does not delay the
 * victim's client: `--attack=<kind|all> --port=N --address=127.0.0.x`. Runs until SIGTERM, then
 * prints what its requests got back (status -> count; 0: no answer, or a connection held open).
 */
async function runAttacker(kind: string, port: number, address: string): Promise<void> {
  const url = `http://127.0.0.1:${port}/v1/ask`;
  const agent = new Agent({ keepAlive: true, maxSockets: 8, localAddress: address });
  const questions = (await readGoldenSet('test/eval/golden-set.json')).map((q) => q.question);
  const inputs = adversarialInputs(7);
  const statuses: Record<number, number> = {};
  const count = (status: number) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  const held: HalfSentRequest[] = [];
  let running = true;
  const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));
  const lanes: Record<string, () => Promise<void>[]> = {
    // Kept topped up at 1,100; after a short delay so the other lanes' connections come first.
    'half-sent': () => [
      (async () => {
        await sleep(300);
        while (running) {
          const open = held.filter((entry) => !entry.closed).length;
          if (open < 1100)
            held.push(...(await openHalfSentRequests(port, Math.min(200, 1100 - open), address)));
          await sleep(200);
        }
      })(),
    ],
    flood: () =>
      Array.from({ length: 8 }, async (_, lane) => {
        for (let i = 0; running; i++) {
          const headers = {
            'x-api-key': `invented-${lane}-${i}`,
            'x-forwarded-for': `198.51.${lane}.${i % 250}`,
          };
          const body = JSON.stringify({ question: questions[i % questions.length] });
          count((await postTimed(url, agent, body, headers)).status);
        }
      }),
    // The control: what an attacker's process costs the machine without touching the server.
    cpu: () => [
      (async () => {
        while (running) {
          const until = performance.now() + 50;
          while (performance.now() < until) {}
          await new Promise((resolve) => setImmediate(resolve));
        }
      })(),
    ],
    adversarial: () =>
      Array.from({ length: 4 }, async (_, lane) => {
        for (let i = 0; running; i++) {
          const kind = (i + lane) % 3;
          const body =
            kind === 0
              ? { question: inputs.repeatedWord() }
              : kind === 1
                ? { question: inputs.neverSeenWords() }
                : { question: inputs.followUp(), sessionId: `chain-${address}-${lane}` };
          count((await postTimed(url, agent, JSON.stringify(body), {}, 30_000)).status);
        }
      }),
  };
  const running$ = (kind === 'all' ? [...ATTACKS] : [kind]).flatMap((name) => lanes[name]?.() ?? []);
  process.once('SIGTERM', () => {
    running = false;
    for (const entry of held) count(parseRawResponse(entry.received).status);
    console.log(`STATUSES=${JSON.stringify(statuses)}`);
    process.exit(0);
  });
  await Promise.all(running$);
}

/**
 * `npm start`'s command from package.json (`node <flags> services/api/local-server.ts`), as
 * the arguments after `node`, with `entry` in place of the server's file: the bench servers run
 * with the same Node flags (the young-generation cap, docs/security-and-limits.md).
 */
async function startCommand(entry: string): Promise<string[]> {
  const { scripts } = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: { start: string } };
  const words = scripts.start.trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'services/api/local-server.ts')
    throw new Error(
      `npm start is "${scripts.start}"; the bench expects node <flags> services/api/local-server.ts`,
    );
  return [
    ...words.slice(1, -1),
    ...(process.env.BENCH_NODE_IMPORT ? ['--import', process.env.BENCH_NODE_IMPORT] : []),
    entry,
  ];
}

/** The server configurations of the isolation bench and the attacks run against each. */
const ISOLATION_SERVERS: { name: string; env: Record<string, string>; attacks: string[] }[] = [
  {
    name: 'RATE_LIMIT_PER_MINUTE=1200',
    env: { RATE_LIMIT_PER_MINUTE: '1200' },
    attacks: ['cpu', ...ATTACKS, 'all'],
  },
  {
    // npm start's default: no rate limit, so adversarial questions never stop.
    name: 'defaults (no rate limit)',
    env: {},
    attacks: ['adversarial', 'flood', 'all'],
  },
];

/**
 * Isolation: a victim client (127.0.0.1, ten golden questions a second, each on a new
 * connection as a new visitor's would be) alone, then while one attacker client (its own
 * process, a new 127.0.0.x address per scenario so rate-limit windows do not carry over) runs
 * each attack of issue 13, and all of them at once. The server is `npm start`'s command under
 * a 1,024-descriptor limit, once with RATE_LIMIT_PER_MINUTE=1200 (the flood then has a limit
 * to dodge) and once with the defaults (no rate limit: the adversarial questions never stop).
 * Its RSS is sampled throughout.
 */
async function benchIsolation(): Promise<void> {
  const chosen = process.argv
    .find((arg) => arg.startsWith('--attacks='))
    ?.slice('--attacks='.length)
    .split(',');
  const runs: Record<string, unknown> = {};
  let address = 10;
  print(
    `Isolation (victim: ten golden questions a second from 127.0.0.1, a new connection each, ${VICTIM_MS / 1000} s per row; attacker: its own process and address; server: npm start's command, ulimit -n 1024)`,
  );
  for (const server of ISOLATION_SERVERS) {
    const attacks = server.attacks.filter((kind) => !chosen || chosen.includes(kind));
    if (attacks.length === 0) continue;
    runs[server.name] = await isolationRun(server.name, server.env, attacks, () => address++);
  }
  results.isolation = { runs, targets: { latencyRatio: 2, rssGrowthMB: 150 } };
}

async function isolationRun(
  label: string,
  env: Record<string, string>,
  attacks: string[],
  nextAddress: () => number,
): Promise<unknown> {
  const command = await startCommand('services/api/local-server.ts');
  const child = spawn('bash', ['-c', 'ulimit -n 1024 && exec "$@"', 'bash', process.execPath, ...command], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));
  try {
    const port = await new Promise<string>((resolve, reject) => {
      let output = '';
      const read = (chunk: unknown) => {
        if (output === 'done') return;
        output += String(chunk);
        const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
        if (match?.[1]) {
          output = 'done'; // then drain: the invocation records follow
          resolve(match[1]);
        } else if (output.length > 100_000) output = output.slice(-1000);
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output.slice(-500)}`)));
    });
    const url = `http://127.0.0.1:${port}/v1/ask`;
    const pid = child.pid as number;
    const questions = (await readGoldenSet('test/eval/golden-set.json')).map((q) => q.question);
    // A fresh connection per question, as a new visitor would open: it measures whether the server is reachable.
    const victimAgent = new Agent({ keepAlive: false, localAddress: '127.0.0.1' });
    let peakRss = 0;
    const sampler = setInterval(() => {
      rssMegabytes(pid)
        .then((mb) => (peakRss = Math.max(peakRss, mb)))
        .catch(() => {});
    }, 100);
    const victim = async (durationMs: number) => {
      const latencies: number[] = [];
      let errors = 0;
      const stopAt = performance.now() + durationMs;
      for (let i = 0; performance.now() < stopAt; i++) {
        const body = JSON.stringify({ question: questions[i % questions.length] });
        const { status, ms: took } = await postTimed(url, victimAgent, body);
        latencies.push(took);
        if (status !== 200) errors++;
        await sleep(Math.max(0, 100 - took)); // ten questions a second: a busy student, inside the rate limit
      }
      return { p50: median(latencies), p99: percentile(latencies, 99), requests: latencies.length, errors };
    };

    type Row = Awaited<ReturnType<typeof victim>> & {
      attacker?: Record<number, number>;
      rssPeakMB?: number;
      /** The victim alone just before this attack: the row's ratios are to it. */
      alone: { p50: number; p99: number };
    };
    const rows: Record<string, Row> = {};
    await victim(1500); // warm-up
    const rssStart = await rssMegabytes(pid);
    peakRss = rssStart;
    for (const kind of attacks) {
      // The machine is shared: the victim alone right before each attack is that row's baseline.
      const alone = await victim(VICTIM_MS);
      const attacker = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'test/eval/benchmarks.ts',
          `--attack=${kind}`,
          `--port=${port}`,
          `--address=127.0.0.${nextAddress()}`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let attackerOutput = '';
      attacker.stdout.on('data', (chunk) => (attackerOutput += String(chunk)));
      const exited = new Promise((resolve) => attacker.once('exit', resolve));
      await sleep(1500); // the attacker process starts and gets going
      const row: Row = { ...(await victim(VICTIM_MS)), alone };
      attacker.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      attacker.kill('SIGKILL');
      row.attacker = JSON.parse(/STATUSES=(.*)/.exec(attackerOutput)?.[1] ?? '{}');
      row.rssPeakMB = peakRss;
      rows[ATTACK_NAMES[kind] ?? kind] = row;
      await sleep(1000);
    }
    clearInterval(sampler);
    const rssEnd = await rssMegabytes(pid);
    victimAgent.destroy();
    const p50Ratio = (row: Row) => row.p50 / row.alone.p50;
    const p99Ratio = (row: Row) => row.p99 / row.alone.p99;
    print(`  server: ${label} (ratios to the victim alone in the 10 s before each attack)`);
    for (const [name, row] of Object.entries(rows)) {
      print(
        `    ${name.padEnd(62)} p50 ${ms(row.p50).padStart(9)} (${p50Ratio(row).toFixed(1)}x of ${ms(row.alone.p50)}), p99 ${ms(row.p99).padStart(9)} (${p99Ratio(row).toFixed(1)}x of ${ms(row.alone.p99)}), ${row.requests} requests, ${row.errors} failed${row.attacker ? `; attacker got ${JSON.stringify(row.attacker)}` : ''}${row.rssPeakMB ? `; server RSS peak so far ${Math.round(row.rssPeakMB)} MB` : ''}`,
      );
    }
    const attacked = Object.entries(rows).filter(([name]) => name !== ATTACK_NAMES.cpu);
    const worst = Math.max(...attacked.flatMap(([, row]) => [p50Ratio(row), p99Ratio(row)]));
    print(
      `    worst ratio under attack ${worst.toFixed(1)}x (target <= 2x${worst <= 2 ? '' : ': NOT MET'}); server RSS ${rssStart.toFixed(0)} MB at start, peak ${peakRss.toFixed(0)} MB (+${(peakRss - rssStart).toFixed(0)} MB; target +150 MB${peakRss - rssStart <= 150 ? '' : ': NOT MET'})`,
    );
    return {
      victim: Object.fromEntries(
        Object.entries(rows).map(([name, row]) => [
          name,
          {
            p50Ms: Number(row.p50.toFixed(2)),
            p99Ms: Number(row.p99.toFixed(2)),
            aloneP50Ms: Number(row.alone.p50.toFixed(2)),
            aloneP99Ms: Number(row.alone.p99.toFixed(2)),
            p50Ratio: Number(p50Ratio(row).toFixed(2)),
            p99Ratio: Number(p99Ratio(row).toFixed(2)),
            requests: row.requests,
            errors: row.errors,
            ...(row.attacker ? { attackerStatuses: row.attacker } : {}),
            ...(row.rssPeakMB ? { serverRssPeakMB: Math.round(row.rssPeakMB) } : {}),
          },
        ]),
      ),
      worstRatio: Number(worst.toFixed(2)),
      serverRssMB: {
        start: Math.round(rssStart),
        peak: Math.round(peakRss),
        end: Math.round(rssEnd),
        growth: Math.round(peakRss - rssStart),
      },
    };
  } finally {
    child.kill('SIGKILL');
  }
}

async function main(): Promise<void> {
  const attack = process.argv.find((arg) => arg.startsWith('--attack='))?.slice('--attack='.length);
  if (attack) {
    const option = (name: string) =>
      process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? '';
    return runAttacker(attack, Number(option('port')), option('address'));
  }
  print(
    `Benchmarks on node ${process.version}, ${process.arch}, ${(await import('node:os')).cpus().length} cores\n`,
  );
  // `npm run bench -- --limits`: only the worst-case and isolation figures (issue 13);
  // `--only=http,isolation` (names below): those sections only.
  const sections: Record<string, () => Promise<void>> = {
    offline: benchOfflineEngine,
    stages: benchAskStages,
    http: benchHttp,
    lambda: benchLambda,
    overhead: benchAppOverhead,
    worstCase: benchWorstCase,
    isolation: benchIsolation,
  };
  const only = process.argv
    .find((arg) => arg.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const chosen =
    only ?? (process.argv.includes('--limits') ? ['worstCase', 'isolation'] : Object.keys(sections));
  const { loadavg } = await import('node:os');
  const load = () => loadavg()[0]?.toFixed(1);
  const machineLoad: Record<string, string> = {};
  for (const name of chosen) {
    const section = sections[name];
    if (!section) throw new Error(`unknown section ${name}; choose from ${Object.keys(sections).join(', ')}`);
    const before = load();
    await section();
    // Other work on this shared machine moves every figure: say how busy it was.
    machineLoad[name] = `${before} -> ${load()}`;
    print(
      `  (machine load average, 1 min: ${machineLoad[name]} on ${(await import('node:os')).cpus().length} cores)`,
    );
  }
  results.machineLoad = machineLoad;
  const file = join(
    'reports',
    only
      ? `bench-${only.join('-')}.json`
      : process.argv.includes('--limits')
        ? 'bench-limits.json'
        : 'bench.json',
  );
  await mkdir('reports', { recursive: true });
  await writeFile(
    file,
    `${JSON.stringify({ createdAt: new Date().toISOString(), node: process.version, ...results }, null, 2)}\n`,
  );
  print(`\nWrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
