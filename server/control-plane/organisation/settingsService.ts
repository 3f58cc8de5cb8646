// The security settings API (spec §3.3): the organisation's settings, which sections workspaces may
// override, and each workspace's own values for those. Reads answer with every known setting and
// its value (defaults filled in); writes change only the settings they name, in one statement, and
// refresh the in-memory caches the request path reads.
import { parseJson, isoNow } from '../../db/rows.ts';
import { notFound } from '../../errors.ts';
import { type AuthContext, requireScope } from '../../identity/auth.ts';
import type { VisibleWorkspace } from '../../identity/workspaces.ts';
import type { WorkspaceRecord, WorkspacesRepository } from '../workspaces/repository.ts';
import type { WorkspaceCache } from '../workspaces/cache.ts';
import { OVERRIDABLE_SECTIONS, SECTIONS, SETTINGS } from '../../settings/catalogue.ts';
import type { OrganisationRepository } from './repository.ts';
import type { OrganisationSettingsCache } from '../../settings/settings.ts';
import {
  OVERRIDES_KEY,
  applyOrganisationChange,
  applyWorkspaceChange,
  countingOwnValues,
  effectiveSettings,
  overridesOf,
  withDefaults,
  type SettingsRecord,
} from '../../settings/securitySettings.ts';

export interface SettingsServiceDeps {
  organisation: OrganisationRepository;
  workspaces: WorkspacesRepository;
  workspaceCache: WorkspaceCache;
  settings: OrganisationSettingsCache;
  visible: VisibleWorkspace<WorkspaceRecord>;
  now: () => number;
}

/** Section -> its setting names, for clients that draw the settings page. */
const SECTION_SETTINGS = Object.fromEntries(
  SECTIONS.map((section) => [section, Object.keys(SETTINGS).filter((name) => SETTINGS[name]!.section === section)]),
);

export function settingsService(deps: SettingsServiceDeps) {
  function organisationOf(auth: AuthContext) {
    const org = deps.organisation.get();
    if (!org || org.id !== auth.organisationId) throw notFound('The organisation was not found');
    return org;
  }

  function organisationView(stored: SettingsRecord) {
    const open = overridesOf(stored);
    return {
      object: 'organisation_settings' as const,
      settings: withDefaults(stored),
      [OVERRIDES_KEY]: Object.fromEntries(OVERRIDABLE_SECTIONS.map((s) => [s, open[s] === true])),
      sections: SECTION_SETTINGS,
    };
  }

  function workspaceView(workspaceId: string, stored: SettingsRecord, own: SettingsRecord) {
    const open = overridesOf(stored);
    return {
      object: 'workspace_settings' as const,
      workspace_id: workspaceId,
      /** Sections this workspace may set its own values for. */
      overridable: OVERRIDABLE_SECTIONS.filter((s) => open[s]),
      /** Its own values that count now. */
      settings: countingOwnValues(stored, own),
      /** What holds in the workspace: the organisation's values with its own on top. */
      effective: withDefaults(effectiveSettings(stored, own)),
    };
  }

  return {
    getOrganisation(auth: AuthContext) {
      requireScope(auth, 'organisation_settings.read');
      return organisationView(parseJson<SettingsRecord>(organisationOf(auth).settings, {}));
    },

    updateOrganisation(auth: AuthContext, change: unknown) {
      requireScope(auth, 'organisation_settings.update');
      const org = organisationOf(auth);
      const next = applyOrganisationChange(parseJson<SettingsRecord>(org.settings, {}), change);
      deps.organisation.updateSettings(org.id, JSON.stringify(next), isoNow(deps.now()));
      deps.settings.invalidate();
      return organisationView(next);
    },

    getWorkspace(auth: AuthContext, ref: string) {
      requireScope(auth, 'workspaces.read');
      const ws = deps.visible(auth, ref);
      const stored = parseJson<SettingsRecord>(organisationOf(auth).settings, {});
      return workspaceView(ws.id, stored, parseJson<SettingsRecord>(ws.settings, {}));
    },

    updateWorkspace(auth: AuthContext, ref: string, change: unknown) {
      requireScope(auth, 'workspaces.update');
      const ws = deps.visible(auth, ref);
      const stored = parseJson<SettingsRecord>(organisationOf(auth).settings, {});
      const own = applyWorkspaceChange(parseJson<SettingsRecord>(ws.settings, {}), change, stored);
      deps.workspaces.update(ws.id, { settings: JSON.stringify(own), last_updated_at: isoNow(deps.now()) });
      deps.workspaceCache.invalidate(ws.id);
      deps.settings.invalidate(ws.id);
      return workspaceView(ws.id, stored, own);
    },
  };
}

export type SettingsService = ReturnType<typeof settingsService>;
