/** A question from Slack, queued for the worker. */
export interface SlackAnswerJob {
  kind: 'mention' | 'direct-message' | 'command';
  question: string;
  channel: string;
  user: string;
  /** Thread to answer in (`thread_ts ?? ts`); absent for slash commands. */
  threadTs?: string;
  /** Slash commands answer through this URL. */
  responseUrl?: string;
  /** `event_id` or `trigger_id`: the id duplicates are recognised by. */
  deliveryId: string;
  /** Request id of the acknowledging HTTP request, for log correlation. */
  requestId: string;
}

/** Hands jobs to the worker: in process locally, SQS on AWS. */
export interface JobQueue {
  enqueue(job: SlackAnswerJob): Promise<void>;
}

/** Small key-value store with expiry: event dedupe and thread -> session mapping. */
export interface TtlStore {
  /** Stores the value only if the key is absent (or expired); true when it was stored. */
  putIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Removes the key (absent keys are fine): releases a claim whose work did not happen. */
  delete(key: string): Promise<void>;
}

/** A Slack message: `text` is the notification/fallback, `blocks` the rich layout. */
export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

/** Per call: the moment (epoch ms) by which the call must have finished, retries included. */
export interface ChatCallOptions {
  deadline?: number;
}

/**
 * Sends messages to Slack (Web API or a response URL). Failures are `SlackDeliveryError`s that say
 * whether the message certainly was not posted (safe to send again) or may have been.
 */
export interface ChatClient {
  postMessage(
    message: SlackMessage & { channel: string; threadTs?: string },
    options?: ChatCallOptions,
  ): Promise<void>;
  respond(
    responseUrl: string,
    message: SlackMessage & { responseType: 'ephemeral' | 'in_channel' },
    options?: ChatCallOptions,
  ): Promise<void>;
}

/** The Slack app's secrets; read once per process (env locally, Secrets Manager on AWS). */
export interface SlackSecrets {
  signingSecret: string;
  botToken: string;
}
