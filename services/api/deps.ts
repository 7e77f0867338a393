import { fileURLToPath } from 'node:url';
import type { RuntimeConfig } from '../../shared/config/runtime-config.js';
import { type AssistantProfile, loadAssistantProfile } from '../../shared/profile/assistant-profile.js';
import type { AppDependencies } from './create-app.js';

// Helpers shared by the two composition roots: local-deps.ts (offline) and bedrock-deps.ts (AWS).

/** The assistant profile named by `PROFILE`, or the course-notes default. */
export function profileFrom(config: RuntimeConfig): AssistantProfile {
  return loadAssistantProfile(config.PROFILE);
}

/** The chat page's folder: beside this module locally, copied beside the bundle on Lambda. */
export const WEB_ROOT = fileURLToPath(new URL('./web/', import.meta.url));

export function httpSettings(config: RuntimeConfig): AppDependencies['http'] {
  return {
    corsOrigins: config.CORS_ORIGINS,
    apiKeys: config.API_KEYS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    trustProxyHops: config.TRUST_PROXY_HOPS,
  };
}
