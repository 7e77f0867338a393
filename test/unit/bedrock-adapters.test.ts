import {
  BedrockAgentRuntimeClient,
  RetrieveAndGenerateCommand,
  RetrieveAndGenerateStreamCommand,
  type RetrieveAndGenerateStreamResponseOutput,
  RetrieveCommand,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { ApplyGuardrailCommand, BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBedrockAnswerer } from '../../shared/adapters/bedrock/bedrock-answerer.js';
import { worstCaseBedrockCallMs } from '../../shared/adapters/bedrock/bedrock-call-budget.js';
import { createBedrockGuardrail } from '../../shared/adapters/bedrock/bedrock-guardrail.js';
import { createBedrockRetriever } from '../../shared/adapters/bedrock/bedrock-retriever.js';
import { createBedrockClients } from '../../shared/adapters/bedrock/create-bedrock-clients.js';
import { mapBedrockError } from '../../shared/adapters/bedrock/map-bedrock-error.js';
import { mapCitations } from '../../shared/adapters/bedrock/map-citations.js';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import type { AnswerEvent } from '../../shared/domain.js';
import { AppError } from '../../shared/errors.js';
import {
  courseNotesProfile,
  loadAssistantProfile,
  parseAssistantProfile,
  promptTemplateOf,
} from '../../shared/profile/assistant-profile.js';
import {
  answerText,
  asStream,
  guardrailPassOutput,
  guardrailPiiMaskOutput,
  guardrailTopicBlockOutput,
  retrieveAndGenerateOutput,
  retrieveOutput,
  SESSION_ID,
  serviceError,
  streamEvents,
} from '../fixtures/bedrock-responses.js';

const agentRuntime = mockClient(BedrockAgentRuntimeClient);
const runtime = mockClient(BedrockRuntimeClient);
const MODEL_ARN = 'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.amazon.nova-lite-v1:0';

function answerer(overrides: Partial<Parameters<typeof createBedrockAnswerer>[0]> = {}) {
  return createBedrockAnswerer({
    client: new BedrockAgentRuntimeClient({ region: 'eu-west-1' }),
    knowledgeBaseId: 'KBID123456',
    modelArn: MODEL_ARN,
    guardrail: { id: 'gr-abc123', version: '3' },
    inference: { temperature: 0.2, topP: 0.8, maxTokens: 512, stopSequences: ['</answer>'] },
    region: 'eu-west-1',
    ...overrides,
  });
}

beforeEach(() => {
  agentRuntime.reset();
  runtime.reset();
});

describe('Bedrock answerer: the RetrieveAndGenerate request', () => {
  it('sends KB id, model, k, filters, reranking, search type, prompt, guardrail, inference config and session', async () => {
    // Prepare
    agentRuntime.on(RetrieveAndGenerateCommand).resolves(retrieveAndGenerateOutput);
    const subject = answerer({
      rerankingModelArn: 'arn:aws:bedrock:eu-west-1::foundation-model/amazon.rerank-v1:0',
      searchType: 'HYBRID',
    });
    // Act
    await subject.answer({
      question: 'What is top p?',
      k: 7,
      sessionId: SESSION_ID,
      filters: { source: 'aif-c01-course-slides.txt', topic: 'amazon-bedrock' },
    });
    // Assess
    const input = agentRuntime.commandCalls(RetrieveAndGenerateCommand)[0]?.args[0].input;
    expect(input).toEqual({
      input: { text: 'What is top p?' },
      sessionId: SESSION_ID,
      retrieveAndGenerateConfiguration: {
        type: 'KNOWLEDGE_BASE',
        knowledgeBaseConfiguration: {
          knowledgeBaseId: 'KBID123456',
          modelArn: MODEL_ARN,
          retrievalConfiguration: {
            vectorSearchConfiguration: {
              numberOfResults: 7,
              overrideSearchType: 'HYBRID',
              filter: {
                andAll: [
                  { equals: { key: 'source', value: 'aif-c01-course-slides.txt' } },
                  { listContains: { key: 'topics', value: 'amazon-bedrock' } },
                ],
              },
              rerankingConfiguration: {
                type: 'BEDROCK_RERANKING_MODEL',
                bedrockRerankingConfiguration: {
                  modelConfiguration: {
                    modelArn: 'arn:aws:bedrock:eu-west-1::foundation-model/amazon.rerank-v1:0',
                  },
                },
              },
            },
          },
          generationConfiguration: {
            promptTemplate: { textPromptTemplate: promptTemplateOf(courseNotesProfile) },
            guardrailConfiguration: { guardrailId: 'gr-abc123', guardrailVersion: '3' },
            inferenceConfig: {
              textInferenceConfig: {
                temperature: 0.2,
                topP: 0.8,
                maxTokens: 512,
                stopSequences: ['</answer>'],
              },
            },
          },
        },
      },
    });
  });

  it('omits sessionId on a first question (Bedrock issues it) and uses the one it returns', async () => {
    agentRuntime.on(RetrieveAndGenerateCommand).resolves(retrieveAndGenerateOutput);
    const result = await answerer().answer({ question: 'What is top p?' });
    const input = agentRuntime.commandCalls(RetrieveAndGenerateCommand)[0]?.args[0].input;
    expect(input).not.toHaveProperty('sessionId');
    expect(
      input?.retrieveAndGenerateConfiguration?.knowledgeBaseConfiguration?.retrievalConfiguration
        ?.vectorSearchConfiguration,
    ).toEqual({ numberOfResults: 5 });
    expect(result.sessionId).toBe(SESSION_ID);
  });

  it('maps citations to [n] markers at span ends, deduplicated, with titles from the sidecar metadata', async () => {
    agentRuntime.on(RetrieveAndGenerateCommand).resolves(retrieveAndGenerateOutput);
    const result = await answerer().answer({ question: 'What does temperature control?' });
    expect(result.answer).toBe(
      'Temperature controls how creative the model is. [1] A lower temperature makes answers more focused and predictable. [2][1]',
    );
    expect(result.citations).toEqual([
      {
        id: 1,
        source: 'aif-c01-course-slides.txt',
        title: 'AWS Certified AI Practitioner (AIF-C01) course slides',
        excerpt: 'Temperature - This parameter controls the creative ability of your model.',
      },
      {
        id: 2,
        source: 'skill-builder-course-notes.txt',
        title: 'AWS Skill Builder course notes',
        excerpt: 'A lower temperature makes it more focused and predictable.',
      },
    ]);
    expect(result.guardrail).toEqual({ action: 'NONE' });
    expect(result.usage).toMatchObject({ estimated: true });
    expect(result.usage.inputTokens).toBeGreaterThan(result.usage.outputTokens);
  });

  it('turns guardrailAction INTERVENED into guardrail.action INTERVENED', async () => {
    agentRuntime.on(RetrieveAndGenerateCommand).resolves({
      ...retrieveAndGenerateOutput,
      citations: [],
      guardrailAction: 'INTERVENED',
      output: { text: 'Blocked.' },
    });
    expect((await answerer().answer({ question: 'x' })).guardrail.action).toBe('INTERVENED');
  });

  it("sends the profile's prompt and recognises its no-answer message as not covered", async () => {
    // Prepare: another subject's profile, and Bedrock answering with that profile's message
    const profile = loadAssistantProfile('test/fixtures/library-handbook/profile.json');
    agentRuntime.on(RetrieveAndGenerateCommand).resolves({
      output: { text: profile.noAnswerMessage },
      sessionId: SESSION_ID,
      citations: [],
      $metadata: {},
    });

    // Act
    const result = await answerer({ profile }).answer({ question: 'What is Amazon Bedrock?' });

    // Assess
    const input = agentRuntime.commandCalls(RetrieveAndGenerateCommand)[0]?.args[0].input;
    expect(
      input?.retrieveAndGenerateConfiguration?.knowledgeBaseConfiguration?.generationConfiguration
        ?.promptTemplate?.textPromptTemplate,
    ).toBe(promptTemplateOf(profile));
    expect(result).toMatchObject({ noAnswer: true, citations: [] });
  });

  it('keeps answers without citations intact and places markers when span end is exclusive', () => {
    expect(mapCitations('No sources here.', undefined)).toMatchObject({
      answer: 'No sources here.',
      citations: [],
    });
    const text = 'Alpha beta. Gamma.';
    const mapped = mapCitations(text, [
      {
        generatedResponsePart: { textResponsePart: { text: 'Alpha beta.', span: { start: 0, end: 11 } } },
        retrievedReferences: [{ content: { text: 'a' }, metadata: { source: 'x.txt' } }],
      },
    ]);
    expect(mapped.answer).toBe('Alpha beta. [1] Gamma.');
    expect(mapped.citations[0]?.title).toBe('x.txt');
    expect(answerText.length).toBeGreaterThan(0);
  });
});

describe('Bedrock answerer: streaming', () => {
  async function collect(events: AsyncIterable<AnswerEvent>) {
    const out: AnswerEvent[] = [];
    for await (const event of events) out.push(event);
    return out;
  }

  it('turns output, citation and guardrail events into delta, citation, guardrail and done', async () => {
    agentRuntime.on(RetrieveAndGenerateStreamCommand).resolves({
      $metadata: {},
      sessionId: SESSION_ID,
      stream: asStream([...streamEvents(), { guardrail: { action: 'INTERVENED' } }]),
    });
    const events = await collect(
      answerer().stream?.({ question: 'What does temperature control?' }) ?? asStream([]),
    );
    expect(events.map((event) => event.type)).toEqual([
      'delta',
      'delta',
      'citation',
      'delta',
      'guardrail',
      'done',
    ]);
    const done = events.at(-1);
    expect(done?.type === 'done' && done.result).toMatchObject({
      answer: 'Temperature controls how creative the model is. [1]',
      sessionId: SESSION_ID,
      guardrail: { action: 'INTERVENED' },
      citations: [{ id: 1, source: 'aif-c01-course-slides.txt' }],
    });
    expect(agentRuntime.commandCalls(RetrieveAndGenerateStreamCommand)[0]?.args[0].input.input).toEqual({
      text: 'What does temperature control?',
    });
  });

  it('skips empty output chunks, $unknown members and event types it does not know', async () => {
    // Prepare
    agentRuntime.on(RetrieveAndGenerateStreamCommand).resolves({
      $metadata: {},
      sessionId: SESSION_ID,
      stream: asStream<RetrieveAndGenerateStreamResponseOutput>([
        { output: {} } as never,
        { output: { text: 'Temperature controls how ' } },
        { output: { text: '' } },
        { $unknown: ['futureEvent', { detail: 'x' }] },
        { futureEvent: { detail: 'y' } } as never,
        ...streamEvents().slice(1),
      ]),
    });
    // Act
    const events = await collect(
      answerer().stream?.({ question: 'What does temperature control?' }) ?? asStream([]),
    );
    // Assess
    expect(events.map((event) => event.type)).toEqual(['delta', 'delta', 'citation', 'delta', 'done']);
    const done = events.at(-1);
    expect(done?.type === 'done' && done.result.answer).toBe(
      'Temperature controls how creative the model is. [1]',
    );
  });

  it('ends with a mapped error when the stream carries an exception', async () => {
    agentRuntime.on(RetrieveAndGenerateStreamCommand).resolves({
      $metadata: {},
      sessionId: SESSION_ID,
      stream: asStream([
        { output: { text: 'Partial' } },
        {
          throttlingException: {
            name: 'ThrottlingException',
            message: 'Rate exceeded',
            $fault: 'client',
            $metadata: {},
          } as never,
        },
      ]),
    });
    await expect(collect(answerer().stream?.({ question: 'q' }) ?? asStream([]))).rejects.toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
    });
  });
});

describe('Bedrock errors become typed HTTP errors', () => {
  const IDENTIFIERS = /KBID123456|gr-abc123|123456789012|arn:aws|eu-west-1|internal detail/;

  it.each([
    ['ThrottlingException', 'Rate exceeded', 429, 'RATE_LIMITED', /throttling/],
    ['ServiceQuotaExceededException', 'Quota', 429, 'RATE_LIMITED', /throttling/],
    [
      'AccessDeniedException',
      'User: arn:aws:sts::123456789012:assumed-role/Api/x is not authorized to perform: bedrock:RetrieveAndGenerate',
      502,
      'UPSTREAM_ERROR',
      /bedrock:RetrieveAndGenerate and bedrock:Rerank granted on "\*".*bedrock:Retrieve on the knowledge base/,
    ],
    [
      'AccessDeniedException',
      "You don't have access to the model with the specified model ID.",
      502,
      'UPSTREAM_ERROR',
      /Model access/,
    ],
    [
      'ValidationException',
      'Invocation of model ID amazon.nova-lite-v1:0 with on-demand throughput isn’t supported. Retry with an inference profile.',
      502,
      'UPSTREAM_ERROR',
      /inference-profile ARN/,
    ],
    [
      'ResourceNotFoundException',
      'Knowledge base KBID123456 not found',
      502,
      'UPSTREAM_ERROR',
      /KNOWLEDGE_BASE_ID, GUARDRAIL_ID, GUARDRAIL_VERSION and MODEL_ARN.*AWS_REGION/,
    ],
    [
      'ValidationException',
      'Input text exceeds the maximum length for KBID123456 (internal detail)',
      400,
      'VALIDATION_ERROR',
      /rejected the request as invalid/,
    ],
    [
      'ValidationException',
      'Session with Id abc is not valid. Please check and try again.',
      400,
      'VALIDATION_ERROR',
      /sessionId/,
    ],
    ['InternalServerException', 'boom', 503, 'SERVICE_UNAVAILABLE', /temporarily unavailable/],
    ['ModelTimeoutException', 'slow', 503, 'SERVICE_UNAVAILABLE', /temporarily unavailable/],
    ['SomethingNewException', 'internal detail 42', 502, 'UPSTREAM_ERROR', /request failed/],
  ])('%s (%s) -> %i %s, without identifiers or upstream text', async (name, message, status, code, text) => {
    // Prepare
    agentRuntime.on(RetrieveAndGenerateCommand).rejects(serviceError(name, message));
    // Act
    const error = await answerer()
      .answer({ question: 'q' })
      .catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status, code });
    expect((error as AppError).message).toMatch(text);
    expect((error as AppError).message).not.toMatch(IDENTIFIERS);
    expect((error as AppError).message).not.toContain(message);
  });

  it('keeps the upstream name, message, request id and resource ids for the logs', async () => {
    // Prepare
    agentRuntime
      .on(RetrieveAndGenerateCommand)
      .rejects(serviceError('AccessDeniedException', 'not authorized for KBID123456', 403));
    // Act
    const error = (await answerer()
      .answer({ question: 'q' })
      .catch((caught: unknown) => caught)) as AppError;
    // Assess
    expect(error.logDetail).toMatchObject({
      upstreamError: 'AccessDeniedException',
      upstreamMessage: 'not authorized for KBID123456',
      upstreamStatus: 403,
      awsRequestId: 'c0ffee00-0000-4000-8000-000000000001',
      operation: 'RetrieveAndGenerate',
      knowledgeBaseId: 'KBID123456',
      modelArn: MODEL_ARN,
      guardrailId: 'gr-abc123',
      region: 'eu-west-1',
    });
  });

  it('masks PII that Bedrock echoes back before it reaches the logs', () => {
    // Act
    const error = mapBedrockError(
      serviceError(
        'ValidationException',
        "Value 'mail jane@example.com' at 'input.text' failed to satisfy constraint",
      ),
    );
    // Assess
    expect(error.logDetail?.upstreamMessage).toBe(
      "Value 'mail {EMAIL}' at 'input.text' failed to satisfy constraint",
    );
  });

  it('asks clients to wait on throttling', () => {
    expect(mapBedrockError(serviceError('ThrottlingException', 'x')).retryAfterSeconds).toBe(5);
  });
});

describe('Bedrock retriever', () => {
  it('sends Retrieve with k and filters and maps results best first', async () => {
    agentRuntime.on(RetrieveCommand).resolves(retrieveOutput);
    const retriever = createBedrockRetriever({
      client: new BedrockAgentRuntimeClient({ region: 'eu-west-1' }),
      knowledgeBaseId: 'KBID123456',
    });
    const passages = await retriever.retrieve({
      query: 'temperature',
      k: 2,
      filters: { sourceKind: 'study-notes' },
    });
    expect(agentRuntime.commandCalls(RetrieveCommand)[0]?.args[0].input).toEqual({
      knowledgeBaseId: 'KBID123456',
      retrievalQuery: { text: 'temperature' },
      retrievalConfiguration: {
        vectorSearchConfiguration: {
          numberOfResults: 2,
          filter: { equals: { key: 'sourceKind', value: 'study-notes' } },
        },
      },
    });
    expect(passages).toEqual([
      {
        source: 'aif-c01-course-slides.txt',
        title: 'AWS Certified AI Practitioner (AIF-C01) course slides',
        text: expect.stringContaining('creative ability'),
        score: 0.7123,
      },
      {
        source: 'skill-builder-course-notes.txt',
        title: 'AWS Skill Builder course notes',
        text: expect.any(String),
        score: 0.6544,
      },
    ]);
  });
});

describe('Bedrock input guardrail (ApplyGuardrail)', () => {
  const guardrail = () =>
    createBedrockGuardrail({
      client: new BedrockRuntimeClient({ region: 'eu-west-1' }),
      guardrailId: 'gr-abc123',
      guardrailVersion: '3',
    });

  it('sends the text as INPUT and passes clean text', async () => {
    runtime.on(ApplyGuardrailCommand).resolves(guardrailPassOutput);
    expect(await guardrail().check({ source: 'INPUT', text: 'What is RAG?' })).toEqual({
      action: 'NONE',
      blocked: false,
      text: 'What is RAG?',
      reasons: [],
    });
    expect(runtime.commandCalls(ApplyGuardrailCommand)[0]?.args[0].input).toEqual({
      guardrailIdentifier: 'gr-abc123',
      guardrailVersion: '3',
      source: 'INPUT',
      content: [{ text: { text: 'What is RAG?' } }],
    });
  });

  it('maps topic assessments to a block with our reason names', async () => {
    runtime.on(ApplyGuardrailCommand).resolves(guardrailTopicBlockOutput);
    expect(await guardrail().check({ source: 'INPUT', text: 'Should I buy stock?' })).toMatchObject({
      blocked: true,
      reasons: ['topic:Financial advice'],
      action: 'INTERVENED',
    });
  });

  it('uses the masked text for anonymised PII without blocking', async () => {
    runtime.on(ApplyGuardrailCommand).resolves(guardrailPiiMaskOutput);
    expect(
      await guardrail().check({ source: 'INPUT', text: 'My email is jane@example.com, what is RAG?' }),
    ).toEqual({
      action: 'INTERVENED',
      blocked: false,
      text: 'My email is {EMAIL}, what is RAG?',
      reasons: ['pii:EMAIL:ANONYMIZED'],
    });
  });

  it('qualifies grounding sources and query for output checks', async () => {
    runtime.on(ApplyGuardrailCommand).resolves({
      ...guardrailPassOutput,
      action: 'GUARDRAIL_INTERVENED',
      outputs: [{ text: 'blocked' }],
      assessments: [
        {
          contextualGroundingPolicy: {
            filters: [{ type: 'GROUNDING', threshold: 0.75, score: 0.31, action: 'BLOCKED', detected: true }],
          },
        },
      ],
    });
    const verdict = await guardrail().check({
      source: 'OUTPUT',
      text: 'answer',
      groundingSources: ['src'],
      query: 'q',
    });
    expect(verdict).toMatchObject({ blocked: true, reasons: ['grounding:GROUNDING:0.31<0.75'] });
    expect(runtime.commandCalls(ApplyGuardrailCommand)[0]?.args[0].input.content).toEqual([
      { text: { text: 'src', qualifiers: ['grounding_source'] } },
      { text: { text: 'q', qualifiers: ['query'] } },
      { text: { text: 'answer', qualifiers: ['guard_content'] } },
    ]);
  });

  it('maps guardrail errors too, naming the setting to check but not the guardrail id', async () => {
    // Prepare
    runtime
      .on(ApplyGuardrailCommand)
      .rejects(serviceError('ResourceNotFoundException', 'Guardrail gr-abc123 not found'));
    // Act
    const error = (await guardrail()
      .check({ source: 'INPUT', text: 'x' })
      .catch((caught: unknown) => caught)) as AppError;
    // Assess
    expect(error).toMatchObject({ status: 502, message: expect.stringContaining('GUARDRAIL_ID') });
    expect(error.message).not.toContain('gr-abc123');
    expect(error.logDetail).toMatchObject({ operation: 'ApplyGuardrail', guardrailId: 'gr-abc123' });
  });
});

describe('prompt template', () => {
  it('comes from the profile and must contain $search_results$', () => {
    expect(() =>
      parseAssistantProfile({ ...courseNotesProfile, promptTemplate: 'Answer: $query$' }, 'p.json'),
    ).toThrow(/promptTemplate: must contain \$search_results\$/);
    expect(promptTemplateOf(courseNotesProfile)).toContain('$search_results$');
    expect(promptTemplateOf(courseNotesProfile)).toContain(courseNotesProfile.noAnswerMessage);
  });
});

describe('Bedrock settings', () => {
  const bedrock = {
    ENGINE: 'bedrock',
    KNOWLEDGE_BASE_ID: 'KB1234567A',
    MODEL_ARN: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
    GUARDRAIL_ID: 'g',
    GUARDRAIL_VERSION: '1',
  };

  it('rejects SEARCH_TYPE=HYBRID at start-up, saying S3 Vectors searches SEMANTIC only', () => {
    // Act / Assess
    expect(() => readRuntimeConfig({ ...bedrock, SEARCH_TYPE: 'HYBRID' })).toThrow(
      /SEARCH_TYPE=HYBRID is not supported: .*S3 Vectors.*SEMANTIC only/,
    );
    expect(readRuntimeConfig({ ...bedrock, SEARCH_TYPE: 'SEMANTIC' }).SEARCH_TYPE).toBe('SEMANTIC');
  });

  it('has BEDROCK_MAX_ATTEMPTS beside BEDROCK_TIMEOUT_MS, bounded, within a 60 s Lambda by default', () => {
    // Act
    const config = readRuntimeConfig(bedrock);
    // Assess
    expect(config).toMatchObject({ BEDROCK_TIMEOUT_MS: 15_000, BEDROCK_MAX_ATTEMPTS: 3 });
    expect(worstCaseBedrockCallMs(config.BEDROCK_TIMEOUT_MS, config.BEDROCK_MAX_ATTEMPTS)).toBe(58_000);
    expect(readRuntimeConfig({ ...bedrock, BEDROCK_MAX_ATTEMPTS: '1' }).BEDROCK_MAX_ATTEMPTS).toBe(1);
    expect(() => readRuntimeConfig({ ...bedrock, BEDROCK_MAX_ATTEMPTS: '0' })).toThrow(
      /BEDROCK_MAX_ATTEMPTS/,
    );
    expect(() => readRuntimeConfig({ ...bedrock, BEDROCK_MAX_ATTEMPTS: '11' })).toThrow(
      /BEDROCK_MAX_ATTEMPTS/,
    );
    expect(() => readRuntimeConfig({ ...bedrock, BEDROCK_TIMEOUT_MS: '300001' })).toThrow(
      /BEDROCK_TIMEOUT_MS/,
    );
  });

  it('builds the HTTP/2 handler deliberately: per-attempt timeout, session timeout, one session per request', async () => {
    // Act
    const clients = createBedrockClients({ region: 'us-east-1', requestTimeoutMs: 1234, maxAttempts: 2 });
    // Assess
    for (const client of [clients.agentRuntime, clients.runtime]) {
      const handler = client.config.requestHandler as unknown as {
        metadata: { handlerProtocol: string };
        configProvider: Promise<Record<string, unknown>>;
      };
      expect(handler.metadata.handlerProtocol).toBe('h2');
      expect(await handler.configProvider).toEqual({
        requestTimeout: 1234,
        sessionTimeout: 1234,
        disableConcurrentStreams: true,
      });
      expect(await client.config.maxAttempts()).toBe(2);
      expect(((await client.config.retryStrategy()) as { mode?: string }).mode).toBe('standard');
    }
  });
});
