// The Anthropic Messages shapes the translators read and write: request, response, stream events,
// usage and error. Every object keeps an index signature so fields we do not model survive.
import type { Extra } from './openaiTypes.ts';

// ---- request ----

export interface CacheControl extends Extra {
  type: 'ephemeral';
}

export interface TextBlockParam extends Extra {
  type: 'text';
  text: string;
  cache_control?: CacheControl | null;
}

export type ImageSource =
  | ({ type: 'base64'; media_type: string; data: string } & Extra)
  | ({ type: 'url'; url: string } & Extra)
  | ({ type: 'file'; file_id: string } & Extra);

export interface ImageBlockParam extends Extra {
  type: 'image';
  source: ImageSource;
  cache_control?: CacheControl | null;
}

export type DocumentSource =
  | ({ type: 'base64'; media_type: string; data: string } & Extra)
  | ({ type: 'text'; media_type: 'text/plain'; data: string } & Extra)
  | ({ type: 'url'; url: string } & Extra)
  | ({ type: 'file'; file_id: string } & Extra)
  | ({ type: 'content'; content: string | Array<TextBlockParam | ImageBlockParam> } & Extra);

export interface DocumentBlockParam extends Extra {
  type: 'document';
  source: DocumentSource;
  title?: string | null;
  cache_control?: CacheControl | null;
}

export interface ToolUseBlockParam extends Extra {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
}

export interface ToolResultBlockParam extends Extra {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | Array<TextBlockParam | ImageBlockParam | DocumentBlockParam | (Extra & { type: string })>;
  is_error?: boolean;
  cache_control?: CacheControl | null;
}

export interface ThinkingBlockParam extends Extra {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface RedactedThinkingBlockParam extends Extra {
  type: 'redacted_thinking';
  data: string;
}

/** Server-tool and other Anthropic-only blocks we carry without reading. */
export interface OtherBlockParam extends Extra {
  type: string;
}

export type ContentBlockParam =
  | TextBlockParam
  | ImageBlockParam
  | DocumentBlockParam
  | ToolUseBlockParam
  | ToolResultBlockParam
  | ThinkingBlockParam
  | RedactedThinkingBlockParam;

export interface MessageParam extends Extra {
  role: 'user' | 'assistant';
  content: string | Array<ContentBlockParam | OtherBlockParam>;
}

export interface AnthropicTool extends Extra {
  name: string;
  description?: string;
  input_schema?: Extra;
  /** Absent or 'custom' for client tools; a dated type (`bash_20250124`, `web_search_…`) otherwise. */
  type?: string | null;
  cache_control?: CacheControl | null;
}

export type AnthropicToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

export interface MessagesRequest extends Extra {
  model: string;
  messages: MessageParam[];
  max_tokens: number;
  system?: string | TextBlockParam[];
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stream?: boolean;
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  metadata?: ({ user_id?: string | null } & Extra) | null;
  thinking?: Extra & { type: string };
  output_config?: Extra & { format?: ({ type: 'json_schema'; schema: Extra } & Extra) | null };
}

// ---- response ----

export type StopReason =
  'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal' | 'model_context_window_exceeded';

export interface TextBlock extends Extra {
  type: 'text';
  text: string;
}

export interface ToolUseBlock extends Extra {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
}

export interface ThinkingBlock extends Extra {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface RedactedThinkingBlock extends Extra {
  type: 'redacted_thinking';
  data: string;
}

/** Server-tool blocks (`server_tool_use`, `web_search_tool_result`, …) the chat format has no place for. */
export interface OtherBlock extends Extra {
  type: string;
}

export type ContentBlock = TextBlock | ToolUseBlock | ThinkingBlock | RedactedThinkingBlock;

export interface AnthropicUsage extends Extra {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  /** How the cache writes split between the 5-minute and 1-hour TTLs, which are priced apart. */
  cache_creation?: CacheCreation | null;
}

export interface CacheCreation extends Extra {
  ephemeral_5m_input_tokens?: number;
  ephemeral_1h_input_tokens?: number;
}

export interface MessagesResponse extends Extra {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: Array<ContentBlock | OtherBlock>;
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}

// ---- stream ----

export type MessagesDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'input_json_delta'; partial_json: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }
  | { type: 'citations_delta'; citation: Extra };

/** message_delta usage is cumulative; fields other than output_tokens appear only when they apply. */
export interface MessageDeltaUsage extends Extra {
  output_tokens: number;
  input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation?: CacheCreation | null;
}

export type MessagesStreamEvent =
  | { type: 'message_start'; message: MessagesResponse }
  | { type: 'content_block_start'; index: number; content_block: ContentBlock | OtherBlock }
  | { type: 'content_block_delta'; index: number; delta: MessagesDelta }
  | { type: 'content_block_stop'; index: number }
  | {
      type: 'message_delta';
      delta: { stop_reason: StopReason | null; stop_sequence: string | null } & Extra;
      usage: MessageDeltaUsage;
    }
  | { type: 'message_stop' }
  | { type: 'ping' }
  | AnthropicErrorBody;

// ---- errors ----

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'timeout_error'
  | 'api_error'
  | 'overloaded_error';

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string } & Extra;
}
