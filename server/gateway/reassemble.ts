// Rebuilds the whole response from a stream's events, for the request log (and, later, the
// cache): chat.completion from chat.completion.chunk payloads, an Anthropic message from its
// event sequence.

type Json = Record<string, unknown>;

interface ToolCallAcc {
  id?: string;
  type: string;
  function: { name: string; arguments: string };
}

interface ChoiceAcc {
  index: number;
  role?: string;
  content: string;
  hasContent: boolean;
  text: string;
  reasoning: string;
  toolCalls: ToolCallAcc[];
  finishReason: string | null;
}

/** Accumulates OpenAI chat (or text completion) chunks into one response object. */
export class ChatReassembler {
  private id: string | undefined;
  private model: string | undefined;
  private created: number | undefined;
  private object: string | undefined;
  private readonly choices = new Map<number, ChoiceAcc>();
  usage: Json | null = null;

  push(chunk: Json): void {
    this.id ??= chunk.id as string | undefined;
    this.model ??= chunk.model as string | undefined;
    this.created ??= chunk.created as number | undefined;
    this.object ??= chunk.object as string | undefined;
    if (chunk.usage && typeof chunk.usage === 'object') this.usage = chunk.usage as Json;
    const choices = chunk.choices as Json[] | undefined;
    if (!Array.isArray(choices)) return;
    for (const c of choices) {
      const index = Number(c.index ?? 0);
      let acc = this.choices.get(index);
      if (!acc) {
        acc = { index, content: '', hasContent: false, text: '', reasoning: '', toolCalls: [], finishReason: null };
        this.choices.set(index, acc);
      }
      if (typeof c.text === 'string') acc.text += c.text;
      if (c.finish_reason) acc.finishReason = c.finish_reason as string;
      const delta = c.delta as Json | undefined;
      if (!delta) continue;
      if (typeof delta.role === 'string') acc.role = delta.role;
      if (typeof delta.content === 'string') {
        acc.content += delta.content;
        acc.hasContent = true;
      }
      if (typeof delta.reasoning_content === 'string') acc.reasoning += delta.reasoning_content;
      for (const tc of (delta.tool_calls as Json[] | undefined) ?? []) {
        const i = Number(tc.index ?? acc.toolCalls.length);
        const fn = (tc.function ?? {}) as Json;
        const slot = (acc.toolCalls[i] ??= { type: 'function', function: { name: '', arguments: '' } });
        if (typeof tc.id === 'string') slot.id = tc.id;
        if (typeof tc.type === 'string') slot.type = tc.type;
        if (typeof fn.name === 'string') slot.function.name += fn.name;
        if (typeof fn.arguments === 'string') slot.function.arguments += fn.arguments;
      }
    }
  }

  /** Every choice has its finish reason: the upstream said the answer is complete. */
  finished(): boolean {
    if (this.choices.size === 0) return false;
    for (const c of this.choices.values()) if (c.finishReason === null) return false;
    return true;
  }

  /** The assistant text produced so far (for token counting when usage is missing). */
  text(): string {
    let out = '';
    for (const c of this.choices.values()) {
      out += c.content + c.text + c.reasoning;
      for (const t of c.toolCalls) out += t.function.name + t.function.arguments;
    }
    return out;
  }

  result(): Json {
    const isText = this.object === 'text_completion';
    const choices = [...this.choices.values()]
      .sort((a, b) => a.index - b.index)
      .map((c) =>
        isText
          ? { index: c.index, text: c.text, finish_reason: c.finishReason, logprobs: null }
          : {
              index: c.index,
              message: {
                role: c.role ?? 'assistant',
                content: c.hasContent || c.toolCalls.length === 0 ? c.content : null,
                ...(c.reasoning ? { reasoning_content: c.reasoning } : {}),
                ...(c.toolCalls.length ? { tool_calls: c.toolCalls.filter(Boolean) } : {}),
              },
              finish_reason: c.finishReason,
              logprobs: null,
            },
      );
    return {
      id: this.id,
      object: isText ? 'text_completion' : 'chat.completion',
      created: this.created,
      model: this.model,
      choices,
      ...(this.usage ? { usage: this.usage } : {}),
    };
  }
}

/** Accumulates Anthropic Messages stream events into one message object. */
export class MessagesReassembler {
  private message: Json = {};
  private readonly blocks: Json[] = [];
  private readonly partialJson = new Map<number, string>();

  push(event: Json): void {
    switch (event.type) {
      case 'message_start':
        this.message = { ...((event.message as Json | undefined) ?? {}) };
        break;
      case 'content_block_start':
        this.blocks[Number(event.index)] = { ...((event.content_block as Json | undefined) ?? {}) };
        break;
      case 'content_block_delta': {
        const i = Number(event.index);
        const block = (this.blocks[i] ??= { type: 'text', text: '' });
        const delta = (event.delta ?? {}) as Json;
        if (delta.type === 'text_delta') block.text = String(block.text ?? '') + String(delta.text ?? '');
        else if (delta.type === 'thinking_delta') block.thinking = String(block.thinking ?? '') + String(delta.thinking ?? '');
        else if (delta.type === 'input_json_delta')
          this.partialJson.set(i, (this.partialJson.get(i) ?? '') + String(delta.partial_json ?? ''));
        break;
      }
      case 'content_block_stop': {
        const i = Number(event.index);
        const json = this.partialJson.get(i);
        if (json !== undefined && this.blocks[i]) {
          try {
            this.blocks[i]!.input = JSON.parse(json || '{}');
          } catch {
            this.blocks[i]!.input = json;
          }
        }
        break;
      }
      case 'message_delta': {
        const delta = (event.delta ?? {}) as Json;
        Object.assign(this.message, delta);
        const usage = event.usage as Json | undefined;
        if (usage) this.message.usage = { ...((this.message.usage as Json | undefined) ?? {}), ...usage };
        break;
      }
    }
  }

  usage(): Json | null {
    return (this.message.usage as Json | undefined) ?? null;
  }

  text(): string {
    return this.blocks.map((b) => String(b?.text ?? b?.thinking ?? '') + (this.partialJson.get(this.blocks.indexOf(b)) ?? '')).join('');
  }

  result(): Json {
    return { ...this.message, content: this.blocks.filter(Boolean) };
  }
}
