// Anthropic Messages request → OpenAI chat request, for `/v1/messages` routed to an
// OpenAI-compatible upstream (vLLM, Ollama, llama.cpp, OpenAI itself, …).
//
// Not translatable, and dropped: `thinking` and `output_config.effort` (no portable equivalent),
// cache_control (OpenAI-compatible servers cache on their own), citations, `container`,
// `mcp_servers`, `context_management`, `service_tier`, thinking blocks in assistant history,
// server-tool blocks in history, and Anthropic-defined tools (`bash_…`, `web_search_…`, any tool
// with a dated `type`), which have no schema to send; tool_result `is_error` (the text still says
// what went wrong). Images and documents given by URL or file id are rejected with a 400.
// Passed through untouched: every field this module does not know (`top_k`, `min_p`,
// `repetition_penalty`, `chat_template_kwargs`, `seed`, …), and block types it does not know.
import { badRequest } from '../../errors.ts';
import type {
  AnthropicTool,
  AnthropicToolChoice,
  ContentBlockParam,
  DocumentBlockParam,
  ImageBlockParam,
  MessageParam,
  MessagesRequest,
  OtherBlockParam,
  TextBlockParam,
  ToolResultBlockParam,
} from './anthropicTypes.ts';
import type { ChatContentPart, ChatFunctionTool, ChatMessage, ChatRequest, ChatToolCall, ChatToolChoice } from './openaiTypes.ts';

export interface MessagesToChatRequestOptions {
  /**
   * Where Anthropic's max_tokens goes. `max_tokens` is what most OpenAI-compatible servers read;
   * OpenAI's own reasoning models accept only `max_completion_tokens`.
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
}

const HANDLED = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'stop_sequences',
  'temperature',
  'top_p',
  'stream',
  'tools',
  'tool_choice',
  'metadata',
  'output_config',
]);

const DROPPED = new Set(['thinking', 'container', 'mcp_servers', 'context_management', 'service_tier']);

type Block = ContentBlockParam | OtherBlockParam;

export function messagesRequestToChat(body: MessagesRequest, options: MessagesToChatRequestOptions = {}): ChatRequest {
  const messages: ChatMessage[] = [];
  const system = systemText(body.system);
  if (system !== undefined) messages.push({ role: 'system', content: system });
  body.messages.forEach((msg, i) => convertMessage(msg, i, messages));

  const out: ChatRequest = { model: body.model, messages };
  if (body.max_tokens != null) out[options.maxTokensField ?? 'max_tokens'] = body.max_tokens;
  if (body.stop_sequences && body.stop_sequences.length > 0) out.stop = body.stop_sequences;
  if (body.temperature != null) out.temperature = body.temperature;
  if (body.top_p != null) out.top_p = body.top_p;
  if (body.stream === true) {
    out.stream = true;
    // Anthropic clients expect token counts at the end of every stream.
    out.stream_options = { include_usage: true };
  } else if (body.stream === false) out.stream = false;
  if (body.metadata?.user_id) out.user = body.metadata.user_id;

  const tools = (body.tools ?? []).filter(isClientTool).map(convertTool);
  if (tools.length > 0) {
    out.tools = tools;
    applyToolChoice(out, body.tool_choice);
  }

  const format = body.output_config?.format;
  if (format?.type === 'json_schema') {
    out.response_format = { type: 'json_schema', json_schema: { name: 'response', schema: format.schema, strict: true } };
  }

  for (const key of Object.keys(body)) {
    if (!HANDLED.has(key) && !DROPPED.has(key) && !(key in out) && body[key] !== undefined) out[key] = body[key];
  }
  return out;
}

function systemText(system: MessagesRequest['system']): string | undefined {
  if (system == null) return undefined;
  if (typeof system === 'string') return system;
  // Many OpenAI-compatible servers accept only a string system prompt.
  return system.map((b) => b.text).join('\n');
}

function convertMessage(msg: MessageParam, i: number, out: ChatMessage[]) {
  if (typeof msg.content === 'string') {
    out.push(msg.role === 'user' ? { role: 'user', content: msg.content } : { role: 'assistant', content: msg.content });
    return;
  }
  if (msg.role === 'assistant') {
    out.push(assistantMessage(msg.content));
    return;
  }
  const parts: ChatContentPart[] = [];
  msg.content.forEach((raw, j) => {
    const block = raw as ContentBlockParam;
    const path = `messages[${i}].content[${j}]`;
    if (block.type === 'tool_result') {
      // Tool messages must directly follow the assistant turn that called them, so they go first;
      // images in a result cannot ride in a tool message and join the user message after.
      out.push({ role: 'tool', tool_call_id: block.tool_use_id, content: toolResultText(block, parts, path) });
    } else {
      parts.push(userPart(block, path));
    }
  });
  if (parts.length === 0) return;
  const only = parts[0];
  out.push({ role: 'user', content: parts.length === 1 && only?.type === 'text' ? only.text : parts });
}

function toolResultText(block: ToolResultBlockParam, images: ChatContentPart[], path: string): string {
  const c = block.content;
  if (c == null) return '';
  if (typeof c === 'string') return c;
  let text = '';
  c.forEach((inner, k) => {
    if (inner.type === 'text') text += (text ? '\n' : '') + (inner as TextBlockParam).text;
    else images.push(userPart(inner as Block, `${path}.content[${k}]`));
  });
  return text;
}

function userPart(block: Block, path: string): ChatContentPart {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: (block as TextBlockParam).text };
    case 'image':
      return imagePart(block as ImageBlockParam, path);
    case 'document':
      return documentPart(block as DocumentBlockParam, path);
    default:
      return block as unknown as ChatContentPart;
  }
}

function imagePart(block: ImageBlockParam, path: string): ChatContentPart {
  const s = block.source;
  if (s.type === 'base64') return { type: 'image_url', image_url: { url: `data:${s.media_type};base64,${s.data}` } };
  if (s.type === 'url') return { type: 'image_url', image_url: { url: s.url } };
  throw badRequest('Images given by Anthropic file id cannot be sent to this provider.', { param: path });
}

function documentPart(block: DocumentBlockParam, path: string): ChatContentPart {
  const s = block.source;
  if (s.type === 'text') return { type: 'text', text: block.title ? `${block.title}\n\n${s.data}` : s.data };
  if (s.type === 'base64') {
    return {
      type: 'file',
      file: { filename: block.title ?? 'document.pdf', file_data: `data:${s.media_type};base64,${s.data}` },
    };
  }
  if (s.type === 'content') {
    const text = typeof s.content === 'string' ? s.content : s.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    return { type: 'text', text };
  }
  throw badRequest('Documents given by URL or file id cannot be sent to this provider; send them inline.', { param: path });
}

function assistantMessage(blocks: Block[]): ChatMessage {
  let text = '';
  const calls: ChatToolCall[] = [];
  for (const raw of blocks) {
    const block = raw as ContentBlockParam;
    if (block.type === 'text') text += block.text;
    else if (block.type === 'tool_use') {
      calls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
    }
    // thinking, redacted_thinking and server-tool blocks: nothing an OpenAI-compatible server reads.
  }
  if (calls.length === 0) return { role: 'assistant', content: text };
  return { role: 'assistant', content: text === '' ? null : text, tool_calls: calls };
}

const isClientTool = (t: AnthropicTool) => t.type == null || t.type === 'custom';

function convertTool(tool: AnthropicTool): ChatFunctionTool {
  const fn: ChatFunctionTool['function'] = { name: tool.name, parameters: tool.input_schema ?? { type: 'object', properties: {} } };
  if (tool.description !== undefined) fn.description = tool.description;
  if (typeof tool.strict === 'boolean') fn.strict = tool.strict;
  return { type: 'function', function: fn };
}

function applyToolChoice(out: ChatRequest, choice: AnthropicToolChoice | undefined) {
  if (!choice) return;
  let tc: ChatToolChoice | undefined;
  if (choice.type === 'auto') tc = 'auto';
  else if (choice.type === 'any') tc = 'required';
  else if (choice.type === 'none') tc = 'none';
  else if (choice.type === 'tool') tc = { type: 'function', function: { name: choice.name } };
  if (tc !== undefined) out.tool_choice = tc;
  if ('disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use) out.parallel_tool_calls = false;
}
