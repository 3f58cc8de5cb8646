import { describe, expect, it } from 'vitest';
import type { AuthContext, KeyType } from './auth.ts';
import {
  type OrgRole,
  type RoleFacts,
  type WorkspaceRole,
  actsForOrganisation,
  canGrantOrgRole,
  canManageOrgUser,
  workspaceGrantCeiling,
  workspaceRoleWithin,
} from './roles.ts';

const WS = 'ws-1';

function caller(type: KeyType, userId: string | null = null): AuthContext {
  const workspaceId = type === 'organisation-service' ? null : WS;
  return {
    kind: 'api_key',
    organisationId: 'org',
    workspaceId,
    userId,
    key: {
      id: 'k',
      name: 'k',
      organisationId: 'org',
      workspaceId,
      userId,
      type,
      scopes: new Set(),
      status: 'active',
      expiresAt: null,
      defaults: {},
      rateLimits: [],
      usageLimits: null,
    },
  };
}

/** A person as a signed-in user would be once sessions exist: organisation-level, no workspace. */
const person = (userId: string): AuthContext => ({ ...caller('organisation-service'), userId });

function facts(org: Record<string, OrgRole>, ws: Record<string, WorkspaceRole>): RoleFacts {
  return { orgRole: (u) => org[u] ?? null, workspaceRole: (w, u) => (w === WS ? (ws[u] ?? null) : null) };
}

const people = facts({ owner: 'owner', admin: 'admin', mgr: 'member', mem: 'member', out: 'member' }, { mgr: 'manager', mem: 'member' });

describe('workspace roles a caller may hand out', () => {
  it.each([
    ['organisation service key', caller('organisation-service'), 'admin'],
    ['workspace service key (stands where a manager does)', caller('workspace-service'), 'manager'],
    ['user key of a workspace manager', caller('workspace-user', 'mgr'), 'manager'],
    ['user key of a workspace member', caller('workspace-user', 'mem'), 'member'],
    ['user key of an org admin (admin everywhere)', caller('workspace-user', 'admin'), 'admin'],
    ['an owner', person('owner'), 'admin'],
    ['a manager', person('mgr'), 'manager'],
    ['someone outside the workspace', person('out'), null],
  ] as const)('%s: up to %s', (_, auth, ceiling) => {
    expect(workspaceGrantCeiling(auth, people, WS)).toBe(ceiling);
  });

  it.each([
    ['manager', 'admin', false],
    ['manager', 'manager', true],
    ['manager', 'member', true],
    ['member', 'manager', false],
    ['admin', 'admin', true],
    [null, 'member', false],
  ] as const)('a %s granting %s: %s', (ceiling, role, allowed) => {
    expect(workspaceRoleWithin(role, ceiling)).toBe(allowed);
  });
});

describe('organisation roles', () => {
  it.each([
    ['service key invites an admin', caller('organisation-service'), 'admin', true],
    ['owner invites an admin', person('owner'), 'admin', true],
    ['admin invites an admin', person('admin'), 'admin', true],
    ['admin makes an owner', person('admin'), 'owner', false],
    ['member invites a member', person('mem'), 'member', false],
  ] as const)('%s: %s', (_, auth, role, allowed) => {
    expect(canGrantOrgRole(auth, people, role)).toBe(allowed);
  });

  it('admins cannot change or remove owners; owners can', () => {
    expect(canManageOrgUser(person('admin'), people, 'owner')).toBe(false);
    expect(canManageOrgUser(person('owner'), people, 'owner')).toBe(true);
    expect(canManageOrgUser(person('admin'), people, 'member')).toBe(true);
  });

  it('organisation-level callers: org service keys, owners and admins; never workspace keys', () => {
    expect(actsForOrganisation(caller('organisation-service'), people)).toBe(true);
    expect(actsForOrganisation(person('owner'), people)).toBe(true);
    expect(actsForOrganisation(person('mem'), people)).toBe(false);
    expect(actsForOrganisation(caller('workspace-service'), people)).toBe(false);
    expect(actsForOrganisation(caller('workspace-user', 'admin'), people)).toBe(false);
  });
});
