// Client format × upstream format, in one table: for each endpoint the client called and each wire
// format an upstream speaks, how the request body is shaped for the upstream, how a JSON answer
// becomes the client's, where its usage is read, and how a streamed answer's events are reshaped.
// attempt.ts looks a pair up once per attempt; the translators in translate/ do the work.
import type { Endpoint, WireFormat } from '../provider-specs/registry.ts';
import { anthropicPassthrough, openaiPassthrough, type StreamTransform } from './stream.ts';
import { chatToMessagesTransform, messagesToChatTransform } from './streamTranslate.ts';
import { chatToMessagesRequest } from './translate/chatToMessagesRequest.ts';
import { chatResponseToMessages } from './translate/chatToMessagesResponse.ts';
import { messagesRequestToChat } from './translate/messagesToChatRequest.ts';
import { messagesResponseToChat } from './translate/messagesToChatResponse.ts';
import { chatUsageOf } from './translate/mappings.ts';
import type { ChatCompletion, ChatRequest } from './translate/openaiTypes.ts';
import type { MessagesRequest, MessagesResponse } from './translate/anthropicTypes.ts';

type Json = Record<string, unknown>;

export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

export interface RequestShaping {
  /** Stream the answer (the client asked for it). */
  stream: boolean;
  /** The upstream reports usage in a stream only when asked (`stream_options.include_usage`). */
  streamUsage: boolean;
}

export interface StreamShaping {
  /** The client asked for the usage chunk itself. */
  includeUsage: boolean;
  /** The model name the client used, echoed in translated events. */
  model: string | undefined;
  /** The gateway asked for usage the client did not: its chunk is read, not forwarded. */
  stripUsageChunk: boolean;
}

export interface FormatPair {
  /** The body sent upstream; `stripUsageChunk` when the gateway asked for stream usage the client did not. */
  request(body: Json, shaping: RequestShaping): { body: unknown; stripUsageChunk: boolean };
  /** A successful JSON answer (an object) in the client's format; `model` is the name the client used. */
  response(upstream: Json, model: string | undefined): unknown;
  /** The answer's usage, read from the upstream's answer or the client's. */
  usage(upstream: Json, client: unknown): Json | null;
  /** Reshapes a streamed answer's events; null forwards the bytes as they come (pass-through). */
  stream(shaping: StreamShaping): StreamTransform | null;
}

const objectOr = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);

/** Chat and completions ask an upstream that can report stream usage to do so. */
function askStreamUsage(body: Json, shaping: RequestShaping): { body: Json; stripUsageChunk: boolean } {
  const options = objectOr(body.stream_options);
  if (!shaping.stream || !shaping.streamUsage || options?.include_usage === true) return { body, stripUsageChunk: false };
  body.stream_options = { ...options, include_usage: true };
  return { body, stripUsageChunk: true };
}

/** The same wire format on both sides: the body goes as it is, the answer comes back as it is. */
const openaiNative: FormatPair = {
  request: askStreamUsage,
  response: (upstream) => upstream,
  usage: (_upstream, client) => objectOr(objectOr(client)?.usage),
  stream: ({ stripUsageChunk }) => openaiPassthrough({ stripUsageChunk }),
};

const CHAT_TO_ANTHROPIC: FormatPair = {
  request: (body) => ({
    body: chatToMessagesRequest(body as ChatRequest, { defaultMaxTokens: DEFAULT_ANTHROPIC_MAX_TOKENS }),
    stripUsageChunk: false,
  }),
  response: (upstream, model) => {
    const chat = messagesResponseToChat(upstream as unknown as MessagesResponse);
    if (model) chat.model = model;
    return chat;
  },
  usage: (_upstream, client) => objectOr(objectOr(client)?.usage),
  stream: ({ includeUsage, model }) => messagesToChatTransform({ includeUsage, model }),
};

const MESSAGES_TO_OPENAI: FormatPair = {
  request: (body, shaping) => askStreamUsage(messagesRequestToChat(body as unknown as MessagesRequest) as Json, shaping),
  response: (upstream, model) => {
    const message = chatResponseToMessages(upstream as unknown as ChatCompletion);
    if (model) message.model = model;
    return message;
  },
  // The OpenAI-shaped usage the upstream reported (the cost engine reads either shape).
  usage: (upstream) => objectOr(upstream.usage),
  stream: ({ model }) => chatToMessagesTransform({ model }),
};

const ANTHROPIC_NATIVE: FormatPair = {
  request: (body) => ({ body, stripUsageChunk: false }),
  response: (upstream) => upstream,
  usage: (upstream) => {
    const usage = objectOr(upstream.usage);
    return usage ? (chatUsageOf(usage) as unknown as Json) : null;
  },
  stream: () => anthropicPassthrough(),
};

/** Embeddings and pass-through routes: bodies as they are, usage wherever the answer has it, streams unchanged. */
const AS_IS: FormatPair = {
  request: (body) => ({ body, stripUsageChunk: false }),
  response: (upstream) => upstream,
  // A pass-through answer may be any JSON value (an array, null): only an object's usage counts.
  usage: (upstream) => objectOr(objectOr(upstream)?.usage),
  stream: () => null,
};

const PAIRS: Readonly<Record<Endpoint, Readonly<Record<WireFormat, FormatPair>>>> = {
  chatComplete: { openai: openaiNative, anthropic: CHAT_TO_ANTHROPIC },
  // Completions are OpenAI's alone (no Anthropic spec lists the endpoint); its stream reads as chat's.
  complete: { openai: openaiNative, anthropic: { ...openaiNative, stream: CHAT_TO_ANTHROPIC.stream } },
  messages: { openai: MESSAGES_TO_OPENAI, anthropic: ANTHROPIC_NATIVE },
  embed: { openai: AS_IS, anthropic: AS_IS },
  proxy: { openai: AS_IS, anthropic: AS_IS },
};

export function formatPair(endpoint: Endpoint, upstream: WireFormat): FormatPair {
  return PAIRS[endpoint][upstream];
}
