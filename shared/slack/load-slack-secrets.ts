import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import type { SlackSecrets } from './slack-ports.js';

/** Secrets from the environment (local server): both or nothing. */
export function slackSecretsFromEnv(env: {
  SLACK_SIGNING_SECRET?: string | undefined;
  SLACK_BOT_TOKEN?: string | undefined;
}): () => Promise<SlackSecrets | undefined> {
  const secrets =
    env.SLACK_SIGNING_SECRET && env.SLACK_BOT_TOKEN
      ? { signingSecret: env.SLACK_SIGNING_SECRET, botToken: env.SLACK_BOT_TOKEN }
      : undefined;
  return async () => secrets;
}

/** Powertools wraps SDK errors in a GetParameterError whose `cause` is the SDK's error. */
function hasName(error: unknown, name: string): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current.name === name) return true;
  }
  return false;
}

/**
 * Secrets from a Secrets Manager JSON secret `{"signingSecret": "...", "botToken": "..."}`,
 * cached by Powertools Parameters for five minutes (so a container reads it once, yet picks up
 * a rotated value). A secret with no value yet, or still holding placeholders, counts as missing.
 */
export function slackSecretsFromSecretsManager(secretArn: string): () => Promise<SlackSecrets | undefined> {
  return async () => {
    let value: Partial<SlackSecrets>;
    try {
      value = (await getSecret<Partial<SlackSecrets>>(secretArn, { transform: 'json', maxAge: 300 })) ?? {};
    } catch (error) {
      // The stack creates the secret without a value, so it has no version until it is filled in.
      if (hasName(error, 'ResourceNotFoundException')) return undefined;
      throw error;
    }
    const { signingSecret, botToken } = value;
    if (!signingSecret || !botToken || signingSecret.startsWith('REPLACE') || botToken.startsWith('REPLACE'))
      return undefined;
    return { signingSecret, botToken };
  };
}
