import {
  AppError,
  RateLimitedError,
  ServiceUnavailableError,
  UpstreamError,
  ValidationError,
} from '../../errors.js';
import { redactForLog } from '../../guardrail/detect-pii.js';

/** Where an error came from; it goes to the logs only, never into a client message. */
export interface BedrockErrorContext {
  operation?: string;
  knowledgeBaseId?: string;
  modelArn?: string;
  guardrailId?: string;
  region?: string;
}

const MODEL_ACCESS =
  /model access|don't have access to the model|not authorized to invoke|on-demand throughput isn.t supported|inference profile|model identifier is invalid|model is not ready|end of its life/i;
const SESSION = /session/i;

/** Seconds clients are asked to wait (Bedrock sends no Retry-After of its own). */
export const THROTTLED_RETRY_AFTER_SECONDS = 5;
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 10;

// Client messages say what the operator should check and carry no identifiers (no ARNs, account,
// knowledge-base or guardrail ids) and no upstream text: those go to `logDetail`.
const MESSAGES = {
  throttled: 'Amazon Bedrock is throttling requests; retry in a few seconds.',
  accessDenied:
    'Amazon Bedrock denied this service access. The operator should check the IAM policy of the role the API runs as: bedrock:RetrieveAndGenerate and bedrock:Rerank granted on "*" (these actions have no resource type), bedrock:Retrieve on the knowledge base, bedrock:InvokeModel and bedrock:GetInferenceProfile on the generation model and its inference profile, and bedrock:ApplyGuardrail on the guardrail.',
  modelAccess:
    'The generation model is not available to this AWS account in this region. The operator should enable access to it (and to the embedding model) under "Model access" in the Amazon Bedrock console, and set MODEL_ARN to an inference-profile ARN for models that require one.',
  notFound:
    'A Bedrock resource this service is configured with was not found. The operator should check KNOWLEDGE_BASE_ID, GUARDRAIL_ID, GUARDRAIL_VERSION and MODEL_ARN, and that AWS_REGION is the region they were created in.',
  invalidSession: 'sessionId is unknown or has expired; omit it to start a new conversation.',
  invalid:
    'Amazon Bedrock rejected the request as invalid. If the question and filters are right, the operator should check the Bedrock settings; the detail is logged under this request id.',
  unavailable: 'Amazon Bedrock is temporarily unavailable; retry shortly.',
  failed: 'Amazon Bedrock request failed. Quote the request id when reporting it.',
};

/** The raw facts of an SDK error, for the logs. */
function logDetailOf(error: unknown, context: BedrockErrorContext): Record<string, unknown> {
  const { name, message, $metadata } = (error ?? {}) as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number; totalRetryDelay?: number };
  };
  const detail: Record<string, unknown> = {
    upstream: 'bedrock',
    upstreamError: name ?? 'Error',
    // Validation messages can echo the question back; the logs keep it PII-masked like the record.
    upstreamMessage: redactForLog(message ?? ''),
  };
  if ($metadata?.httpStatusCode !== undefined) detail.upstreamStatus = $metadata.httpStatusCode;
  if ($metadata?.requestId) detail.awsRequestId = $metadata.requestId;
  if ($metadata?.attempts !== undefined) detail.attempts = $metadata.attempts;
  if ($metadata?.totalRetryDelay !== undefined) detail.totalRetryDelayMs = $metadata.totalRetryDelay;
  for (const [key, value] of Object.entries(context)) if (value) detail[key] = value;
  return detail;
}

/**
 * Translates an AWS SDK error (thrown, or an exception inside an event stream) into an AppError
 * whose message tells the caller or the operator what to do, and whose `logDetail` keeps the
 * upstream name, message and request id for the logs.
 */
export function mapBedrockError(error: unknown, context: BedrockErrorContext = {}): AppError {
  if (error instanceof AppError) return error;
  const { name = 'Error', message = '' } = (error ?? {}) as { name?: string; message?: string };
  const options = { cause: error, logDetail: logDetailOf(error, context) };
  switch (name) {
    case 'ThrottlingException':
    case 'ServiceQuotaExceededException':
    case 'TooManyRequestsException':
      return new RateLimitedError(MESSAGES.throttled, {
        ...options,
        retryAfterSeconds: THROTTLED_RETRY_AFTER_SECONDS,
      });
    case 'AccessDeniedException':
      return new UpstreamError(
        MODEL_ACCESS.test(message) ? MESSAGES.modelAccess : MESSAGES.accessDenied,
        options,
      );
    case 'ResourceNotFoundException':
      return new UpstreamError(MESSAGES.notFound, options);
    case 'ValidationException':
      if (MODEL_ACCESS.test(message)) return new UpstreamError(MESSAGES.modelAccess, options);
      if (SESSION.test(message)) return new ValidationError(MESSAGES.invalidSession, options);
      return new ValidationError(MESSAGES.invalid, options);
    case 'ServiceUnavailableException':
    case 'InternalServerException':
    case 'DependencyFailedException':
    case 'BadGatewayException':
    case 'ModelNotReadyException':
    case 'ModelTimeoutException':
    case 'TimeoutError':
    case 'RequestTimeout':
      return new ServiceUnavailableError(MESSAGES.unavailable, {
        ...options,
        retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
      });
    default:
      return new UpstreamError(MESSAGES.failed, options);
  }
}
