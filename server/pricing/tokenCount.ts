// Offline token counts for streams whose upstream reports no usage. Counts are ESTIMATES: exact
// BPE counts for OpenAI models' text, the same tokenizer as a stand-in for every other model,
// plus OpenAI's documented per-message overhead. Ranks load lazily, once, from the js-tiktoken
// package (they ship inside it; nothing is fetched).
import { createRequire } from 'node:module';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';

export type EncodingName = 'o200k_base' | 'cl100k_base';

/** Per OpenAI's cookbook for current chat models: each message costs 3 tokens of framing... */
const TOKENS_PER_MESSAGE = 3;
/** ...a `name` field one more... */
const TOKENS_PER_NAME = 1;
/** ...and every reply is primed with `<|start|>assistant<|message|>`. */
const REPLY_PRIMING = 3;
/** An image part, priced as a low-detail image: the real count depends on its pixel size. */
const IMAGE_PART_TOKENS = 85;
/** Longer text is counted on a prefix and scaled, to bound the time spent (~60 ms). */
const MAX_EXACT_CHARS = 256 * 1024;

const require = createRequire(import.meta.url);
const encoders = new Map<EncodingName, Tiktoken>();

function encoder(name: EncodingName): Tiktoken {
  let enc = encoders.get(name);
  if (!enc) {
    // The ranks modules are large (1-2 MB of text): required here, on first use, not at import.
    const ranks = require(`js-tiktoken/ranks/${name}`) as TiktokenBPE;
    enc = new Tiktoken(ranks);
    encoders.set(name, enc);
  }
  return enc;
}

/** GPT-4, GPT-3.5 and the ada/3rd-generation embeddings use cl100k; everything newer o200k. */
export function encodingForModel(model?: string | null): EncodingName {
  const m = (model ?? '').toLowerCase();
  if (/^(gpt-4(?![o.])|gpt-3\.5|gpt-35|text-embedding-(ada|3))/.test(m)) return 'cl100k_base';
  return 'o200k_base';
}

/**
 * BPE merging is quadratic in the length of one pre-token, so a long run of letters, symbols
 * or spaces (minified data, ASCII art) could block the event loop for seconds. Such runs are
 * cut every LONG_RUN characters and counted piece by piece; ordinary words never reach that
 * length, so their counts stay exact.
 */
const LONG_RUN = 32;
const LONG_RUNS = new RegExp(`([\\p{L}\\p{M}]{${LONG_RUN}}|[^\\s\\p{L}\\p{N}]{${LONG_RUN}}|\\s{${LONG_RUN}})`, 'u');

const runCounts = new Map<string, number>();

let deferLoading = false;
const pendingLoads = new Set<EncodingName>();

/**
 * Loading a tokenizer takes one to three seconds of CPU and blocks the event loop. The server
 * process turns this on: until a tokenizer is loaded, counts are estimated (4 characters a token)
 * and the load runs on a later turn of the loop, never inside a request.
 */
export function deferTokenizerLoading(on = true): void {
  deferLoading = on;
}

function encodeCount(encoding: EncodingName, text: string): number {
  if (deferLoading && !encoders.has(encoding)) {
    if (!pendingLoads.has(encoding)) {
      pendingLoads.add(encoding);
      setTimeout(() => {
        encoder(encoding);
        pendingLoads.delete(encoding);
      }, 0).unref();
    }
    return Math.ceil(text.length / 4);
  }
  const enc = encoder(encoding);
  // Empty lists: special-token strings in user text count as ordinary text instead of throwing.
  if (!LONG_RUNS.test(text)) return enc.encode(text, [], []).length;
  let total = 0;
  for (const part of text.split(LONG_RUNS)) {
    if (!part) continue;
    if (part.length !== LONG_RUN) {
      total += enc.encode(part, [], []).length;
      continue;
    }
    // Cut runs repeat (`====…`, `aaaa…`): remember their counts, within a small bound.
    const key = `${encoding}:${part}`;
    let n = runCounts.get(key);
    if (n === undefined) {
      n = enc.encode(part, [], []).length;
      if (runCounts.size >= 1024) runCounts.clear();
      runCounts.set(key, n);
    }
    total += n;
  }
  return total;
}

/** Tokens in plain text. */
export function countTextTokens(text: string, encoding: EncodingName = 'o200k_base'): number {
  if (typeof text !== 'string' || text.length === 0) return 0;
  if (text.length <= MAX_EXACT_CHARS) return encodeCount(encoding, text);
  // Very long text: count a prefix exactly and scale by length.
  const head = text.slice(0, MAX_EXACT_CHARS);
  return Math.ceil((encodeCount(encoding, head) * text.length) / head.length);
}

/** Loads a tokenizer ahead of the first stream that needs it (about a second for o200k). */
export function preloadTokenizer(encoding: EncodingName = 'o200k_base'): void {
  encoder(encoding);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Text of a content value: a string, or an array of parts (text counted, images estimated). */
function contentTokens(content: unknown, encoding: EncodingName): number {
  if (typeof content === 'string') return countTextTokens(content, encoding);
  if (!Array.isArray(content)) return content == null ? 0 : countTextTokens(JSON.stringify(content as Json), encoding);
  let total = 0;
  for (const part of content) {
    const p = asRecord(part);
    if (!p) continue;
    if (typeof p.text === 'string') total += countTextTokens(p.text, encoding);
    else if (p.type === 'image_url' || p.type === 'image' || p.type === 'input_image') total += IMAGE_PART_TOKENS;
    else if (typeof p.content === 'string' || Array.isArray(p.content)) total += contentTokens(p.content, encoding);
  }
  return total;
}

export interface PromptCountOptions {
  model?: string | null;
  /** Tool/function definitions sent with the request: counted as their JSON (rough). */
  tools?: unknown;
  /** A top-level system prompt (Anthropic Messages style). */
  system?: unknown;
}

/** Prompt tokens of chat messages (OpenAI or Anthropic shape), with OpenAI's framing overhead. */
export function countChatPromptTokens(messages: unknown, options: PromptCountOptions = {}): number {
  const encoding = encodingForModel(options.model);
  let total = REPLY_PRIMING;
  if (options.system != null) total += TOKENS_PER_MESSAGE + contentTokens(options.system, encoding);
  for (const raw of Array.isArray(messages) ? messages : []) {
    const message = asRecord(raw);
    if (!message) continue;
    total += TOKENS_PER_MESSAGE;
    if (typeof message.role === 'string') total += countTextTokens(message.role, encoding);
    total += contentTokens(message.content, encoding);
    if (typeof message.name === 'string') total += TOKENS_PER_NAME + countTextTokens(message.name, encoding);
    if (Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls) {
        const fn = asRecord(asRecord(call)?.function);
        if (!fn) continue;
        total += TOKENS_PER_MESSAGE;
        if (typeof fn.name === 'string') total += countTextTokens(fn.name, encoding);
        if (typeof fn.arguments === 'string') total += countTextTokens(fn.arguments, encoding);
      }
    }
  }
  if (options.tools != null) total += countTextTokens(JSON.stringify(options.tools as Json), encoding);
  return total;
}

/** Prompt tokens of a completions `prompt` or an embeddings `input`: a string or a list of them. */
export function countPromptTokens(prompt: unknown, model?: string | null): number {
  const encoding = encodingForModel(model);
  if (typeof prompt === 'string') return countTextTokens(prompt, encoding);
  if (!Array.isArray(prompt)) return 0;
  // Lists of token ids are already tokens.
  if (prompt.every((x) => typeof x === 'number')) return prompt.length;
  return prompt.reduce<number>((sum, item) => sum + countPromptTokens(item, model), 0);
}

/** Completion tokens of generated text (the concatenated stream deltas). */
export function countCompletionTokens(text: string, model?: string | null): number {
  return countTextTokens(text, encodingForModel(model));
}
