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
}

/** A Slack message: `text` is the notification/fallback, `blocks` the rich layout. */
export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

/** Sends messages to Slack (Web API or a response URL). */
export interface ChatClient {
  postMessage(message: SlackMessage & { channel: string; threadTs?: string }): Promise<void>;
  respond(
    responseUrl: string,
    message: SlackMessage & { responseType: 'ephemeral' | 'in_channel' },
  ): Promise<void>;
}

/** The Slack app's secrets; read once per process (env locally, Secrets Manager on AWS). */
export interface SlackSecrets {
  signingSecret: string;
  botToken: string;
}
