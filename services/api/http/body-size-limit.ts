import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError } from '../../../shared/errors.js';

/**
 * 413 for bodies over `maxBytes`. A body that declares its length is judged by the header, so
 * the request body is left untouched and `@hono/node-server` can read it later on its fast path
 * (Hono's `bodyLimit` reads `req.raw.body` first, which builds a web stream per request: about a
 * third of an offline answer's HTTP cost). Bodies without a declared length (chunked) are
 * counted as they stream in by Hono's `bodyLimit`.
 */
export function bodySizeLimit(maxBytes: number): MiddlewareHandler {
  const tooLarge = (): never => {
    throw new PayloadTooLargeError(`Request body must be at most ${maxBytes} bytes.`);
  };
  const countStreamedBody = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) {
      return countStreamedBody(c, next);
    }
    if (Number.parseInt(declared, 10) > maxBytes) tooLarge();
    return next();
  };
}
