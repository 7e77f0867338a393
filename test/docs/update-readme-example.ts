/**
 * `npx tsx test/docs/update-readme-example.ts`: asks the README's example question in process
 * and writes the real answer into README.md (after an engine change; readme-example.test.ts
 * fails until then). The latency shown is a typical one, since it varies run to run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createLocalTestApp, postJson } from '../fixtures/local-app.js';

const readme = readFileSync('README.md', 'utf8');
const request = /curl -s localhost:3000\/v1\/ask[^\n]*\\\n\s*-d '([^']+)'/.exec(readme)?.[1];
if (!request) throw new Error('README.md: the curl example is missing');
const { app } = await createLocalTestApp();
const answer = await (await app.request(...postJson('/v1/ask', JSON.parse(request)))).json();
const json = JSON.stringify({ ...answer, latencyMs: 2 }, null, 2);
writeFileSync(
  'README.md',
  readme.replace(
    /(readme-example[^\n]*\n\n```json\n)[\s\S]*?(\n```)/,
    (_match, start, end) => `${start}${json}${end}`,
  ),
);
console.log(json);
