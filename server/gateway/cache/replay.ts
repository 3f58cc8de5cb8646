// Replays a cached JSON response as the SSE stream a streaming client expects: OpenAI chat
// completions and legacy completions as `data:` chunks ending in `[DONE]`, Anthropic Messages as
// its named event sequence. Text in, text out; the caller writes it with text/event-stream.
import { sseData, sseEvent } from '../sse.ts';
import type { ChatCompletion, ChatChunk, ChatChunkChoice, ChatDelta, Extra } from '../translate/openaiTypes.ts';
import type { MessagesResponse } from '../translate/anthropicTypes.ts';

export interface ReplayOptions {
  /** The request asked for `stream_options.include_usage`: OpenAI formats end with a usage chunk. */
  includeUsage?: boolean;
  /** Text is sent in pieces of at most this many UTF-16 units (default 1024). */
  chunkChars?: number;
}

export interface TextCompletion extends Extra {
  id: string;
  object: 'text_completion';
  created: number;
  model: string;
  choices: ({ index: number; text: string; finish_reason: string | null; logprobs?: unknown } & Extra)[];
  usage?: Extra | null;
}

const DEFAULT_CHUNK_CHARS = 1024;

/** True when the request body asked for a usage chunk at the end of the stream. */
export function includeUsageRequested(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const opts = (body as { stream_options?: unknown }).stream_options;
  return typeof opts === 'object' && opts !== null && (opts as { include_usage?: unknown }).include_usage === true;
}

/**
 * Picks the replay for a cached body by its own `object`/`type`. Null when the body is not one
 * of the three replayable shapes (e.g. embeddings, which have no stream form): serve it as JSON.
 */
export function replayAsSse(bodyText: string, options: ReplayOptions = {}): string | null {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const tagged = body as { object?: unknown; type?: unknown; choices?: unknown; content?: unknown };
  if (tagged.object === 'chat.completion' && Array.isArray(tagged.choices)) return replayChatCompletion(body as ChatCompletion, options);
  if (tagged.object === 'text_completion' && Array.isArray(tagged.choices)) return replayTextCompletion(body as TextCompletion, options);
  if (tagged.type === 'message' && Array.isArray(tagged.content)) return replayAnthropicMessage(body as MessagesResponse, options);
  return null;
}

/** Splits text into pieces without cutting a surrogate pair. */
export function textPieces(text: string, size = DEFAULT_CHUNK_CHARS): string[] {
  if (text.length <= size) return [text];
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    // Never end on a high surrogate; with room for one unit only, take the pair whole.
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end = end - 1 > start ? end - 1 : end + 1;
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

// ---- OpenAI chat completions ----

const KNOWN_MESSAGE_FIELDS = new Set(['role', 'content', 'refusal', 'tool_calls', 'function_call', 'reasoning_content', 'audio']);

/**
 * Per choice: a role chunk (carrying any message fields we do not model, which the OpenAI SDK
 * copies onto the message), reasoning, content and refusal in pieces, each tool call as a header
 * chunk (id, name) then its arguments, and a finish chunk with the choice's logprobs. Then the
 * usage chunk when asked for, and `[DONE]`.
 */
export function replayChatCompletion(completion: ChatCompletion, options: ReplayOptions = {}): string {
  const size = options.chunkChars ?? DEFAULT_CHUNK_CHARS;
  const head: Extra = { id: completion.id, object: 'chat.completion.chunk', created: completion.created, model: completion.model };
  if (completion.system_fingerprint !== undefined) head.system_fingerprint = completion.system_fingerprint;
  if (completion.service_tier !== undefined) head.service_tier = completion.service_tier;
  if (options.includeUsage) head.usage = null;

  const out: string[] = [];
  const chunk = (choice: ChatChunkChoice) => out.push(sseData(JSON.stringify({ ...head, choices: [choice] } as ChatChunk)));
  const delta = (index: number, d: ChatDelta) => chunk({ index, delta: d, finish_reason: null });

  for (const choice of completion.choices) {
    const message = (choice.message ?? {}) as Extra;
    const { index } = choice;
    const first: ChatDelta = { role: 'assistant', content: '' };
    for (const [k, v] of Object.entries(message)) if (!KNOWN_MESSAGE_FIELDS.has(k) && v !== undefined) first[k] = v;
    delta(index, first);

    if (typeof message.reasoning_content === 'string' && message.reasoning_content !== '') {
      for (const piece of textPieces(message.reasoning_content, size)) delta(index, { reasoning_content: piece });
    }
    const content = messageText(message.content);
    if (content !== '') for (const piece of textPieces(content, size)) delta(index, { content: piece });
    if (typeof message.refusal === 'string' && message.refusal !== '') {
      for (const piece of textPieces(message.refusal, size)) delta(index, { refusal: piece });
    }
    if (message.audio && typeof message.audio === 'object') delta(index, { audio: message.audio });

    const fn = message.function_call as { name?: string; arguments?: string } | undefined;
    if (fn && typeof fn === 'object') {
      delta(index, { function_call: { name: fn.name ?? '', arguments: '' } });
      if (fn.arguments) delta(index, { function_call: { arguments: fn.arguments } });
    }
    const toolCalls = Array.isArray(message.tool_calls) ? (message.tool_calls as Extra[]) : [];
    toolCalls.forEach((call, i) => {
      const f = (call.function ?? {}) as { name?: string; arguments?: string };
      const { function: _f, id, type, ...rest } = call;
      delta(index, {
        tool_calls: [
          {
            ...rest,
            index: i,
            id: id as string,
            type: (type as 'function') ?? 'function',
            function: { name: f.name ?? '', arguments: '' },
          },
        ],
      });
      if (f.arguments) delta(index, { tool_calls: [{ index: i, function: { arguments: f.arguments } }] });
    });

    const finish: ChatChunkChoice = { index, delta: {}, finish_reason: choice.finish_reason ?? 'stop' };
    if (choice.logprobs != null) finish.logprobs = choice.logprobs;
    chunk(finish);
  }

  if (options.includeUsage && completion.usage) out.push(sseData(JSON.stringify({ ...head, choices: [], usage: completion.usage })));
  out.push(sseData('[DONE]'));
  return out.join('');
}

/** A message's text; some OpenAI-compatible servers answer with an array of text parts. */
function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((p) =>
      typeof p === 'object' && p !== null && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '',
    )
    .join('');
}

// ---- OpenAI legacy completions ----

/** Per choice: the text in pieces, then a finish chunk; the usage chunk when asked for; `[DONE]`. */
export function replayTextCompletion(completion: TextCompletion, options: ReplayOptions = {}): string {
  const size = options.chunkChars ?? DEFAULT_CHUNK_CHARS;
  const head: Extra = { id: completion.id, object: 'text_completion', created: completion.created, model: completion.model };
  if (completion.system_fingerprint !== undefined) head.system_fingerprint = completion.system_fingerprint;
  if (options.includeUsage) head.usage = null;
  const out: string[] = [];
  for (const choice of completion.choices) {
    const pieces = choice.text ? textPieces(choice.text, size) : [];
    for (const text of pieces)
      out.push(sseData(JSON.stringify({ ...head, choices: [{ index: choice.index, text, logprobs: null, finish_reason: null }] })));
    const finish = { index: choice.index, text: '', logprobs: choice.logprobs ?? null, finish_reason: choice.finish_reason ?? 'stop' };
    out.push(sseData(JSON.stringify({ ...head, choices: [finish] })));
  }
  if (options.includeUsage && completion.usage) out.push(sseData(JSON.stringify({ ...head, choices: [], usage: completion.usage })));
  out.push(sseData('[DONE]'));
  return out.join('');
}

// ---- Anthropic Messages ----

/** Blocks whose `input` streams as input_json_delta (the SDK parses it back). */
const TOOL_INPUT_BLOCKS = new Set(['tool_use', 'server_tool_use', 'mcp_tool_use']);

/**
 * message_start (the message with no content, no stop reason, the input usage), then per block
 * content_block_start / _delta… / _stop, then message_delta with stop_reason and the whole usage
 * (the SDK overwrites its usage from it), then message_stop. Blocks with no delta form (tool
 * results, redacted thinking) are sent whole in content_block_start, as the API does.
 */
export function replayAnthropicMessage(message: MessagesResponse, options: ReplayOptions = {}): string {
  const size = options.chunkChars ?? DEFAULT_CHUNK_CHARS;
  const out: string[] = [];
  const send = (type: string, payload: Extra) => out.push(sseEvent(type, JSON.stringify({ type, ...payload })));

  const { content, stop_reason, stop_sequence, usage, stop_details: _stopDetails, container, ...rest } = message;
  const startUsage: Extra = { ...usage, output_tokens: 0 };
  send('message_start', { message: { ...rest, content: [], stop_reason: null, stop_sequence: null, usage: startUsage } });

  content.forEach((block, index) => {
    if (block.type === 'text') {
      const { text, citations, ...start } = block as Extra & { text: string; citations?: unknown };
      send('content_block_start', { index, content_block: { ...start, type: 'text', text: '' } });
      if (typeof text === 'string' && text !== '') {
        for (const piece of textPieces(text, size)) send('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
      }
      if (Array.isArray(citations)) {
        for (const citation of citations as Extra[]) send('content_block_delta', { index, delta: { type: 'citations_delta', citation } });
      }
    } else if (block.type === 'thinking') {
      const { thinking, signature } = block as Extra & { thinking: string; signature: string };
      send('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      if (thinking)
        for (const piece of textPieces(thinking, size))
          send('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: piece } });
      if (signature) send('content_block_delta', { index, delta: { type: 'signature_delta', signature } });
    } else if (TOOL_INPUT_BLOCKS.has(block.type)) {
      const { input, ...start } = block as Extra & { input?: unknown };
      send('content_block_start', { index, content_block: { ...start, input: {} } });
      send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(input ?? {}) } });
    } else {
      send('content_block_start', { index, content_block: block });
    }
    send('content_block_stop', { index });
  });

  const delta: Extra = { stop_reason, stop_sequence: stop_sequence ?? null };
  if (message.stop_details !== undefined) delta.stop_details = message.stop_details;
  if (container != null) delta.container = container;
  send('message_delta', { delta, usage });
  send('message_stop', {});
  return out.join('');
}
