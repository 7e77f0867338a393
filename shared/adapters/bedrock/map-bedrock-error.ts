import {
  AppError,
  RateLimitedError,
  ServiceUnavailableError,
  UpstreamError,
  ValidationError,
} from '../../errors.js';

/** Where an error came from, so messages can name the resource to fix. */
export interface BedrockErrorContext {
  knowledgeBaseId?: string;
  modelArn?: string;
  guardrailId?: string;
  region?: string;
}

const MODEL_ACCESS =
  /model access|don't have access to the model|not authorized to invoke|on-demand throughput isn.t supported|inference profile|model identifier is invalid|model is not ready|end of its life/i;
const SESSION = /session/i;

/**
 * Translates an AWS SDK error (thrown, or an in-stream exception member) into an AppError that
 * says what to do. Never passes stack traces or raw upstream internals to clients.
 */
export function mapBedrockError(error: unknown, context: BedrockErrorContext = {}): AppError {
  if (error instanceof AppError) return error;
  const { name = 'Error', message = '' } = (error ?? {}) as { name?: string; message?: string };
  const region = context.region ? ` in ${context.region}` : '';
  switch (name) {
    case 'ThrottlingException':
    case 'ServiceQuotaExceededException':
    case 'TooManyRequestsException':
      return new RateLimitedError('Amazon Bedrock is throttling requests; retry shortly.', {
        retryAfterSeconds: 5,
        cause: error,
      });
    case 'AccessDeniedException':
      if (MODEL_ACCESS.test(message)) return modelAccessError(context, region, error);
      return new UpstreamError(
        `Access to Amazon Bedrock was denied. The caller's IAM role needs bedrock:RetrieveAndGenerate and bedrock:Retrieve on knowledge base ${context.knowledgeBaseId ?? '(unset)'}, bedrock:InvokeModel on ${context.modelArn ?? 'the model'}, and bedrock:ApplyGuardrail on guardrail ${context.guardrailId ?? '(unset)'}.`,
        { cause: error },
      );
    case 'ResourceNotFoundException':
      return new UpstreamError(
        `A Bedrock resource was not found${region}: check KNOWLEDGE_BASE_ID (${context.knowledgeBaseId ?? 'unset'}), GUARDRAIL_ID (${context.guardrailId ?? 'unset'}) and MODEL_ARN, and that AWS_REGION is the region they were created in.`,
        { cause: error },
      );
    case 'ValidationException':
      if (MODEL_ACCESS.test(message)) return modelAccessError(context, region, error);
      if (SESSION.test(message)) {
        return new ValidationError(
          'sessionId is unknown or has expired; omit it to start a new conversation.',
          { cause: error },
        );
      }
      return new ValidationError(`Amazon Bedrock rejected the request: ${message.slice(0, 200)}`, {
        cause: error,
      });
    case 'ServiceUnavailableException':
    case 'InternalServerException':
    case 'DependencyFailedException':
    case 'BadGatewayException':
    case 'TimeoutError':
    case 'RequestTimeout':
      return new ServiceUnavailableError('Amazon Bedrock is temporarily unavailable; retry shortly.', {
        retryAfterSeconds: 10,
        cause: error,
      });
    default:
      return new UpstreamError('Amazon Bedrock request failed. Quote the request id when reporting it.', {
        cause: error,
      });
  }
}

function modelAccessError(context: BedrockErrorContext, region: string, cause: unknown): AppError {
  return new UpstreamError(
    `The model ${context.modelArn ?? '(MODEL_ARN)'} is not available to this account${region}. Enable access to it (and to the embedding model) in the Bedrock console under "Model access", and use an inference-profile ARN for models that require one.`,
    { cause },
  );
}
