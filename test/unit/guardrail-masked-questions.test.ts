import { beforeAll, describe, expect, it } from 'vitest';
import { guardrailPolicy } from '../../shared/guardrail/guardrail-policy.js';
import { createLocalTestApp, postJson } from '../fixtures/local-app.js';

let local: Awaited<ReturnType<typeof createLocalTestApp>>;

beforeAll(async () => {
  local = await createLocalTestApp();
});

describe('questions with masked PII are answered, and the PII is neither echoed nor logged', () => {
  it.each([
    ['My email is zoë.brontë@exemple.fr, what is few-shot prompting?', ['zoë.brontë@exemple.fr', 'brontë']],
    [
      'text me on +447700900123 or maria＠example.org: what does temperature control?',
      ['447700900123', 'maria＠example.org', 'maria'],
    ],
  ])('"%s"', async (question, pii) => {
    // Prepare
    const before = local.recorder.records.length;
    // Act
    const response = await local.app.request(...postJson('/v1/ask', { question }));
    const body = await response.json();
    // Assess
    expect(response.status).toBe(200);
    expect(body.answer).not.toBe(guardrailPolicy.blockedInputMessaging);
    expect(body.citations.length).toBeGreaterThan(0);
    expect(body.guardrail.reasons.every((reason: string) => reason.endsWith(':ANONYMIZED'))).toBe(true);
    const records = local.recorder.records.slice(before);
    expect(records.map((record) => record.outcome)).toEqual(['answered']);
    for (const value of pii) {
      expect(JSON.stringify(body)).not.toContain(value);
      expect(JSON.stringify(records)).not.toContain(value);
    }
  });
});
