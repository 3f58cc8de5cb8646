// Who is calling, and what they may do. Every route handler receives an AuthContext; access
// decisions go through the helpers here so that the rules live in one place.
import { forbidden } from '../errors.ts';

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

export interface ApiKeyAuth {
  kind: 'api_key';
  organisationId: string;
  /** The key's workspace; null for organisation keys. */
  workspaceId: string | null;
  userId: string | null;
  key: ApiKeyPrincipal;
}

export type AuthContext = ApiKeyAuth;

export function hasScope(auth: AuthContext, scope: string): boolean {
  return auth.key.scopes.has(scope);
}

export function requireScope(auth: AuthContext, scope: string): void {
  if (!hasScope(auth, scope)) {
    throw forbidden(`You do not have enough permissions to execute this request (this API key lacks the "${scope}" scope)`);
  }
}

/** Workspace keys only reach their own workspace; organisation keys reach every workspace. */
export function requireWorkspace(auth: AuthContext, workspaceId: string): void {
  if (auth.workspaceId !== null && auth.workspaceId !== workspaceId) {
    throw forbidden('You do not have enough permissions to execute this request (the resource is in another workspace)');
  }
}

export function isOrganisationKey(auth: AuthContext): boolean {
  return auth.key.type === 'organisation-service';
}
