// Pure rules of the security settings (spec §3.3): checking a change against the catalogue,
// applying it, and working out what holds in one workspace. The settings service stores the
// results; the places that enforce a setting read `effective` values only.
import { type AppError, badRequest, forbidden } from '../errors.ts';
import { nearest } from '../nearestName.ts';
import { OVERRIDABLE_SECTIONS, SETTINGS, SETTING_NAMES, type SettingSection, type SettingSpec } from './catalogue.ts';
import { EXPORT_FIELDS } from './exportFields.ts';
import { schemaProblem } from './metadataSchemas.ts';

/** The shortest `session_settings.max_session_ttl` an organisation may set, in seconds. */
export const MIN_SESSION_TTL_SECONDS = 900;

export type SettingsRecord = Record<string, unknown>;
export type WorkspaceOverrides = Partial<Record<SettingSection, boolean>>;

/** The key in organisations.settings that says which sections workspaces may override. */
export const OVERRIDES_KEY = 'workspace_overrides';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function fail(name: string, expected: string, value: unknown): never {
  throw badRequest(`Setting "${name}" must be ${expected} (got ${JSON.stringify(value)})`, { param: name });
}

/** The value to store for one setting, or throws a 400 naming it. */
function checkValue(name: string, spec: SettingSpec, value: unknown): unknown {
  switch (spec.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? value : fail(name, 'true or false', value);
    case 'positive_integer':
      return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fail(name, 'a whole number above 0', value);
    case 'logging_mode':
      return value === 'full' || value === 'metrics-only' ? value : fail(name, '"full" or "metrics-only"', value);
    case 'session_settings': {
      if (!isObject(value)) return fail(name, 'an object like {"max_session_ttl": 3600}', value);
      for (const key of Object.keys(value)) {
        if (key !== 'max_session_ttl')
          throw badRequest(`Setting "${name}.${key}" is not known; the only one is max_session_ttl`, { param: name });
      }
      const ttl = value.max_session_ttl;
      if (ttl !== undefined && ttl !== null && !(typeof ttl === 'number' && Number.isInteger(ttl) && ttl >= MIN_SESSION_TTL_SECONDS)) {
        fail(`${name}.max_session_ttl`, `a whole number of seconds, at least ${MIN_SESSION_TTL_SECONDS}`, ttl);
      }
      return ttl === undefined || ttl === null ? {} : { max_session_ttl: ttl };
    }
    case 'string_list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() !== '')
        ? [...new Set(value.map((v: string) => v.trim().toLowerCase()))]
        : fail(name, 'a list of non-empty strings', value);
    case 'json_schema': {
      // Portkey takes draft-07 schemas of string properties for metadata: the top must be an object type.
      if (!isObject(value) || value.type !== 'object') return fail(name, 'a JSON schema object with "type": "object"', value);
      const problem = schemaProblem(value);
      if (problem) throw badRequest(`Setting "${name}" is not a usable JSON schema: ${problem}`, { param: name });
      return value;
    }
    case 'export_settings': {
      if (!isObject(value)) return fail(name, 'an object like {"deniedFields": ["request"]}', value);
      const denied = value.deniedFields ?? [];
      if (Object.keys(value).some((k) => k !== 'deniedFields') || !Array.isArray(denied) || !denied.every((f) => typeof f === 'string')) {
        fail(name, 'an object with one key, deniedFields: a list of field names', value);
      }
      const unknown = (denied as string[]).filter((f) => !(EXPORT_FIELDS as readonly string[]).includes(f));
      if (unknown.length) fail(`${name}.deniedFields`, `a list of export fields (${EXPORT_FIELDS.join(', ')})`, unknown);
      return { deniedFields: [...new Set(denied as string[])] };
    }
  }
}

function unknownSetting(name: string): never {
  const hint = nearest(name, [...SETTING_NAMES, OVERRIDES_KEY]);
  throw badRequest(`Unknown setting "${name}"${hint ? `: did you mean "${hint}"?` : ''}`, { param: name });
}

function checkOverrides(value: unknown): WorkspaceOverrides {
  if (!isObject(value)) fail(OVERRIDES_KEY, 'an object of section names to true or false', value);
  const out: WorkspaceOverrides = {};
  for (const [section, allowed] of Object.entries(value)) {
    if (!(OVERRIDABLE_SECTIONS as readonly string[]).includes(section)) {
      throw badRequest(
        `"${OVERRIDES_KEY}.${section}" is not a section workspaces can override; they are: ${OVERRIDABLE_SECTIONS.join(', ')}`,
        { param: OVERRIDES_KEY },
      );
    }
    if (typeof allowed !== 'boolean') fail(`${OVERRIDES_KEY}.${section}`, 'true or false', allowed);
    out[section as SettingSection] = allowed;
  }
  return out;
}

/**
 * The organisation's stored settings after a PUT: given keys replace stored ones, null removes
 * one (back to its default), and nothing is stored unless the whole change is valid.
 */
export function applyOrganisationChange(stored: SettingsRecord, change: unknown): SettingsRecord {
  if (!isObject(change)) throw badRequest('The body must be a JSON object of settings to change');
  const next: SettingsRecord = { ...stored };
  for (const [name, value] of Object.entries(change)) {
    if (name === OVERRIDES_KEY) {
      next[OVERRIDES_KEY] = { ...overridesOf(stored), ...checkOverrides(value) };
      continue;
    }
    const spec = SETTINGS[name];
    if (!spec) unknownSetting(name);
    if (value === null) delete next[name];
    else next[name] = checkValue(name, spec, value);
  }
  return next;
}

/**
 * A workspace's own values after a PUT. Only sections the organisation opened to workspaces may be
 * changed (a 403 names the section otherwise); null removes a value, so the organisation's holds.
 */
export function applyWorkspaceChange(own: SettingsRecord, change: unknown, organisation: SettingsRecord): SettingsRecord {
  if (!isObject(change)) throw badRequest('The body must be a JSON object of settings to change');
  const next: SettingsRecord = { ...own };
  for (const [name, value] of Object.entries(change)) {
    const spec = SETTINGS[name];
    if (!spec && name !== OVERRIDES_KEY) unknownSetting(name);
    const refusal = workspaceSettingRefusal(name, organisation);
    if (refusal) throw refusal;
    if (value === null) delete next[name];
    else next[name] = checkValue(name, spec!, value);
  }
  return next;
}

/**
 * Why a workspace may not hold its own value for the setting `name`, or null when it may (or when
 * `name` is no setting). The one rule for every path that writes per-workspace values: the
 * workspace settings route, and workspace `defaults`, which must not smuggle a setting past it.
 */
export function workspaceSettingRefusal(name: string, organisation: SettingsRecord): AppError | null {
  if (name === OVERRIDES_KEY) {
    return forbidden(`"${OVERRIDES_KEY}" is set for the whole organisation, at /v1/admin/organisation/settings`);
  }
  const spec = SETTINGS[name];
  if (!spec || overridesOf(organisation)[spec.section]) return null;
  return forbidden(
    `The organisation does not let workspaces set their own "${spec.section}" settings (${name}); ` +
      `an organisation owner or admin can allow it with ${OVERRIDES_KEY}.${spec.section}: true`,
  );
}

/**
 * A workspace's `defaults` hold what its requests inherit (metadata, guardrails, the user-key
 * config), never security settings: those live in the workspace's settings, where the overrides
 * table decides. A setting named there is refused (403 where the section is closed to workspaces,
 * 400 pointing at the settings route where it is open); null, which only removes a stored value,
 * is let through so values stored before this rule can be cleared.
 */
export function checkDefaultsHoldNoSettings(
  defaults: SettingsRecord | null | undefined,
  organisation: SettingsRecord,
  workspaceRef: string,
): void {
  for (const [name, value] of Object.entries(defaults ?? {})) {
    if ((name !== OVERRIDES_KEY && !SETTINGS[name]) || value === null) continue;
    const refusal = workspaceSettingRefusal(name, organisation);
    if (refusal) throw refusal;
    throw badRequest(
      `defaults.${name} is a security setting, not a request default: set it with PUT /v1/admin/workspaces/${workspaceRef}/settings`,
      { param: `defaults.${name}` },
    );
  }
}

export function overridesOf(organisation: SettingsRecord): WorkspaceOverrides {
  const raw = organisation[OVERRIDES_KEY];
  if (!isObject(raw)) return {};
  const out: WorkspaceOverrides = {};
  for (const section of OVERRIDABLE_SECTIONS) if (raw[section] === true) out[section] = true;
  return out;
}

/** Every known setting with its value, defaults filled in: what the settings API shows. */
export function withDefaults(values: SettingsRecord): SettingsRecord {
  const out: SettingsRecord = {};
  for (const name of SETTING_NAMES) out[name] = values[name] ?? SETTINGS[name]!.default;
  return out;
}

/**
 * What holds in a workspace: the organisation's stored values, with the workspace's own for the
 * sections the organisation opened. Values of a section closed later stay stored but do not count.
 * Unset settings stay unset (their readers apply the defaults), so stored extras pass through.
 */
export function effectiveSettings(organisation: SettingsRecord, own: SettingsRecord): SettingsRecord {
  const open = overridesOf(organisation);
  const out: SettingsRecord = { ...organisation };
  for (const [name, value] of Object.entries(own)) {
    const spec = SETTINGS[name];
    if (spec && open[spec.section]) out[name] = value;
  }
  return out;
}

/** A workspace's own values that count now (those of open sections). */
export function countingOwnValues(organisation: SettingsRecord, own: SettingsRecord): SettingsRecord {
  const open = overridesOf(organisation);
  return Object.fromEntries(Object.entries(own).filter(([name]) => open[SETTINGS[name]?.section as SettingSection]));
}
