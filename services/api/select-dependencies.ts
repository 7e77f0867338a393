import type { RuntimeConfig } from '../../shared/config/runtime-config.js';
import type { AppLogger } from '../../shared/observability/app-logger.js';
import { createAwsSlackDependencies } from './aws-slack-deps.js';
import { createBedrockDependencies } from './bedrock-deps.js';
import type { AppDependencies } from './create-app.js';
import { createLocalDependencies } from './local-deps.js';

/** The local server's composition root: the engine named by ENGINE (Lambda imports bedrock-deps.ts only). */
export async function createDependencies(
  config: RuntimeConfig,
  logger?: AppLogger,
): Promise<AppDependencies> {
  if (config.ENGINE !== 'bedrock') {
    return createLocalDependencies(config, undefined, {
      engineThreads: config.ENGINE_THREADS,
      ...(logger ? { logger } : {}),
    });
  }
  return createBedrockDependencies(config, undefined, undefined, createAwsSlackDependencies(config));
}
