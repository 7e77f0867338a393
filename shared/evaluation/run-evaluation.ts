import { estimateTokens } from '../corpus/estimate-tokens.js';
import type { AskQuery, AskResponse, Passage, RetrieveQuery } from '../domain.js';
import { nonAnswerSentences } from './answer-quality.js';
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
  /**
   * Asks and returns the passages the answer was built from. In-process targets offer it, so a
   * follow-up's retrieval is scored as the conversation saw it (`/v1/retrieve` has no session).
   */
  askWithContext?(query: AskQuery): Promise<{ response: AskResponse; context: Passage[] }>;
}

export type GuardrailLabel = 'allowed' | 'redacted' | 'blocked';

export interface QuestionResult {
  id: string;
  topic: string;
  class?: string;
  question: string;
  rank: number | null;
  evidenceWithin300Words: boolean;
  keywordsFound: boolean;
  rougeL: number;
  bleu: number;
  citationFaithfulness: number | null;
  /** The answer said the documents do not cover the question although they do. */
  refused: boolean;
  /** Cited sentences that read as a heading, label, footer, diagram or markup. */
  nonAnswers: { sentence: string; reason: string }[];
  latencyMs: number;
  contextWords: number;
  answer: string;
  /** Number of citations the answer carried. */
  citations: number;
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
    /** Share of covered questions answered "not covered". */
    coveredRefused: number;
    /** Share of covered questions whose answer cites at least one source. */
    citedAnswers: number;
    /** Answers with at least one cited sentence that is not an answer (heading, markup...). */
    nonAnswerQuotes: number;
    errors: number;
  };
  perTopic: Record<string, { questions: number; hitAt5: number; mrr: number }>;
  /** Per question class, when the set labels them (typo, follow-up, not-covered...). */
  perClass: Record<string, ClassScores>;
  questions: QuestionResult[];
  guardrail: { text: string; expected: GuardrailLabel; observed: GuardrailLabel | 'error' }[];
  noAnswer: { question: string; abstained: boolean; class?: string }[];
  latenciesMs: number[];
}

export interface ClassScores {
  questions: number;
  evidenceWithin300Words: number;
  evidenceWithin600Words: number;
  keywordAccuracy: number;
  refused: number;
  /** Questions the documents do not cover, answered "not covered". */
  abstained: number;
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
  const noAnswer: EvaluationReport['noAnswer'] = [];
  for (const golden of input.golden) {
    try {
      // Earlier turns of the conversation first, in one session.
      let sessionId: string | undefined;
      for (const earlier of golden.history ?? []) {
        sessionId = (await input.target.ask({ question: earlier, k, ...(sessionId ? { sessionId } : {}) }))
          .sessionId;
      }
      const query: AskQuery = { question: golden.question, k, ...(sessionId ? { sessionId } : {}) };
      const withContext = golden.history?.length && input.target.askWithContext;
      const started = performance.now();
      const asked = withContext
        ? await withContext(query)
        : { response: await input.target.ask(query), context: undefined };
      const latencyMs = performance.now() - started;
      latencies.push(latencyMs);
      const { response } = asked;
      const abstained = abstains(response.answer) && response.citations.length === 0;
      if (golden.expect === 'no_answer') {
        noAnswer.push({
          question: golden.question,
          abstained,
          ...(golden.class ? { class: golden.class } : {}),
        });
        tick();
        continue;
      }
      const passages = asked.context ?? (await input.target.retrieve({ query: golden.question, k }));
      retrievals.push({ question: golden, passages });
      const answer = response.answer.toLowerCase();
      questions.push({
        id: golden.id,
        topic: golden.topic,
        ...(golden.class ? { class: golden.class } : {}),
        question: golden.question,
        rank: firstHitRank(golden, passages),
        evidenceWithin300Words: evidenceWithinWords(golden, passages, 300),
        keywordsFound: golden.keywords.every((keyword) => answer.includes(keyword.toLowerCase())),
        rougeL: round(rougeL(response.answer, golden.reference)),
        bleu: round(bleu(response.answer, golden.reference)),
        citationFaithfulness: citationFaithfulness(response.answer, response.citations),
        refused: abstained,
        nonAnswers: nonAnswerSentences(response.answer),
        latencyMs: round(latencyMs, 1),
        contextWords: passages.reduce((sum, passage) => sum + passage.text.split(/\s+/).length, 0),
        answer: response.answer,
        citations: response.citations.length,
        retrieved: passages.map((passage) => ({
          source: passage.source,
          excerpt: passage.text.slice(0, 200),
        })),
      });
    } catch (error) {
      if (golden.expect === 'no_answer') {
        noAnswer.push({
          question: golden.question,
          abstained: false,
          ...(golden.class ? { class: golden.class } : {}),
        });
        tick();
        continue;
      }
      retrievals.push({ question: golden, passages: [] });
      questions.push({
        id: golden.id,
        topic: golden.topic,
        ...(golden.class ? { class: golden.class } : {}),
        question: golden.question,
        rank: null,
        evidenceWithin300Words: false,
        keywordsFound: false,
        rougeL: 0,
        bleu: 0,
        citationFaithfulness: null,
        refused: false,
        nonAnswers: [],
        latencyMs: 0,
        contextWords: 0,
        answer: '',
        citations: 0,
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
      coveredRefused: round(mean(questions.map((q) => (q.refused ? 1 : 0)))),
      citedAnswers: round(mean(questions.map((q) => (q.citations > 0 ? 1 : 0)))),
      nonAnswerQuotes: questions.filter((question) => question.nonAnswers.length > 0).length,
      errors: questions.filter((question) => question.error).length,
    },
    perTopic,
    perClass: scoreClasses(retrievals, questions, noAnswer),
    questions,
    guardrail,
    noAnswer,
    latenciesMs: latencies.map((latency) => round(latency, 2)),
  };
}

/** Per-class figures for sets whose questions carry a `class`. */
function scoreClasses(
  retrievals: { question: GoldenQuestion; passages: Passage[] }[],
  questions: QuestionResult[],
  noAnswer: EvaluationReport['noAnswer'],
): Record<string, ClassScores> {
  const classes = new Set([
    ...questions.flatMap((question) => (question.class ? [question.class] : [])),
    ...noAnswer.flatMap((item) => (item.class ? [item.class] : [])),
  ]);
  const perClass: Record<string, ClassScores> = {};
  for (const name of [...classes].sort()) {
    const answered = questions.filter((question) => question.class === name);
    const scores = scoreRetrieval(retrievals.filter(({ question }) => question.class === name));
    const uncovered = noAnswer.filter((item) => item.class === name);
    perClass[name] = {
      questions: answered.length + uncovered.length,
      evidenceWithin300Words: answered.length ? scores.evidenceWithin300Words : 0,
      evidenceWithin600Words: answered.length ? scores.evidenceWithin600Words : 0,
      keywordAccuracy: round(mean(answered.map((q) => (q.keywordsFound ? 1 : 0)))),
      refused: answered.filter((question) => question.refused).length,
      abstained: uncovered.filter((item) => item.abstained).length,
    };
  }
  return perClass;
}
