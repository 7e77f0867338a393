import { parseArgs } from 'node:util';
import type { AskQuery, AskResponse } from '../../shared/domain.js';
import { loadAssistantProfile } from '../../shared/profile/assistant-profile.js';
import { askRequestSchema } from '../api/http/request-schemas.js';
import { createHttpClient, createInProcessClient } from './api-client.js';

const USAGE = `Usage: npm run ask -- [options] "your question"

Options:
  --json              print the raw JSON response
  --endpoint URL      ask a running server or deployed API instead of the in-process engine
  --api-key KEY       API key for --endpoint (sent as x-api-key)
  --session ID        continue a conversation on a server (needs --endpoint: sessions live there)
  --k N               passages to retrieve (1-20)
  --source FILE       only search this corpus file (its path in the corpus folder)
  --topic TOPIC       only search documents with this metadata topic
  -h, --help          show this help

Options are checked like a POST /v1/ask body (docs/own-documents.md). The in-process engine
reads CORPUS_DIR and PROFILE like the server.

Example: npm run ask -- "${loadAssistantProfile(process.env.PROFILE).exampleQuestions[0]}"`;

/**
 * Renders an answer and its numbered sources for a terminal. The session id is shown only when
 * a server keeps the session (`withSession`), since only then can `--session` continue it.
 */
export function formatAnswer(response: AskResponse, withSession = true): string {
  const lines = [response.answer, ''];
  if (response.guardrail.action === 'INTERVENED') {
    lines.push(`Guardrail intervened: ${(response.guardrail.reasons ?? []).join(', ')}`, '');
  }
  if (response.citations.length > 0) {
    lines.push('Sources:');
    for (const citation of response.citations) {
      const excerpt = citation.excerpt.replace(/\s+/g, ' ').slice(0, 160);
      lines.push(
        `  [${citation.id}] ${citation.title} (${citation.source})`,
        `      "${excerpt}${citation.excerpt.length > 160 ? '…' : ''}"`,
      );
    }
    lines.push('');
  }
  const session = withSession ? `session ${response.sessionId} · ` : '';
  lines.push(`${session}${response.engine} engine · ${response.latencyMs} ms`);
  return lines.join('\n');
}

/** Stops with a message and the usage (exit 2: the command line is wrong). */
function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function readArguments(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        endpoint: { type: 'string' },
        'api-key': { type: 'string' },
        session: { type: 'string' },
        k: { type: 'string' },
        source: { type: 'string' },
        topic: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
}

/**
 * The question and options as a `POST /v1/ask` body, checked by the HTTP route's own schema:
 * what the API answers 400 to, the CLI refuses with the same message.
 */
function toAskQuery(values: ReturnType<typeof readArguments>['values'], question: string): AskQuery {
  const filters = {
    ...(values.source !== undefined ? { source: values.source } : {}),
    ...(values.topic !== undefined ? { topic: values.topic } : {}),
  };
  const parsed = askRequestSchema.safeParse({
    question,
    ...(values.session !== undefined ? { sessionId: values.session } : {}),
    ...(values.k !== undefined ? { k: values.k.trim() === '' ? Number.NaN : Number(values.k) } : {}),
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    });
    return usageError(problems.join('\n'));
  }
  const { question: text, sessionId, filters: validFilters, k } = parsed.data;
  return {
    question: text,
    ...(sessionId ? { sessionId } : {}),
    ...(validFilters && Object.keys(validFilters).length > 0 ? { filters: validFilters } : {}),
    ...(k !== undefined ? { k } : {}),
  };
}

async function main(): Promise<void> {
  const { values, positionals } = readArguments(process.argv.slice(2));
  const question = positionals.join(' ');
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!question.trim()) usageError('Give a question.');
  const query = toAskQuery(values, question);
  if (query.sessionId && !values.endpoint) {
    // Sessions live in the server's memory; the in-process engine is built afresh on every run.
    usageError(
      '--session needs a server: without --endpoint every run builds a new in-process engine with no earlier conversation to continue. Start one with `npm start` and add --endpoint http://localhost:3000 (each answer prints its session id).',
    );
  }
  const client = values.endpoint
    ? createHttpClient(values.endpoint, values['api-key'])
    : await createInProcessClient();
  const response = await client.ask(query);
  console.log(
    values.json ? JSON.stringify(response, null, 2) : formatAnswer(response, Boolean(values.endpoint)),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
