import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLocalEngine } from '../../shared/adapters/local/create-local-engine.js';
import { listCorpusSources } from '../../shared/corpus/load-corpus.js';
import { compareReports, latencyFigures } from '../../shared/evaluation/compare-reports.js';
import { checkGoldenSources, readGoldenSet } from '../../shared/evaluation/golden-set.js';
import { firstHitRank, sameSource } from '../../shared/evaluation/retrieval-metrics.js';
import { type EvaluationReport, runEvaluation } from '../../shared/evaluation/run-evaluation.js';
import { loadAssistantProfile } from '../../shared/profile/assistant-profile.js';

const LIBRARY = 'test/fixtures/library-handbook';

describe('evaluating own documents in subfolders', () => {
  const question = {
    id: 'q',
    topic: 't',
    question: 'How much printing credit does a student get?',
    sources: ['guides/printing.html'],
    evidence: ['€60 of printing credit'],
    keywords: ['€60'],
    reference: '',
  };
  const passage = (source: string) => ({
    source,
    title: source,
    text: 'Each gets €60 of printing credit.',
    score: 1,
  });

  it('scores a passage from a file in a subfolder as a hit', () => {
    // Act / Assess
    expect(firstHitRank(question, [passage('guides/printing.html')])).toBe(1);
  });

  it('matches a bare file name on either side (Bedrock without a source attribute), never another folder', () => {
    // Assess
    expect(sameSource('printing.html', 'guides/printing.html')).toBe(true);
    expect(sameSource('guides/printing.html', 'printing.html')).toBe(true);
    expect(sameSource('archive/printing.html', 'guides/printing.html')).toBe(false);
    expect(sameSource('guides/printing.htm', 'guides/printing.html')).toBe(false);
  });

  it('scores every question of the library golden set, whose sources sit in a subfolder', async () => {
    // Prepare
    const engine = await createLocalEngine({
      corpusDir: `${LIBRARY}/corpus`,
      profile: loadAssistantProfile(`${LIBRARY}/profile.json`),
    });
    const golden = await readGoldenSet(`${LIBRARY}/golden-set.json`);

    // Act
    const report = await runEvaluation({
      target: {
        ask: async (query) => ({ ...(await engine.answerer.answer(query)), engine: 'local', latencyMs: 0 }),
        retrieve: (query) => engine.retriever.retrieve(query),
      },
      targetName: 'library',
      golden,
      guardrailItems: [],
      noAnswerQuestions: [],
    });

    // Assess
    expect(golden.some((q) => q.sources.some((source) => source.startsWith('guides/')))).toBe(true);
    expect(report.overall.hitAt5).toBe(1);
  });
});

describe('checking a golden set against the corpus', () => {
  it('finds that none of the course questions can score on the library documents', async () => {
    // Prepare
    const [course, library, sources] = await Promise.all([
      readGoldenSet('test/eval/golden-set.json'),
      readGoldenSet(`${LIBRARY}/golden-set.json`),
      listCorpusSources(`${LIBRARY}/corpus`),
    ]);

    // Act
    const mismatch = checkGoldenSources(course, sources);
    const match = checkGoldenSources(library, sources);

    // Assess
    expect(sources).toContain('guides/printing.html');
    expect(mismatch.unmatched).toHaveLength(mismatch.answerable);
    expect(mismatch.missingSources).toContain('aif-c01-course-slides.txt');
    expect(match).toEqual({ answerable: 8, unmatched: [], missingSources: [] });
  });

  it('names only the questions and sources that are missing', () => {
    // Prepare
    const base = { topic: 't', question: 'q?', evidence: ['e'], keywords: ['k'], reference: '' };
    const golden = [
      { ...base, id: 'a', sources: ['kept.md', 'gone.md'] },
      { ...base, id: 'b', sources: ['gone.md'] },
      { ...base, id: 'c', sources: [], evidence: [], keywords: [], expect: 'no_answer' as const },
    ];

    // Act
    const check = checkGoldenSources(golden, ['docs/kept.md']);

    // Assess
    expect(check.answerable).toBe(2);
    expect(check.unmatched.map((q) => q.id)).toEqual(['b']);
    expect(check.missingSources).toEqual(['gone.md']);
  });
});

describe('comparing two runs of identical code (--baseline)', () => {
  // Recorded with `npm run eval` twice in a row on the shared 2-core machine, same commit.
  const runs = JSON.parse(readFileSync('test/fixtures/identical-code-eval-runs.json', 'utf8')) as {
    before: EvaluationReport;
    after: EvaluationReport;
  };

  it('reports no change', () => {
    // Act / Assess
    expect(compareReports(runs.after, runs.before)).toEqual([]);
  });

  it('shows the latency figures side by side without a verdict', () => {
    // Act
    const figures = latencyFigures(runs.after, runs.before);

    // Assess
    expect(figures.map((figure) => figure.metric)).toEqual(['latencyP50Ms', 'latencyP95Ms', 'latencyP99Ms']);
    expect(figures[0]).toEqual({ metric: 'latencyP50Ms', before: 6.1, after: 2.3 });
  });

  it('would call the faster run "improved" if latency were judged: why it is not by default', () => {
    // Act
    const judged = compareReports(runs.after, runs.before, { judgeLatency: true });

    // Assess
    expect(judged.map((row) => `${row.change} ${row.metric}`)).toContain('improved latencyP50Ms');
  });
});
