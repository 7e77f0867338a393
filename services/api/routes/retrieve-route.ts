import { Hono } from 'hono';
import type { Guardrail, Retriever } from '../../../shared/ports.js';
import { readJsonBody } from '../http/read-json-body.js';
import { retrieveRequestSchema } from '../http/request-schemas.js';
import type { AppEnv } from './app-env.js';

/**
 * `POST /v1/retrieve`: ranked passages (mirrors Bedrock Retrieve). The input guardrail runs
 * first because no generation step (and so no built-in guardrail) follows.
 */
export function retrieveRoute(retriever: Retriever, guardrail: Guardrail) {
  return new Hono<AppEnv>().post('/', async (c) => {
    const request = await readJsonBody(c, retrieveRequestSchema);
    const verdict = await guardrail.check({ source: 'INPUT', text: request.query });
    if (verdict.blocked) {
      return c.json({ results: [], guardrail: { action: verdict.action, reasons: verdict.reasons } });
    }
    const passages = await retriever.retrieve({
      query: verdict.text,
      ...(request.k !== undefined ? { k: request.k } : {}),
      ...(request.filters ? { filters: request.filters } : {}),
    });
    const results = passages.map(({ source, title, text, score }) => ({ source, title, text, score }));
    return c.json(
      verdict.action === 'INTERVENED'
        ? { results, guardrail: { action: verdict.action, reasons: verdict.reasons } }
        : { results },
    );
  });
}
