/** Fields of one log record besides its level and message; values must be JSON-serialisable. */
export type LogFields = Record<string, unknown>;

/**
 * The API process's own log lines (failed requests, rejected connections, shutdown), one JSON
 * record each, beside the invocation records. Never pass request bodies, questions or keys:
 * the invocation record is the one place a (redacted) question is logged.
 */
export interface AppLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export type LogLevel = 'INFO' | 'WARN' | 'ERROR';

/** One record kept by {@link createMemoryLogger}. */
export interface LogEntry extends LogFields {
  level: LogLevel;
  message: string;
}

/** Keeps records in memory (tests). */
export function createMemoryLogger(): AppLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) =>
      void entries.push({ ...fields, level, message });
  return { entries, info: at('INFO'), warn: at('WARN'), error: at('ERROR') };
}

/** Drops every record. */
export const silentLogger: AppLogger = { info() {}, warn() {}, error() {} };

/**
 * An error as log fields. The stack is kept only for real faults (`withStack`): expected
 * failures (a 503 because Slack is not configured, a client that hung up) are one short line.
 */
export function describeError(error: unknown, withStack: boolean): LogFields {
  if (!(error instanceof Error)) return { error: { message: String(error) } };
  const described: LogFields = { name: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') described.code = code;
  if (withStack && error.stack) described.stack = error.stack;
  return { error: described };
}
