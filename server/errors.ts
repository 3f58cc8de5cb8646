// One error type for the whole server. Each HTTP surface renders it in its own envelope:
//   Admin API -> { success: false, data: { message, errorCode } }
//   Gateway   -> { error: { message, type, param, code } } (OpenAI shape)

export type AdminErrorCode = 'AB01' | 'AB02' | 'AB03' | 'AB04' | 'AB05' | 'AB06' | 'AB07' | 'AB08' | 'AB09';

/** OpenAI-style error types, so SDKs map them to their usual exception classes. */
export type GatewayErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'timeout_error'
  | 'api_error'
  | 'upstream_error'
  | 'budget_exceeded'
  /** A guardrail denied the request or its answer (446). */
  | 'hooks_failed';

const STATUS_BY_CODE: Record<AdminErrorCode, number> = {
  AB01: 400,
  AB02: 404,
  AB03: 403,
  AB04: 500,
  AB05: 401,
  AB06: 429,
  AB07: 409,
  AB08: 404,
  AB09: 402,
};

const CODE_BY_STATUS: Record<number, AdminErrorCode> = {
  400: 'AB01',
  401: 'AB05',
  402: 'AB09',
  403: 'AB03',
  404: 'AB08',
  409: 'AB07',
  413: 'AB01',
  415: 'AB01',
  429: 'AB06',
};

const TYPE_BY_STATUS: Record<number, GatewayErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  408: 'timeout_error',
  412: 'budget_exceeded',
  413: 'invalid_request_error',
  415: 'invalid_request_error',
  429: 'rate_limit_error',
  446: 'hooks_failed',
};

export interface AppErrorOptions {
  /** Logged, never sent: what went wrong inside. */
  detail?: unknown;
  /** Gateway envelope fields. */
  type?: GatewayErrorType;
  param?: string | null;
  code?: string | null;
  /** Response headers that belong to the refusal (Retry-After and x-ratelimit-* on a rate limit's 429). */
  headers?: Record<string, string>;
}

export class AppError extends Error {
  readonly status: number;
  readonly errorCode: AdminErrorCode;
  readonly type: GatewayErrorType;
  readonly param: string | null;
  readonly code: string | null;
  readonly detail: unknown;
  readonly headers: Readonly<Record<string, string>> | null;

  constructor(errorCode: AdminErrorCode, status: number, message: string, options: AppErrorOptions = {}) {
    super(message);
    this.name = 'AppError';
    this.errorCode = errorCode;
    this.status = status;
    this.type = options.type ?? TYPE_BY_STATUS[status] ?? 'api_error';
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.detail = options.detail;
    this.headers = options.headers ?? null;
  }

  static fromStatus(status: number, message: string, options?: AppErrorOptions): AppError {
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'AB04' : 'AB01');
    return new AppError(code, status, message, options);
  }
}

export const badRequest = (message: string, options?: AppErrorOptions) => new AppError('AB01', 400, message, options);
export const unauthorized = (message = 'Invalid API key. Send a valid key in the x-portkey-api-key header.') =>
  new AppError('AB05', 401, message);
export const forbidden = (message = 'You do not have enough permissions to execute this request') => new AppError('AB03', 403, message);
export const notFound = (message: string) => new AppError('AB08', 404, message);
export const conflict = (message: string) => new AppError('AB07', 409, message);
export const internalError = (detail?: unknown) =>
  new AppError('AB04', 500, 'Something went wrong inside the appliance. The error has been logged.', { detail });

export function adminEnvelope(err: AppError) {
  return { success: false as const, data: { message: err.message, errorCode: err.errorCode } };
}

export function gatewayEnvelope(err: AppError) {
  return { error: { message: err.message, type: err.type, param: err.param, code: err.code } };
}

export { STATUS_BY_CODE };
