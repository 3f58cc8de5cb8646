// A gateway with an adjustable clock and a priced provider on the mock LLM, for the budget, rate
// limit and policy tests: every chat answer costs a known number of cents (the mock counts words
// as tokens), and the clock moves only when a test moves it.
import { startGateway, type GatewayFixture } from './gateway.ts';

export const START = Date.parse('2026-03-04T12:00:00.000Z'); // a Wednesday

/** The mock answers "echo: <prompt>": a one-word prompt uses 1 input and 2 output tokens. */
export const TOKENS_PER_CALL = 3;

export interface LimitsFixture extends GatewayFixture {
  clock: { now: number };
  /** Due resets and the batch to SQLite, as the worker does every second. */
  tick(): void;
  /** Admin API call with the organisation admin key. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> & { data?: unknown } }>;
  /** A workspace service key with completions.write; returns its id and secret. */
  key(body?: Record<string, unknown>): Promise<{ id: string; key: string }>;
  /** One chat completion through the gateway with `key`. */
  chat(key: string, options?: { stream?: boolean; model?: string; headers?: Record<string, string>; prompt?: string }): Promise<Response>;
}

export async function startLimits(
  options: { env?: Record<string, string>; centsPerToken?: number; slug?: string; dataDir?: string } = {},
): Promise<LimitsFixture> {
  const clock = { now: START };
  const g = await startGateway({ now: () => clock.now, env: options.env, dataDir: options.dataDir });
  const slug = options.slug ?? 'priced';
  await g.addProvider({ slug });
  const price = { price: options.centsPerToken ?? 1 };
  const models = await fetch(`${g.url}/v1/integrations/${slug}/models`, {
    method: 'PUT',
    headers: { ...g.admin, 'content-type': 'application/json' },
    body: JSON.stringify({
      models: [
        { slug: 'm1', enabled: true, pricing_config: { type: 'static', pay_as_you_go: { request_token: price, response_token: price } } },
      ],
    }),
  });
  if (!models.ok) throw new Error(`pricing the mock model: ${models.status} ${await models.text()}`);

  const api: LimitsFixture['api'] = async (method, path, body) => {
    const res = await fetch(`${g.url}${path}`, {
      method,
      headers: { ...g.admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    ...g,
    clock,
    tick: () => g.app.services.limits.engine.tick(),
    api,
    async key(body = {}) {
      const res = await api('POST', '/v1/api-keys/workspace/service', {
        name: `limits ${Math.random().toString(36).slice(2, 8)}`,
        workspace_id: g.credentials.workspace.id,
        scopes: ['completions.write'],
        ...body,
      });
      if (res.status !== 200) throw new Error(`creating a key: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id as string, key: res.body.key as string };
    },
    chat(key, o = {}) {
      return fetch(`${g.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'x-portkey-api-key': key, 'content-type': 'application/json', ...o.headers },
        body: JSON.stringify({
          model: o.model ?? `@${slug}/m1`,
          stream: o.stream ?? false,
          messages: [{ role: 'user', content: o.prompt ?? 'hi' }],
        }),
      });
    },
  };
}
