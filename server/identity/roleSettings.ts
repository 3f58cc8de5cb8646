// How the role toggles among the security settings (spec §3.3: "managers view/manage …",
// "members view/write …") change what a workspace manager or member may do, as scopes: each toggle
// takes scopes away from a role when turned off, or (the members' write toggles, off by default)
// gives a role scopes when turned on, never beyond a workspace admin's. Workspace admins and
// organisation owners/admins are not bound by them; neither are service keys, which hold the
// scopes an admin gave them.
import type { WorkspaceRole } from './roles.ts';
import type { OrganisationSettings } from '../settings/settings.ts';

type Gated = 'manager' | 'member';

interface Toggle {
  role: Gated;
  /** `deny`: the role loses the scopes when the setting is false. `grant`: gains them when true. */
  effect: 'deny' | 'grant';
  scopes: readonly string[];
}

const actions = (families: readonly string[], verbs: readonly string[]) => families.flatMap((f) => verbs.map((v) => `${f}.${v}`));
const VIEW = ['list', 'read'];
const WRITE = ['create', 'update', 'delete'];
const KEY_FAMILIES = ['workspace_service_api_keys', 'workspace_user_api_keys'];
const PROVIDER_FAMILIES = ['providers', 'virtual_keys'];

export const ROLE_TOGGLES: Readonly<Record<string, Toggle>> = {
  managersViewApiKeys: { role: 'manager', effect: 'deny', scopes: actions(KEY_FAMILIES, VIEW) },
  managersManageApiKeys: { role: 'manager', effect: 'deny', scopes: actions(KEY_FAMILIES, [...WRITE, 'rotate']) },
  // Members reach only their own user keys (api-keys/service.ts ownKeysOnly).
  membersViewUserApiKeys: { role: 'member', effect: 'grant', scopes: actions(['workspace_user_api_keys'], VIEW) },
  membersManageUserApiKeys: { role: 'member', effect: 'grant', scopes: actions(['workspace_user_api_keys'], [...WRITE, 'rotate']) },
  managersViewProviders: {
    role: 'manager',
    effect: 'deny',
    scopes: [...actions(PROVIDER_FAMILIES, VIEW), ...actions(['workspace_integrations'], VIEW)],
  },
  managersManageProviders: { role: 'manager', effect: 'deny', scopes: actions(PROVIDER_FAMILIES, [...WRITE, 'duplicate', 'copy']) },
  membersViewProviders: {
    role: 'member',
    effect: 'deny',
    scopes: [...actions(PROVIDER_FAMILIES, VIEW), ...actions(['workspace_integrations'], VIEW)],
  },
  membersViewConfigs: { role: 'member', effect: 'deny', scopes: actions(['configs'], VIEW) },
  membersWriteConfigs: { role: 'member', effect: 'grant', scopes: actions(['configs'], WRITE) },
  managersViewConfigs: { role: 'manager', effect: 'deny', scopes: actions(['configs'], VIEW) },
  managersWriteConfigs: { role: 'manager', effect: 'deny', scopes: actions(['configs'], WRITE) },
  membersViewPrompts: { role: 'member', effect: 'deny', scopes: actions(['prompts'], VIEW) },
  membersWritePrompts: { role: 'member', effect: 'grant', scopes: actions(['prompts'], [...WRITE, 'publish']) },
  managersViewPrompts: { role: 'manager', effect: 'deny', scopes: actions(['prompts'], VIEW) },
  managersWritePrompts: { role: 'manager', effect: 'deny', scopes: actions(['prompts'], [...WRITE, 'publish']) },
  managersViewGuardrails: { role: 'manager', effect: 'deny', scopes: actions(['guardrails'], VIEW) },
  managersWriteGuardrails: { role: 'manager', effect: 'deny', scopes: actions(['guardrails'], WRITE) },
  membersViewGuardrails: { role: 'member', effect: 'deny', scopes: actions(['guardrails'], VIEW) },
  managersWriteWsIntegrations: { role: 'manager', effect: 'deny', scopes: actions(['workspace_integrations'], WRITE) },
  managersWriteWsMcpIntegrations: { role: 'manager', effect: 'deny', scopes: actions(['workspace_mcp_integrations'], WRITE) },
  managersWriteMcpServers: { role: 'manager', effect: 'deny', scopes: actions(['mcp_servers'], WRITE) },
  managersViewLogs: { role: 'manager', effect: 'deny', scopes: ['logs.list', 'logs.view', 'logs.export'] },
  membersViewLogs: { role: 'member', effect: 'deny', scopes: ['logs.list', 'logs.view', 'logs.export'] },
};

const cache = new WeakMap<OrganisationSettings, Map<string, ReadonlySet<string>>>();

/**
 * The scopes a manager or member holds in a workspace with these settings, from their role's
 * default scopes (`base`) and the admin role's (`ceiling`). Admins' scopes pass through unchanged.
 * Memoised per settings object (the settings cache hands out the same object until a write).
 */
export function scopesUnderSettings(
  role: WorkspaceRole,
  base: ReadonlySet<string>,
  ceiling: ReadonlySet<string>,
  settings: OrganisationSettings,
): ReadonlySet<string> {
  if (role === 'admin') return base;
  let byRole = cache.get(settings);
  if (!byRole) cache.set(settings, (byRole = new Map()));
  let found = byRole.get(role);
  if (!found) {
    const out = new Set(base);
    for (const [name, toggle] of Object.entries(ROLE_TOGGLES)) {
      if (toggle.role !== role) continue;
      if (toggle.effect === 'deny' && settings[name] === false) toggle.scopes.forEach((s) => out.delete(s));
      if (toggle.effect === 'grant' && settings[name] === true) toggle.scopes.forEach((s) => ceiling.has(s) && out.add(s));
    }
    found = out.size === base.size && [...out].every((s) => base.has(s)) ? base : out;
    byRole.set(role, found);
  }
  return found;
}
