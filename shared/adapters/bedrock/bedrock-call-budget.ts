/** Per-attempt timeout of a Bedrock call (BEDROCK_TIMEOUT_MS default). */
export const DEFAULT_BEDROCK_TIMEOUT_MS = 15_000;
/** Attempts per Bedrock call including the first (BEDROCK_MAX_ATTEMPTS default). */
export const DEFAULT_BEDROCK_MAX_ATTEMPTS = 3;

// The SDK's standard retry strategy (@smithy/core/retry): the wait before retry i (0-based) is
// random() * min(base * 2^i, 20 s), base 1 s for throttling and 50 ms otherwise, plus at most
// 5 s more when the error carries a Retry-After hint.
const THROTTLING_BACKOFF_BASE_MS = 1_000;
const MAX_BACKOFF_MS = 20_000;
const RETRY_AFTER_ALLOWANCE_MS = 5_000;

/**
 * Upper bound of one Bedrock call's wall time: every attempt running into the per-attempt
 * timeout plus the longest backoff before each retry. The Lambda timeout must exceed it
 * (defaults: 3 × 15 s + 6 s + 7 s = 58 s).
 */
export function worstCaseBedrockCallMs(timeoutMs: number, maxAttempts: number): number {
  let total = timeoutMs * maxAttempts;
  for (let retry = 0; retry < maxAttempts - 1; retry++) {
    total += Math.min(THROTTLING_BACKOFF_BASE_MS * 2 ** retry, MAX_BACKOFF_MS) + RETRY_AFTER_ALLOWANCE_MS;
  }
  return total;
}
