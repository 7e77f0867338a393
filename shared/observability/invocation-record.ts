import { createHash } from 'node:crypto';
import type { EngineName, GuardrailAction } from '../domain.js';
import { redactForLog } from '../guardrail/detect-pii.js';

export type Channel = 'http' | 'slack' | 'cli';
export type Outcome = 'answered' | 'no_answer' | 'blocked' | 'error';

/** The one structured record every question produces (DESIGN.md "Observability"). */
export interface InvocationRecord {
  requestId: string;
  channel: Channel;
  engine: EngineName;
  modelId: string;
  /** The question with every detectable PII masked. */
  question: string;
  /** SHA-256 of the redacted question: groups repeats without storing PII. */
  questionHash: string;
  sessionId?: string;
  citations: number;
  guardrailAction: GuardrailAction;
  guardrailReasons: string[];
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
  tokensEstimated: boolean;
  outcome: Outcome;
  errorCode?: string;
  /** Upstream facts behind the error (e.g. Bedrock's error name, message and request id); logs only. */
  errorDetail?: Record<string, unknown>;
  /** Slack feedback clicks are logged as records of their own. */
  feedback?: 'helpful' | 'not_helpful';
}

/** Masks PII and hashes the result, for the `question` and `questionHash` fields. */
export function redactQuestion(question: string): { question: string; questionHash: string } {
  const redacted = redactForLog(question);
  return {
    question: redacted,
    questionHash: createHash('sha256').update(redacted).digest('hex').slice(0, 16),
  };
}

/** Writes invocation records and their metrics. */
export interface InvocationRecorder {
  record(record: InvocationRecord): void;
}

/** Keeps records in memory (tests, evaluation). */
export function createMemoryRecorder(): InvocationRecorder & { records: InvocationRecord[] } {
  const records: InvocationRecord[] = [];
  return { records, record: (record) => void records.push(record) };
}
