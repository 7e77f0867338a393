import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createInProcessClient } from '../../services/cli/api-client.js';
import { type GuardrailLabel, observedGuardrail } from '../../shared/evaluation/run-evaluation.js';

const read = (name: string) => JSON.parse(readFileSync(`test/eval/${name}`, 'utf8'));
const questionsOf = (name: string): string[] =>
  read(name).questions.map((question: string | { question: string }) =>
    typeof question === 'string' ? question : question.question,
  );
/** Items the guardrail sets expect to pass, masked or not: blocking any of them is an over-block. */
const passingItemsOf = (name: string): [string, GuardrailLabel][] =>
  read(name)
    .items.filter((item: { expected: GuardrailLabel }) => item.expected !== 'blocked')
    .map((item: { text: string; expected: GuardrailLabel }) => [item.text, item.expected]);

let client: ApiClient;

beforeAll(async () => {
  client = await createInProcessClient({ CORPUS_DIR: 'docs-corpus', POWERTOOLS_METRICS_DISABLED: 'true' });
});

describe('every study question passes the guardrail, input and output (no over-blocking)', () => {
  it.each([
    ...questionsOf('golden-set.json'),
    ...questionsOf('independent-dev.json'),
    ...questionsOf('no-answer-set.json'),
  ])('"%s" is allowed', async (question) => {
    // Act
    const response = await client.ask({ question });
    // Assess
    expect(observedGuardrail(response)).toBe('allowed');
  });

  it.each([
    ...passingItemsOf('guardrail-set.json'),
    ...passingItemsOf('guardrail-dev.json'),
    ...passingItemsOf('guardrail-postfreeze.json'),
  ])('"%s" is %s', async (text, expected) => {
    // Act
    const response = await client.ask({ question: text });
    // Assess
    expect(observedGuardrail(response)).toBe(expected);
  });
});
