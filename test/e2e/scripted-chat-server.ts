import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../services/api/create-app.js';
import { WEB_ROOT } from '../../services/api/deps.js';
import type { AnswerEvent, AnswerResult, AskQuery, Citation, GuardrailReport } from '../../shared/domain.js';
import { silentLogger } from '../../shared/observability/app-logger.js';
import { createMemoryRecorder } from '../../shared/observability/invocation-record.js';
import type { Answerer } from '../../shared/ports.js';
import { courseNotesProfile } from '../../shared/profile/assistant-profile.js';

/** What the scripted engine streams for one question. */
export interface ScriptedTurn {
  citations?: Citation[];
  /** Answer pieces, streamed in order (the answer is their concatenation). */
  deltas: string[];
  guardrail?: GuardrailReport;
  /** Pause before each delta, to watch progress and stop an answer mid-stream. */
  delayMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The real app (routes, SSE, chat page) with an answerer that streams scripted answers, looked
 * up by question, like Bedrock's native stream: it is how a browser test shows the page an
 * answer the offline engine never writes (Markdown, math, hostile HTML).
 */
export async function startScriptedChatServer(
  scripts: Record<string, ScriptedTurn>,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const scriptOf = (query: AskQuery): ScriptedTurn => {
    const script = scripts[query.question];
    if (!script) throw new Error(`No script for ${JSON.stringify(query.question)}`);
    return script;
  };
  const resultOf = (query: AskQuery, script: ScriptedTurn): AnswerResult => ({
    answer: script.deltas.join(''),
    citations: script.citations ?? [],
    guardrail: script.guardrail ?? { action: 'NONE' },
    sessionId: query.sessionId ?? 'scripted-session',
    noAnswer: false,
    context: [],
    usage: { inputTokens: 1, outputTokens: 1, estimated: true },
    modelId: 'scripted',
  });
  const answerer: Answerer = {
    modelId: 'scripted',
    appliesGuardrail: true,
    answer: async (query) => resultOf(query, scriptOf(query)),
    async *stream(query): AsyncGenerator<AnswerEvent> {
      const script = scriptOf(query);
      for (const citation of script.citations ?? []) yield { type: 'citation', citation };
      for (const text of script.deltas) {
        if (script.delayMs) await sleep(script.delayMs);
        yield { type: 'delta', text };
      }
      if (script.guardrail?.action === 'INTERVENED') yield { type: 'guardrail', guardrail: script.guardrail };
      yield { type: 'done', result: resultOf(query, script) };
    },
  };
  const app = createApp({
    engine: 'local',
    answerer,
    guardrail: {
      check: async (input) => ({ action: 'NONE', blocked: false, text: input.text, reasons: [] }),
    },
    recorder: createMemoryRecorder(),
    retriever: { retrieve: async () => [] },
    health: () => ({ documents: 0, chunks: 0 }),
    webRoot: WEB_ROOT,
    profile: courseNotesProfile,
    logger: silentLogger,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
