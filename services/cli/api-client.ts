import { askQuestion } from '../../shared/ask/ask-question.js';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import type { AskQuery, AskResponse, Passage, RetrieveQuery } from '../../shared/domain.js';
import { createMemoryRecorder } from '../../shared/observability/invocation-record.js';
import { createLocalDependencies } from '../api/local-deps.js';

/** What the CLI tools need from the service, in process or over HTTP. */
export interface ApiClient {
  readonly target: string;
  ask(query: AskQuery): Promise<AskResponse>;
  retrieve(query: RetrieveQuery): Promise<Passage[]>;
  /** In process only: the answer and the passages it was built from. */
  askWithContext?(query: AskQuery): Promise<{ response: AskResponse; context: Passage[] }>;
}

/** A failed HTTP call, with the contract's error code when the server sent one. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

/** Talks to a running server or a deployed API (`x-api-key`, as API Gateway expects). */
export function createHttpClient(endpoint: string, apiKey?: string): ApiClient {
  const base = endpoint.replace(/\/+$/, '');
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (apiKey) headers['x-api-key'] = apiKey;
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    } catch (error) {
      throw new ApiClientError(
        0,
        'UNREACHABLE',
        `Cannot reach ${base} (${(error as Error).message}). Is the server running?`,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      let code = 'HTTP_ERROR';
      let message = text.slice(0, 300);
      try {
        const parsed = JSON.parse(text) as { error?: { code?: string; message?: string }; message?: string };
        code = parsed.error?.code ?? code;
        message = parsed.error?.message ?? parsed.message ?? message;
      } catch {}
      throw new ApiClientError(response.status, code, `${response.status} ${code}: ${message}`);
    }
    return JSON.parse(text) as T;
  };
  return {
    target: base,
    ask: (query) => post<AskResponse>('/v1/ask', query),
    retrieve: async (query) => (await post<{ results: Passage[] }>('/v1/retrieve', query)).results,
  };
}

/** Runs the offline engine in this process (no server needed); records stay in memory. */
export async function createInProcessClient(env: NodeJS.ProcessEnv = process.env): Promise<ApiClient> {
  const deps = await createLocalDependencies(readRuntimeConfig(env), createMemoryRecorder());
  let requests = 0;
  const askWithContext = async (query: AskQuery) => {
    const { response, result } = await askQuestion(deps, query, {
      requestId: `cli-${++requests}`,
      channel: 'cli',
    });
    return { response, context: result.context };
  };
  return {
    target: 'in-process offline engine',
    ask: async (query) => (await askWithContext(query)).response,
    retrieve: (query) => deps.retriever.retrieve(query),
    askWithContext,
  };
}
