/**
 * Capability interfaces (ports). Adapters in `shared/adapters/*` implement them; only a
 * composition root (`services/*\/deps.ts`) chooses which adapter to use.
 */
import type { AnswerEvent, AnswerResult, AskQuery, Passage, RetrieveQuery } from './domain.js';

/** Finds passages for a query, best first. */
export interface Retriever {
  retrieve(query: RetrieveQuery): Promise<Passage[]>;
}

/** Answers a question with citations; may stream. */
export interface Answerer {
  /** Model or engine identifier for logs, e.g. `extractive-v1` or an inference-profile ARN. */
  readonly modelId: string;
  /** True when the answerer applies the guardrail itself (Bedrock RetrieveAndGenerate does). */
  readonly appliesGuardrail: boolean;
  answer(query: AskQuery): Promise<AnswerResult>;
  /** Streams the answer; answerers without native streaming may omit it. */
  stream?(query: AskQuery): AsyncIterable<AnswerEvent>;
}

export type GuardrailSource = 'INPUT' | 'OUTPUT';

/** Input to a guardrail check (mirrors Bedrock `ApplyGuardrail`). */
export interface GuardrailCheck {
  source: GuardrailSource;
  text: string;
  /** For OUTPUT: the passages the text must be grounded in. */
  groundingSources?: string[];
  /** For OUTPUT: the question the text must be relevant to. */
  query?: string;
}

/** Result of a guardrail check. */
export interface GuardrailVerdict {
  /** `INTERVENED` when the text was blocked or masked. */
  action: 'NONE' | 'INTERVENED';
  /** True when the text must not be used at all. */
  blocked: boolean;
  /** The text with sensitive information masked; the blocked message when blocked. */
  text: string;
  /** Machine-readable reasons such as `topic:Financial advice` or `pii:EMAIL:ANONYMIZED`. */
  reasons: string[];
}

/** Checks text against the guardrail policy. */
export interface Guardrail {
  check(input: GuardrailCheck): Promise<GuardrailVerdict>;
}

/** Conversation memory of the offline engine (Bedrock keeps its own). */
export interface ConversationTurn {
  question: string;
  retrievalQuery: string;
  answer: string;
  /** The turn's subject (search terms), which a follow-up carries; bounded in size. */
  subject?: string;
}

export interface SessionStore {
  get(sessionId: string): Promise<ConversationTurn[] | undefined>;
  append(sessionId: string, turn: ConversationTurn): Promise<void>;
}
