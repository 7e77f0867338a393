import { streamHandle } from 'hono/aws-lambda';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import { createBedrockDependencies } from './bedrock-deps.js';
import { createApp } from './create-app.js';

// Built once per container: config parsing, SDK clients and the app are reused across invocations.
// Slack off: the stack deploys lambda-slack-handler.ts instead when `-c slack=true`, so this
// bundle does not load the SQS, DynamoDB and Secrets Manager clients.
const app = createApp(createBedrockDependencies(readRuntimeConfig()));

/** API Gateway (REST, response streaming) -> Lambda entry point; SSE streams end to end. */
export const handler = streamHandle(app);
