// Where the text is in a request or an answer, per wire format: reading it for checks (the latest
// message, as Portkey's checks read it, and every text, which data protection reads), and writing
// a changed version back (redaction, a prefix) into a copy of the body. Parts a check cannot read
// (images, audio, tool calls' arguments) are left as they are.
import type { Json, TextView } from './types.ts';

type Rewrite = (text: string) => string;

const EMPTY: TextView = { latest: '', all: [] };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text parts of a message's content: a string, or parts / blocks with a `text`. */
function contentTexts(content: unknown, out: string[]): void {
  if (typeof content === 'string') {
    out.push(content);
    return;
  }
  if (!Array.isArray(content)) return;
  for (const part of content) {
    if (!isObject(part)) continue;
    if (typeof part.text === 'string') out.push(part.text);
    // Anthropic tool results carry their own content (string or blocks).
    else if (part.type === 'tool_result') contentTexts(part.content, out);
  }
}

function rewriteContent(content: unknown, fn: Rewrite): unknown {
  if (typeof content === 'string') return fn(content);
  if (!Array.isArray(content)) return content;
  return content.map((part) => {
    if (!isObject(part)) return part;
    if (typeof part.text === 'string') return { ...part, text: fn(part.text) };
    if (part.type === 'tool_result') return { ...part, content: rewriteContent(part.content, fn) };
    return part;
  });
}

function view(all: string[], latest: string): TextView {
  return { latest, all };
}

function joined(parts: string[]): string {
  return parts.length === 1 ? parts[0]! : parts.join('\n');
}

// ---- requests ----

function messagesView(messages: unknown, extra: string[] = []): TextView {
  if (!Array.isArray(messages)) return extra.length ? view(extra, extra.at(-1)!) : EMPTY;
  const all = [...extra];
  let latest: string[] = [];
  for (const m of messages) {
    if (!isObject(m)) continue;
    const texts: string[] = [];
    contentTexts(m.content, texts);
    all.push(...texts);
    latest = texts;
  }
  return view(all, joined(latest));
}

function stringsView(value: unknown): TextView {
  if (typeof value === 'string') return view([value], value);
  if (!Array.isArray(value)) return EMPTY;
  const all = value.filter((v): v is string => typeof v === 'string');
  return view(all, joined(all));
}

/** The text of a request body, by request type. */
export function requestText(json: Json | null, requestType: string): TextView {
  if (!json) return EMPTY;
  switch (requestType) {
    case 'chatComplete':
      return messagesView(json.messages);
    case 'messages': {
      const system: string[] = [];
      contentTexts(json.system, system);
      return messagesView(json.messages, system);
    }
    case 'complete':
      return stringsView(json.prompt);
    case 'embed':
    case 'moderate':
      return stringsView(json.input);
    case 'createModelResponse': {
      const instructions = typeof json.instructions === 'string' ? [json.instructions] : [];
      if (typeof json.input === 'string') return view([...instructions, json.input], json.input);
      return messagesView(json.input, instructions);
    }
    case 'rerank': {
      const query = typeof json.query === 'string' ? json.query : '';
      const docs = Array.isArray(json.documents) ? json.documents.filter((d): d is string => typeof d === 'string') : [];
      return view(query ? [query, ...docs] : docs, query);
    }
    case 'imageGenerate':
      return stringsView(json.prompt);
    default:
      return EMPTY;
  }
}

function rewriteMessages(messages: unknown, fn: Rewrite): unknown {
  if (!Array.isArray(messages)) return messages;
  return messages.map((m) => (isObject(m) && m.content !== undefined ? { ...m, content: rewriteContent(m.content, fn) } : m));
}

function rewriteStrings(value: unknown, fn: Rewrite): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? fn(v) : v));
  return value;
}

/** A copy of a request body with every text `fn` rewrote (the body itself is never changed). */
export function rewriteRequest(json: Json, requestType: string, fn: Rewrite): Json {
  switch (requestType) {
    case 'chatComplete':
      return { ...json, messages: rewriteMessages(json.messages, fn) };
    case 'messages':
      return {
        ...json,
        ...(json.system !== undefined ? { system: rewriteContent(json.system, fn) } : {}),
        messages: rewriteMessages(json.messages, fn),
      };
    case 'complete':
    case 'imageGenerate':
      return { ...json, prompt: rewriteStrings(json.prompt, fn) };
    case 'embed':
    case 'moderate':
      return { ...json, input: rewriteStrings(json.input, fn) };
    case 'createModelResponse':
      return {
        ...json,
        ...(typeof json.instructions === 'string' ? { instructions: fn(json.instructions) } : {}),
        input: typeof json.input === 'string' ? fn(json.input) : rewriteMessages(json.input, fn),
      };
    case 'rerank':
      return {
        ...json,
        ...(typeof json.query === 'string' ? { query: fn(json.query) } : {}),
        ...(Array.isArray(json.documents) ? { documents: rewriteStrings(json.documents, fn) } : {}),
      };
    default:
      return json;
  }
}

// ---- answers (in the client's format) ----

/** The text of an answer, by request type: the first choice is the latest, every choice is in `all`. */
export function answerText(json: unknown, requestType: string): TextView {
  if (!isObject(json)) return EMPTY;
  const all: string[] = [];
  switch (requestType) {
    case 'chatComplete':
    case 'complete': {
      const choices = Array.isArray(json.choices) ? json.choices : [];
      let first: string | null = null;
      for (const c of choices) {
        if (!isObject(c)) continue;
        const texts: string[] = [];
        if (typeof c.text === 'string') texts.push(c.text);
        else if (isObject(c.message)) contentTexts(c.message.content, texts);
        all.push(...texts);
        first ??= joined(texts);
      }
      return view(all, first ?? '');
    }
    case 'messages':
      contentTexts(json.content, all);
      return view(all, joined(all));
    case 'createModelResponse': {
      const output = Array.isArray(json.output) ? json.output : [];
      for (const item of output) if (isObject(item)) contentTexts(item.content, all);
      return view(all, joined(all));
    }
    default:
      return EMPTY;
  }
}

/** A copy of an answer with every text `fn` rewrote. */
export function rewriteAnswer(json: unknown, requestType: string, fn: Rewrite): unknown {
  if (!isObject(json)) return json;
  switch (requestType) {
    case 'chatComplete':
    case 'complete':
      if (!Array.isArray(json.choices)) return json;
      return {
        ...json,
        choices: json.choices.map((c) => {
          if (!isObject(c)) return c;
          if (typeof c.text === 'string') return { ...c, text: fn(c.text) };
          if (isObject(c.message)) return { ...c, message: { ...c.message, content: rewriteContent(c.message.content, fn) } };
          return c;
        }),
      };
    case 'messages':
      return { ...json, content: rewriteContent(json.content, fn) };
    case 'createModelResponse':
      if (!Array.isArray(json.output)) return json;
      return {
        ...json,
        output: json.output.map((item) => (isObject(item) ? { ...item, content: rewriteContent(item.content, fn) } : item)),
        ...(typeof json.output_text === 'string' ? { output_text: fn(json.output_text) } : {}),
      };
    default:
      return json;
  }
}
