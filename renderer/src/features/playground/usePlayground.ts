// The playground's conversation: messages sent through POST /v1/playground/chat/completions (the
// gateway's own pipeline, as the signed-in person), the answer as it streams in, its usage, and the
// request-log entry it made (found by its trace id once the log writer has stored it: cost there).
import { useCallback, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, streamPost, unwrap } from '../../api/client';
import { asLog } from '../logs/logRow';

export interface Message {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

export interface Turn {
  traceId: string | null;
  target: string | null;
  usage: Usage | null;
  latencyMs: number;
  model: string | null;
}

export interface Settings {
  workspaceId: string;
  model: string;
  config: string | null;
  stream: boolean;
  maxTokens: number | null;
  temperature: number | null;
}

type Chunk = {
  model?: string;
  choices?: { delta?: { content?: string | null }; message?: { content?: string | null } }[];
  usage?: Usage | null;
  error?: { message?: string };
};

export function usePlayground() {
  const [messages, setMessages] = useState<Message[]>([]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [turn, setTurn] = useState<Turn | null>(null);
  const abort = useRef<AbortController | null>(null);

  const send = useCallback(
    async (settings: Settings, system: string, text: string) => {
      const history: Message[] = [...messages, { role: 'user', content: text }];
      const sent: Message[] = system.trim() ? [{ role: 'system', content: system.trim() }, ...history] : history;
      setMessages([...history, { role: 'assistant', content: '' }]);
      setPending(true);
      setError(null);
      setTurn(null);
      const controller = new AbortController();
      abort.current = controller;
      const started = performance.now();
      let usage: Usage | null = null;
      let model: string | null = null;
      let answer = '';
      const show = () => setMessages([...history, { role: 'assistant', content: answer }]);
      try {
        const { headers } = await streamPost(
          '/v1/playground/chat/completions',
          { workspace_id: settings.workspaceId },
          {
            messages: sent,
            ...(settings.model.trim() ? { model: settings.model.trim() } : {}),
            ...(settings.config ? { config: settings.config } : {}),
            stream: settings.stream,
            ...(settings.maxTokens ? { max_tokens: settings.maxTokens } : {}),
            ...(settings.temperature !== null ? { temperature: settings.temperature } : {}),
          },
          (event) => {
            const c = event as Chunk;
            if (c.error?.message) throw new Error(c.error.message);
            const choice = c.choices?.[0];
            const piece = choice?.delta?.content ?? choice?.message?.content ?? '';
            if (piece) {
              answer += piece;
              show();
            }
            if (c.usage) usage = c.usage;
            if (c.model) model = c.model;
          },
          controller.signal,
        );
        show();
        setTurn({
          traceId: headers.get('x-portkey-trace-id'),
          target: headers.get('x-portkey-last-used-option-index'),
          usage,
          latencyMs: Math.round(performance.now() - started),
          model,
        });
      } catch (err) {
        if (!controller.signal.aborted) setError(err);
        // The question stays, the empty answer goes.
        setMessages(answer ? [...history, { role: 'assistant', content: answer }] : history);
      } finally {
        setPending(false);
        abort.current = null;
      }
    },
    [messages],
  );

  return {
    messages,
    pending,
    error,
    turn,
    send,
    stop: () => abort.current?.abort(),
    clear: () => {
      setMessages([]);
      setTurn(null);
      setError(null);
    },
  };
}

/** The log entry of a trace, polled until the writer has stored it (a second or so). */
export function useLogOf(traceId: string | null, workspaceId: string) {
  return useQuery({
    queryKey: ['logs', 'trace', traceId],
    enabled: traceId !== null,
    queryFn: async () => {
      const list = await unwrap(
        api.GET('/v1/logs', { params: { query: { trace_id: traceId!, workspace_id: workspaceId, page_size: 1 } } }),
      );
      const found = list.data[0];
      if (!found) throw new Error('not logged yet');
      return asLog(found);
    },
    retry: 15,
    retryDelay: 700,
  });
}
