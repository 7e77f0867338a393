import { Logger } from '@aws-lambda-powertools/logger';
import type { AppLogger, LogFields } from './app-logger.js';

/**
 * An {@link AppLogger} over the Powertools Logger: the same one-line JSON record (timestamp,
 * level, service, message) as the invocation records, on stdout (errors on stderr).
 */
export function createPowertoolsLogger(
  logger: Logger = new Logger({ serviceName: 'course-notes-qa' }),
): AppLogger {
  return {
    info: (message: string, fields: LogFields = {}) => logger.info(message, fields),
    warn: (message: string, fields: LogFields = {}) => logger.warn(message, fields),
    error: (message: string, fields: LogFields = {}) => logger.error(message, fields),
  };
}
