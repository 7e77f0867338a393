import { UpstreamError } from '../errors.js';
import type { ChatClient, SlackMessage } from './slack-ports.js';

export interface SlackWebClientOptions {
  botToken: string;
  /** Web API base URL, e.g. `https://slack.com/api/` (configurable so tests use a local fake). */
  apiUrl: string;
  /** Attempts per call, counting the first (rate limits and 5xx are retried). */
  maxAttempts?: number;
  /** Longest wait honoured from Retry-After, in seconds. */
  maxRetryAfterSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Minimal Slack Web API client on fetch: `chat.postMessage` and response URLs, with retries on
 * 429 (honouring Retry-After) and 5xx. Written here rather than using @slack/web-api to keep the
 * API Lambda small and the base URL trivially configurable; it needs only two calls.
 */
export function createSlackWebClient(options: SlackWebClientOptions): ChatClient {
  const maxAttempts = options.maxAttempts ?? 4;
  const sleep = options.sleep ?? defaultSleep;
  const doFetch = options.fetch ?? fetch;
  const base = options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`;

  const send = async (url: string, body: unknown, withToken: boolean): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
      if (withToken) headers.authorization = `Bearer ${options.botToken}`;
      let status = 0;
      let detail = '';
      let retryAfter = 0;
      try {
        const response = await doFetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
        status = response.status;
        const text = await response.text();
        if (response.ok) {
          if (!withToken) return; // response URLs answer 200 "ok"
          const parsed = JSON.parse(text) as { ok?: boolean; error?: string };
          if (parsed.ok) return;
          if (parsed.error !== 'ratelimited')
            throw new UpstreamError(`Slack API error: ${parsed.error ?? 'unknown'}`);
          status = 429;
        }
        detail = text.slice(0, 200);
        retryAfter = Number(response.headers.get('retry-after') ?? 0);
      } catch (error) {
        if (error instanceof UpstreamError) throw error;
        detail = (error as Error).message;
      }
      const retryable = status === 0 || status === 429 || status >= 500;
      if (!retryable || attempt >= maxAttempts) {
        throw new UpstreamError(
          `Slack request failed after ${attempt} attempt(s): ${status || 'network error'} ${detail}`.trim(),
        );
      }
      const waitSeconds =
        status === 429
          ? Math.min(retryAfter || 1, options.maxRetryAfterSeconds ?? 30)
          : 2 ** (attempt - 1) * 0.5;
      await sleep(waitSeconds * 1000);
    }
  };

  return {
    postMessage: ({ channel, threadTs, text, blocks }) =>
      send(
        `${base}chat.postMessage`,
        { channel, text, blocks, ...(threadTs ? { thread_ts: threadTs } : {}), unfurl_links: false },
        true,
      ),
    respond: (responseUrl, message: SlackMessage & { responseType: 'ephemeral' | 'in_channel' }) =>
      send(
        responseUrl,
        {
          response_type: message.responseType,
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
        },
        false,
      ),
  };
}
