import { streamHandle } from 'hono/aws-lambda';
import { readRuntimeConfig } from '../../shared/config/runtime-config.js';
import { createAwsSlackDependencies } from './aws-slack-deps.js';
import { createBedrockDependencies } from './bedrock-deps.js';
import { createApp } from './create-app.js';

// Built once per container: config parsing, SDK clients and the app are reused across invocations.
const config = readRuntimeConfig();
const slack = createAwsSlackDependencies(config);
const app = createApp(createBedrockDependencies(config, undefined, undefined, slack));

/** API Gateway (REST, response streaming) -> Lambda entry point; SSE streams end to end. */
export const handler = streamHandle(app);
