// Error bodies between the two formats, including the in-stream error payloads each SDK raises.
import type { AnthropicErrorBody, AnthropicErrorType } from './anthropicTypes.ts';
import type { ChatErrorBody } from './openaiTypes.ts';

type Loose = { [key: string]: unknown };

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The message and type an upstream error body carries, whatever its shape: OpenAI and Anthropic
 * `{error:{message,type}}`, `{error:"text"}`, FastAPI-style `{detail}`, or a bare `{message}`.
 */
function readError(body: unknown): { message: string | undefined; type: string | undefined } {
  if (typeof body === 'string') return { message: body || undefined, type: undefined };
  if (!isObject(body)) return { message: undefined, type: undefined };
  const err = body.error;
  if (isObject(err)) {
    return {
      message: typeof err.message === 'string' ? err.message : err.message != null ? JSON.stringify(err.message) : undefined,
      type: typeof err.type === 'string' ? err.type : undefined,
    };
  }
  if (typeof err === 'string') return { message: err, type: undefined };
  const message = typeof body.message === 'string' ? body.message : typeof body.detail === 'string' ? body.detail : undefined;
  return { message, type: typeof body.type === 'string' && body.type !== 'error' ? body.type : undefined };
}

const fallbackMessage = (status: number | undefined) =>
  status ? `The upstream provider returned status ${status}.` : 'The upstream provider returned an error.';

/** Anthropic `{type:'error', error:{type,message}}` (or anything else) → OpenAI error envelope. */
export function chatErrorOf(body: unknown, status?: number): ChatErrorBody {
  const { message, type } = readError(body);
  return {
    error: {
      message: message ?? fallbackMessage(status),
      type: type ?? chatTypeOfStatus(status),
      param: null,
      code: null,
    },
  };
}

function chatTypeOfStatus(status: number | undefined): string {
  switch (status) {
    case 400:
    case 413:
    case 422:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 408:
    case 504:
      return 'timeout_error';
    case 429:
      return 'rate_limit_error';
    default:
      return 'api_error';
  }
}

const ANTHROPIC_TYPES = new Set<string>([
  'invalid_request_error',
  'authentication_error',
  'billing_error',
  'permission_error',
  'not_found_error',
  'rate_limit_error',
  'timeout_error',
  'api_error',
  'overloaded_error',
]);

function anthropicTypeOfStatus(status: number | undefined): AnthropicErrorType {
  if (status === 402) return 'billing_error';
  if (status === 529) return 'overloaded_error';
  return chatTypeOfStatus(status) as AnthropicErrorType;
}

/**
 * OpenAI error envelope (or anything else) → Anthropic `{type:'error', error:{type,message}}`.
 * OpenAI types outside Anthropic's set (`server_error`, `insufficient_quota`, …) are replaced by
 * the type the status implies, because Anthropic SDKs switch on these names.
 */
export function anthropicErrorOf(body: unknown, status?: number): AnthropicErrorBody {
  const { message, type } = readError(body);
  return {
    type: 'error',
    error: {
      type: type !== undefined && ANTHROPIC_TYPES.has(type) ? type : anthropicTypeOfStatus(status),
      message: message ?? fallbackMessage(status),
    },
  };
}

/**
 * The `data:` payload that makes the OpenAI SDK throw mid-stream. openai v6
 * (core/streaming.js, Stream.fromSSEResponse) JSON-parses each data line and, when the object has
 * a truthy `error` key, throws `APIError(undefined, data.error, …)`, so `err.message` is
 * `error.message` and `err.type`/`err.code`/`err.param` come from the same object.
 */
export function chatStreamErrorPayload(message: string, type = 'api_error'): string {
  return JSON.stringify({ error: { message, type, param: null, code: null } } satisfies ChatErrorBody);
}

/**
 * The `event: error` payload that makes the Anthropic SDK throw mid-stream: @anthropic-ai/sdk
 * (core/streaming.js) raises `APIError` for an SSE event named `error`, reading `error.type`.
 * Types outside Anthropic's set (the gateway's own `upstream_error`, …) become `api_error`.
 */
export function anthropicStreamErrorPayload(message: string, type: string = 'api_error'): string {
  const known = (ANTHROPIC_TYPES.has(type) ? type : 'api_error') as AnthropicErrorType;
  return JSON.stringify({ type: 'error', error: { type: known, message } } satisfies AnthropicErrorBody);
}
