// What the drawer shows of a log that is not shown as stored: headers with anything secret masked
// (the server masks its own; custom logs may carry anything), and raw SSE bodies reassembled into
// the answer they streamed.

const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|api-key|x-api-key|x-portkey-api-key)$|token|secret|password|(^|-)key$/i;

/** Header values as shown: secrets keep their first 4 characters, unless the server already masked them. */
export function maskedHeaders(headers: Record<string, unknown> | undefined): [string, string][] {
  return Object.entries(headers ?? {})
    .map(([k, v]): [string, string] => {
      const value = Array.isArray(v) ? v.join(', ') : String(v ?? '');
      if (!SECRET_HEADER.test(k) || value.includes('****')) return [k, value];
      return [k, `${value.slice(0, 4)}********`];
    })
    .sort(([a], [b]) => a.localeCompare(b));
}

interface ChunkChoice {
  index?: number;
  delta?: { role?: string; content?: string | null; reasoning_content?: string | null };
  text?: string;
  finish_reason?: string | null;
}

/**
 * A body that is server-sent events text (a pass-through stream logged as it came): the text the
 * model streamed, joined per choice, with the events kept for reference. Null for anything else.
 */
export function reassembleSse(body: unknown): { text: string; events: number; finishReason: string | null } | null {
  if (typeof body !== 'string' || !/^(data|event):/m.test(body)) return null;
  const pieces: string[] = [];
  let events = 0;
  let finishReason: string | null = null;
  for (const line of body.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (!data || data === '[DONE]') continue;
    events += 1;
    try {
      const event = JSON.parse(data) as { choices?: ChunkChoice[]; delta?: { text?: string }; type?: string };
      for (const choice of event.choices ?? []) {
        if (choice.index && choice.index > 0) continue;
        pieces.push(choice.delta?.content ?? choice.text ?? '');
        finishReason = choice.finish_reason ?? finishReason;
      }
      // Anthropic: content_block_delta events carry delta.text.
      if (event.type === 'content_block_delta' && typeof event.delta?.text === 'string') pieces.push(event.delta.text);
    } catch {
      // A non-JSON event: nothing to add to the text.
    }
  }
  return { text: pieces.join(''), events, finishReason };
}
