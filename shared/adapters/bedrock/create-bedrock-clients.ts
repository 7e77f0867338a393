import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';

export interface BedrockClientsOptions {
  region?: string;
  /** Socket timeout per request; generation can take a while. */
  requestTimeoutMs?: number;
}

/**
 * SDK clients with adaptive retries (client-side rate limiting on throttles) and bounded
 * timeouts. Create them once per process/container and reuse them across requests.
 */
export function createBedrockClients(options: BedrockClientsOptions = {}) {
  const shared = {
    ...(options.region ? { region: options.region } : {}),
    retryMode: 'adaptive',
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: options.requestTimeoutMs ?? 30_000 },
  } as const;
  return {
    agentRuntime: new BedrockAgentRuntimeClient(shared),
    runtime: new BedrockRuntimeClient(shared),
  };
}
