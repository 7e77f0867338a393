import type { AnswerEvent, AnswerResult, AskQuery } from '../domain.js';
import type { Answerer } from '../ports.js';

/** A fake answerer for tests: returns a fixed result, or throws the given error. */
export function createScriptedAnswerer(
  script: {
    result?: Partial<AnswerResult>;
    error?: unknown;
    appliesGuardrail?: boolean;
    streamEvents?: AnswerEvent[];
  } = {},
): Answerer & { calls: AskQuery[] } {
  const calls: AskQuery[] = [];
  const result = (query: AskQuery): AnswerResult => ({
    answer: 'Scripted answer [1].',
    citations: [{ id: 1, source: 'notes.txt', title: 'Notes', excerpt: 'Scripted answer.', score: 0.9 }],
    guardrail: { action: 'NONE' },
    sessionId: query.sessionId ?? 'scripted-session',
    noAnswer: false,
    context: [{ source: 'notes.txt', title: 'Notes', text: 'Scripted answer.', score: 0.9 }],
    usage: { inputTokens: 10, outputTokens: 3, estimated: false },
    modelId: 'scripted',
    ...script.result,
  });
  const answerer: Answerer & { calls: AskQuery[] } = {
    calls,
    modelId: 'scripted',
    appliesGuardrail: script.appliesGuardrail ?? false,
    async answer(query) {
      calls.push(query);
      if (script.error) throw script.error;
      return result(query);
    },
  };
  if (script.streamEvents) {
    const events = script.streamEvents;
    answerer.stream = async function* (query) {
      calls.push(query);
      for (const event of events) {
        if (event.type === 'done' && script.error) throw script.error;
        yield event;
      }
    };
  }
  return answerer;
}
