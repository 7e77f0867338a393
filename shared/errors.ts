/**
 * Typed application errors. Each carries a stable `code` and the HTTP `status` it maps to;
 * the HTTP layer turns them into the contract's error JSON in one place.
 */
export type ErrorCode =
  | 'VALIDATION_ERROR'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'REQUEST_TIMEOUT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'HEADERS_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'CLIENT_CLOSED_REQUEST'
  | 'UPSTREAM_ERROR'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_ERROR';

export interface AppErrorOptions {
  /** Seconds the client should wait (429/503). */
  retryAfterSeconds?: number;
  /** Details safe to show to clients, e.g. validation issues. */
  details?: unknown;
  cause?: unknown;
  /** What operators need to diagnose it (upstream error name, raw message, ids): logged, never sent to clients. */
  logDetail?: Record<string, unknown>;
}

/** Base class: never put secrets or stack traces in `message`, clients see it. */
export class AppError extends Error {
  readonly retryAfterSeconds: number | undefined;
  readonly details: unknown;
  readonly logDetail: Record<string, unknown> | undefined;

  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
    this.logDetail = options.logDetail;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super('VALIDATION_ERROR', 400, message, options);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Missing or invalid credentials.', options?: AppErrorOptions) {
    super('UNAUTHORIZED', 401, message, options);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super('NOT_FOUND', 404, message, options);
  }
}

export class MethodNotAllowedError extends AppError {
  constructor(
    message: string,
    readonly allow: string[],
  ) {
    super('METHOD_NOT_ALLOWED', 405, message);
  }
}

/** The client took longer than the server allows to send its request (headers or body). */
export class RequestTimeoutError extends AppError {
  constructor(message: string) {
    super('REQUEST_TIMEOUT', 408, message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super('PAYLOAD_TOO_LARGE', 413, message);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super('UNSUPPORTED_MEDIA_TYPE', 415, message);
  }
}

/** The request's headers exceed what the server parses (Node's `maxHeaderSize`). */
export class HeadersTooLargeError extends AppError {
  constructor(message: string) {
    super('HEADERS_TOO_LARGE', 431, message);
  }
}

/**
 * The client went away before its request was read or answered (nginx's 499). Nobody receives
 * the response; the status exists so logs can tell an abort from a server fault.
 */
export class ClientClosedRequestError extends AppError {
  constructor(message = 'The client closed the connection before the request was answered.') {
    super('CLIENT_CLOSED_REQUEST', 499, message);
  }
}

export class RateLimitedError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super('RATE_LIMITED', 429, message, options);
  }
}

/** An upstream service (Bedrock, Slack) failed in a way the caller cannot fix. */
export class UpstreamError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super('UPSTREAM_ERROR', 502, message, options);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super('SERVICE_UNAVAILABLE', 503, message, options);
  }
}
