// Upstream answers in Anthropic's and OpenAI's real wire shapes, for scripting the mock LLM
// (`mock.next({ body })` / `mock.next({ events })`) in gateway tests.

type Json = Record<string, unknown>;

export const MOCK_CLAUDE_MODEL = 'claude-3-5-sonnet-20241022';

export interface ClaudeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

/** An Anthropic Messages API response body. */
export function claudeMessage(content: Json[], stopReason: string, usage: ClaudeUsage = { input_tokens: 10, output_tokens: 5 }): Json {
  return {
    id: 'msg_01',
    type: 'message',
    role: 'assistant',
    model: MOCK_CLAUDE_MODEL,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
  };
}

export type StreamBlock = { text: string[] } | { toolUse: { id: string; name: string }; json: string[] };

/** The event sequence Anthropic streams for a message made of these blocks (with a ping, as it does). */
export function claudeEvents(blocks: StreamBlock[], stopReason: string, usage: ClaudeUsage) {
  const ev = (data: Json) => ({ event: String(data.type), data });
  const { output_tokens, ...input } = usage;
  const out = [
    ev({
      type: 'message_start',
      message: {
        id: 'msg_stream',
        type: 'message',
        role: 'assistant',
        model: MOCK_CLAUDE_MODEL,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...input, output_tokens: 1 },
      },
    }),
    ev({ type: 'ping' }),
  ];
  blocks.forEach((b, index) => {
    if ('text' in b) {
      out.push(ev({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
      for (const text of b.text) out.push(ev({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } }));
    } else {
      out.push(ev({ type: 'content_block_start', index, content_block: { type: 'tool_use', ...b.toolUse, input: {} } }));
      for (const partial_json of b.json)
        out.push(ev({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } }));
    }
    out.push(ev({ type: 'content_block_stop', index }));
  });
  out.push(ev({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens } }));
  out.push(ev({ type: 'message_stop' }));
  return out;
}

/** One chat.completion.chunk from an OpenAI-compatible upstream. */
export const chatChunk = (delta: Json, finishReason: string | null = null) => ({
  data: {
    id: 'chatcmpl-s',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  },
});

/** An OpenAI chat completion whose one choice calls `get_weather` with `args` (a JSON text). */
export function chatToolCallAnswer(
  callId: string,
  args: string,
  usage: Json = { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 },
): Json {
  return {
    id: 'chatcmpl-tools',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o',
    choices: [
      {
        index: 0,
        finish_reason: 'tool_calls',
        message: {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: callId, type: 'function', function: { name: 'get_weather', arguments: args } }],
        },
      },
    ],
    usage,
  };
}
