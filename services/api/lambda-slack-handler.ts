import { streamHandle } from 'hono/aws-lambda';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import { createAwsSlackDependencies } from './aws-slack-deps.js';
import { createBedrockDependencies } from './bedrock-deps.js';
import { createApp } from './create-app.js';

// The API with the Slack routes wired to SQS, DynamoDB and Secrets Manager (`-c slack=true`).
const config = readRuntimeConfig();
const app = createApp(
  createBedrockDependencies(config, undefined, undefined, createAwsSlackDependencies(config)),
);

/** API Gateway (REST, response streaming) -> Lambda entry point. */
export const handler = streamHandle(app);
