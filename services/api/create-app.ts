import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import type { AskDependencies } from '../../shared/ask/ask-question.js';
import { MethodNotAllowedError, NotFoundError } from '../../shared/errors.js';
import type { Retriever } from '../../shared/ports.js';
import { type AssistantProfile, courseNotesProfile } from '../../shared/profile/assistant-profile.js';
import { requireApiKey } from './http/auth.js';
import { bodySizeLimit } from './http/body-size-limit.js';
import { respondWithError } from './http/error-response.js';
import { rateLimit } from './http/rate-limit.js';
import { MAX_BODY_BYTES } from './http/request-schemas.js';
import type { AppEnv } from './routes/app-env.js';
import { askRoute } from './routes/ask-route.js';
import { retrieveRoute } from './routes/retrieve-route.js';
import { type SlackRouteDependencies, slackRoute } from './routes/slack-route.js';
import { webRoute } from './routes/web-route.js';

/** Everything the HTTP app needs; built by a composition root (`deps.ts`). */
export interface AppDependencies extends AskDependencies {
  retriever: Retriever;
  /** Corpus size for `/healthz` (the Bedrock engine reports 0: the KB holds the documents). */
  health: () => { documents: number; chunks: number };
  http?: {
    corsOrigins?: string[];
    /** Accepted API keys; empty means no authentication (local default). */
    apiKeys?: string[];
    rateLimitPerMinute?: number;
  };
  /** Slack integration; without it the Slack routes answer 503. */
  slack?: Omit<SlackRouteDependencies, 'recorder' | 'engine' | 'profile'>;
  /** Folder of the chat page (`services/api/web`); without it `GET /` is 404. */
  webRoot?: string;
  /** What the page says the assistant is about; default: the course notes. */
  profile?: AssistantProfile;
  /** Where unexpected (5xx) errors are logged with their stack; never sent to clients. */
  logError?: (error: unknown) => void;
}

/** Stand-in while Slack is not configured: the routes answer 503 before touching it. */
const unusedStore: SlackRouteDependencies['store'] = {
  putIfAbsent: async () => false,
  get: async () => undefined,
  put: async () => {},
};

/** Routes and the methods they accept, for 405 answers. */
const ROUTES: Record<string, string[]> = {
  '/slack/events': ['POST'],
  '/slack/commands': ['POST'],
  '/slack/interactions': ['POST'],
  '/v1/ask': ['POST'],
  '/v1/retrieve': ['POST'],
  '/healthz': ['GET'],
};

/** Creates the HTTP API (the same app runs on Node locally and on Lambda). */
export function createApp(deps: AppDependencies): Hono<AppEnv> {
  const logError = deps.logError ?? ((error: unknown) => console.error(error));
  const app = new Hono<AppEnv>();

  app.use('*', requestId({ headerName: 'x-request-id' }));
  const origins = deps.http?.corsOrigins ?? ['*'];
  // Hono's cors reads a list literally (a "*" entry matches no origin), so any-origin is the string.
  app.use(
    '*',
    cors({
      origin: origins.includes('*') ? '*' : origins,
      exposeHeaders: ['x-request-id', 'retry-after'],
    }),
  );
  const limitBody = bodySizeLimit(MAX_BODY_BYTES);
  app.use('/v1/*', limitBody);
  app.use('/slack/*', limitBody);
  app.use('/v1/*', requireApiKey(deps.http?.apiKeys ?? []));
  app.use('/v1/*', rateLimit(deps.http?.rateLimitPerMinute ?? 0));

  app.get('/healthz', (c) => c.json({ status: 'ok', engine: deps.engine, ...deps.health() }));
  app.route('/v1/ask', askRoute(deps, logError));
  app.route('/v1/retrieve', retrieveRoute(deps.retriever, deps.guardrail));
  const slack = deps.slack ?? {
    secrets: async () => undefined,
    queue: { enqueue: async () => {} },
    store: unusedStore,
  };
  const profile = deps.profile ?? courseNotesProfile;
  app.route('/slack', slackRoute({ ...slack, recorder: deps.recorder, engine: deps.engine, profile }));
  if (deps.webRoot) app.route('/', webRoute(deps.webRoot, profile));

  const routes = deps.webRoot ? { ...ROUTES, '/': ['GET'] } : ROUTES;
  for (const [path, methods] of Object.entries(routes)) {
    app.all(path, (c) => {
      throw new MethodNotAllowedError(
        `${c.req.method} is not allowed on ${path}; use ${methods.join(', ')}.`,
        methods,
      );
    });
  }
  app.notFound((c) =>
    respondWithError(c, new NotFoundError(`No route ${c.req.method} ${c.req.path}.`), logError),
  );
  app.onError((error, c) => respondWithError(c, error, logError));
  return app;
}
