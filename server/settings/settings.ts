// The organisation's settings as the request path reads them: parsed once and kept in memory until
// a settings write calls invalidate(). `forWorkspace` adds a workspace's own values for the
// sections the organisation opened to workspaces (securitySettings.ts effectiveSettings).
import { parseJson } from '../db/rows.ts';
import { effectiveSettings } from './securitySettings.ts';

export interface OrganisationSettings {
  /** `metrics-only` keeps request logs without bodies or headers. */
  request_logging_mode?: 'full' | 'metrics-only';
  /** Refuse inline configs, providers, custom hosts and forwarded headers (also BLOCK_INLINE_CONFIG). */
  block_inline_config?: boolean;
  [key: string]: unknown;
}

/** Where the organisation's stored settings come from (its row, as JSON text). */
export interface OrganisationSettingsSource {
  get(): { settings: string | null } | undefined | null;
}

/** Where a workspace's own settings come from (the workspace cache). */
export interface WorkspaceSettingsSource {
  get(id: string): { settings: Record<string, unknown> } | null;
}

export class OrganisationSettingsCache {
  private cached: OrganisationSettings | null = null;
  private readonly byWorkspace = new Map<string, OrganisationSettings>();
  private workspaces: WorkspaceSettingsSource | null = null;

  constructor(private readonly repo: OrganisationSettingsSource) {}

  /** Connects the workspace cache (built after this one). */
  useWorkspaces(source: WorkspaceSettingsSource): void {
    this.workspaces = source;
  }

  get(): OrganisationSettings {
    if (!this.cached) this.cached = parseJson<OrganisationSettings>(this.repo.get()?.settings ?? null, {});
    return this.cached;
  }

  /** The settings that hold in a workspace; the organisation's for null or an unknown id. */
  forWorkspace(workspaceId: string | null): OrganisationSettings {
    if (workspaceId === null) return this.get();
    let found = this.byWorkspace.get(workspaceId);
    if (!found) {
      const own = this.workspaces?.get(workspaceId)?.settings;
      if (!own) return this.get();
      found = Object.keys(own).length ? effectiveSettings(this.get(), own) : this.get();
      this.byWorkspace.set(workspaceId, found);
    }
    return found;
  }

  /** After a write to the organisation's settings, or (with an id) to one workspace's. */
  invalidate(workspaceId?: string): void {
    if (workspaceId !== undefined) {
      this.byWorkspace.delete(workspaceId);
      return;
    }
    this.cached = null;
    this.byWorkspace.clear();
  }
}
