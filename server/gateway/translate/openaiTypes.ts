// The OpenAI Chat Completions shapes the translators read and write: request, response, stream
// chunk, usage and error. Every object keeps an index signature so fields we do not model survive.

export type Extra = { [key: string]: unknown };

// ---- request ----

export interface ChatTextPart extends Extra {
  type: 'text';
  text: string;
}

export interface ChatImagePart extends Extra {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' } & Extra;
}

export interface ChatFilePart extends Extra {
  type: 'file';
  file: { file_data?: string; file_id?: string; filename?: string } & Extra;
}

export interface ChatAudioPart extends Extra {
  type: 'input_audio';
  input_audio: { data: string; format: string };
}

/** Assistant history may carry a refusal part. */
export interface ChatRefusalPart extends Extra {
  type: 'refusal';
  refusal: string;
}

export type ChatContentPart = ChatTextPart | ChatImagePart | ChatFilePart | ChatAudioPart | ChatRefusalPart;

export interface ChatToolCall extends Extra {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/**
 * Anthropic thinking blocks carried on an assistant message so a client can send them back on the
 * next turn (Anthropic needs them, signature included, when thinking is combined with tool use).
 * Same convention as LiteLLM's `thinking_blocks`.
 */
export type ChatThinkingBlock = { type: 'thinking'; thinking: string; signature: string } | { type: 'redacted_thinking'; data: string };

export interface ChatSystemMessage extends Extra {
  role: 'system' | 'developer';
  content: string | ChatTextPart[];
  name?: string;
}

export interface ChatUserMessage extends Extra {
  role: 'user';
  content: string | ChatContentPart[];
  name?: string;
}

export interface ChatAssistantMessage extends Extra {
  role: 'assistant';
  content?: string | Array<ChatTextPart | ChatRefusalPart> | null;
  refusal?: string | null;
  tool_calls?: ChatToolCall[];
  name?: string;
  reasoning_content?: string | null;
  thinking_blocks?: ChatThinkingBlock[];
}

export interface ChatToolMessage extends Extra {
  role: 'tool';
  tool_call_id: string;
  content: string | ChatTextPart[];
}

export type ChatMessage = ChatSystemMessage | ChatUserMessage | ChatAssistantMessage | ChatToolMessage;

export interface ChatFunctionTool extends Extra {
  type: 'function';
  function: { name: string; description?: string; parameters?: Extra; strict?: boolean | null } & Extra;
}

export type ChatToolChoice = 'none' | 'auto' | 'required' | ({ type: 'function'; function: { name: string } } & Extra);

export type ChatResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema?: Extra; strict?: boolean | null; description?: string } };

export interface ChatRequest extends Extra {
  model: string;
  messages: ChatMessage[];
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  stop?: string | string[] | null;
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  stream?: boolean | null;
  stream_options?: ({ include_usage?: boolean } & Extra) | null;
  tools?: ChatFunctionTool[];
  tool_choice?: ChatToolChoice;
  parallel_tool_calls?: boolean;
  user?: string;
  response_format?: ChatResponseFormat;
  reasoning_effort?: string | null;
}

// ---- response ----

export type ChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface ChatUsage extends Extra {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: ({ cached_tokens?: number } & Extra) | null;
  completion_tokens_details?: ({ reasoning_tokens?: number } & Extra) | null;
  /** Anthropic-only figures the cost engine reads; absent for OpenAI upstreams. */
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
  /** Anthropic's 5-minute / 1-hour split of cache_creation_input_tokens. */
  cache_creation?: { ephemeral_5m_input_tokens?: number; ephemeral_1h_input_tokens?: number } & Extra;
}

export interface ChatResponseMessage extends Extra {
  role: 'assistant';
  content: string | null;
  refusal?: string | null;
  tool_calls?: ChatToolCall[];
  reasoning_content?: string;
  thinking_blocks?: ChatThinkingBlock[];
}

export interface ChatChoice extends Extra {
  index: number;
  message: ChatResponseMessage;
  finish_reason: ChatFinishReason | null;
  logprobs?: unknown;
}

export interface ChatCompletion extends Extra {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: ChatChoice[];
  usage?: ChatUsage | null;
}

// ---- stream ----

export interface ChatToolCallDelta extends Extra {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface ChatDelta extends Extra {
  role?: 'assistant';
  content?: string | null;
  refusal?: string | null;
  tool_calls?: ChatToolCallDelta[];
  reasoning_content?: string | null;
  /** Some OpenAI-compatible servers (vLLM, OpenRouter) name the reasoning stream this way. */
  reasoning?: string | null;
}

export interface ChatChunkChoice extends Extra {
  index: number;
  delta: ChatDelta;
  finish_reason: ChatFinishReason | null;
  logprobs?: unknown;
}

export interface ChatChunk extends Extra {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: ChatChunkChoice[];
  usage?: ChatUsage | null;
}

// ---- errors ----

export interface ChatErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null } & Extra;
}
