import { randomUUID } from 'node:crypto';
import { estimateTokens } from '../corpus/estimate-tokens.js';
import type {
  AnswerEvent,
  AnswerResult,
  AskQuery,
  AskResponse,
  EngineName,
  GuardrailReport,
} from '../domain.js';
import { AppError } from '../errors.js';
import type { InvocationRecord, InvocationRecorder, Outcome } from '../observability/invocation-record.js';
import { type Channel, redactQuestion } from '../observability/invocation-record.js';
import type { Answerer, Guardrail, GuardrailVerdict } from '../ports.js';

/** What the ask use case needs; chosen by a composition root. */
export interface AskDependencies {
  engine: EngineName;
  answerer: Answerer;
  /** Applied around answerers that do not apply a guardrail themselves. */
  guardrail: Guardrail;
  recorder: InvocationRecorder;
  now?: () => number;
}

export interface AskContext {
  requestId: string;
  channel: Channel;
}

function mergeReports(...reports: (GuardrailReport | GuardrailVerdict | undefined)[]): GuardrailReport {
  const reasons = [...new Set(reports.flatMap((report) => report?.reasons ?? []))];
  const intervened = reports.some((report) => report?.action === 'INTERVENED');
  return intervened ? { action: 'INTERVENED', reasons } : { action: 'NONE' };
}

/**
 * Runs the input guardrail, the answerer and the output guardrail, in that order (only the
 * answerer when it applies the guardrail itself). The engine threads of the local server run
 * this step off the event loop.
 */
export async function answerWithGuardrail(
  deps: Pick<AskDependencies, 'answerer' | 'guardrail'>,
  query: AskQuery,
): Promise<AnswerResult> {
  if (deps.answerer.appliesGuardrail) return deps.answerer.answer(query);
  const input = await deps.guardrail.check({ source: 'INPUT', text: query.question });
  if (input.blocked) {
    return {
      answer: input.text,
      citations: [],
      guardrail: mergeReports(input),
      sessionId: query.sessionId ?? randomUUID(),
      noAnswer: false,
      context: [],
      usage: {
        inputTokens: estimateTokens(query.question),
        outputTokens: estimateTokens(input.text),
        estimated: true,
      },
      modelId: deps.answerer.modelId,
    };
  }
  const result = await deps.answerer.answer({ ...query, question: input.text });
  const output = await deps.guardrail.check({
    source: 'OUTPUT',
    text: result.answer,
    query: input.text,
    ...(result.noAnswer ? {} : { groundingSources: result.context.map((passage) => passage.text) }),
  });
  const guardrail = mergeReports(input, result.guardrail, output);
  if (output.blocked) return { ...result, answer: output.text, citations: [], guardrail };
  return { ...result, answer: output.text, guardrail };
}

function outcomeOf(result: AnswerResult): Outcome {
  if (result.noAnswer) return 'no_answer';
  const blocked = result.guardrail.action === 'INTERVENED' && result.citations.length === 0;
  return blocked ? 'blocked' : 'answered';
}

function buildRecord(
  deps: AskDependencies,
  query: AskQuery,
  context: AskContext,
  latencyMs: number,
  result?: AnswerResult,
  error?: unknown,
): InvocationRecord {
  const record: InvocationRecord = {
    requestId: context.requestId,
    channel: context.channel,
    engine: deps.engine,
    modelId: result?.modelId ?? deps.answerer.modelId,
    ...redactQuestion(query.question),
    citations: result?.citations.length ?? 0,
    guardrailAction: result?.guardrail.action ?? 'NONE',
    guardrailReasons: result?.guardrail.reasons ?? [],
    latencyMs,
    inputTokens: result?.usage.inputTokens ?? estimateTokens(query.question),
    outputTokens: result?.usage.outputTokens ?? 0,
    tokensEstimated: result?.usage.estimated ?? true,
    outcome: result ? outcomeOf(result) : 'error',
  };
  const sessionId = result?.sessionId ?? query.sessionId;
  if (sessionId) record.sessionId = sessionId;
  if (error) record.errorCode = error instanceof AppError ? error.code : 'INTERNAL_ERROR';
  if (error instanceof AppError && error.logDetail) record.errorDetail = error.logDetail;
  return record;
}

function toResponse(deps: AskDependencies, result: AnswerResult, latencyMs: number): AskResponse {
  return {
    answer: result.answer,
    citations: result.citations,
    guardrail: result.guardrail,
    sessionId: result.sessionId,
    engine: deps.engine,
    latencyMs,
  };
}

/** Answers one question and writes its invocation record (also when it fails). */
export async function askQuestion(
  deps: AskDependencies,
  query: AskQuery,
  context: AskContext,
): Promise<{ response: AskResponse; result: AnswerResult }> {
  const now = deps.now ?? performance.now.bind(performance);
  const started = now();
  try {
    const result = await answerWithGuardrail(deps, query);
    const latencyMs = Math.round(now() - started);
    deps.recorder.record(buildRecord(deps, query, context, latencyMs, result));
    return { response: toResponse(deps, result, latencyMs), result };
  } catch (error) {
    deps.recorder.record(buildRecord(deps, query, context, Math.round(now() - started), undefined, error));
    throw error;
  }
}

/** Splits a finished answer into word-group deltas for engines that cannot stream. */
function* deltasOf(answer: string): Generator<string> {
  const pieces = answer.match(/\S+\s*/g) ?? [];
  for (let i = 0; i < pieces.length; i += 4) yield pieces.slice(i, i + 4).join('');
}

/**
 * Streams one answer: citations, answer deltas, the guardrail report when it intervened, then
 * `done` with the full response. Native streams (Bedrock) pass through; others are replayed.
 */
export async function* streamQuestion(
  deps: AskDependencies,
  query: AskQuery,
  context: AskContext,
): AsyncGenerator<AnswerEvent | { type: 'response'; response: AskResponse }> {
  const now = deps.now ?? performance.now.bind(performance);
  const started = now();
  try {
    let result: AnswerResult | undefined;
    if (deps.answerer.appliesGuardrail && deps.answerer.stream) {
      for await (const event of deps.answerer.stream(query)) {
        if (event.type === 'done') result = event.result;
        else yield event;
      }
    } else {
      result = await answerWithGuardrail(deps, query);
      for (const citation of result.citations) yield { type: 'citation', citation };
      for (const text of deltasOf(result.answer)) yield { type: 'delta', text };
      if (result.guardrail.action === 'INTERVENED') yield { type: 'guardrail', guardrail: result.guardrail };
    }
    if (!result) throw new Error('answer stream ended without a result');
    const latencyMs = Math.round(now() - started);
    deps.recorder.record(buildRecord(deps, query, context, latencyMs, result));
    yield { type: 'response', response: toResponse(deps, result, latencyMs) };
  } catch (error) {
    deps.recorder.record(buildRecord(deps, query, context, Math.round(now() - started), undefined, error));
    throw error;
  }
}
