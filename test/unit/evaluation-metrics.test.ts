import { describe, expect, it } from 'vitest';
import type { AskQuery, AskResponse } from '../../shared/domain.js';
import { nonAnswerSentences } from '../../shared/evaluation/answer-quality.js';
import { citationFaithfulness, citedSentences } from '../../shared/evaluation/citation-faithfulness.js';
import { compareReports, sameDistributionPValue } from '../../shared/evaluation/compare-reports.js';
import {
  evidenceWithinWords,
  firstHitRank,
  scoreRetrieval,
} from '../../shared/evaluation/retrieval-metrics.js';
import {
  type EvaluationReport,
  type EvaluationTarget,
  observedGuardrail,
  runEvaluation,
} from '../../shared/evaluation/run-evaluation.js';
import { bleu, percentile, rougeL } from '../../shared/evaluation/text-metrics.js';

const question = {
  id: 'q',
  topic: 't',
  question: 'What does temperature control?',
  sources: ['a.txt'],
  evidence: ['creative ability'],
  keywords: ['creative'],
  reference: 'Temperature controls the creative ability.',
};
const passage = (source: string, text: string) => ({ source, title: source, text, score: 1 });

describe('retrieval metrics', () => {
  it('finds the first supporting passage (right source and evidence)', () => {
    const passages = [
      passage('b.txt', 'creative ability'),
      passage('a.txt', 'nothing'),
      passage('a.txt', 'the Creative   Ability of a model'),
    ];
    expect(firstHitRank(question, passages)).toBe(3);
    expect(scoreRetrieval([{ question, passages }])).toMatchObject({ hitAt1: 0, hitAt5: 1, mrr: 0.333 });
  });

  it('counts evidence only within the word budget, whatever the chunk size', () => {
    const filler = 'word '.repeat(290);
    const passages = [passage('a.txt', `${filler} more words here creative ability`)];
    expect(evidenceWithinWords(question, passages, 300)).toBe(true);
    expect(evidenceWithinWords(question, passages, 292)).toBe(false);
  });
});

describe('text metrics', () => {
  it('scores identical text 1 and unrelated text 0', () => {
    expect(rougeL('the cat sat on the mat', 'the cat sat on the mat')).toBe(1);
    expect(bleu('the cat sat on the mat', 'the cat sat on the mat')).toBeCloseTo(1, 5);
    expect(rougeL('alpha beta', 'gamma delta')).toBe(0);
    expect(bleu('alpha beta', 'gamma delta')).toBe(0);
  });

  it('computes ROUGE-L from the longest common subsequence and ignores [n] markers', () => {
    // LCS("a b c d", "a c d e") = 3 -> P = 3/4, R = 3/4
    expect(rougeL('a b c d [1]', 'a c d e')).toBeCloseTo(0.75, 5);
  });

  it('applies the brevity penalty to short candidates', () => {
    expect(bleu('the cat', 'the cat sat on the mat')).toBeLessThan(
      bleu('the cat sat on the mat', 'the cat sat on the mat'),
    );
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 100], 99)).toBe(100);
  });
});

describe('citation faithfulness', () => {
  const citations = [
    { id: 1, source: 'a', title: 'a', excerpt: 'Temperature controls the creative ability of your model.' },
  ];

  it('splits an answer into cited sentences', () => {
    expect(citedSentences('One two. [1] Three four. [1][2]')).toEqual([
      { sentence: 'One two.', ids: [1] },
      { sentence: 'Three four.', ids: [1, 2] },
    ]);
  });

  it('is 1 when each cited sentence is in its passage and drops for unsupported claims', () => {
    expect(
      citationFaithfulness('Temperature controls the creative ability of your model. [1]', citations),
    ).toBe(1);
    expect(
      citationFaithfulness('Temperature controls creativity. [1] Bananas are yellow fruit. [1]', citations),
    ).toBe(0);
    expect(citationFaithfulness('No citations here.', citations)).toBeNull();
  });
});

describe('guardrail outcome labels', () => {
  const response = (action: 'NONE' | 'INTERVENED', reasons?: string[]) => ({
    answer: '',
    citations: [],
    sessionId: 's',
    engine: 'local' as const,
    latencyMs: 1,
    guardrail: reasons ? { action, reasons } : { action },
  });
  it('tells allowed, redacted and blocked apart', () => {
    expect(observedGuardrail(response('NONE'))).toBe('allowed');
    expect(observedGuardrail(response('INTERVENED', ['pii:EMAIL:ANONYMIZED']))).toBe('redacted');
    expect(observedGuardrail(response('INTERVENED', ['pii:EMAIL:ANONYMIZED', 'topic:Exam dumps']))).toBe(
      'blocked',
    );
  });
});

describe('comparing two evaluation runs', () => {
  // Per-question latencies shaped like a real in-process run: mostly ~2 ms, a few slow ones.
  const typical = Array.from({ length: 48 }, (_, i) => 1.5 + (i % 8) * 0.1);
  const report = (overall: Partial<EvaluationReport['overall']>, latenciesMs = typical) =>
    ({
      overall: { hitAt5: 0.9, latencyP50Ms: 2, latencyP95Ms: 5, errors: 0, ...overall },
      latenciesMs,
    }) as EvaluationReport;

  it('reports quality changes in the right direction and ignores small latency changes', () => {
    const baseline = report({});
    expect(
      compareReports(
        report(
          { hitAt5: 0.95, latencyP50Ms: 2.3 },
          typical.map((ms) => ms * 1.15),
        ),
        baseline,
      ),
    ).toEqual([{ metric: 'hitAt5', before: 0.9, after: 0.95, change: 'improved' }]);
  });

  it('counts more refused covered questions and more non-answer quotes as regressions', () => {
    expect(
      compareReports(
        report({ coveredRefused: 0.3, nonAnswerQuotes: 5 }),
        report({ coveredRefused: 0.1, nonAnswerQuotes: 2 }),
      ),
    ).toEqual([
      { metric: 'coveredRefused', before: 0.1, after: 0.3, change: 'regressed' },
      { metric: 'nonAnswerQuotes', before: 2, after: 5, change: 'regressed' },
    ]);
  });

  it('ignores a tail percentile that jumped while the latency distribution did not move', () => {
    // Two runs of the same code: one more slow outlier moves p95 from 5 to 9 ms.
    const withOutlier = typical.map((ms, i) => (i === 3 ? 9 : ms));
    expect(
      compareReports(report({ latencyP95Ms: 9 }, withOutlier), report({}), { judgeLatency: true }),
    ).toEqual([]);
  });

  it('reports a latency regression when the whole distribution moved (when asked to judge latency)', () => {
    const slower = typical.map((ms) => ms * 1.5);
    expect(
      compareReports(report({ latencyP50Ms: 3, latencyP95Ms: 7.5, errors: 1 }, slower), report({}), {
        judgeLatency: true,
      }),
    ).toEqual([
      { metric: 'latencyP50Ms', before: 2, after: 3, change: 'regressed' },
      { metric: 'latencyP95Ms', before: 5, after: 7.5, change: 'regressed' },
      { metric: 'errors', before: 0, after: 1, change: 'regressed' },
    ]);
  });

  it('computes the rank-sum p-value', () => {
    const low = Array.from({ length: 10 }, (_, i) => i + 1);
    const high = low.map((value) => value + 10);
    // W = 55, mean 105, sd sqrt(10*10*21/12) = 13.23, z = 3.78: p = 0.00016
    expect(sameDistributionPValue(low, high)).toBeCloseTo(0.00016, 4);
    expect(sameDistributionPValue(low, [...low].reverse())).toBe(1);
    expect(sameDistributionPValue(low, [...low.slice(0, 9), 100])).toBeGreaterThan(0.9);
  });
});

describe('conversations, uncovered questions and non-answers', () => {
  const response = (answer: string, sessionId: string, cited = true): AskResponse => ({
    answer,
    citations: cited ? [{ id: 1, source: 'a.txt', title: 'A', excerpt: answer }] : [],
    guardrail: { action: 'NONE' },
    sessionId,
    engine: 'local',
    latencyMs: 1,
  });

  it('asks the history first in one session and scores the follow-up on the context it used', async () => {
    // Prepare: a target that records what it was asked
    const asked: AskQuery[] = [];
    const target: EvaluationTarget = {
      ask: async (query) => {
        asked.push(query);
        return response('Bedrock is a managed service [1]', 's-1');
      },
      retrieve: async () => [passage('a.txt', 'unrelated')],
      askWithContext: async (query) => {
        asked.push(query);
        return {
          response: response('It is priced per token [1]', 's-1'),
          context: [passage('a.txt', 'Bedrock is priced per token of input and output')],
        };
      },
    };
    const followUp = {
      ...question,
      class: 'follow-up',
      history: ['What is Amazon Bedrock?'],
      question: 'how is it priced',
      evidence: ['priced per token'],
      keywords: ['token'],
    };

    // Act
    const report = await runEvaluation({
      target,
      targetName: 't',
      golden: [followUp],
      guardrailItems: [],
      noAnswerQuestions: [],
    });

    // Assess
    expect(asked.map((query) => [query.question, query.sessionId])).toEqual([
      ['What is Amazon Bedrock?', undefined],
      ['how is it priced', 's-1'],
    ]);
    expect(report.overall).toMatchObject({ hitAt1: 1, answerKeywordAccuracy: 1, coveredRefused: 0 });
    expect(report.perClass['follow-up']).toMatchObject({ questions: 1, evidenceWithin300Words: 1 });
  });

  it('scores uncovered questions as abstentions and covered refusals as refused', async () => {
    // Prepare
    const notCovered = 'The notes do not cover this question.';
    const target: EvaluationTarget = {
      ask: async () => response(notCovered, 's', false),
      retrieve: async () => [],
    };
    const uncovered = {
      ...question,
      class: 'not-covered',
      expect: 'no_answer' as const,
      sources: [],
      evidence: [],
      keywords: [],
    };

    // Act
    const report = await runEvaluation({
      target,
      targetName: 't',
      golden: [uncovered, { ...question, class: 'typo' }],
      guardrailItems: [],
      noAnswerQuestions: [],
      noAnswerMessage: notCovered,
    });

    // Assess
    expect(report.noAnswer).toEqual([{ question: question.question, abstained: true, class: 'not-covered' }]);
    expect(report.overall).toMatchObject({ questions: 1, coveredRefused: 1, noAnswerAccuracy: 1 });
    expect(report.perClass).toMatchObject({ 'not-covered': { abstained: 1 }, typo: { refused: 1 } });
  });

  it('flags cited headings, labels, markup, diagrams and footers', () => {
    // Act
    const flagged = nonAnswerSentences(
      'Amazon Q - Business. [1] What to do when overfitting: [2] $$F1 = \\frac{2PR}{P+R}$$ is the score. [3] Created and copyright : Some Person 2024 slides. [4] graph TD; A --> B shows the flow. [5] Temperature controls how creative the model is. [1]',
    );

    // Assess
    expect(flagged.map((item) => item.reason)).toEqual(['heading', 'label', 'markup', 'footer', 'diagram']);
  });
});
