import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { MAX_QUESTION_LENGTH } from '../../services/api/http/request-schemas.js';
import { LAMBDA_COPY_FOLDERS, LAMBDA_ENTRIES } from '../lambda-bundles.js';
import {
  type BedrockAnsweringResources,
  bedrockEnvironment,
  grantBedrockAnswering,
} from './bedrock-access.js';
import { bundledFunction } from './bundled-function.js';

export interface QaApiProps {
  readonly bedrock: BedrockAnsweringResources;
  readonly logRetention: logs.RetentionDays;
  /** Adds the public `/slack/*` routes (Slack signs its requests; it cannot send an API key). */
  readonly slackRoutes?: boolean;
  readonly throttle: { rateLimit: number; burstLimit: number; dailyQuota: number };
  readonly extraEnvironment?: Record<string, string>;
}

const ERROR_TEMPLATE = (code: string, message: string) => ({
  'application/json': `{"error":{"code":"${code}","message":${message},"requestId":"$context.requestId"}}`,
});

/**
 * The HTTP API on AWS: one Lambda running the same `createApp(deps)` with the Bedrock engine,
 * behind an API Gateway REST API whose Lambda integration streams responses (SSE end to end),
 * with API keys + usage plan, request validation, access logs and least-privilege IAM.
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
      timeout: Duration.seconds(60),
      memorySize: 1024,
      logRetention: props.logRetention,
      copyFolders: LAMBDA_COPY_FOLDERS[LAMBDA_ENTRIES.api], // the chat page
      environment: { ...bedrockEnvironment(props.bedrock), ...props.extraEnvironment },
    });
    grantBedrockAnswering(this.handler, props.bedrock);

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.api = new apigw.RestApi(this, 'Api', {
      description: 'Course-notes Q&A',
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
    this.addContractErrors();

    const integration = new apigw.LambdaIntegration(this.handler, {
      responseTransferMode: apigw.ResponseTransferMode.STREAM,
      timeout: Duration.seconds(60),
    });
    const validator = this.api.addRequestValidator('BodyValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const keyed = { apiKeyRequired: true, requestValidator: validator };
    const v1 = this.api.root.addResource('v1');
    v1.addResource('ask').addMethod('POST', integration, {
      ...keyed,
      requestModels: { 'application/json': this.model('AskRequest', 'question') },
    });
    v1.addResource('retrieve').addMethod('POST', integration, {
      ...keyed,
      requestModels: { 'application/json': this.model('RetrieveRequest', 'query') },
    });
    this.api.root.addResource('healthz').addMethod('GET', integration, { apiKeyRequired: false });
    if (props.slackRoutes) {
      this.api.root
        .addResource('slack')
        .addResource('{route}')
        .addMethod('POST', integration, { apiKeyRequired: false });
    }
    // The chat page and its assets are public; the page sends the key the user enters.
    this.api.root.addMethod('GET', integration, { apiKeyRequired: false });
    this.api.root
      .addResource('assets')
      .addResource('{name}')
      .addMethod('GET', integration, { apiKeyRequired: false });

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

  /** JSON schema validated at the edge; the app validates again with the same limits. */
  private model(name: string, field: 'question' | 'query'): apigw.Model {
    return this.api.addModel(name, {
      contentType: 'application/json',
      schema: {
        type: apigw.JsonSchemaType.OBJECT,
        required: [field],
        properties: {
          [field]: { type: apigw.JsonSchemaType.STRING, minLength: 1, maxLength: MAX_QUESTION_LENGTH + 200 },
          k: { type: apigw.JsonSchemaType.INTEGER, minimum: 1, maximum: 20 },
          sessionId: { type: apigw.JsonSchemaType.STRING, maxLength: 100 },
          filters: { type: apigw.JsonSchemaType.OBJECT },
        },
      },
    });
  }

  /** Errors raised by API Gateway itself answer in the contract's error shape too. */
  private addContractErrors(): void {
    const responses: [string, apigw.ResponseType, string, string, string][] = [
      [
        'BadBody',
        apigw.ResponseType.BAD_REQUEST_BODY,
        '400',
        'VALIDATION_ERROR',
        '"$context.error.validationErrorString"',
      ],
      [
        'MissingKey',
        apigw.ResponseType.API_CONFIGURATION_ERROR,
        '500',
        'INTERNAL_ERROR',
        '"API configuration error."',
      ],
      [
        'BadKey',
        apigw.ResponseType.INVALID_API_KEY,
        '401',
        'UNAUTHORIZED',
        '"Send a valid API key in the x-api-key header."',
      ],
      ['Forbidden', apigw.ResponseType.ACCESS_DENIED, '403', 'FORBIDDEN', '"Access denied."'],
      [
        'NoRoute',
        apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN,
        '404',
        'NOT_FOUND',
        '"No such route, or a missing API key."',
      ],
      [
        'Throttled',
        apigw.ResponseType.THROTTLED,
        '429',
        'RATE_LIMITED',
        '"Rate limit exceeded; retry shortly."',
      ],
      [
        'Quota',
        apigw.ResponseType.QUOTA_EXCEEDED,
        '429',
        'RATE_LIMITED',
        '"Daily quota of this API key exceeded."',
      ],
      [
        'TooLarge',
        apigw.ResponseType.REQUEST_TOO_LARGE,
        '413',
        'PAYLOAD_TOO_LARGE',
        '"Request body too large."',
      ],
      [
        'BadMediaType',
        apigw.ResponseType.UNSUPPORTED_MEDIA_TYPE,
        '415',
        'UNSUPPORTED_MEDIA_TYPE',
        '"Content-Type must be application/json."',
      ],
    ];
    for (const [id, type, statusCode, code, message] of responses) {
      this.api.addGatewayResponse(id, { type, statusCode, templates: ERROR_TEMPLATE(code, message) });
    }
  }
}
