import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, ClientClosedRequestError, MethodNotAllowedError } from '../../../shared/errors.js';
import { type AppLogger, describeError } from '../../../shared/observability/app-logger.js';

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

/** True when the client hung up (the Node adapter aborts the request's signal when the socket closes). */
export function clientClosed(c: Context): boolean {
  if (c.req.raw.signal?.aborted) return true;
  const incoming = (c.env as { incoming?: { aborted?: boolean; errored?: unknown } } | undefined)?.incoming;
  return Boolean(incoming?.aborted || incoming?.errored);
}

/**
 * Logs a failed request as one record: a client that hung up at INFO, an expected 5xx (an
 * AppError such as "Slack is not configured") at WARN without a stack, and only real faults
 * (anything that is not an AppError) at ERROR with the stack. 4xx answers are the client's
 * mistake and are not logged, except when an upstream service caused them (a Bedrock throttle or
 * validation error carries `logDetail`): the operator needs that detail, the client never sees it.
 */
export function logFailure(
  logger: AppLogger,
  c: Context,
  appError: AppError,
  error: unknown,
  requestId: string,
): void {
  const fields = {
    requestId,
    method: c.req.method,
    path: c.req.path.slice(0, 200),
    status: appError.status,
    code: appError.code,
  };
  const upstream = appError.logDetail ? { upstream: appError.logDetail } : {};
  if (appError instanceof ClientClosedRequestError) logger.info('client closed the request', fields);
  else if (appError.status < 500 && !appError.logDetail) return;
  else if (error instanceof AppError)
    logger.warn('request failed', { ...fields, ...describeError(error, false), ...upstream });
  else logger.error('request failed', { ...fields, ...describeError(error, true) });
}

/** The one place errors become HTTP responses. */
export function respondWithError(c: Context, error: unknown, logger: AppLogger): Response {
  const appError = clientClosed(c) ? new ClientClosedRequestError() : toAppError(error);
  const requestId = (c.get('requestId') as string | undefined) ?? 'unknown';
  logFailure(logger, c, appError, error, requestId);
  if (appError.retryAfterSeconds !== undefined) c.header('Retry-After', String(appError.retryAfterSeconds));
  if (appError instanceof MethodNotAllowedError) c.header('Allow', appError.allow.join(', '));
  return c.json(errorBody(appError, requestId), appError.status as 400);
}
