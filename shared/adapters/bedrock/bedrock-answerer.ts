import {
  type BedrockAgentRuntimeClient,
  RetrieveAndGenerateCommand,
  type RetrieveAndGenerateCommandInput,
  RetrieveAndGenerateStreamCommand,
  type RetrieveAndGenerateStreamCommandOutput,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { estimateTokens } from '../../corpus/estimate-tokens.js';
import type {
  AnswerEvent,
  AnswerResult,
  AskQuery,
  Citation,
  GuardrailReport,
  Passage,
} from '../../domain.js';
import type { Answerer } from '../../ports.js';
import {
  type AssistantProfile,
  courseNotesProfile,
  promptTemplateOf,
} from '../../profile/assistant-profile.js';
import { buildVectorSearchConfiguration } from './build-retrieval-filter.js';
import { type BedrockErrorContext, mapBedrockError } from './map-bedrock-error.js';
import { CitationNumbering, mapCitations, markers } from './map-citations.js';

export interface BedrockAnswererOptions {
  client: BedrockAgentRuntimeClient;
  knowledgeBaseId: string;
  /** Foundation-model or inference-profile ARN. */
  modelArn: string;
  guardrail: { id: string; version: string };
  inference?: { temperature?: number; topP?: number; maxTokens?: number; stopSequences?: string[] };
  rerankingModelArn?: string;
  searchType?: 'HYBRID' | 'SEMANTIC';
  /** Supplies the prompt and the no-answer message; default: the course notes. */
  profile?: AssistantProfile;
  defaultK?: number;
  region?: string;
  /**
   * The request handler's per-attempt idle timeout (BEDROCK_TIMEOUT_MS). When it cuts off a
   * stalled event stream the SDK just ends the stream; a stream that ends after this much
   * silence is reported as a timeout instead of a complete answer.
   */
  streamIdleTimeoutMs?: number;
}

/** What Bedrock itself says when it finds nothing to answer from. */
const BEDROCK_NO_ANSWER = /sorry, i am unable to assist you with this request/i;
const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The SDK throws the stream's modeled exceptions (e.g. `throttlingException`); a union member
 * named like one that arrives as a value instead (older SDKs, mocks) is thrown the same way.
 */
function throwIfException(event: object): void {
  for (const [member, value] of Object.entries(event)) {
    if (value === undefined || !member.endsWith('Exception')) continue;
    const name = member.charAt(0).toUpperCase() + member.slice(1);
    const message = (value as { message?: string }).message ?? name;
    throw Object.assign(new Error(message), {
      name,
      $metadata: (value as { $metadata?: unknown }).$metadata,
    });
  }
}

/**
 * Answers with Bedrock RetrieveAndGenerate: knowledge-base retrieval, generation with our
 * prompt, and the Bedrock Guardrail applied to input and output by the service itself.
 */
export function createBedrockAnswerer(options: BedrockAnswererOptions): Answerer {
  const profile = options.profile ?? courseNotesProfile;
  const template = promptTemplateOf(profile);
  const noAnswerMessage = fold(profile.noAnswerMessage);
  const saysNotCovered = (answer: string) =>
    BEDROCK_NO_ANSWER.test(answer) || fold(answer).includes(noAnswerMessage);
  const errorContext: BedrockErrorContext = {
    operation: 'RetrieveAndGenerate',
    knowledgeBaseId: options.knowledgeBaseId,
    modelArn: options.modelArn,
    guardrailId: options.guardrail.id,
    ...(options.region ? { region: options.region } : {}),
  };

  const buildInput = (query: AskQuery): RetrieveAndGenerateCommandInput => {
    const vectorSearch = buildVectorSearchConfiguration(query, options);
    const { temperature = 0, topP = 0.9, maxTokens = 700, stopSequences = [] } = options.inference ?? {};
    return {
      input: { text: query.question },
      ...(query.sessionId ? { sessionId: query.sessionId } : {}),
      retrieveAndGenerateConfiguration: {
        type: 'KNOWLEDGE_BASE',
        knowledgeBaseConfiguration: {
          knowledgeBaseId: options.knowledgeBaseId,
          modelArn: options.modelArn,
          retrievalConfiguration: { vectorSearchConfiguration: vectorSearch },
          generationConfiguration: {
            promptTemplate: { textPromptTemplate: template },
            guardrailConfiguration: {
              guardrailId: options.guardrail.id,
              guardrailVersion: options.guardrail.version,
            },
            inferenceConfig: {
              textInferenceConfig: {
                temperature,
                topP,
                maxTokens,
                ...(stopSequences.length > 0 ? { stopSequences } : {}),
              },
            },
          },
        },
      },
    };
  };

  /** RetrieveAndGenerate reports no token counts: estimate what the model was sent and wrote. */
  const usageOf = (question: string, passages: Passage[], answer: string) => ({
    inputTokens: estimateTokens(`${template}\n${question}\n${passages.map((p) => p.text).join('\n')}`),
    outputTokens: estimateTokens(answer),
    estimated: true,
  });

  const toResult = (
    query: AskQuery,
    sessionId: string,
    answer: string,
    citations: Citation[],
    passages: Passage[],
    guardrail: GuardrailReport,
  ): AnswerResult => ({
    answer,
    citations,
    guardrail,
    sessionId,
    noAnswer: citations.length === 0 && saysNotCovered(answer),
    context: passages,
    usage: usageOf(query.question, passages, answer),
    modelId: options.modelArn,
  });

  return {
    modelId: options.modelArn,
    appliesGuardrail: true,
    async answer(query) {
      try {
        const response = await options.client.send(new RetrieveAndGenerateCommand(buildInput(query)));
        const { answer, citations, passages } = mapCitations(response.output?.text ?? '', response.citations);
        const guardrail: GuardrailReport =
          response.guardrailAction === 'INTERVENED'
            ? { action: 'INTERVENED', reasons: ['bedrock-guardrail'] }
            : { action: 'NONE' };
        return toResult(
          query,
          response.sessionId ?? query.sessionId ?? '',
          answer,
          citations,
          passages,
          guardrail,
        );
      } catch (error) {
        throw mapBedrockError(error, errorContext);
      }
    },
    async *stream(query): AsyncGenerator<AnswerEvent> {
      let response: RetrieveAndGenerateStreamCommandOutput;
      try {
        response = await options.client.send(new RetrieveAndGenerateStreamCommand(buildInput(query)));
      } catch (error) {
        throw mapBedrockError(error, errorContext);
      }
      const numbering = new CitationNumbering();
      let answer = '';
      let guardrail: GuardrailReport = { action: 'NONE' };
      let lastEventAt = performance.now();
      try {
        for await (const event of response.stream ?? []) {
          lastEventAt = performance.now();
          if (event.output) {
            // Bedrock sends empty output chunks (no text) between pieces of an answer.
            if (event.output.text) {
              answer += event.output.text;
              yield { type: 'delta', text: event.output.text };
            }
          } else if (event.citation) {
            // Markers follow the text they cite; the citation event arrives after that text.
            const references =
              event.citation.retrievedReferences ?? event.citation.citation?.retrievedReferences;
            const { ids, added } = numbering.idsFor(references);
            for (const citation of added) yield { type: 'citation', citation };
            if (ids.length > 0) {
              const marker = ` ${markers(ids)}`;
              answer += marker;
              yield { type: 'delta', text: marker };
            }
          } else if (event.guardrail) {
            if (event.guardrail.action === 'INTERVENED') {
              guardrail = { action: 'INTERVENED', reasons: ['bedrock-guardrail'] };
              yield { type: 'guardrail', guardrail };
            }
          } else {
            throwIfException(event);
            // Anything else ($unknown, an event type newer than this code) carries nothing we show.
          }
        }
        // Timers never fire early; 0.9 leaves room for the time between a chunk and its event.
        const idleLimit = options.streamIdleTimeoutMs;
        if (idleLimit !== undefined && performance.now() - lastEventAt >= idleLimit * 0.9) {
          throw Object.assign(
            new Error(`The answer stream was silent for ${idleLimit} ms and was cut off.`),
            {
              name: 'TimeoutError',
            },
          );
        }
      } catch (error) {
        throw mapBedrockError(error, errorContext);
      }
      const result = toResult(
        query,
        response.sessionId ?? query.sessionId ?? '',
        answer,
        numbering.citations,
        numbering.passages,
        guardrail,
      );
      yield { type: 'done', result };
    },
  };
}
