// OpenAI chat request → Anthropic Messages request, for `/v1/chat/completions` routed to Anthropic.
//
// Not translatable, and dropped: stream_options (Anthropic always reports usage), frequency_penalty,
// presence_penalty, logit_bias, logprobs, top_logprobs, seed, store, OpenAI `metadata`, modalities,
// audio, prediction, service_tier, reasoning_effort (thinking needs a token budget only the caller
// can choose; send Anthropic's `thinking` instead), verbosity, web_search_options, prompt_cache_key,
// safety_identifier, legacy functions/function_call, response_format json_object, message `name`,
// image `detail`, and tool_choice when no tools are sent.
// Rejected with a 400, because dropping them would change the answer: n > 1, audio input, OpenAI
// file ids, non-function tools, unparseable tool-call arguments in history.
// Passed through untouched: every field this module does not know (`thinking`, `top_k`,
// `output_config`, `container`, `mcp_servers`, …), so Anthropic features work without a release,
// and content parts of unknown type (Anthropic-native blocks such as `document`).
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
import type {
  ChatAssistantMessage,
  ChatContentPart,
  ChatFilePart,
  ChatFunctionTool,
  ChatImagePart,
  ChatMessage,
  ChatRequest,
  ChatTextPart,
  ChatToolChoice,
  ChatToolMessage,
  Extra,
} from './openaiTypes.ts';

export interface ChatToMessagesOptions {
  /** Anthropic requires max_tokens; this is used when the chat request has none. */
  defaultMaxTokens: number;
}

/** Fields read below; everything not here and not in DROPPED is copied as-is. */
const HANDLED = new Set([
  'model',
  'messages',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'temperature',
  'top_p',
  'n',
  'stream',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'user',
  'response_format',
]);

const DROPPED = new Set([
  'stream_options',
  'frequency_penalty',
  'presence_penalty',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'seed',
  'store',
  'metadata',
  'modalities',
  'audio',
  'prediction',
  'service_tier',
  'reasoning_effort',
  'verbosity',
  'web_search_options',
  'prompt_cache_key',
  'prompt_cache_retention',
  'safety_identifier',
  'functions',
  'function_call',
]);

type Block = ContentBlockParam | OtherBlockParam;

export function chatToMessagesRequest(body: ChatRequest, options: ChatToMessagesOptions): MessagesRequest {
  if (body.n != null && body.n !== 1) {
    throw badRequest('Anthropic models return one choice per request; n must be 1.', { param: 'n' });
  }
  const { system, messages } = convertMessages(body.messages);
  const out: MessagesRequest = {
    model: body.model,
    max_tokens: body.max_completion_tokens ?? body.max_tokens ?? options.defaultMaxTokens,
    messages,
  };
  if (system !== undefined) out.system = system;
  if (body.stop != null) out.stop_sequences = typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (body.temperature != null) out.temperature = body.temperature;
  if (body.top_p != null) out.top_p = body.top_p;
  if (typeof body.stream === 'boolean') out.stream = body.stream;
  if (body.user != null) out.metadata = { user_id: body.user };

  if (body.tools && body.tools.length > 0) {
    out.tools = body.tools.map(convertTool);
    const choice = convertToolChoice(body.tool_choice, body.parallel_tool_calls);
    if (choice) out.tool_choice = choice;
  }

  for (const key of Object.keys(body)) {
    // Never over a field set above: a stray Anthropic-style `system` must not replace the converted one.
    if (!HANDLED.has(key) && !DROPPED.has(key) && !(key in out) && body[key] !== undefined) out[key] = body[key];
  }

  const format = body.response_format;
  if (format?.type === 'json_schema' && format.json_schema.schema) {
    // Anthropic structured outputs; merged into any output_config the caller passed through.
    out.output_config = { ...out.output_config, format: { type: 'json_schema', schema: format.json_schema.schema } };
  }
  return out;
}

function convertMessages(input: ChatMessage[]): { system: string | TextBlockParam[] | undefined; messages: MessageParam[] } {
  const systemParts: Array<string | ChatTextPart[]> = [];
  const messages: MessageParam[] = [];
  // The user turn built from tool messages, still open for more tool results or the next user text.
  let toolTurn: Block[] | null = null;

  for (const [i, msg] of input.entries()) {
    switch (msg.role) {
      case 'system':
      case 'developer':
        // Anthropic has one system prompt; system messages found mid-conversation are hoisted into it.
        systemParts.push(msg.content);
        continue;
      case 'tool': {
        const result = toolResult(msg);
        if (toolTurn) toolTurn.push(result);
        else {
          toolTurn = [result];
          messages.push({ role: 'user', content: toolTurn });
        }
        continue;
      }
      case 'user': {
        if (toolTurn) {
          // Anthropic wants tool results and the user's next words in one turn, results first.
          const turn: Block[] = toolTurn;
          if (typeof msg.content !== 'string') {
            msg.content.forEach((part, j) => turn.push(convertPart(part, `messages[${i}].content[${j}]`)));
          } else if (msg.content !== '') {
            // An empty text block is a 400 at Anthropic, and an empty follow-up adds nothing.
            turn.push({ type: 'text', text: msg.content });
          }
          toolTurn = null;
          continue;
        }
        messages.push({
          role: 'user',
          content:
            typeof msg.content === 'string' ? msg.content : msg.content.map((part, j) => convertPart(part, `messages[${i}].content[${j}]`)),
        });
        continue;
      }
      case 'assistant': {
        toolTurn = null;
        const content = assistantContent(msg, i);
        if (content !== null) messages.push({ role: 'assistant', content });
        continue;
      }
      default:
        throw badRequest(`Unsupported message role '${(msg as { role: unknown }).role}'.`, { param: `messages[${i}].role` });
    }
  }

  return { system: convertSystem(systemParts), messages };
}

function convertSystem(parts: Array<string | ChatTextPart[]>): string | TextBlockParam[] | undefined {
  if (parts.length === 0) return undefined;
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  const blocks: TextBlockParam[] = [];
  for (const p of parts) {
    if (typeof p === 'string') blocks.push({ type: 'text', text: p });
    else for (const part of p) blocks.push(textBlock(part));
  }
  return blocks;
}

/** Keeps cache_control, which clients put on parts to use Anthropic prompt caching. */
function textBlock(part: ChatTextPart): TextBlockParam {
  const block: TextBlockParam = { type: 'text', text: part.text };
  if (part.cache_control) block.cache_control = part.cache_control as TextBlockParam['cache_control'];
  return block;
}

function convertPart(part: ChatContentPart, path: string): Block {
  switch (part.type) {
    case 'text':
      return textBlock(part);
    case 'image_url':
      return imageBlock(part, path);
    case 'file':
      return fileBlock(part, path);
    case 'input_audio':
      throw badRequest('Anthropic models do not accept audio input.', { param: path });
    case 'refusal':
      return { type: 'text', text: part.refusal };
    default:
      // Anthropic-native blocks (document, search_result, …) sent by Anthropic-aware clients.
      return part as OtherBlockParam;
  }
}

interface DataUrl {
  mediaType: string;
  data: string;
}

/** `data:<type>[;params];base64,<data>`; null for anything else (non-base64 data URLs included). */
export function parseDataUrl(url: string): DataUrl | null {
  if (url.slice(0, 5).toLowerCase() !== 'data:') return null;
  const comma = url.indexOf(',');
  if (comma === -1) return null;
  const meta = url.slice(5, comma);
  if (!meta.toLowerCase().endsWith(';base64')) return null;
  const semi = meta.indexOf(';');
  return { mediaType: meta.slice(0, semi).toLowerCase(), data: url.slice(comma + 1) };
}

function imageBlock(part: ChatImagePart, path: string): ImageBlockParam {
  const url = part.image_url?.url;
  if (typeof url !== 'string') throw badRequest('image_url.url must be a string.', { param: path });
  let block: ImageBlockParam;
  if (url.startsWith('https://') || url.startsWith('http://')) {
    block = { type: 'image', source: { type: 'url', url } };
  } else {
    const parsed = parseDataUrl(url);
    if (!parsed) {
      throw badRequest('image_url.url must be an http(s) URL or a base64 data: URL.', { param: path });
    }
    block = { type: 'image', source: { type: 'base64', media_type: parsed.mediaType, data: parsed.data } };
  }
  if (part.cache_control) block.cache_control = part.cache_control as ImageBlockParam['cache_control'];
  return block;
}

function fileBlock(part: ChatFilePart, path: string): Block {
  const fileData = part.file?.file_data;
  if (typeof fileData !== 'string') {
    throw badRequest('Anthropic models need files inline as file.file_data; OpenAI file ids cannot be sent.', { param: path });
  }
  const parsed = parseDataUrl(fileData);
  if (!parsed) throw badRequest('file.file_data must be a base64 data: URL.', { param: path });
  if (parsed.mediaType.startsWith('image/')) {
    return { type: 'image', source: { type: 'base64', media_type: parsed.mediaType, data: parsed.data } };
  }
  const block: DocumentBlockParam =
    parsed.mediaType === 'text/plain'
      ? { type: 'document', source: { type: 'text', media_type: 'text/plain', data: Buffer.from(parsed.data, 'base64').toString('utf8') } }
      : { type: 'document', source: { type: 'base64', media_type: parsed.mediaType, data: parsed.data } };
  if (part.file.filename) block.title = part.file.filename;
  if (part.cache_control) block.cache_control = part.cache_control as DocumentBlockParam['cache_control'];
  return block;
}

function toolResult(msg: ChatToolMessage): ToolResultBlockParam {
  return {
    type: 'tool_result',
    tool_use_id: msg.tool_call_id,
    content: typeof msg.content === 'string' ? msg.content : msg.content.map(textBlock),
  };
}

/** null when the message has nothing Anthropic would accept (an empty assistant turn is a 400 there). */
function assistantContent(msg: ChatAssistantMessage, i: number): string | Block[] | null {
  const calls = msg.tool_calls ?? [];
  const thinking = msg.thinking_blocks ?? [];
  if (calls.length === 0 && thinking.length === 0 && typeof msg.content === 'string') {
    return msg.content === '' ? null : msg.content;
  }
  const blocks: Block[] = [];
  // Thinking must lead the turn, and must come back signed, when it is followed by tool use.
  for (const t of thinking) blocks.push(t);
  if (typeof msg.content === 'string') {
    if (msg.content !== '') blocks.push({ type: 'text', text: msg.content });
  } else if (Array.isArray(msg.content)) {
    for (const part of msg.content) {
      if (part.type === 'text') {
        if (part.text !== '') blocks.push(textBlock(part));
      } else if (part.type === 'refusal') blocks.push({ type: 'text', text: part.refusal });
    }
  }
  calls.forEach((call, j) => {
    const input = parseArguments(call.function.arguments, `messages[${i}].tool_calls[${j}].function.arguments`);
    blocks.push({ type: 'tool_use', id: call.id, name: call.function.name, input });
  });
  return blocks.length === 0 ? null : blocks;
}

function parseArguments(args: string, path: string): Extra {
  // Tools without parameters often come back with empty arguments.
  if (args === '' || args == null) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    throw badRequest('Tool call arguments must be a JSON object to send them to an Anthropic model.', { param: path });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('Tool call arguments must be a JSON object to send them to an Anthropic model.', { param: path });
  }
  return parsed as Extra;
}

function convertTool(tool: ChatFunctionTool, i: number): AnthropicTool {
  if (tool.type !== 'function' || !tool.function) {
    throw badRequest('Only function tools can be sent to Anthropic models.', { param: `tools[${i}]` });
  }
  const fn = tool.function;
  const out: AnthropicTool = { name: fn.name, input_schema: fn.parameters ?? { type: 'object', properties: {} } };
  if (fn.description !== undefined) out.description = fn.description;
  if (fn.strict != null) out.strict = fn.strict;
  if (tool.cache_control) out.cache_control = tool.cache_control as AnthropicTool['cache_control'];
  return out;
}

function convertToolChoice(choice: ChatToolChoice | undefined, parallel: boolean | undefined): AnthropicToolChoice | undefined {
  let out: Exclude<AnthropicToolChoice, { type: 'none' }> | undefined;
  if (choice === 'auto') out = { type: 'auto' };
  else if (choice === 'none') return { type: 'none' };
  else if (choice === 'required') out = { type: 'any' };
  else if (choice && typeof choice === 'object' && choice.function?.name) out = { type: 'tool', name: choice.function.name };
  if (parallel === false) {
    out ??= { type: 'auto' };
    out.disable_parallel_tool_use = true;
  }
  return out;
}
