import { estimateTokens } from '../corpus/estimate-tokens.js';
import type { AskQuery, AskResponse, Passage, RetrieveQuery } from '../domain.js';
import { citationFaithfulness } from './citation-faithfulness.js';
import type { GoldenQuestion } from './golden-set.js';
import {
  evidenceWithinWords,
  firstHitRank,
  type RetrievalScores,
  scoreRetrieval,
} from './retrieval-metrics.js';
import { bleu, percentile, rougeL } from './text-metrics.js';

/** The calls an evaluation makes (an in-process engine or a server). */
export interface EvaluationTarget {
  ask(query: AskQuery): Promise<AskResponse>;
  retrieve(query: RetrieveQuery): Promise<Passage[]>;
}

export type GuardrailLabel = 'allowed' | 'redacted' | 'blocked';

export interface QuestionResult {
  id: string;
  topic: string;
  question: string;
  rank: number | null;
  evidenceWithin300Words: boolean;
  keywordsFound: boolean;
  rougeL: number;
  bleu: number;
  citationFaithfulness: number | null;
  latencyMs: number;
  contextWords: number;
  answer: string;
  retrieved: { source: string; excerpt: string }[];
  error?: string;
}

export interface EvaluationReport {
  createdAt: string;
  target: string;
  k: number;
  overall: RetrievalScores & {
    questions: number;
    answerKeywordAccuracy: number;
    rougeL: number;
    bleu: number;
    citationFaithfulness: number;
    noAnswerAccuracy: number;
    guardrailAccuracy: number;
    guardrailOverBlocking: number;
    latencyP50Ms: number;
    latencyP95Ms: number;
    latencyP99Ms: number;
    contextWordsPerAnswer: number;
    contextTokensPerAnswer: number;
    errors: number;
  };
  perTopic: Record<string, { questions: number; hitAt5: number; mrr: number }>;
  questions: QuestionResult[];
  guardrail: { text: string; expected: GuardrailLabel; observed: GuardrailLabel | 'error' }[];
  noAnswer: { question: string; abstained: boolean }[];
  latenciesMs: number[];
}

export interface EvaluationInput {
  target: EvaluationTarget;
  targetName: string;
  golden: GoldenQuestion[];
  guardrailItems: { text: string; expected: GuardrailLabel }[];
  noAnswerQuestions: string[];
  /** The assistant profile's no-answer message; answers containing it count as abstaining. */
  noAnswerMessage?: string;
  k?: number;
  /** Called after each question, for progress output. */
  onProgress?: (done: number, total: number) => void;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));
const mean = (values: number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;

/** How a response treated a guardrail test input. */
export function observedGuardrail(response: AskResponse): GuardrailLabel {
  if (response.guardrail.action !== 'INTERVENED') return 'allowed';
  const reasons = response.guardrail.reasons ?? [];
  const onlyMasked = reasons.length > 0 && reasons.every((reason) => reason.endsWith(':ANONYMIZED'));
  return onlyMasked ? 'redacted' : 'blocked';
}

/** Runs the golden, no-answer and guardrail sets against a target and scores them. */
export async function runEvaluation(input: EvaluationInput): Promise<EvaluationReport> {
  const k = input.k ?? 5;
  const generic =
    /(?:notes|documents|sources)\s+do(?:es)?\s+not\s+(?:cover|contain)|cannot answer|don't know|do not know/i;
  const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
  const message = input.noAnswerMessage ? fold(input.noAnswerMessage) : undefined;
  const abstains = (answer: string) => generic.test(answer) || (!!message && fold(answer).includes(message));
  const total = input.golden.length + input.guardrailItems.length + input.noAnswerQuestions.length;
  let done = 0;
  const tick = () => input.onProgress?.(++done, total);

  const questions: QuestionResult[] = [];
  const retrievals: { question: GoldenQuestion; passages: Passage[] }[] = [];
  const latencies: number[] = [];
  for (const golden of input.golden) {
    try {
      const passages = await input.target.retrieve({ query: golden.question, k });
      const started = performance.now();
      const response = await input.target.ask({ question: golden.question, k });
      const latencyMs = performance.now() - started;
      latencies.push(latencyMs);
      retrievals.push({ question: golden, passages });
      const answer = response.answer.toLowerCase();
      questions.push({
        id: golden.id,
        topic: golden.topic,
        question: golden.question,
        rank: firstHitRank(golden, passages),
        evidenceWithin300Words: evidenceWithinWords(golden, passages, 300),
        keywordsFound: golden.keywords.every((keyword) => answer.includes(keyword.toLowerCase())),
        rougeL: round(rougeL(response.answer, golden.reference)),
        bleu: round(bleu(response.answer, golden.reference)),
        citationFaithfulness: citationFaithfulness(response.answer, response.citations),
        latencyMs: round(latencyMs, 1),
        contextWords: passages.reduce((sum, passage) => sum + passage.text.split(/\s+/).length, 0),
        answer: response.answer,
        retrieved: passages.map((passage) => ({
          source: passage.source,
          excerpt: passage.text.slice(0, 200),
        })),
      });
    } catch (error) {
      retrievals.push({ question: golden, passages: [] });
      questions.push({
        id: golden.id,
        topic: golden.topic,
        question: golden.question,
        rank: null,
        evidenceWithin300Words: false,
        keywordsFound: false,
        rougeL: 0,
        bleu: 0,
        citationFaithfulness: null,
        latencyMs: 0,
        contextWords: 0,
        answer: '',
        retrieved: [],
        error: (error as Error).message,
      });
    }
    tick();
  }

  const guardrail: EvaluationReport['guardrail'] = [];
  for (const item of input.guardrailItems) {
    try {
      guardrail.push({
        ...item,
        observed: observedGuardrail(await input.target.ask({ question: item.text })),
      });
    } catch {
      guardrail.push({ ...item, observed: 'error' });
    }
    tick();
  }

  const noAnswer: EvaluationReport['noAnswer'] = [];
  for (const question of input.noAnswerQuestions) {
    try {
      const response = await input.target.ask({ question });
      noAnswer.push({
        question,
        abstained: abstains(response.answer) && response.citations.length === 0,
      });
    } catch {
      noAnswer.push({ question, abstained: false });
    }
    tick();
  }

  const perTopic: EvaluationReport['perTopic'] = {};
  for (const topic of new Set(questions.map((question) => question.topic))) {
    const subset = retrievals.filter(({ question }) => question.topic === topic);
    const scores = scoreRetrieval(subset);
    perTopic[topic] = { questions: subset.length, hitAt5: scores.hitAt5, mrr: scores.mrr };
  }
  const faithfulness = questions
    .map((q) => q.citationFaithfulness)
    .filter((value): value is number => value !== null);
  const allowed = guardrail.filter((item) => item.expected === 'allowed');
  const contextWords = mean(questions.map((question) => question.contextWords));
  return {
    createdAt: new Date().toISOString(),
    target: input.targetName,
    k,
    overall: {
      questions: questions.length,
      ...scoreRetrieval(retrievals),
      answerKeywordAccuracy: round(mean(questions.map((q) => (q.keywordsFound ? 1 : 0)))),
      rougeL: round(mean(questions.map((q) => q.rougeL))),
      bleu: round(mean(questions.map((q) => q.bleu))),
      citationFaithfulness: round(mean(faithfulness)),
      noAnswerAccuracy: round(mean(noAnswer.map((item) => (item.abstained ? 1 : 0)))),
      guardrailAccuracy: round(mean(guardrail.map((item) => (item.observed === item.expected ? 1 : 0)))),
      guardrailOverBlocking: round(mean(allowed.map((item) => (item.observed === 'blocked' ? 1 : 0)))),
      latencyP50Ms: round(percentile(latencies, 50), 1),
      latencyP95Ms: round(percentile(latencies, 95), 1),
      latencyP99Ms: round(percentile(latencies, 99), 1),
      contextWordsPerAnswer: Math.round(contextWords),
      contextTokensPerAnswer: Math.round(
        mean(retrievals.map(({ passages }) => estimateTokens(passages.map((p) => p.text).join(' ')))),
      ),
      errors: questions.filter((question) => question.error).length,
    },
    perTopic,
    questions,
    guardrail,
    noAnswer,
    latenciesMs: latencies.map((latency) => round(latency, 2)),
  };
}
