import { describe, expect, it } from 'vitest';
import { createApp } from '../../services/api/create-app.js';
import type { AnswerResult, AskQuery } from '../../shared/domain.js';
import { createLocalGuardrail } from '../../shared/guardrail/create-local-guardrail.js';
import { guardrailPolicy } from '../../shared/guardrail/guardrail-policy.js';
import { silentLogger } from '../../shared/observability/app-logger.js';
import { createMemoryRecorder } from '../../shared/observability/invocation-record.js';
import type { Answerer } from '../../shared/ports.js';
import { postJson } from '../fixtures/local-app.js';

/** An answerer that holds every answer until the test releases it, and counts answers in progress per question prefix. */
function heldAnswerer() {
  const waiting: (() => void)[] = [];
  const inProgress = new Map<string, number>();
  const most = new Map<string, number>();
  const answerer: Answerer = {
    modelId: 'held',
    appliesGuardrail: false,
    async answer(query: AskQuery): Promise<AnswerResult> {
      const who = query.question.split(' ')[0] as string;
      inProgress.set(who, (inProgress.get(who) ?? 0) + 1);
      most.set(who, Math.max(most.get(who) ?? 0, inProgress.get(who) ?? 0));
      await new Promise<void>((resolve) => waiting.push(resolve));
      inProgress.set(who, (inProgress.get(who) ?? 1) - 1);
      return {
        answer: 'Held answer [1].',
        citations: [{ id: 1, source: 'notes.txt', title: 'Notes', excerpt: 'Held.', score: 0.9 }],
        guardrail: { action: 'NONE' },
        sessionId: 's',
        noAnswer: false,
        context: [{ source: 'notes.txt', title: 'Notes', text: 'Held answer.', score: 0.9 }],
        usage: { inputTokens: 1, outputTokens: 1, estimated: true },
        modelId: 'held',
      };
    },
  };
  return {
    answerer,
    inProgress: (who: string) => inProgress.get(who) ?? 0,
    most: (who: string) => most.get(who) ?? 0,
    releaseAll: () => {
      for (const release of waiting.splice(0)) release();
    },
  };
}

const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

function appWith(answerer: Answerer) {
  return createApp({
    engine: 'local',
    answerer,
    guardrail: createLocalGuardrail({ policy: guardrailPolicy }),
    recorder: createMemoryRecorder(),
    retriever: { retrieve: async () => [] },
    health: () => ({ documents: 0, chunks: 0 }),
    logger: silentLogger,
  });
}

describe('fair share between clients', () => {
  it('answers one request per client at a time, queues 32 more, refuses the rest with 429, and serves others meanwhile', async () => {
    // Prepare
    const held = heldAnswerer();
    const app = appWith(held.answerer);

    // Act: 40 requests at once from one address, then one from another
    const flood = Array.from({ length: 40 }, () =>
      app.request(...postJson('/v1/ask', { question: 'alpha what is RAG?' }), from('10.0.0.1')),
    );
    await tick();
    const other = app.request(...postJson('/v1/ask', { question: 'beta what is RAG?' }), from('10.0.0.2'));
    await tick();
    const inProgress = { alpha: held.inProgress('alpha'), beta: held.inProgress('beta') };
    const settled = await Promise.race([Promise.all(flood.slice(33)), tick().then(() => undefined)]);
    for (let round = 0; round < 40; round++) {
      held.releaseAll();
      await tick();
    }
    const statuses = await Promise.all(flood.map(async (response) => (await response).status));

    // Assess
    expect(inProgress).toEqual({ alpha: 1, beta: 1 });
    expect(settled?.map((response) => response.status)).toEqual(Array(7).fill(429));
    expect(statuses.filter((status) => status === 200)).toHaveLength(33);
    expect(held.most('alpha')).toBe(1);
    expect((await other).status).toBe(200);
  });

  it('keeps the turn until a streamed (SSE) answer has ended', async () => {
    // Prepare
    const held = heldAnswerer();
    const app = appWith(held.answerer);

    // Act: a stream, then a JSON request, from one address
    // (The stream's response starts with its first event, which the held answerer holds back.)
    const stream = app.request(
      ...postJson('/v1/ask', { question: 'gamma stream' }, { accept: 'text/event-stream' }),
      from('10.0.0.3'),
    );
    const text = Promise.resolve(stream).then((response) => response.text());
    const json = app.request(...postJson('/v1/ask', { question: 'gamma json' }), from('10.0.0.3'));
    await tick();
    const whileStreaming = held.inProgress('gamma');
    for (let round = 0; round < 5; round++) {
      held.releaseAll();
      await tick();
    }

    // Assess
    expect(whileStreaming).toBe(1);
    expect(held.most('gamma')).toBe(1);
    expect(await text).toContain('event: done');
    expect((await json).status).toBe(200);
  });
});
