import type { MiddlewareHandler } from 'hono';
import { RateLimitedError } from '../../../shared/errors.js';
import { presentedKey } from './auth.js';

/**
 * Fixed one-minute windows per caller (API key, else forwarded address). In-process: fine for
 * one local server; on AWS the API Gateway usage plan does this job instead.
 */
export function rateLimit(limitPerMinute: number, now: () => number = Date.now): MiddlewareHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    if (limitPerMinute <= 0) return next();
    const caller =
      presentedKey(c.req.header('authorization'), c.req.header('x-api-key')) ??
      c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ??
      'local';
    const time = now();
    let window = windows.get(caller);
    if (!window || time - window.start >= 60_000) {
      if (windows.size > 10_000) windows.clear(); // bound memory under many callers
      window = { start: time, count: 0 };
      windows.set(caller, window);
    }
    window.count++;
    if (window.count > limitPerMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((window.start + 60_000 - time) / 1000));
      throw new RateLimitedError(`Rate limit of ${limitPerMinute} requests per minute exceeded.`, {
        retryAfterSeconds,
      });
    }
    return next();
  };
}
