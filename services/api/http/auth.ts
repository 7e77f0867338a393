import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { UnauthorizedError } from '../../../shared/errors.js';

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

/** Requires one of `keys` when any are configured; compares in constant time. */
export function requireApiKey(keys: string[]): MiddlewareHandler {
  return async (c, next) => {
    if (keys.length === 0) return next();
    const key = presentedKey(c.req.header('authorization'), c.req.header('x-api-key'));
    if (!key)
      throw new UnauthorizedError(
        'Send your API key as "Authorization: Bearer <key>" or "x-api-key: <key>".',
      );
    if (!keys.some((candidate) => sameSecret(candidate, key)))
      throw new UnauthorizedError('The API key is not valid.');
    return next();
  };
}
