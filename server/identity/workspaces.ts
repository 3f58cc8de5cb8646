// Workspaces as every domain meets them: the facts the request path keeps about one (its slug,
// status, defaults and own settings), and which workspace a request may name. The stores behind
// them belong to control-plane/workspaces; what is here only reads them through small interfaces.
import { badRequest, notFound } from '../errors.ts';
import { type AuthContext, type RateLimit, type UsageLimits, requireWorkspace } from './auth.ts';
import { type RoleFacts, canSeeArchivedWorkspaces } from './roles.ts';

/** What the request path knows about a workspace (cached in memory by the control plane). */
export interface WorkspaceFacts {
  id: string;
  slug: string;
  status: 'active' | 'archived';
  defaults: { metadata?: Record<string, string>; [key: string]: unknown };
  /** Its own security settings (settings/securitySettings.ts decides which of them count). */
  settings: Record<string, unknown>;
  /** Its budgets and rate limits, which the limits engine enforces on every request of the workspace. */
  usageLimits: UsageLimits[];
  rateLimits: RateLimit[];
}

/** Looks up workspace facts by id (the workspace cache). */
export interface WorkspaceFactsSource {
  get(id: string): WorkspaceFacts | null;
}

/** The fields of a stored workspace the access rules read. */
export interface WorkspaceRef {
  id: string;
  organisation_id: string;
  slug: string;
  status: 'active' | 'archived';
}

/** Finds stored workspaces by id or slug (the workspaces repository). */
export interface WorkspaceDirectory<W extends WorkspaceRef> {
  get(idOrSlug: string): W | null;
  defaultWorkspace(organisationId: string): W | null;
}

/** Empty strings count as absent: the SDK examples send `workspace_id: ""`. */
export function given(value: string | undefined | null): string | undefined {
  return value === undefined || value === null || value.trim() === '' ? undefined : value.trim();
}

/** How a request names its workspace (a `workspace_id` parameter, else the caller's own). */
export function workspaceAccess<W extends WorkspaceRef>(workspaces: WorkspaceDirectory<W>) {
  /** The workspace a request names, checked against the caller; null when none is named or implied. */
  function named(auth: AuthContext, ref: string | undefined): W | null {
    const wanted = given(ref) ?? auth.workspaceId ?? undefined;
    if (!wanted) return null;
    const ws = workspaces.get(wanted);
    if (!ws || ws.organisation_id !== auth.organisationId) throw notFound(`Workspace "${wanted}" was not found`);
    requireWorkspace(auth, ws.id);
    return ws;
  }

  /** Like `named`, but organisation keys must say which workspace they mean. */
  function required(auth: AuthContext, ref: string | undefined, what: string): W {
    const ws = named(auth, ref);
    if (!ws) {
      throw badRequest(`workspace_id is required when an organisation admin key manages ${what}: pass the workspace id or slug`, {
        param: 'workspace_id',
      });
    }
    if (ws.status !== 'active') throw badRequest(`Workspace "${ws.slug}" is archived`);
    return ws;
  }

  /** Legacy virtual-key routes predate workspaces: organisation keys default to the default workspace. */
  function orDefault(auth: AuthContext, ref: string | undefined): W {
    const ws = named(auth, ref) ?? workspaces.defaultWorkspace(auth.organisationId);
    if (!ws) throw notFound('The organisation has no default workspace');
    return ws;
  }

  return { named, required, orDefault };
}

export type WorkspaceAccess<W extends WorkspaceRef = WorkspaceRef> = ReturnType<typeof workspaceAccess<W>>;

/**
 * How routes that take a workspace in their path find it: by UUID or slug, in the caller's
 * organisation, reachable by the caller (workspace keys reach only their own), and archived ones
 * only for organisation-level callers.
 */
export function visibleWorkspaces<W extends WorkspaceRef>(workspaces: Pick<WorkspaceDirectory<W>, 'get'>, facts: RoleFacts) {
  return function visible(auth: AuthContext, ref: string): W {
    const ws = workspaces.get(ref);
    if (!ws || ws.organisation_id !== auth.organisationId) throw notFound(`Workspace "${ref}" was not found`);
    requireWorkspace(auth, ws.id);
    if (ws.status === 'archived' && !canSeeArchivedWorkspaces(auth, facts)) throw notFound(`Workspace "${ref}" was not found`);
    return ws;
  };
}

export type VisibleWorkspace<W extends WorkspaceRef = WorkspaceRef> = (auth: AuthContext, ref: string) => W;
