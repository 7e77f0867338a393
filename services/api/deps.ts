import { fileURLToPath } from 'node:url';
import type { RuntimeConfig } from '../../shared/config/runtime-config.js';
import { type GuardrailPolicy, guardrailPolicy } from '../../shared/guardrail/guardrail-policy.js';
import type { AppDependencies } from './create-app.js';

// Helpers shared by the two composition roots: local-deps.ts (offline) and bedrock-deps.ts (AWS).

/** The guardrail policy with the blocked messages that config may override. */
export function policyFrom(config: RuntimeConfig): GuardrailPolicy {
  return {
    ...guardrailPolicy,
    blockedInputMessaging: config.BLOCKED_INPUT_MESSAGE ?? guardrailPolicy.blockedInputMessaging,
    blockedOutputsMessaging: config.BLOCKED_OUTPUT_MESSAGE ?? guardrailPolicy.blockedOutputsMessaging,
  };
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
