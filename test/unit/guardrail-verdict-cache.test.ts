import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cacheGuardrailVerdicts } from '../../services/api/guardrail-verdict-cache.js';
import { createLocalGuardrail } from '../../shared/guardrail/create-local-guardrail.js';
import { guardrailPolicy } from '../../shared/guardrail/guardrail-policy.js';
import type { Guardrail, GuardrailCheck } from '../../shared/ports.js';

const items = (
  JSON.parse(readFileSync('test/eval/guardrail-set.json', 'utf8')) as { items: { text: string }[] }
).items;

/** The local guardrail, counting the checks that reach it. */
function countingGuardrail() {
  const real = createLocalGuardrail({ policy: guardrailPolicy });
  const seen: GuardrailCheck[] = [];
  const guardrail: Guardrail = {
    check: (input) => {
      seen.push(input);
      return real.check(input);
    },
  };
  return { real, guardrail, seen };
}

describe('guardrail verdict cache', () => {
  it('gives the verdicts of the guardrail itself, input and output, and checks each input once', async () => {
    // Prepare
    const { real, guardrail, seen } = countingGuardrail();
    const cached = cacheGuardrailVerdicts(guardrail);
    const checks: GuardrailCheck[] = items.flatMap(({ text }) => [
      { source: 'INPUT' as const, text },
      {
        source: 'OUTPUT' as const,
        text: `Amazon Bedrock is a managed service. ${text}`,
        query: text,
        groundingSources: ['Amazon Bedrock is a fully managed service for foundation models.'],
      },
    ]);

    // Act
    const first = await Promise.all(checks.map((check) => cached.check(check)));
    const again = await Promise.all(checks.map((check) => cached.check(check)));

    // Assess
    const expected = await Promise.all(checks.map((check) => real.check(check)));
    expect(first).toEqual(expected);
    expect(again).toEqual(expected);
    expect(seen).toHaveLength(new Set(checks.map((check) => JSON.stringify(check))).size);
    expect(expected.some((verdict) => verdict.blocked)).toBe(true);
  });

  it('never answers one input with the verdict of another that differs only in how its parts split', async () => {
    // Prepare
    const { guardrail, seen } = countingGuardrail();
    const cached = cacheGuardrailVerdicts(guardrail);
    const inputs: GuardrailCheck[] = [
      { source: 'OUTPUT', text: 'b c', query: 'a' },
      { source: 'OUTPUT', text: 'c', query: 'a b' },
      { source: 'OUTPUT', text: 'c', query: 'a b', groundingSources: [] },
      { source: 'OUTPUT', text: 'c', query: 'a b', groundingSources: [''] },
      { source: 'OUTPUT', text: 'c', query: '', groundingSources: [] },
      { source: 'OUTPUT', text: 'c', groundingSources: [] },
      { source: 'INPUT', text: 'c' },
      { source: 'OUTPUT', text: 'c' },
      { source: 'OUTPUT', text: 'a', groundingSources: ['b', 'c'] },
      { source: 'OUTPUT', text: 'a', groundingSources: ['b c'] },
    ];

    // Act
    for (const input of inputs) await cached.check(input);

    // Assess: every input reached the guardrail
    expect(seen).toEqual(inputs);
  });

  it('holds at most its byte budget however many different questions arrive', async () => {
    // Prepare
    const { guardrail } = countingGuardrail();
    const cached = cacheGuardrailVerdicts(guardrail, 64 * 1024);

    // Act: 2,000 different 200-character questions (about 800 KB of keys alone)
    for (let i = 0; i < 2000; i++)
      await cached.check({ source: 'INPUT', text: `question ${i} ${'about models '.repeat(15)}` });

    // Assess
    expect(cached.cache.bytes).toBeLessThanOrEqual(64 * 1024);
    expect(cached.cache.size).toBeGreaterThan(0);
  });
});
