// API-key scopes are exact strings (spec §3.2): `list` does not imply `read`. These are the scopes
// each key type may hold; anything else is refused when a key is created or updated.
import type { KeyType } from './auth.ts';

const CRUDL = ['create', 'read', 'update', 'delete', 'list'] as const;
const crudl = (resource: string, extra: string[] = []) => [...CRUDL, ...extra].map((a) => `${resource}.${a}`);

const ADMIN_SCOPES = [
  ...crudl('organisation_users'),
  ...crudl('organisation_service_api_keys', ['rotate']),
  'organisation_settings.read',
  'organisation_settings.update',
  ...crudl('organisation_guardrails'),
  'organisation_exclusions.update',
  'organisation_exclusions.list',
  'audit_logs.list',
  // GET /metrics (Prometheus): a key a scraper holds needs nothing else (this appliance's own scope).
  'metrics.read',
  'plugins.create',
  'plugins.update',
  'plugins.list',
  ...crudl('deployments'),
  ...crudl('secret_references'),
  ...crudl('workspaces'),
  ...crudl('workspace_service_api_keys', ['rotate']),
  ...crudl('workspace_user_api_keys', ['rotate']),
  ...crudl('workspace_users'),
  ...crudl('prompts', ['publish']),
  ...crudl('configs'),
  ...crudl('guardrails'),
  ...crudl('virtual_keys', ['duplicate', 'copy']),
  ...crudl('providers'),
  ...crudl('policies'),
  ...crudl('organisation_integrations'),
  ...crudl('organisation_mcp_integrations'),
  ...crudl('organisation_agent_integrations'),
  ...crudl('workspace_integrations'),
  ...crudl('workspace_mcp_integrations'),
  ...crudl('workspace_agent_integrations'),
  ...crudl('agent_servers'),
  ...crudl('mcp_servers'),
  'analytics.view',
  'logs.export',
  'logs.list',
  'logs.view',
];

const WORKSPACE_KEY_MANAGEMENT = [...crudl('workspace_service_api_keys', ['rotate']), ...crudl('workspace_user_api_keys', ['rotate'])];

const WORKSPACE_USER_SCOPES = [
  'workspaces.read',
  'workspaces.update',
  'workspaces.list',
  ...crudl('workspace_users'),
  'completions.write',
  ...crudl('prompts', ['publish', 'render']),
  'mcp.invoke',
  ...crudl('mcp_servers'),
  ...crudl('workspace_mcp_integrations'),
  'organisation_mcp_integrations.list',
  'agents.invoke',
  ...crudl('agent_servers'),
  ...crudl('workspace_agent_integrations'),
  'organisation_agent_integrations.list',
  ...crudl('configs'),
  ...crudl('guardrails', ['invoke']),
  ...crudl('virtual_keys', ['duplicate', 'copy']),
  ...crudl('providers'),
  ...crudl('policies'),
  ...crudl('workspace_integrations'),
  'organisation_integrations.list',
  'analytics.view',
  'logs.export',
  'logs.list',
  'logs.view',
  'logs.write',
];

export const SCOPES_BY_KEY_TYPE: Record<KeyType, readonly string[]> = {
  'organisation-service': ADMIN_SCOPES,
  'workspace-service': [...WORKSPACE_KEY_MANAGEMENT, ...WORKSPACE_USER_SCOPES],
  'workspace-user': WORKSPACE_USER_SCOPES,
};

const ALLOWED: Record<KeyType, ReadonlySet<string>> = {
  'organisation-service': new Set(SCOPES_BY_KEY_TYPE['organisation-service']),
  'workspace-service': new Set(SCOPES_BY_KEY_TYPE['workspace-service']),
  'workspace-user': new Set(SCOPES_BY_KEY_TYPE['workspace-user']),
};

/** Scopes in `scopes` that a key of `type` cannot hold. */
export function invalidScopes(type: KeyType, scopes: readonly string[]): string[] {
  return scopes.filter((s) => !ALLOWED[type].has(s));
}

/** The scope family that manages keys of a type: `workspace_user_api_keys` and so on. */
export function keyScopeFamily(type: KeyType): string {
  switch (type) {
    case 'organisation-service':
      return 'organisation_service_api_keys';
    case 'workspace-service':
      return 'workspace_service_api_keys';
    case 'workspace-user':
      return 'workspace_user_api_keys';
  }
}
