import type { Context, MiddlewareHandler } from 'hono';
import { RateLimitedError } from '../../../shared/errors.js';
import type { AppEnv } from '../routes/app-env.js';
import type { FixedWindowCounter } from './fixed-window-counter.js';

/**
 * The caller requests are counted by: something the client cannot choose. The API key that
 * passed authentication when keys are configured, otherwise the connection's address
 * (`addressOf`); a key a client merely presents, or an `X-Forwarded-For` it writes, never counts.
 */
export function callerOf(c: Context<AppEnv>, addressOf: (c: Context<AppEnv>) => string): string {
  const keyId = c.get('apiKeyId');
  return keyId ? `key:${keyId}` : `address:${addressOf(c)}`;
}

/**
 * Requests per one-minute window per caller (see {@link callerOf}). In-process: fine for one
 * local server; on AWS the API Gateway usage plan does this job instead.
 */
export function rateLimit(
  counter: FixedWindowCounter,
  limitPerMinute: number,
  caller: (c: Context<AppEnv>) => string,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const verdict = counter.hit(caller(c));
    if (!verdict.allowed) {
      throw new RateLimitedError(`Rate limit of ${limitPerMinute} requests per minute exceeded.`, {
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
    }
    return next();
  };
}
