import { type Context, Hono } from 'hono';
import type { AskDependencies } from '../../shared/ask/ask-question.js';
import { MethodNotAllowedError, NotFoundError } from '../../shared/errors.js';
import type { AppLogger } from '../../shared/observability/app-logger.js';
import { createPowertoolsLogger } from '../../shared/observability/create-powertools-logger.js';
import type { Retriever } from '../../shared/ports.js';
import { type AssistantProfile, courseNotesProfile } from '../../shared/profile/assistant-profile.js';
import { requireApiKey } from './http/auth.js';
import { bodySizeLimit } from './http/body-size-limit.js';
import { addressKey, clientAddress } from './http/client-address.js';
import { respondWithError } from './http/error-response.js';
import { fairShare } from './http/fair-share.js';
import { createFixedWindowCounter } from './http/fixed-window-counter.js';
import { HTTP_LIMITS } from './http/http-limits.js';
import { callerOf, rateLimit } from './http/rate-limit.js';
import { MAX_BODY_BYTES } from './http/request-schemas.js';
import { responseHeaders } from './http/response-headers.js';
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
    /** Proxies in front whose `X-Forwarded-For` entries name the client (0: use the socket address). */
    trustProxyHops?: number;
    /** Clock of the rate limiters (tests). */
    now?: () => number;
    /** How the rate limiter waits before a slow refusal (tests). */
    delay?: (ms: number) => Promise<void>;
  };
  /** Slack integration; without it the Slack routes answer 503. */
  slack?: Omit<SlackRouteDependencies, 'recorder' | 'engine' | 'profile'>;
  /** Folder of the chat page (`services/api/web`); without it `GET /` is 404. */
  webRoot?: string;
  /** What the page says the assistant is about; default: the course notes. */
  profile?: AssistantProfile;
  /** Background work to finish before the process exits (the local in-process Slack jobs). */
  jobs?: { drain(timeoutMs: number): Promise<{ unfinished: number }>; readonly pending: number };
  /** Where failed requests are logged (JSON, one record each); stacks are never sent to clients. */
  logger?: AppLogger;
  /** Releases what the composition root started (the offline engine's threads). */
  close?: () => Promise<void>;
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
  const logger = deps.logger ?? createPowertoolsLogger();
  const app = new Hono<AppEnv>();

  app.use(
    '*',
    responseHeaders({
      corsOrigins: deps.http?.corsOrigins ?? ['*'],
      exposeHeaders: ['x-request-id', 'retry-after'],
    }),
  );
  const limitBody = bodySizeLimit(MAX_BODY_BYTES);
  app.use('/v1/*', limitBody);
  app.use('/slack/*', limitBody);
  const trustProxyHops = deps.http?.trustProxyHops ?? 0;
  const addressOf = (c: Context<AppEnv>) => {
    const address = clientAddress(c, trustProxyHops);
    return address ? addressKey(address) : 'unknown';
  };
  const now = deps.http?.now ?? Date.now;
  const counter = (limit: number) =>
    createFixedWindowCounter({ limit, windowMs: 60_000, maxKeys: HTTP_LIMITS.maxTrackedCallers, now });
  const failures = counter(HTTP_LIMITS.authFailuresPerMinute);
  app.use('/v1/*', requireApiKey(deps.http?.apiKeys ?? [], { failures, addressOf }));
  const caller = (c: Context<AppEnv>) => callerOf(c, addressOf);
  const limitPerMinute = deps.http?.rateLimitPerMinute ?? 0;
  if (limitPerMinute > 0) {
    const refusals = {
      quickRefusals: HTTP_LIMITS.quickRefusalsPerWindow,
      slowRefusalMs: HTTP_LIMITS.slowRefusalMs,
      ...(deps.http?.delay ? { delay: deps.http.delay } : {}),
    };
    app.use('/v1/*', rateLimit(counter(limitPerMinute), limitPerMinute, caller, refusals));
  }
  app.use(
    '/v1/*',
    fairShare({
      maxActive: HTTP_LIMITS.maxActiveRequestsPerCaller[deps.engine],
      maxQueued: HTTP_LIMITS.maxQueuedRequestsPerCaller,
      callerOf: caller,
    }),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok', engine: deps.engine, ...deps.health() }));
  app.route('/v1/ask', askRoute(deps, logger));
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
    respondWithError(c, new NotFoundError(`No route ${c.req.method} ${c.req.path}.`), logger),
  );
  app.onError((error, c) => respondWithError(c, error, logger));
  return app;
}
