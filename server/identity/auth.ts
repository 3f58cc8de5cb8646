// Who is calling, and what they may do. Every route handler receives an AuthContext; access
// decisions go through the helpers here so that the rules live in one place. A caller is an API
// key or a signed-in person (a session); a session carries the same fields the checks read, with
// scopes from the person's role (roleScopes.ts), so callers need not tell the two apart.
import { AppError, forbidden } from '../errors.ts';

/** Organisation roles and workspace roles of people (spec §3.1); the rules over them are in roles.ts. */
export type OrgRole = 'owner' | 'admin' | 'member';
export type WorkspaceRole = 'admin' | 'manager' | 'member';

export type KeyType = 'organisation-service' | 'workspace-service' | 'workspace-user';
export type KeyStatus = 'active' | 'exhausted' | 'expired';

export type RateLimit = {
  type: 'requests' | 'tokens';
  unit: 'rps' | 'rpm' | 'rph' | 'rpd' | 'rpw';
  value: number;
};

export type UsageLimits = {
  credit_limit?: number | null;
  type?: 'cost' | 'tokens';
  alert_threshold?: number | null;
  periodic_reset?: 'monthly' | 'weekly' | null;
  periodic_reset_days?: number | null;
  next_usage_reset_at?: string | null;
};

export type KeyDefaults = {
  metadata?: Record<string, string>;
  config_id?: string | null;
  allow_config_override?: boolean;
};

/** What the request path needs to know about an API key; cached in memory. */
export interface ApiKeyPrincipal {
  id: string;
  name: string;
  organisationId: string;
  workspaceId: string | null;
  userId: string | null;
  type: KeyType;
  scopes: ReadonlySet<string>;
  status: KeyStatus;
  expiresAt: number | null;
  defaults: KeyDefaults;
  rateLimits: RateLimit[];
  usageLimits: UsageLimits | null;
}

/** What a presented key resolves to (the API-key cache answers it from memory). */
export type KeyLookup = { ok: true; principal: ApiKeyPrincipal } | { ok: false; reason: 'unknown' | 'expired' };

/** Resolves a raw presented key; the API-key cache implements it. */
export interface KeyResolver {
  lookup(raw: string): KeyLookup;
}

export interface ApiKeyAuth {
  kind: 'api_key';
  organisationId: string;
  /** The key's workspace; null for organisation keys. */
  workspaceId: string | null;
  userId: string | null;
  key: ApiKeyPrincipal;
}

/**
 * A signed-in person. Owners and admins reach every workspace (`workspaceId` null, organisation
 * scopes). A member acts, for one request, in one workspace they belong to (the one the request
 * names, else their default): `workspaceId` is that workspace and the scopes are their role's
 * there, exactly as a workspace user key of theirs would be bound.
 */
export interface SessionAuth {
  kind: 'session';
  organisationId: string;
  workspaceId: string | null;
  userId: string;
  /** What the checks read: `type` and `scopes` by role (see above); `id` names the session, not a key. */
  key: ApiKeyPrincipal;
  session: {
    id: string;
    email: string;
    orgRole: OrgRole;
    /** The role in `workspaceId`, for members; null for owners and admins (admins everywhere). */
    workspaceRole: WorkspaceRole | null;
    expiresAt: number;
  };
}

export type AuthContext = ApiKeyAuth | SessionAuth;

export function hasScope(auth: AuthContext, scope: string): boolean {
  return auth.key.scopes.has(scope);
}

function whose(auth: AuthContext): string {
  if (auth.kind === 'api_key') return 'this API key lacks';
  const role = auth.session.workspaceRole ? `workspace ${auth.session.workspaceRole}` : `organisation ${auth.session.orgRole}`;
  return `your role (${role}) does not grant`;
}

export function requireScope(auth: AuthContext, scope: string): void {
  if (!hasScope(auth, scope)) {
    throw forbidden(`You do not have enough permissions to execute this request (${whose(auth)} the "${scope}" scope)`);
  }
}

/** Every one of `scopes` (mode `all`) or at least one (`any`); the refusal names what is missing. */
export function requireScopes(auth: AuthContext, scopes: readonly string[], mode: 'all' | 'any'): void {
  const missing = scopes.filter((s) => !hasScope(auth, s));
  if (mode === 'all' ? missing.length === 0 : missing.length < scopes.length) return;
  const named = missing.map((s) => `"${s}"`).join(mode === 'all' ? ' and ' : ' or ');
  const plural = mode === 'all' && missing.length > 1 ? 's' : '';
  throw forbidden(`You do not have enough permissions to execute this request (${whose(auth)} the ${named} scope${plural})`);
}

/**
 * Workspace keys only reach their own workspace; organisation keys reach every workspace. Sessions
 * alike: owners and admins reach all, a member the workspace this request was bound to after
 * checking their membership there (identity/sessions/principal.ts).
 */
export function requireWorkspace(auth: AuthContext, workspaceId: string): void {
  if (auth.workspaceId !== null && auth.workspaceId !== workspaceId) {
    const hint = auth.kind === 'session' ? '; name it with workspace_id to act there as its member' : '';
    throw forbidden(`You do not have enough permissions to execute this request (the resource is in another workspace${hint})`);
  }
}

/** The caller as a signed-in person; API keys are refused (the /auth routes). */
export function requireSession(auth: AuthContext | null): SessionAuth {
  if (auth?.kind !== 'session') throw forbidden('This route is for people signed in with POST /v1/auth/login, not for API keys');
  return auth;
}

export function isOrganisationKey(auth: AuthContext): boolean {
  return auth.kind === 'api_key' && auth.key.type === 'organisation-service';
}

/** The gateway (and the rest of the data plane) takes API keys only. */
export function requireApiKey(auth: AuthContext): ApiKeyAuth {
  if (auth.kind !== 'api_key') {
    throw forbidden(
      'The gateway takes API keys only: send a workspace API key in the x-portkey-api-key header (a signed-in session cannot call it)',
    );
  }
  return auth;
}

/** A gateway (data-plane) caller: a workspace API key holding completions.write. */
export function requireCompletionsAccess(caller: AuthContext | null): ApiKeyAuth {
  if (!caller) throw new AppError('AB05', 401, 'Missing API key. Send it in the x-portkey-api-key header.');
  const auth = requireApiKey(caller);
  if (auth.workspaceId === null) {
    throw forbidden('Gateway requests need a workspace API key; organisation admin keys cannot call completions');
  }
  if (!auth.key.scopes.has('completions.write')) {
    throw forbidden('This API key lacks the "completions.write" scope needed to call the gateway');
  }
  return auth;
}
