import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../routes/app-env.js';

export interface ResponseHeadersOptions {
  /** Origins allowed to call from a browser; `*` allows any. */
  corsOrigins: string[];
  /** Response headers a browser script may read. */
  exposeHeaders: string[];
}

/** Methods a preflight allows (Hono's `cors` default). */
const ALLOW_METHODS = 'GET,HEAD,PUT,POST,DELETE,PATCH,QUERY';
/** A client's own `x-request-id` is kept when it is this short and plain (Hono's `requestId` rule). */
const CLIENT_REQUEST_ID = /^[\w\-=]{1,255}$/;

/**
 * The request id (`x-request-id`: the client's own when it is plain, else a new UUID; also in
 * `c.get('requestId')`) and CORS, with the headers of Hono's `requestId` and `cors` middleware
 * (preflight: 204, the allowed methods, the requested headers reflected; `Vary` when origins
 * are listed). Unlike Hono's `cors`, which touches `c.res` before the route runs and so makes
 * Hono rebuild every response as a full web `Response` with a stream body (an eighth of an
 * answer's HTTP cost), the headers are added to the route's response once it exists.
 */
export function responseHeaders(options: ResponseHeadersOptions): MiddlewareHandler<AppEnv> {
  const anyOrigin = options.corsOrigins.includes('*');
  const allowed = new Set(options.corsOrigins);
  const expose = options.exposeHeaders.join(',');
  const allowOrigin = (origin: string) => (anyOrigin ? '*' : allowed.has(origin) ? origin : undefined);

  return async (c, next) => {
    const presented = c.req.header('x-request-id');
    const requestId = presented && CLIENT_REQUEST_ID.test(presented) ? presented : randomUUID();
    c.set('requestId', requestId);
    const origin = allowOrigin(c.req.header('origin') ?? '');
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = { 'x-request-id': requestId };
      if (origin) headers['Access-Control-Allow-Origin'] = origin;
      if (expose) headers['Access-Control-Expose-Headers'] = expose;
      const vary: string[] = anyOrigin ? [] : ['Origin'];
      headers['Access-Control-Allow-Methods'] = ALLOW_METHODS;
      const requested = c.req.header('access-control-request-headers');
      if (requested) {
        headers['Access-Control-Allow-Headers'] = requested
          .split(',')
          .map((name) => name.trim())
          .join(',');
        vary.push('Access-Control-Request-Headers');
      }
      if (vary.length > 0) headers.Vary = vary.join(', ');
      return c.body(null, 204, headers);
    }
    await next();
    const headers = c.res.headers;
    headers.set('x-request-id', requestId);
    if (origin) headers.set('Access-Control-Allow-Origin', origin);
    if (expose) headers.set('Access-Control-Expose-Headers', expose);
    if (!anyOrigin) headers.append('Vary', 'Origin');
  };
}
