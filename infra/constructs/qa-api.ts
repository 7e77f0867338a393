import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_COPY_FOLDERS, LAMBDA_ENTRIES } from '../lambda-bundles.js';
import {
  ANSWERING_FUNCTION_TIMEOUT,
  answeringFiles,
  type BedrockAnsweringResources,
  bedrockEnvironment,
  grantBedrockAnswering,
  RETRIEVE_AND_GENERATE_WILDCARD_REASON,
} from './bedrock-access.js';
import { bundledFunction } from './bundled-function.js';

export interface QaApiProps {
  readonly bedrock: BedrockAnsweringResources;
  readonly logRetention: logs.RetentionDays;
  /** Adds the public `/slack/*` routes (Slack signs its requests; it cannot send an API key). */
  readonly slackRoutes?: boolean;
  readonly throttle: { rateLimit: number; burstLimit: number; dailyQuota: number };
  /** Origins allowed to call the API from a browser (the app's CORS_ORIGINS); `*` for any. */
  readonly corsOrigins: string[];
  readonly extraEnvironment?: Record<string, string>;
}

/**
 * API Gateway substitutes `$context` variables raw, without JSON escaping, so the templates use
 * only literal messages and the request id (a UUID).
 */
const ERROR_TEMPLATE = (code: string, message: string) => ({
  'application/json': JSON.stringify({ error: { code, message, requestId: '$context.requestId' } }),
});

/**
 * The HTTP API on AWS: one Lambda running the same `createApp(deps)` with the Bedrock engine,
 * behind a REGIONAL API Gateway REST API whose Lambda integration streams responses (SSE end to
 * end; an edge-optimized endpoint would cut a stream idle for 30 s), with API keys + usage plan,
 * CORS preflight answered by the app, access and execution logs and least-privilege IAM. Bodies
 * are validated by the app alone, which answers in the contract's error shape.
 */
export class QaApi extends Construct {
  public readonly api: apigw.RestApi;
  public readonly handler: lambda.Function;
  public readonly apiKey: apigw.IApiKey;

  constructor(scope: Construct, id: string, props: QaApiProps) {
    super(scope, id);
    this.handler = bundledFunction(this, 'Handler', {
      entry: props.slackRoutes ? LAMBDA_ENTRIES.apiWithSlack : LAMBDA_ENTRIES.api,
      description: 'Course-notes Q&A API (Hono app, Bedrock engine)',
      timeout: ANSWERING_FUNCTION_TIMEOUT,
      memorySize: 1024,
      logRetention: props.logRetention,
      // the chat page, and a custom assistant profile
      copyFolders: [...(LAMBDA_COPY_FOLDERS[LAMBDA_ENTRIES.api] ?? []), ...answeringFiles(props.bedrock)],
      environment: {
        ...bedrockEnvironment(props.bedrock),
        CORS_ORIGINS: props.corsOrigins.join(','),
        ...props.extraEnvironment,
      },
      wildcardReason: RETRIEVE_AND_GENERATE_WILDCARD_REASON,
    });
    grantBedrockAnswering(this.handler, props.bedrock);

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: `${Stack.of(this).stackName}-api`,
      description: 'Course-notes Q&A',
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      apiKeySourceType: apigw.ApiKeySourceType.HEADER,
      cloudWatchRole: true,
      deployOptions: {
        stageName: 'v1',
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        metricsEnabled: true,
        tracingEnabled: true,
        throttlingRateLimit: props.throttle.rateLimit * 4,
        throttlingBurstLimit: props.throttle.burstLimit * 4,
      },
    });
    // API Gateway creates this group itself on the first error, with no retention, and
    // `cdk destroy` would leave it behind; created here first, it gets both.
    const executionLogs = new logs.LogGroup(this, 'ExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${this.api.restApiId}/v1`,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api.deploymentStage.node.addDependency(executionLogs);
    this.addContractErrors(props.corsOrigins);

    const integration = new apigw.LambdaIntegration(this.handler, {
      responseTransferMode: apigw.ResponseTransferMode.STREAM,
      timeout: ANSWERING_FUNCTION_TIMEOUT,
    });
    const keyed = { apiKeyRequired: true };
    const v1 = this.api.root.addResource('v1');
    const routes: apigw.IResource[] = [this.api.root];
    const ask = v1.addResource('ask');
    ask.addMethod('POST', integration, keyed);
    const retrieve = v1.addResource('retrieve');
    retrieve.addMethod('POST', integration, keyed);
    const health = this.api.root.addResource('healthz');
    health.addMethod('GET', integration, { apiKeyRequired: false });
    routes.push(ask, retrieve, health);
    if (props.slackRoutes) {
      const slack = this.api.root.addResource('slack').addResource('{route}');
      slack.addMethod('POST', integration, { apiKeyRequired: false });
      routes.push(slack);
    }
    // The chat page and its assets are public; the page sends the key the user enters.
    this.api.root.addMethod('GET', integration, { apiKeyRequired: false });
    const asset = this.api.root.addResource('assets').addResource('{name}');
    asset.addMethod('GET', integration, { apiKeyRequired: false });
    routes.push(asset);
    // Browsers send CORS preflights without the API key; the app answers them from CORS_ORIGINS.
    for (const route of routes) route.addMethod('OPTIONS', integration, { apiKeyRequired: false });

    const plan = this.api.addUsagePlan('UsagePlan', {
      description: 'Default plan for API keys',
      throttle: { rateLimit: props.throttle.rateLimit, burstLimit: props.throttle.burstLimit },
      quota: { limit: props.throttle.dailyQuota, period: apigw.Period.DAY },
    });
    plan.addApiStage({ stage: this.api.deploymentStage });
    this.apiKey = this.api.addApiKey('DefaultKey', {
      description: 'Default key (read its value with the CLI command in the stack outputs)',
    });
    plan.addApiKey(this.apiKey);
  }

  /**
   * Errors raised by API Gateway itself (before the app runs) answer in the contract's error
   * shape too, with the CORS header when one origin (or any) is allowed, so a page can read them.
   */
  private addContractErrors(corsOrigins: string[]): void {
    // Defaults keep the status API Gateway chose; the specific types pin theirs.
    const responses: [string, apigw.ResponseType, string | undefined, string, string][] = [
      ['BadBody', apigw.ResponseType.BAD_REQUEST_BODY, '400', 'VALIDATION_ERROR', 'Invalid request body.'],
      [
        'MissingKey',
        apigw.ResponseType.API_CONFIGURATION_ERROR,
        '500',
        'INTERNAL_ERROR',
        'API configuration error.',
      ],
      [
        'BadKey',
        apigw.ResponseType.INVALID_API_KEY,
        '401',
        'UNAUTHORIZED',
        'Send a valid API key in the x-api-key header.',
      ],
      ['Forbidden', apigw.ResponseType.ACCESS_DENIED, '403', 'FORBIDDEN', 'Access denied.'],
      [
        'NoRoute',
        apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN,
        '404',
        'NOT_FOUND',
        'No such route, or a missing API key.',
      ],
      [
        'Throttled',
        apigw.ResponseType.THROTTLED,
        '429',
        'RATE_LIMITED',
        'Rate limit exceeded; retry shortly.',
      ],
      [
        'Quota',
        apigw.ResponseType.QUOTA_EXCEEDED,
        '429',
        'RATE_LIMITED',
        'Daily quota of this API key exceeded.',
      ],
      [
        'TooLarge',
        apigw.ResponseType.REQUEST_TOO_LARGE,
        '413',
        'PAYLOAD_TOO_LARGE',
        'Request body too large.',
      ],
      [
        'BadMediaType',
        apigw.ResponseType.UNSUPPORTED_MEDIA_TYPE,
        '415',
        'UNSUPPORTED_MEDIA_TYPE',
        'Content-Type must be application/json.',
      ],
      [
        'Timeout',
        apigw.ResponseType.INTEGRATION_TIMEOUT,
        '504',
        'SERVICE_UNAVAILABLE',
        'The answer took too long; retry shortly.',
      ],
      [
        'Other4xx',
        apigw.ResponseType.DEFAULT_4XX,
        undefined,
        'VALIDATION_ERROR',
        'Request rejected by API Gateway.',
      ],
      [
        'Other5xx',
        apigw.ResponseType.DEFAULT_5XX,
        undefined,
        'INTERNAL_ERROR',
        'API Gateway could not get an answer from the function.',
      ],
    ];
    const allowOrigin = corsOrigins.length === 1 ? corsOrigins[0] : undefined;
    for (const [id, type, statusCode, code, message] of responses) {
      this.api.addGatewayResponse(id, {
        type,
        ...(statusCode ? { statusCode } : {}),
        templates: ERROR_TEMPLATE(code, message),
        ...(allowOrigin ? { responseHeaders: { 'Access-Control-Allow-Origin': `'${allowOrigin}'` } } : {}),
      });
    }
  }
}
