import { parseArgs } from 'node:util';
import type { AskResponse } from '../../shared/domain.js';
import { loadAssistantProfile } from '../../shared/profile/assistant-profile.js';
import { createHttpClient, createInProcessClient } from './api-client.js';

const USAGE = `Usage: npm run ask -- [options] "your question"

Options:
  --json              print the raw JSON response
  --endpoint URL      ask a running server or deployed API instead of the in-process engine
  --api-key KEY       API key for --endpoint (sent as x-api-key)
  --session ID        continue a conversation (use the sessionId of an earlier answer)
  --k N               passages to retrieve (1-20)
  --source FILE       only search this corpus file
  --topic TOPIC       only search documents with this metadata topic

Example: npm run ask -- "${loadAssistantProfile(process.env.PROFILE).exampleQuestions[0]}"`;

/** Renders an answer and its numbered sources for a terminal. */
export function formatAnswer(response: AskResponse): string {
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
  lines.push(`session ${response.sessionId} · ${response.engine} engine · ${response.latencyMs} ms`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
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
  const question = positionals.join(' ').trim();
  if (values.help || !question) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const client = values.endpoint
    ? createHttpClient(values.endpoint, values['api-key'])
    : await createInProcessClient();
  const filters = {
    ...(values.source ? { source: values.source } : {}),
    ...(values.topic ? { topic: values.topic } : {}),
  };
  const response = await client.ask({
    question,
    ...(values.session ? { sessionId: values.session } : {}),
    ...(values.k ? { k: Number(values.k) } : {}),
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
  });
  console.log(values.json ? JSON.stringify(response, null, 2) : formatAnswer(response));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
