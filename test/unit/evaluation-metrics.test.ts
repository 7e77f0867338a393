import { describe, expect, it } from 'vitest';
import { citationFaithfulness, citedSentences } from '../../shared/evaluation/citation-faithfulness.js';
import {
  evidenceWithinWords,
  firstHitRank,
  scoreRetrieval,
} from '../../shared/evaluation/retrieval-metrics.js';
import {
  compareReports,
  type EvaluationReport,
  observedGuardrail,
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
  const report = (overall: Partial<EvaluationReport['overall']>) =>
    ({ overall: { hitAt5: 0.9, latencyP50Ms: 2, errors: 0, ...overall } }) as EvaluationReport;

  it('reports quality changes in the right direction and ignores latency noise', () => {
    const baseline = report({});
    expect(compareReports(report({ hitAt5: 0.95, latencyP50Ms: 2.3 }), baseline)).toEqual([
      { metric: 'hitAt5', before: 0.9, after: 0.95, change: 'improved' },
    ]);
    expect(compareReports(report({ latencyP50Ms: 3, errors: 1 }), baseline)).toEqual([
      { metric: 'latencyP50Ms', before: 2, after: 3, change: 'regressed' },
      { metric: 'errors', before: 0, after: 1, change: 'regressed' },
    ]);
  });
});
