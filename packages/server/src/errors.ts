import { type ErrorBody, type ErrorCode, errorStatus } from '@parley/protocol';

/**
 * A refusal: the action could not be done for a reason the caller should hear. Routes turn it
 * into `{ error: { code, message } }` with the code's HTTP status; the gateway into a reply.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Pick<ErrorBody, 'field' | 'retryAfter'> = {},
  ) {
    super(message);
  }
  get status(): number {
    return errorStatus[this.code];
  }
  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...this.extra };
  }
}
