import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLocalTestApp, postJson } from '../fixtures/local-app.js';

/**
 * The README's first example (a curl request and the JSON it prints) is asked again here, so the
 * output it shows stays the engine's real output. Only the session id and the latency change
 * from run to run.
 */
describe("the README's example request", () => {
  it('prints what the offline engine really answers', async () => {
    // Prepare: the request body of the curl command and the JSON block after it
    const readme = readFileSync('README.md', 'utf8');
    const request = /curl -s localhost:3000\/v1\/ask[^\n]*\\\n\s*-d '([^']+)'/.exec(readme)?.[1];
    const shown = /readme-example[^\n]*\n\n```json\n([\s\S]*?)\n```/.exec(readme)?.[1];
    if (!request || !shown) throw new Error('README.md: the curl example or its JSON output is missing');
    const { app } = await createLocalTestApp();

    // Act
    const response = await app.request(...postJson('/v1/ask', JSON.parse(request)));
    const actual = await response.json();

    // Assess
    const stable = ({ sessionId: _session, latencyMs: _latency, ...rest }: Record<string, unknown>) => rest;
    expect(
      stable(JSON.parse(shown)),
      `README.md shows another answer (npx tsx test/docs/update-readme-example.ts writes the real one):\n${JSON.stringify(actual, null, 2)}`,
    ).toEqual(stable(actual));
  });
});
