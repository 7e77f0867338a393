/**
 * The local server's limits on what one client can make it hold or do, in one place. Each has a
 * line in docs/security-and-limits.md and a test in test/limits/ or test/service/.
 */
export const HTTP_LIMITS = {
  /** Time a client has to send all request headers (Node's default is 60 s). */
  headersTimeoutMs: 10_000,
  /** Time a client has to send the whole request, body included (Node's default is 300 s). */
  requestTimeoutMs: 30_000,
  /** An idle kept-alive connection is closed after this long. */
  keepAliveTimeoutMs: 5_000,
  /** How often Node checks the two timeouts above (Node's default is 30 s, which lets them overrun). */
  connectionsCheckingIntervalMs: 1_000,
  /** Largest request head (request line + headers) Node parses; larger gets 431. */
  maxHeaderBytes: 16 * 1024,
  /** 429s a rate-limited caller gets at once in a window; later ones wait `slowRefusalMs`. */
  quickRefusalsPerWindow: 20,
  /** How long a rate-limited caller's further 429s wait before they are sent. */
  slowRefusalMs: 1000,
  /** Failed API-key attempts per address per minute before that address gets 429. */
  authFailuresPerMinute: 20,
  /** Callers (addresses or keys) the rate limiters remember; the least recently seen go first. */
  maxTrackedCallers: 10_000,
  /**
   * Requests of one caller answered at once; its others wait their turn (fair-share.ts). The
   * offline engine answers on the CPU, one at a time anyway; a Bedrock answer mostly waits on Bedrock.
   */
  maxActiveRequestsPerCaller: { local: 1, bedrock: 4 },
  /** Requests of one caller waiting for their turn; more get 429. */
  maxQueuedRequestsPerCaller: 32,
} as const;
