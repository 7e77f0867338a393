import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { slackSecretsFromSecretsManager } from '../../shared/slack/load-slack-secrets.js';

const secretsManager = mockClient(SecretsManagerClient);
// Powertools caches by name, so every test reads its own secret.
const arn = (name: string) => `arn:aws:secretsmanager:us-east-1:111122223333:secret:${name}`;

beforeEach(() => {
  secretsManager.reset();
});

describe('Slack secrets from Secrets Manager', () => {
  it('counts the secret the stack creates without a value as not filled in', async () => {
    // Prepare: GetSecretValue on a secret with no version, as Secrets Manager answers it
    secretsManager.on(GetSecretValueCommand).rejects(
      new ResourceNotFoundException({
        message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
        $metadata: {},
      }),
    );

    // Act / Assess
    await expect(slackSecretsFromSecretsManager(arn('empty'))()).resolves.toBeUndefined();
  });

  it('reads the JSON the user filled in, and treats placeholders as missing', async () => {
    // Prepare
    secretsManager
      .on(GetSecretValueCommand, { SecretId: arn('filled') })
      .resolves({ SecretString: JSON.stringify({ signingSecret: 's3cret', botToken: 'xoxb-1' }) })
      .on(GetSecretValueCommand, { SecretId: arn('placeholders') })
      .resolves({ SecretString: JSON.stringify({ signingSecret: 'REPLACE_ME', botToken: 'REPLACE_ME' }) });

    // Act / Assess
    await expect(slackSecretsFromSecretsManager(arn('filled'))()).resolves.toEqual({
      signingSecret: 's3cret',
      botToken: 'xoxb-1',
    });
    await expect(slackSecretsFromSecretsManager(arn('placeholders'))()).resolves.toBeUndefined();
  });

  it('still fails loudly on other errors (e.g. access denied)', async () => {
    // Prepare
    secretsManager
      .on(GetSecretValueCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));

    // Act / Assess
    await expect(slackSecretsFromSecretsManager(arn('denied'))()).rejects.toThrow();
  });
});
