import type { Context, MiddlewareHandler } from 'hono';
import { RateLimitedError } from '../../../shared/errors.js';
import type { AppEnv } from '../routes/app-env.js';
import type { FixedWindowCounter } from './fixed-window-counter.js';

/**
 * Requests per window per caller. The caller is something the client cannot choose: the API key
 * that passed authentication when keys are configured, otherwise the connection's address
 * (`addressOf`). Any key a client merely presents, or an `X-Forwarded-For` it writes, is ignored.
 * In-process: fine for one local server; on AWS the API Gateway usage plan does this job instead.
 */
export function rateLimit(
  counter: FixedWindowCounter,
  limitPerMinute: number,
  addressOf: (c: Context<AppEnv>) => string,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const keyId = c.get('apiKeyId');
    const caller = keyId ? `key:${keyId}` : `address:${addressOf(c)}`;
    const verdict = counter.hit(caller);
    if (!verdict.allowed) {
      throw new RateLimitedError(`Rate limit of ${limitPerMinute} requests per minute exceeded.`, {
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
    }
    return next();
  };
}
