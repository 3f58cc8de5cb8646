// The organisation security settings the appliance knows (spec §3.3), grouped in the sections a
// workspace may be allowed to override. One table: the settings API validates against it, fills in
// defaults from it, and says which sections a workspace may hold its own values for.
//
// Settings are stored flat in organisations.settings (JSON) under these names, which are Portkey's
// where Portkey documents them. A workspace's own values live in workspaces.settings, and count
// only for the sections the organisation opened to workspaces (`workspace_overrides`).

export type SettingKind =
  'boolean' | 'positive_integer' | 'logging_mode' | 'session_settings' | 'string_list' | 'json_schema' | 'export_settings';

export interface SettingSpec {
  section: SettingSection;
  kind: SettingKind;
  /** What the appliance does when the setting is unset. */
  default: unknown;
  /** Where the setting takes effect today, or what will enforce it (for the record). */
  enforced: string;
}

/** Sections, in the order the settings page shows them. `organisation` ones are never per workspace. */
export const SECTIONS = [
  'api_keys',
  'providers',
  'configs',
  'prompts',
  'guardrails',
  'integrations',
  'analytics',
  'logs',
  'data_visibility',
  'request_logging',
  'data_plane_security_settings',
  'session_settings',
  'user_provisioning',
  'metadata_schemas',
  'export_settings',
] as const;
export type SettingSection = (typeof SECTIONS)[number];

/** Sections that belong to the whole organisation: a workspace cannot be allowed to override them. */
export const ORGANISATION_ONLY: ReadonlySet<SettingSection> = new Set([
  'session_settings',
  'user_provisioning',
  'metadata_schemas',
  'export_settings',
]);

const flag = (section: SettingSection, value: boolean, enforced: string): SettingSpec => ({
  section,
  kind: 'boolean',
  default: value,
  enforced,
});

export const SETTINGS: Readonly<Record<string, SettingSpec>> = {
  // API keys (configure-api-key-access-permissions): people's own permissions to see and manage keys.
  managersViewApiKeys: flag('api_keys', true, 'workspace managers: API key list/read (Admin API and UI)'),
  managersManageApiKeys: flag('api_keys', true, 'workspace managers: API key create/update/delete/rotate'),
  membersViewUserApiKeys: flag('api_keys', false, 'workspace members: list/read their own user keys'),
  membersManageUserApiKeys: flag('api_keys', false, 'workspace members: create/update/delete/rotate their own user keys'),
  user_api_key_max_per_workspace: {
    section: 'api_keys',
    kind: 'positive_integer',
    default: null,
    enforced: 'api-keys: creating user keys',
  },
  user_api_key_ttl: { section: 'api_keys', kind: 'positive_integer', default: null, enforced: 'api-keys: default user key lifetime (s)' },
  user_api_key_max_ttl: {
    section: 'api_keys',
    kind: 'positive_integer',
    default: null,
    enforced: 'api-keys: longest user key lifetime (s)',
  },
  user_api_key_auto_create: flag('api_keys', false, 'recorded: auto-created user keys arrive with SSO/SCIM provisioning'),
  default_workspace_user_api_key_auto_create: flag('api_keys', false, 'recorded: auto-created user keys arrive with SSO/SCIM provisioning'),
  user_api_key_rotation_period: {
    section: 'api_keys',
    kind: 'positive_integer',
    default: null,
    enforced: 'recorded: rotation period (days) for auto-created user keys, with SSO/SCIM provisioning',
  },
  // Providers and virtual keys (configure-virtual-key-access-permissions): view on, manage managers only.
  managersViewProviders: flag('providers', true, 'workspace managers: providers, virtual keys, workspace integrations list/read'),
  managersManageProviders: flag('providers', true, 'workspace managers: providers, virtual keys create/update/delete'),
  membersViewProviders: flag('providers', true, 'workspace members: providers, virtual keys, workspace integrations list/read'),
  // Configs (CL-BE v1.3.0): members read, managers read and write.
  membersViewConfigs: flag('configs', true, 'workspace members: configs list/read'),
  membersWriteConfigs: flag('configs', false, 'workspace members: configs create/update/delete'),
  managersViewConfigs: flag('configs', true, 'workspace managers: configs list/read'),
  managersWriteConfigs: flag('configs', true, 'workspace managers: configs create/update/delete'),
  // Prompts (CL-BE v1.10.0).
  membersViewPrompts: flag('prompts', true, 'workspace members: prompts list/read (prompt routes arrive with the prompts issue)'),
  membersWritePrompts: flag('prompts', false, 'workspace members: prompts create/update/delete/publish'),
  managersViewPrompts: flag('prompts', true, 'workspace managers: prompts list/read'),
  managersWritePrompts: flag('prompts', true, 'workspace managers: prompts create/update/delete/publish'),
  // Guardrails (configure-guardrail-access-permissions).
  managersViewGuardrails: flag('guardrails', true, 'workspace managers: guardrails list/read'),
  managersWriteGuardrails: flag('guardrails', true, 'workspace managers: guardrails create/update/delete'),
  membersViewGuardrails: flag('guardrails', true, 'workspace members: guardrails list/read'),
  // Integrations and MCP (CL-BE v1.14.0).
  managersWriteWsIntegrations: flag('integrations', true, 'workspace managers: workspace integrations create/update/delete'),
  managersWriteWsMcpIntegrations: flag('integrations', true, 'workspace managers: workspace MCP integrations (with the MCP issue)'),
  managersWriteMcpServers: flag('integrations', true, 'workspace managers: MCP servers (with the MCP issue)'),
  // Analytics (CL-BE v1.9.0).
  membersViewAnalytics: flag('analytics', true, 'analytics: members (sessions and user keys)'),
  managersViewAnalytics: flag('analytics', true, 'analytics: managers (sessions and user keys)'),
  // Logs (configure-logs-access-permissions-in-workspace, CL-BE v1.15.0).
  organisationAdminsViewLogs: flag('logs', true, 'logs list/get/export: organisation admins (owners always see logs)'),
  organisationAdminsViewLogMetadata: flag('logs', true, 'recorded: log metadata hidden from organisation admins (with the log viewer)'),
  managersViewLogs: flag('logs', true, 'logs list/get/export: workspace managers'),
  managersViewLogMetadata: flag('logs', true, 'recorded: log metadata hidden from managers (with the log viewer)'),
  membersViewLogs: flag('logs', true, 'logs list/get/export: workspace members'),
  membersViewLogMetadata: flag('logs', true, 'recorded: log metadata hidden from members (with the log viewer)'),
  // Data visibility (CL-BE v1.11.0): false limits logs, analytics and exports to the caller's own keys.
  membersViewAllData: flag('data_visibility', true, 'logs, analytics, exports: members see only their own keys’ rows when false'),
  managersViewAllData: flag('data_visibility', true, 'logs, analytics, exports: managers see only their own keys’ rows when false'),
  // Request logging (configuring-request-logging).
  request_logging_mode: { section: 'request_logging', kind: 'logging_mode', default: 'full', enforced: 'gateway: bodies kept or not' },
  // Saved-only configs (enforce-saved-only-config, CL-BE v1.18). BLOCK_INLINE_CONFIG=true wins over both levels.
  block_inline_config: flag('data_plane_security_settings', false, 'gateway: inline configs, providers, hosts, forwarded headers refused'),
  // Sessions (CL-BE v1.13).
  session_settings: { section: 'session_settings', kind: 'session_settings', default: {}, enforced: 'sessions: max_session_ttl (s, ≥900)' },
  // Provisioning (CL-BE v1.3.0, v1.15, v1.20).
  scim_only_user_management: flag(
    'user_provisioning',
    false,
    'recorded: organisation users managed only through SCIM (with the SCIM issue)',
  ),
  disable_auto_provision_user: flag('user_provisioning', false, 'recorded: SSO sign-ins do not create users (with the SSO issue)'),
  allowed_domains: {
    section: 'user_provisioning',
    kind: 'string_list',
    default: [],
    enforced: 'recorded: email domains SSO may provision',
  },
  allow_subdomains: flag('user_provisioning', false, 'recorded: subdomains of allowed_domains count'),
  // Metadata JSON schemas (enforcing-request-metadata).
  api_key_metadata_schema: {
    section: 'metadata_schemas',
    kind: 'json_schema',
    default: null,
    enforced: 'api-keys: defaults.metadata on create and update',
  },
  workspace_metadata_schema: {
    section: 'metadata_schemas',
    kind: 'json_schema',
    default: null,
    enforced: 'workspaces: metadata on create and update',
  },
  // Exports (CL-BE v1.21).
  export_settings: {
    section: 'export_settings',
    kind: 'export_settings',
    default: { deniedFields: [] },
    enforced: 'logs exports: fields never exported',
  },
};

export const SETTING_NAMES = Object.keys(SETTINGS);

/** Sections a workspace may be opened to. */
export const OVERRIDABLE_SECTIONS: readonly SettingSection[] = SECTIONS.filter((s) => !ORGANISATION_ONLY.has(s));
