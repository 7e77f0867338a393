import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttp2Handler } from '@smithy/node-http-handler';
import { DEFAULT_BEDROCK_MAX_ATTEMPTS, DEFAULT_BEDROCK_TIMEOUT_MS } from './bedrock-call-budget.js';

export interface BedrockClientsOptions {
  region?: string;
  /** Per-attempt timeout (BEDROCK_TIMEOUT_MS): the longest an HTTP/2 stream may go without a byte. */
  requestTimeoutMs?: number;
  /** Attempts per call including the first (BEDROCK_MAX_ATTEMPTS). */
  maxAttempts?: number;
}

/**
 * The HTTP/2 handler, built deliberately. Passing the SDK a plain options object would make it
 * build `new NodeHttp2Handler(options)` and drop its own default `disableConcurrentStreams: true`;
 * `connectionTimeout` is an HTTP/1.1 option that NodeHttp2Handler ignores.
 * - `requestTimeout`: idle timeout of one stream, armed when the stream opens (so it also covers
 *   connecting) and kept after the response headers (so it also cuts off a stalled event stream);
 *   before the response the attempt fails with `TimeoutError`, which the retry strategy retries.
 * - `sessionTimeout`: the same bound on the session, so a dead connection cannot outlive it.
 * - `disableConcurrentStreams`: a fresh session per request (the SDK default for Bedrock), so a
 *   Lambda container thawed after minutes never reuses a connection that died while frozen.
 */
export function createBedrockRequestHandler(
  timeoutMs: number = DEFAULT_BEDROCK_TIMEOUT_MS,
): NodeHttp2Handler {
  return new NodeHttp2Handler({
    requestTimeout: timeoutMs,
    sessionTimeout: timeoutMs,
    disableConcurrentStreams: true,
  });
}

/**
 * SDK clients with the standard retry strategy and a bounded per-attempt timeout. Create them
 * once per process/container and reuse them. Endpoints are left to the SDK, so the standard
 * `AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME` / `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` variables apply.
 * Standard rather than adaptive retries: a Lambda container serves one request at a time, so
 * client-side rate limiting has nothing to share and would only add waits to the time bound.
 */
export function createBedrockClients(options: BedrockClientsOptions = {}) {
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_BEDROCK_TIMEOUT_MS;
  const shared = {
    ...(options.region ? { region: options.region } : {}),
    retryMode: 'standard',
    maxAttempts: options.maxAttempts ?? DEFAULT_BEDROCK_MAX_ATTEMPTS,
  } as const;
  return {
    agentRuntime: new BedrockAgentRuntimeClient({
      ...shared,
      requestHandler: createBedrockRequestHandler(timeoutMs),
    }),
    runtime: new BedrockRuntimeClient({ ...shared, requestHandler: createBedrockRequestHandler(timeoutMs) }),
  };
}
