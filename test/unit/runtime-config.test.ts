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

  it('explains number and range errors in plain English, the same way for every kind of miss', () => {
    for (const [PORT, DEFAULT_K, TEMPERATURE] of [
      ['70000', '2.5', '3'],
      ['eighty', '-1', 'hot'],
      ['-1', '21', '-0.5'],
    ]) {
      expect(() => readRuntimeConfig({ PORT, DEFAULT_K, TEMPERATURE })).toThrow(
        /PORT: must be a whole number from 0 to 65535\n\s*DEFAULT_K: must be a whole number from 1 to 20\n\s*TEMPERATURE: must be a number from 0 to 1/,
      );
    }
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
