import { isSlackResponseUrl } from './parse-slack-request.js';
import { SlackDeliveryError } from './slack-delivery-error.js';
import type { ChatCallOptions, ChatClient, SlackMessage } from './slack-ports.js';

/** Attempts per call, counting the first. */
export const SLACK_MAX_ATTEMPTS = 3;
/** Each attempt (request and response body) is abandoned after this long. */
export const SLACK_ATTEMPT_TIMEOUT_MS = 10_000;
/** A Retry-After longer than this is not waited for: the call fails now and the job is retried later. */
export const SLACK_MAX_RETRY_AFTER_SECONDS = 10;
/** No attempt starts with less than this left before the call's deadline. */
export const SLACK_MIN_ATTEMPT_MS = 1_000;

export interface SlackWebClientOptions {
  botToken: string;
  /** Web API base URL, e.g. `https://slack.com/api/` (configurable so tests use a local fake). */
  apiUrl: string;
  /**
   * Where `https://hooks.slack.com/<path>` response URLs are sent: `<hooksUrl><path>`. Default
   * `https://hooks.slack.com/`; tests point it at a local fake. Other response URLs are refused.
   */
  hooksUrl?: string;
  maxAttempts?: number;
  attemptTimeoutMs?: number;
  maxRetryAfterSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Connection failures that happen before any byte of the request is sent. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/**
 * Minimal Slack Web API client on fetch: `chat.postMessage` and response URLs. Every attempt has
 * a timeout; 429 (honouring a short Retry-After), 5xx and refused connections are retried within
 * the attempt limit and the call's deadline. An attempt that times out after the request went out
 * is not retried, because Slack may have posted it (see docs/slack.md). Written here rather than
 * using @slack/web-api to keep the API Lambda small and the base URLs trivially configurable.
 */
export function createSlackWebClient(options: SlackWebClientOptions): ChatClient {
  const maxAttempts = options.maxAttempts ?? SLACK_MAX_ATTEMPTS;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? SLACK_ATTEMPT_TIMEOUT_MS;
  const maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? SLACK_MAX_RETRY_AFTER_SECONDS;
  const sleep = options.sleep ?? defaultSleep;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const apiBase = withSlash(options.apiUrl);
  const hooksBase = withSlash(options.hooksUrl ?? 'https://hooks.slack.com/');

  const send = async (
    url: string,
    body: unknown,
    withToken: boolean,
    callOptions: ChatCallOptions = {},
  ): Promise<void> => {
    const deadline = callOptions.deadline ?? Number.POSITIVE_INFINITY;
    const failure = (attempt: number, delivered: 'no' | 'unknown', reason: string) =>
      new SlackDeliveryError(
        `Slack request failed after ${attempt} attempt(s): ${reason}`,
        delivered,
        attempt,
      );
    for (let attempt = 1; ; attempt++) {
      const left = deadline - now();
      if (left < SLACK_MIN_ATTEMPT_MS)
        throw failure(attempt - 1, 'no', 'the job deadline was reached before the next attempt');
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
      if (withToken) headers.authorization = `Bearer ${options.botToken}`;
      let status: number;
      let text: string;
      let retryAfter: number;
      try {
        const response = await doFetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(Math.min(attemptTimeoutMs, left)),
        });
        status = response.status;
        const header = Number(response.headers.get('retry-after'));
        retryAfter = Number.isFinite(header) && header > 0 ? header : 1;
        text = await response.text();
      } catch (error) {
        const code = errorCode(error);
        if (!code || !NOT_SENT_CODES.has(code)) {
          const reason =
            (error as Error).name === 'TimeoutError' ? 'no answer in time' : (error as Error).message;
          throw failure(attempt, 'unknown', `${reason}; not retried, Slack may have posted it`);
        }
        status = 0;
        text = String(code);
        retryAfter = 0;
      }
      if (status >= 200 && status < 300) {
        if (!withToken) return; // response URLs answer 200 "ok"
        let parsed: { ok?: unknown; error?: unknown };
        try {
          parsed = JSON.parse(text) as { ok?: unknown; error?: unknown };
        } catch {
          throw failure(attempt, 'unknown', `unreadable ${status} answer`);
        }
        if (parsed?.ok === true) return;
        if (parsed?.error !== 'ratelimited')
          throw failure(attempt, 'no', `Slack API error: ${String(parsed?.error ?? 'unknown')}`);
        status = 429;
      }
      const detail = `${status || 'connection failed'} ${text.slice(0, 200)}`.trim();
      const retryable = status === 0 || status === 429 || status >= 500;
      if (!retryable || attempt >= maxAttempts) throw failure(attempt, 'no', detail);
      if (status === 429 && retryAfter > maxRetryAfterSeconds)
        throw failure(
          attempt,
          'no',
          `${detail} (Retry-After ${retryAfter} s is longer than ${maxRetryAfterSeconds} s)`,
        );
      const waitMs = status === 429 ? retryAfter * 1000 : 2 ** (attempt - 1) * 500;
      if (now() + waitMs + SLACK_MIN_ATTEMPT_MS > deadline)
        throw failure(attempt, 'no', `${detail} (waiting ${waitMs} ms would pass the job deadline)`);
      await sleep(waitMs);
    }
  };

  return {
    postMessage: ({ channel, threadTs, text, blocks }, callOptions) =>
      send(
        `${apiBase}chat.postMessage`,
        { channel, text, blocks, ...(threadTs ? { thread_ts: threadTs } : {}), unfurl_links: false },
        true,
        callOptions,
      ),
    respond: async (
      responseUrl,
      message: SlackMessage & { responseType: 'ephemeral' | 'in_channel' },
      callOptions,
    ) => {
      if (!isSlackResponseUrl(responseUrl))
        throw new SlackDeliveryError(
          'Refusing to post to a response URL not on https://hooks.slack.com/.',
          'no',
          0,
        );
      const { pathname, search } = new URL(responseUrl);
      return send(
        `${hooksBase}${pathname.slice(1)}${search}`,
        {
          response_type: message.responseType,
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
        },
        false,
        callOptions,
      );
    },
  };
}
