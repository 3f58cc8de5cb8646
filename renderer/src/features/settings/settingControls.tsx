// One security setting as a form control, by its kind in the server's catalogue (generated into
// serverTables.gen.ts): switches, numbers, the logging mode, the session lifetime, lists, JSON
// schemas and the export fields. Labels come from the setting's name, the help from what it does.
import { MultiSelect, NumberInput, SegmentedControl, Stack, Switch, TagsInput, Text, Textarea } from '@mantine/core';
import { EXPORT_FIELDS, SETTINGS } from '../../api/serverTables.gen';

export type SettingName = keyof typeof SETTINGS;

const WORDS: Record<string, string> = { api: 'API', ttl: 'TTL', ws: 'workspace', mcp: 'MCP', scim: 'SCIM', json: 'JSON' };

/** `managersViewApiKeys` -> "Managers view API keys"; `user_api_key_ttl` -> "User API key TTL". */
export function settingLabel(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_]+/)
    .map((w) => w.toLowerCase())
    .map((w) => WORDS[w] ?? w);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const SECTION_LABELS: Record<string, string> = {
  api_keys: 'API keys',
  providers: 'Providers',
  configs: 'Configs',
  prompts: 'Prompts',
  guardrails: 'Guardrails',
  integrations: 'Integrations',
  analytics: 'Analytics',
  logs: 'Logs',
  data_visibility: 'Data visibility',
  request_logging: 'Request logging',
  data_plane_security_settings: 'Gateway security',
  session_settings: 'Sessions',
  user_provisioning: 'User provisioning',
  metadata_schemas: 'Metadata schemas',
  export_settings: 'Log exports',
};

interface Props {
  name: SettingName;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: string;
  disabled?: boolean;
}

/** JSON schema settings are edited as text; the draft holds the text until it is saved. */
export function SettingControl({ name, value, onChange, error, disabled }: Props) {
  const spec = SETTINGS[name];
  const label = settingLabel(name);
  const description = spec.enforced;
  switch (spec.kind) {
    case 'boolean':
      return (
        <Switch
          label={label}
          description={description}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          error={error}
          disabled={disabled}
        />
      );
    case 'positive_integer':
      return (
        <NumberInput
          label={label}
          description={`${description}. Empty: no limit.`}
          min={1}
          allowDecimal={false}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : null)}
          error={error}
          disabled={disabled}
          w={320}
        />
      );
    case 'logging_mode':
      return (
        <Stack gap={4}>
          <Text size="sm" fw={500} id={`${name}-label`}>
            {label}
          </Text>
          <Text size="xs" c="dimmed">
            {description}
          </Text>
          <SegmentedControl
            aria-labelledby={`${name}-label`}
            data={[
              { value: 'full', label: 'Full (bodies kept)' },
              { value: 'metrics-only', label: 'Metrics only' },
            ]}
            value={value === 'metrics-only' ? 'metrics-only' : 'full'}
            onChange={onChange}
            disabled={disabled}
            w="fit-content"
          />
          {error ? (
            <Text size="xs" c="var(--mantine-color-error)" role="alert">
              {error}
            </Text>
          ) : null}
        </Stack>
      );
    case 'session_settings': {
      const ttl = (value as { max_session_ttl?: number } | null)?.max_session_ttl;
      return (
        <NumberInput
          label="Longest session (seconds)"
          description="How long a sign-in lasts at most; at least 900. Empty: the appliance's default."
          min={900}
          allowDecimal={false}
          value={typeof ttl === 'number' ? ttl : ''}
          onChange={(v) => onChange(typeof v === 'number' ? { max_session_ttl: v } : {})}
          error={error}
          disabled={disabled}
          w={320}
        />
      );
    }
    case 'string_list':
      return (
        <TagsInput
          label={label}
          description={`${description}. Press Enter after each.`}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={onChange}
          error={error}
          disabled={disabled}
        />
      );
    case 'export_settings':
      return (
        <MultiSelect
          label="Fields never exported"
          description={description}
          data={[...EXPORT_FIELDS]}
          value={((value as { deniedFields?: string[] } | null)?.deniedFields ?? []) as string[]}
          onChange={(deniedFields) => onChange({ deniedFields })}
          error={error}
          disabled={disabled}
          searchable
        />
      );
    case 'json_schema':
      return (
        <Textarea
          label={label}
          description={`${description}. A JSON schema with "type": "object"; empty for none.`}
          autosize
          minRows={2}
          ff="monospace"
          value={typeof value === 'string' ? value : value ? JSON.stringify(value, null, 2) : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
          error={error}
          disabled={disabled}
        />
      );
  }
}

/** The value to send for a draft: JSON schema text parsed (empty clears it). Throws on bad JSON. */
export function toSend(name: SettingName, draft: unknown): unknown {
  if (SETTINGS[name].kind !== 'json_schema' || typeof draft !== 'string') return draft;
  if (!draft.trim()) return null;
  try {
    return JSON.parse(draft);
  } catch (err) {
    throw new Error(`${name} is not valid JSON: ${(err as Error).message}`);
  }
}
