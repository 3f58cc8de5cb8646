// The appliance acting for itself (first-start setup, invites it creates keys for): an organisation
// service principal with every organisation scope, never reachable over HTTP.
import type { AuthContext } from './auth.ts';
import { SCOPES_BY_KEY_TYPE } from './scopes.ts';

export function systemAuth(organisationId: string): AuthContext {
  return {
    kind: 'api_key',
    organisationId,
    workspaceId: null,
    userId: null,
    key: {
      id: 'system',
      name: 'system',
      organisationId,
      workspaceId: null,
      userId: null,
      type: 'organisation-service',
      scopes: new Set(SCOPES_BY_KEY_TYPE['organisation-service']),
      status: 'active',
      expiresAt: null,
      defaults: {},
      rateLimits: [],
      usageLimits: null,
    },
  };
}
