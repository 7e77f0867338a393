import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, MethodNotAllowedError } from '../../../shared/errors.js';

/** The contract's error body. */
export interface ErrorBody {
  error: { code: string; message: string; requestId: string; details?: unknown };
}

export function errorBody(error: AppError, requestId: string): ErrorBody {
  const body: ErrorBody = { error: { code: error.code, message: error.message, requestId } };
  if (error.details !== undefined) body.error.details = error.details;
  return body;
}

/** Turns anything thrown into an AppError; unknown errors become a generic 500 (no internals leak). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    const code =
      error.status === 401 ? 'UNAUTHORIZED' : error.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_ERROR';
    return new AppError(code, error.status, error.message || 'Request rejected.');
  }
  return new AppError(
    'INTERNAL_ERROR',
    500,
    'Internal server error. Quote the request id when reporting it.',
  );
}

/** The one place errors become HTTP responses. */
export function respondWithError(c: Context, error: unknown, log: (error: unknown) => void): Response {
  const appError = toAppError(error);
  if (appError.status >= 500) log(error);
  const requestId = (c.get('requestId') as string | undefined) ?? 'unknown';
  if (appError.retryAfterSeconds !== undefined) c.header('Retry-After', String(appError.retryAfterSeconds));
  if (appError instanceof MethodNotAllowedError) c.header('Allow', appError.allow.join(', '));
  return c.json(errorBody(appError, requestId), appError.status as 400);
}
