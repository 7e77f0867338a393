import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { RateLimitedError, UnauthorizedError } from '../../../shared/errors.js';
import type { AppEnv } from '../routes/app-env.js';
import type { FixedWindowCounter } from './fixed-window-counter.js';

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The caller's key: `Authorization: Bearer <key>` or `x-api-key: <key>` (what API Gateway uses). */
export function presentedKey(
  authorization: string | undefined,
  apiKeyHeader: string | undefined,
): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  return bearer ?? apiKeyHeader ?? undefined;
}

export interface RequireApiKeyOptions {
  /** Failed attempts per address; once used up, the address gets 429 until its window ends. */
  failures?: FixedWindowCounter;
  /** The caller's address key (see client-address.ts); `unknown` when the transport does not say. */
  addressOf?: (c: Context<AppEnv>) => string;
}

/**
 * Requires one of `keys` when any are configured; compares in constant time. The key that passed
 * is remembered as `apiKeyId` (a short hash) so the rate limiter counts by it. Failed attempts
 * are counted per address: guessing keys costs the guesser, not the holders of valid keys.
 */
export function requireApiKey(keys: string[], options: RequireApiKeyOptions = {}): MiddlewareHandler<AppEnv> {
  const ids = new Map(keys.map((key) => [key, createHash('sha256').update(key).digest('hex').slice(0, 12)]));
  return async (c, next) => {
    if (keys.length === 0) return next();
    const address = options.addressOf?.(c) ?? 'unknown';
    const failuresLeft = options.failures?.check(address);
    if (failuresLeft && !failuresLeft.allowed) {
      throw new RateLimitedError('Too many failed authentication attempts from this address.', {
        retryAfterSeconds: failuresLeft.retryAfterSeconds,
      });
    }
    const key = presentedKey(c.req.header('authorization'), c.req.header('x-api-key'));
    const match = key === undefined ? undefined : keys.find((candidate) => sameSecret(candidate, key));
    if (match === undefined) {
      options.failures?.hit(address);
      throw new UnauthorizedError(
        key === undefined
          ? 'Send your API key as "Authorization: Bearer <key>" or "x-api-key: <key>".'
          : 'The API key is not valid.',
      );
    }
    c.set('apiKeyId', ids.get(match));
    return next();
  };
}
