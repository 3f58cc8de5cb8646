// Helpers for guardrail tests against a running appliance: save a guardrail through the Admin API,
// set the organisation's or a workspace's default guardrails, and send chat requests with a config.
import type { GatewayFixture } from '../helpers/gateway.ts';

export interface SavedGuardrail {
  id: string;
  slug: string;
  version_id: string;
}

export async function saveGuardrail(
  g: GatewayFixture,
  body: { name?: string; checks: unknown[]; actions?: Record<string, unknown>; workspace_id?: string | null },
  headers: Record<string, string> = g.admin,
): Promise<SavedGuardrail> {
  const res = await fetch(`${g.url}/v1/guardrails`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name: body.name ?? 'test guardrail', ...body }),
  });
  if (!res.ok) throw new Error(`saveGuardrail: ${res.status} ${await res.text()}`);
  return (await res.json()) as SavedGuardrail;
}

export async function setOrganisationDefaults(g: GatewayFixture, defaults: { input_guardrails?: string[]; output_guardrails?: string[] }) {
  const res = await fetch(`${g.url}/v1/admin/organisation/defaults`, {
    method: 'PUT',
    headers: { ...g.admin, 'content-type': 'application/json' },
    body: JSON.stringify(defaults),
  });
  if (!res.ok) throw new Error(`setOrganisationDefaults: ${res.status} ${await res.text()}`);
}

export async function setWorkspaceDefaults(
  g: GatewayFixture,
  defaults: { input_guardrails?: string[] | null; output_guardrails?: string[] | null },
) {
  const res = await fetch(`${g.url}/v1/admin/workspaces/${g.credentials.workspace.id}`, {
    method: 'PUT',
    headers: { ...g.admin, 'content-type': 'application/json' },
    body: JSON.stringify({ defaults }),
  });
  if (!res.ok) throw new Error(`setWorkspaceDefaults: ${res.status} ${await res.text()}`);
}

/** A chat request to `@primary/gpt-4o` (unless the body names another model), with an optional config. */
export function chat(
  g: GatewayFixture,
  content: string,
  config?: unknown,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return g.post(
    '/v1/chat/completions',
    { model: '@primary/gpt-4o', messages: [{ role: 'user', content }], ...extra },
    { ...(config === undefined ? {} : { 'x-portkey-config': typeof config === 'string' ? config : JSON.stringify(config) }), ...headers },
  );
}

export interface HookResultsBody {
  hook_results: {
    before_request_hooks: {
      id: string;
      verdict: boolean | null;
      deny: boolean;
      source: string;
      checks: { id: string; verdict: boolean; explanation: string; execution_time: number }[];
    }[];
    after_request_hooks: {
      id: string;
      verdict: boolean | null;
      deny: boolean;
      source: string;
      checks: { id: string; verdict: boolean; explanation: string }[];
    }[];
  };
}
