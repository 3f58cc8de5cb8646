// default.webhook: asks an HTTP service an admin saved (on the LAN) for the verdict. It gets the
// request (and answer) in Portkey's webhook payload and answers {verdict, transformedData?}. The
// call is bounded by `timeout`: a webhook that hangs, errors or answers nonsense fails the check
// (unless failOnError is false), and never holds up more than its own time.
import { checkSavedCustomHost } from '../../security/customHost.ts';
import { ParameterError, type CheckDefinition, type Json } from '../types.ts';
import { BOTH, params } from './verdicts.ts';
import { egressRefusalIn } from '../../security/egress/guard.ts';

const MAX_ANSWER_BYTES = 1024 * 1024;
export const MAX_WEBHOOK_TIMEOUT_MS = 30_000;

/** Request headers a webhook never gets: credentials of the caller. */
const STRIPPED = new Set(['authorization', 'x-portkey-api-key', 'cookie', 'x-api-key', 'api-key', 'proxy-authorization']);

async function readCapped(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (text.length > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new Error('the webhook answered more than 1 MB');
    }
  }
  return text + decoder.decode();
}

const webhook: CheckDefinition = {
  id: 'default.webhook',
  name: 'Webhook',
  description:
    'POSTs the request (and answer) to webhookURL and takes its verdict: {"verdict": true|false, "explanation"?, "transformedData"?: {"request": {"json"}, "response": {"json"}}}. A timeout, an error status or an unreadable answer fails the check unless failOnError is false.',
  phases: BOTH,
  egress: () => true,
  parameters: params(
    {
      webhookURL: { type: 'string', minLength: 1, maxLength: 2048, description: 'The address of your service that gives the verdict' },
      headers: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'Headers sent to the webhook (credentials are shown masked once saved)',
      },
      timeout: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_WEBHOOK_TIMEOUT_MS,
        default: 3000,
        description: 'Milliseconds to wait for the verdict',
      },
      failOnError: {
        type: 'boolean',
        default: true,
        description: 'Fail the check when the webhook cannot answer; off: pass instead',
      },
    },
    ['webhookURL'],
  ),
  compile(p) {
    const url = p.webhookURL as string;
    const host = checkSavedCustomHost(url, 'webhookURL');
    if (!host.ok) throw new ParameterError('webhookURL', host.message);
    const headers = { ...(p.headers as Record<string, string> | undefined), 'content-type': 'application/json' };
    const timeout = p.timeout as number;
    const failOnError = p.failOnError as boolean;
    const problem = (message: string) =>
      failOnError
        ? { verdict: false, explanation: `The webhook could not judge the request: ${message}`, error: message }
        : {
            verdict: true,
            explanation: `The webhook could not judge the request (${message}); failOnError is off, so it passes`,
            error: message,
          };

    return async ({ phase, request, response, text, signal }) => {
      const requestHeaders: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers)) {
        if (v !== undefined && !STRIPPED.has(k)) requestHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
      }
      const payload = {
        request: {
          json: request.json,
          text: phase === 'beforeRequestHook' ? text.latest : '',
          isStreamingRequest: request.stream,
          headers: requestHeaders,
        },
        response: response
          ? { json: response.json, text: text.latest, statusCode: response.status }
          : { json: null, text: '', statusCode: null },
        requestType: request.requestType,
        metadata: request.metadata,
        eventType: phase,
      };
      let answer: Json;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(payload),
          signal: AbortSignal.any([signal, AbortSignal.timeout(timeout)]),
          redirect: 'error',
        });
        const body = await readCapped(res);
        if (!res.ok) return problem(`it answered ${res.status}`);
        answer = JSON.parse(body) as Json;
      } catch (err) {
        const e = err as Error;
        const timedOut = e.name === 'TimeoutError' || (e.name === 'AbortError' && !signal.aborted);
        const refused = egressRefusalIn(e);
        return problem(
          timedOut
            ? `no answer within ${timeout} ms`
            : e instanceof SyntaxError
              ? 'its answer is not JSON'
              : refused
                ? `it may not be reached: ${refused.message}`
                : 'it could not be reached',
        );
      }
      if (typeof answer !== 'object' || answer === null || typeof answer.verdict !== 'boolean')
        return problem('its answer has no boolean "verdict"');
      const said = typeof answer.explanation === 'string' ? answer.explanation.slice(0, 500) : null;
      const transformed = answer.transformedData as { request?: { json?: unknown }; response?: { json?: unknown } } | undefined;
      const body = phase === 'beforeRequestHook' ? transformed?.request?.json : transformed?.response?.json;
      return {
        verdict: answer.verdict,
        explanation:
          said ?? `The webhook ${answer.verdict ? 'passed' : 'failed'} the ${phase === 'beforeRequestHook' ? 'request' : 'answer'}`,
        ...(body !== undefined && body !== null && typeof body === 'object' ? { body } : {}),
      };
    };
  },
};

export const WEBHOOK_CHECKS: readonly CheckDefinition[] = [webhook];
