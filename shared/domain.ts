/**
 * Domain types shared by the offline engine, the Bedrock engine, the HTTP API and Slack.
 * They mirror the HTTP contract in DESIGN.md so that both engines answer identically.
 */

/** Metadata of one corpus document, read from its Bedrock `<file>.metadata.json` sidecar. */
export interface DocumentMetadata {
  title: string;
  sourceKind?: string;
  topics: string[];
}

/** Request filters; the same keys work offline and as Bedrock metadata filters. */
export interface SearchFilters {
  /** Source file name, e.g. `aif-c01-course-slides.txt`. */
  source?: string;
  /** One of the document's metadata topics, e.g. `amazon-bedrock`. */
  topic?: string;
  /** Metadata `sourceKind`, e.g. `study-notes`. */
  sourceKind?: string;
}

/** A retrieved passage, best first (mirrors a Bedrock `RetrievalResult`). */
export interface Passage {
  source: string;
  title: string;
  text: string;
  score: number;
}

/** A numbered source of an answer; `[id]` in the answer text points at it. */
export interface Citation {
  id: number;
  source: string;
  title: string;
  /** Heading of the section the excerpt comes from, when the engine knows it. */
  heading?: string;
  excerpt: string;
  score?: number;
}

export type GuardrailAction = 'NONE' | 'INTERVENED';

/** What a guardrail did, as reported to clients. */
export interface GuardrailReport {
  action: GuardrailAction;
  reasons?: string[];
}

/** Token counts of one answer; `estimated` is true when the engine did not report them. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  estimated: boolean;
}

export type EngineName = 'local' | 'bedrock';

/** The body of a successful `POST /v1/ask`. */
export interface AskResponse {
  answer: string;
  citations: Citation[];
  guardrail: GuardrailReport;
  sessionId: string;
  engine: EngineName;
  latencyMs: number;
}

/** A question as the use case receives it, already validated. */
export interface AskQuery {
  question: string;
  sessionId?: string;
  filters?: SearchFilters;
  k?: number;
}

/** What an answerer produces, before the HTTP layer adds latency. */
export interface AnswerResult {
  answer: string;
  citations: Citation[];
  guardrail: GuardrailReport;
  sessionId: string;
  /** True when the notes did not cover the question. */
  noAnswer: boolean;
  /** Passages the answer was built from (what a model would be sent). */
  context: Passage[];
  usage: TokenUsage;
  modelId: string;
}

/** One event of a streamed answer; `done` is always last. */
export type AnswerEvent =
  | { type: 'citation'; citation: Citation }
  | { type: 'delta'; text: string }
  | { type: 'guardrail'; guardrail: GuardrailReport }
  | { type: 'done'; result: AnswerResult };

/** A retrieval request. */
export interface RetrieveQuery {
  query: string;
  k?: number;
  filters?: SearchFilters;
}
