import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { type AskDependencies, askQuestion, streamQuestion } from '../../../shared/ask/ask-question.js';
import type { AskQuery } from '../../../shared/domain.js';
import { ClientClosedRequestError } from '../../../shared/errors.js';
import type { AppLogger } from '../../../shared/observability/app-logger.js';
import { clientClosed, errorBody, logFailure, toAppError } from '../http/error-response.js';
import { readJsonBody } from '../http/read-json-body.js';
import { askRequestSchema } from '../http/request-schemas.js';
import type { AppEnv } from './app-env.js';

function toQuery(request: {
  question: string;
  sessionId?: string | undefined;
  filters?: AskQuery['filters'];
  k?: number | undefined;
}): AskQuery {
  const query: AskQuery = { question: request.question };
  if (request.sessionId) query.sessionId = request.sessionId;
  if (request.filters && Object.keys(request.filters).length > 0) query.filters = request.filters;
  if (request.k !== undefined) query.k = request.k;
  return query;
}

/** `POST /v1/ask`: JSON by default, Server-Sent Events with `Accept: text/event-stream`. */
export function askRoute(deps: AskDependencies, logger: AppLogger) {
  return new Hono<AppEnv>().post('/', async (c) => {
    const query = toQuery(await readJsonBody(c, askRequestSchema));
    const context = { requestId: c.get('requestId'), channel: 'http' as const };
    if (!(c.req.header('accept') ?? '').includes('text/event-stream')) {
      const { response } = await askQuestion(deps, query, context);
      return c.json(response);
    }
    // Wait for the first event before committing to a 200 stream: a failure before any answer
    // (throttling, access denied) then gets its proper status, e.g. 429 with Retry-After.
    const events = streamQuestion(deps, query, context)[Symbol.asyncIterator]();
    const first = await events.next();
    return streamSSE(c, async (stream) => {
      try {
        for (let next = first; !next.done; next = await events.next()) {
          const event = next.value;
          if (event.type === 'citation')
            await stream.writeSSE({ event: 'citation', data: JSON.stringify(event.citation) });
          else if (event.type === 'delta')
            await stream.writeSSE({ event: 'delta', data: JSON.stringify({ text: event.text }) });
          else if (event.type === 'guardrail')
            await stream.writeSSE({ event: 'guardrail', data: JSON.stringify(event.guardrail) });
          else if (event.type === 'response')
            await stream.writeSSE({ event: 'done', data: JSON.stringify(event.response) });
        }
      } catch (error) {
        const appError = clientClosed(c) ? new ClientClosedRequestError() : toAppError(error);
        logFailure(logger, c, appError, error, context.requestId);
        if (appError instanceof ClientClosedRequestError) return;
        await stream.writeSSE({
          event: 'error',
          data: JSON.stringify(errorBody(appError, context.requestId)),
        });
      }
    });
  });
}
