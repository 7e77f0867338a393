import { parseArgs } from 'node:util';
import { createSmokeClients, formatSmokeReport, runSmokeTest } from './smoke-checks.js';

const USAGE = `Usage: npm run smoke -- [options]

After \`npm run deploy\`: reads the stack outputs, fetches the API key, asks a question as JSON and
as SSE, checks the citations and that the guardrail blocks a denied topic, and reports the last
ingestion job. Prints PASS/FAIL per step with the fix for known failures; exits 1 on any failure.

Options:
  --stack NAME               CloudFormation stack (default CourseNotesQa)
  --region REGION            the stack's region (default AWS_REGION / your profile's)
  --endpoint URL             skip the stack lookup and test this API (local server or deployed)
  --api-key KEY              API key for --endpoint (sent as x-api-key)
  --knowledge-base-id ID     with --endpoint: knowledge base for the ingestion check
  --data-source-id ID        with --endpoint: data source for the ingestion check
  --question TEXT            the question to ask (default: What is RAG?)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stack: { type: 'string', default: 'CourseNotesQa' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      'api-key': { type: 'string' },
      'knowledge-base-id': { type: 'string' },
      'data-source-id': { type: 'string' },
      question: { type: 'string', default: 'What is RAG?' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const target = values.endpoint ?? `stack ${values.stack}`;
  console.log(`Smoke test of ${target}`);
  const steps = await runSmokeTest(
    {
      stackName: values.stack,
      question: values.question,
      ...(values.endpoint ? { endpoint: values.endpoint } : {}),
      ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
      ...(values['knowledge-base-id'] ? { knowledgeBaseId: values['knowledge-base-id'] } : {}),
      ...(values['data-source-id'] ? { dataSourceId: values['data-source-id'] } : {}),
    },
    createSmokeClients(values.region),
  );
  console.log(formatSmokeReport(steps));
  if (steps.some((step) => step.status === 'fail')) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
