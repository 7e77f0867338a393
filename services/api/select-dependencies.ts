import type { RuntimeConfig } from '../../shared/config/runtime-config.js';
import { createBedrockDependencies } from './bedrock-deps.js';
import type { AppDependencies } from './create-app.js';
import { createLocalDependencies } from './local-deps.js';

/** The local server's composition root: the engine named by ENGINE (Lambda imports bedrock-deps.ts only). */
export async function createDependencies(config: RuntimeConfig): Promise<AppDependencies> {
  return config.ENGINE === 'bedrock' ? createBedrockDependencies(config) : createLocalDependencies(config);
}
