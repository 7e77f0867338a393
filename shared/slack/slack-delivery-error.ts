import { UpstreamError } from '../errors.js';

/**
 * A message that did not reach Slack for certain. `delivered: 'no'` means Slack answered with a
 * refusal (429, 5xx, an API error) or the request never left (connection refused, deadline hit
 * before the attempt): sending again cannot duplicate it. `'unknown'` means the request may have
 * been posted (the attempt timed out or the connection broke after sending): sending again could
 * post it twice.
 */
export class SlackDeliveryError extends UpstreamError {
  constructor(
    message: string,
    readonly delivered: 'no' | 'unknown',
    readonly attempts: number,
  ) {
    super(message);
  }
}
