// Shared by the API-key tests: the app on a clock the test moves, and short calls against it.
import { startTestApp } from '../helpers/testApp.ts';

export const START = Date.parse('2030-01-01T00:00:00Z'); // a Tuesday
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export async function startKeyTestApp() {
  const clock = { now: START };
  const t = await startTestApp({ now: () => clock.now });
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) => {
    const res = await t.app.inject({ method, url, headers, payload: payload as object });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  const as = (raw: string) => ({ 'x-portkey-api-key': raw });
  return {
    ...t,
    clock,
    call,
    as,
    /** Status of a request authenticated with `raw` (GET /v1/api-keys; the key needs `*.list`). */
    authStatus: async (raw: string) => (await call('GET', '/v1/api-keys', as(raw))).status,
    /** A workspace service key in the default workspace. */
    async serviceKey(extra: Record<string, unknown> = {}): Promise<{ id: string; key: string }> {
      const res = await call('POST', '/v1/api-keys/workspace/service', t.admin, {
        name: 'svc',
        workspace_id: t.credentials.workspace.id,
        scopes: ['workspace_service_api_keys.list'],
        ...extra,
      });
      if (res.status !== 200) throw new Error(`creating a key failed: ${JSON.stringify(res.body)}`);
      return { id: res.body.id, key: res.body.key };
    },
    /** One pass of the background worker, now. */
    tick: () => t.app.services.keyLifecycle.tick(),
  };
}

export type KeyTestApp = Awaited<ReturnType<typeof startKeyTestApp>>;
