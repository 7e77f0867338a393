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

export interface RateLimitOptions {
  /** Refusals a caller gets at once in a window; past them, each waits `slowRefusalMs` first. */
  quickRefusals: number;
  slowRefusalMs: number;
  /** Waits (tests). */
  delay?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Requests per one-minute window per caller (see {@link callerOf}). In-process: fine for one
 * local server; on AWS the API Gateway usage plan does this job instead. A caller that keeps
 * sending past its limit gets its first `quickRefusals` 429s at once and the later ones after
 * `slowRefusalMs`: a client looping on 429s then sends one request a second per connection
 * instead of thousands, so it cannot spend the server's CPU (or the machine's) on refusals.
 */
export function rateLimit(
  counter: FixedWindowCounter,
  limitPerMinute: number,
  caller: (c: Context<AppEnv>) => string,
  options: RateLimitOptions,
): MiddlewareHandler<AppEnv> {
  const delay = options.delay ?? wait;
  return async (c, next) => {
    const verdict = counter.hit(caller(c));
    if (!verdict.allowed) {
      if (verdict.count - limitPerMinute > options.quickRefusals) await delay(options.slowRefusalMs);
      throw new RateLimitedError(`Rate limit of ${limitPerMinute} requests per minute exceeded.`, {
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
    }
    return next();
  };
}
