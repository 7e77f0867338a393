import { describe, expect, it } from 'vitest';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';

describe('runtime config', () => {
  it('has offline defaults', () => {
    expect(readRuntimeConfig({})).toMatchObject({
      PORT: 3000,
      ENGINE: 'local',
      CORPUS_DIR: 'docs-corpus',
      DEFAULT_K: 5,
      API_KEYS: [],
      CORS_ORIGINS: ['*'],
    });
  });

  it('lists every bad variable with how to fix it', () => {
    expect(() => readRuntimeConfig({ PORT: 'eighty', ENGINE: 'gpt' })).toThrow(
      /PORT[\s\S]*ENGINE must be "local" \(offline\) or "bedrock"/,
    );
  });

  it('explains number and range errors in plain English', () => {
    expect(() => readRuntimeConfig({ DEFAULT_K: '2.5', TEMPERATURE: '3', PORT: '70000' })).toThrow(
      /PORT: Too big: expected number to be <=65535[\s\S]*DEFAULT_K: must be a whole number[\s\S]*TEMPERATURE: Too big/,
    );
  });

  it('requires the Bedrock settings when ENGINE=bedrock', () => {
    expect(() => readRuntimeConfig({ ENGINE: 'bedrock' })).toThrow(
      /KNOWLEDGE_BASE_ID is required when ENGINE=bedrock[\s\S]*GUARDRAIL_VERSION/,
    );
    expect(() =>
      readRuntimeConfig({
        ENGINE: 'bedrock',
        KNOWLEDGE_BASE_ID: 'KB1234567A',
        MODEL_ARN: 'claude',
        GUARDRAIL_ID: 'g',
        GUARDRAIL_VERSION: '1',
      }),
    ).toThrow(/MODEL_ARN must be a Bedrock foundation-model or inference-profile ARN/);
  });

  it('splits comma lists and treats empty values as unset', () => {
    expect(readRuntimeConfig({ API_KEYS: 'a, b,', PORT: '' })).toMatchObject({
      API_KEYS: ['a', 'b'],
      PORT: 3000,
    });
  });
});
