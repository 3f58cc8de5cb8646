import { describe, expect, it } from 'vitest';
import type { AuthContext, KeyType } from './auth.ts';
import { type KeyReach, type KeyTarget, RANK, keyRefusal, personRank, workspaceLimitsRefusal } from './authority.ts';
import { SCOPES_BY_KEY_TYPE } from './scopes.ts';
import { ORG_ROLE_SCOPES, WORKSPACE_ROLE_SCOPES } from './roleScopes.ts';
import type { OrgRole, RoleFacts, WorkspaceRole } from './roles.ts';

const WS = 'ws-1';
const ALL_WS = SCOPES_BY_KEY_TYPE['workspace-service'];
const KEYS = ['workspace_service_api_keys.create', 'workspace_service_api_keys.read', 'workspace_service_api_keys.rotate'];

function key(type: KeyType, scopes: readonly string[], id = 'caller'): AuthContext {
  const workspaceId = type === 'organisation-service' ? null : WS;
  return {
    kind: 'api_key',
    organisationId: 'org',
    workspaceId,
    userId: null,
    key: {
      id,
      name: id,
      organisationId: 'org',
      workspaceId,
      userId: null,
      type,
      scopes: new Set(scopes),
      status: 'active',
      expiresAt: null,
      defaults: {},
      rateLimits: [],
      usageLimits: null,
    },
  };
}

/** A signed-in person as identity/sessions/principal.ts makes them. */
function person(userId: string, orgRole: OrgRole, workspaceRole: WorkspaceRole | null): AuthContext {
  const orgWide = orgRole !== 'member';
  const scopes = orgWide ? ORG_ROLE_SCOPES[orgRole] : workspaceRole ? WORKSPACE_ROLE_SCOPES[workspaceRole] : [];
  const base = key(orgWide ? 'organisation-service' : 'workspace-user', scopes, `session:${userId}`);
  return {
    ...base,
    kind: 'session',
    userId,
    workspaceId: orgWide ? null : WS,
    session: { id: userId, email: `${userId}@x`, orgRole, workspaceRole: orgWide ? null : workspaceRole, expiresAt: 0 },
  };
}

const service = (scopes: readonly string[], id: string | null = 'target'): KeyTarget => ({
  id,
  type: 'workspace-service',
  scopes,
  owner: null,
});
const userKeyOf = (userId: string, orgRole: OrgRole, workspaceRole: WorkspaceRole | null, id: string | null = 'target'): KeyTarget => ({
  id,
  type: 'workspace-user',
  scopes: ['completions.write'],
  owner: { userId, rank: personRank(orgRole, workspaceRole) },
});
const orgKey: KeyTarget = { id: 'target', type: 'organisation-service', scopes: ['workspaces.list'], owner: null };

describe('which keys a caller may act on', () => {
  it.each<[string, AuthContext, KeyTarget, KeyReach, RegExp | null]>([
    // Types: an organisation key is above every workspace key.
    [
      'an org key, on a workspace key',
      key('organisation-service', SCOPES_BY_KEY_TYPE['organisation-service']),
      service(ALL_WS),
      'use',
      null,
    ],
    ['a workspace key, on an org key', key('workspace-service', ALL_WS), orgKey, 'use', /organisation-service key, above/],
    ['a workspace admin, on an org key', person('wa', 'member', 'admin'), orgKey, 'use', /above/],
    // Scopes: a caller obtains nothing it lacks (issue 12, item 1).
    [
      'a key-managing key, on the all-scopes key',
      key('workspace-service', [...KEYS, 'completions.write']),
      service(ALL_WS),
      'use',
      /configs\.create/,
    ],
    ['a key, on a narrower key', key('workspace-service', ALL_WS), service(['completions.write']), 'use', null],
    [
      'a key, creating a key with a scope it lacks',
      key('workspace-service', KEYS),
      service(['completions.write'], null),
      'use',
      /completions\.write/,
    ],
    [
      'an org key, creating a gateway key (data-plane scopes come with the level)',
      key('organisation-service', ['workspace_service_api_keys.create']),
      service(['completions.write'], null),
      'use',
      null,
    ],
    [
      'a narrow org key, on a workspace key with more',
      key('organisation-service', ['workspace_service_api_keys.rotate']),
      service(['configs.create']),
      'use',
      /configs\.create/,
    ],
    [
      'a manager, on a key that may edit the workspace',
      person('m', 'member', 'manager'),
      service(['workspaces.update']),
      'use',
      /workspaces\.update/,
    ],
    ['a workspace admin, on the all-scopes key', person('wa', 'member', 'admin'), service(ALL_WS), 'use', null],
    // Itself and its equals (item 3, item 5).
    ['a key, rotating itself', key('workspace-service', KEYS), service(KEYS, 'caller'), 'use', null],
    ['a key, revealing itself', key('workspace-service', KEYS), service(KEYS, 'caller'), 'reveal', /cannot reveal its own/],
    ['a key, changing its own limits', key('workspace-service', KEYS), service(KEYS, 'caller'), 'govern', /cannot change its own limits/],
    [
      'a helper, revealing the key that minted it (same scopes)',
      key('workspace-service', KEYS, 'helper'),
      service(KEYS),
      'reveal',
      /as strong as your own/,
    ],
    [
      'a helper, revealing the key that minted it (fewer scopes)',
      key('workspace-service', KEYS.slice(1), 'helper'),
      service(KEYS),
      'reveal',
      /create/,
    ],
    ['a key, revealing a narrower key', key('workspace-service', KEYS), service(KEYS.slice(1)), 'reveal', null],
    ['an equal key, lifting the limits of its twin', key('workspace-service', ALL_WS, 'twin'), service(ALL_WS), 'govern', /as strong/],
    ['a key, setting the limits of a narrower key', key('workspace-service', ALL_WS), service(['completions.write']), 'govern', null],
    [
      'an org key, setting the limits of a workspace key',
      key('organisation-service', SCOPES_BY_KEY_TYPE['organisation-service']),
      service(ALL_WS),
      'govern',
      null,
    ],
    // People (item 2): members only their own keys; nobody over someone who outranks them.
    ['a manager, on a member’s key', person('m', 'member', 'manager'), userKeyOf('u', 'member', 'member'), 'use', null],
    ['a manager, on another manager’s key', person('m', 'member', 'manager'), userKeyOf('u', 'member', 'manager'), 'use', null],
    [
      'a manager, on a workspace admin’s key',
      person('m', 'member', 'manager'),
      userKeyOf('u', 'member', 'admin'),
      'use',
      /workspace admin, who outranks you/,
    ],
    [
      'a manager, on an org admin’s key',
      person('m', 'member', 'manager'),
      userKeyOf('u', 'admin', null),
      'use',
      /organisation owner or admin, who outranks you/,
    ],
    ['a manager, revealing an org admin’s key', person('m', 'member', 'manager'), userKeyOf('u', 'admin', null), 'reveal', /outranks you/],
    ['a workspace admin, on an org admin’s key', person('wa', 'member', 'admin'), userKeyOf('u', 'admin', null), 'use', /outranks you/],
    ['an org admin, on an org admin’s key', person('oa', 'admin', null), userKeyOf('u', 'admin', null), 'use', null],
    ['an org admin, on the owner’s key (peers for API keys)', person('oa', 'admin', null), userKeyOf('u', 'owner', null), 'govern', null],
    ['the owner, on an org admin’s key', person('o', 'owner', null), userKeyOf('u', 'admin', null), 'govern', null],
    [
      'a member, on another member’s key',
      person('me', 'member', 'member'),
      userKeyOf('u', 'member', 'member'),
      'use',
      /only for themselves/,
    ],
    ['a member, on their own key', person('u', 'member', 'member'), userKeyOf('u', 'member', 'member'), 'use', null],
    [
      'a member, on someone outside the workspace',
      person('me', 'member', 'member'),
      userKeyOf('u', 'member', null),
      'use',
      /only for themselves/,
    ],
    ['a manager, on the key of someone who left', person('m', 'member', 'manager'), userKeyOf('u', 'member', null), 'use', null],
    // Limits come from above (item 5).
    [
      'a member, lifting their own key’s limits',
      person('u', 'member', 'member'),
      userKeyOf('u', 'member', 'member'),
      'govern',
      /set by a workspace admin/,
    ],
    [
      'a manager, lifting their own key’s limits',
      person('u', 'member', 'manager'),
      userKeyOf('u', 'member', 'manager'),
      'govern',
      /set by a workspace admin/,
    ],
    [
      'a manager, changing a peer manager’s limits',
      person('m', 'member', 'manager'),
      userKeyOf('u', 'member', 'manager'),
      'govern',
      /same rank/,
    ],
    ['a manager, changing a member’s limits', person('m', 'member', 'manager'), userKeyOf('u', 'member', 'member'), 'govern', null],
    [
      'a workspace admin, changing their own key’s limits',
      person('u', 'member', 'admin'),
      userKeyOf('u', 'member', 'admin'),
      'govern',
      null,
    ],
    // Keys stand where the people who mint them stand.
    ['a workspace service key, on a manager’s key', key('workspace-service', ALL_WS), userKeyOf('u', 'member', 'manager'), 'use', null],
    [
      'a workspace service key, on a workspace admin’s key',
      key('workspace-service', ALL_WS),
      userKeyOf('u', 'member', 'admin'),
      'use',
      /outranks/,
    ],
    [
      'an org key, on an org admin’s key',
      key('organisation-service', SCOPES_BY_KEY_TYPE['organisation-service']),
      userKeyOf('u', 'admin', null),
      'use',
      null,
    ],
    [
      'an org key, on the owner’s key',
      key('organisation-service', SCOPES_BY_KEY_TYPE['organisation-service']),
      userKeyOf('u', 'owner', null),
      'govern',
      null,
    ],
    [
      'the appliance itself (invite acceptance), for the owner',
      key('organisation-service', SCOPES_BY_KEY_TYPE['organisation-service'], 'system'),
      userKeyOf('u', 'owner', null, null),
      'use',
      null,
    ],
  ])('%s', (_, caller, target, reach, expected) => {
    const why = keyRefusal(caller, target, reach);
    if (expected === null) expect(why).toBeNull();
    else expect(why).toMatch(expected);
  });

  it('ranks people by their organisation role first, then their role in the workspace', () => {
    expect(personRank('owner', null)).toBe(RANK.organisation);
    expect(personRank('admin', 'member')).toBe(RANK.organisation);
    expect(personRank('member', 'admin')).toBe(RANK.workspaceAdmin);
    expect(personRank('member', 'manager')).toBe(RANK.manager);
    expect(personRank('member', 'member')).toBe(RANK.member);
    expect(personRank('member', null)).toBe(RANK.none);
    expect(personRank(null, null)).toBe(RANK.none);
  });
});

describe('who sets a workspace’s limits', () => {
  const facts: RoleFacts = {
    orgRole: (u) => (u === 'o' ? 'owner' : u === 'oa' ? 'admin' : 'member'),
    workspaceRole: (w, u) => (w !== WS ? null : u === 'wa' ? 'admin' : u === 'm' ? 'manager' : 'member'),
  };
  it.each<[string, AuthContext, boolean]>([
    ['an org key', key('organisation-service', ['workspaces.update']), true],
    ['the owner', person('o', 'owner', null), true],
    ['an org admin', person('oa', 'admin', null), true],
    ['the workspace’s admin', person('wa', 'member', 'admin'), true],
    ['a manager', person('m', 'member', 'manager'), false],
    ['the workspace’s own service key', key('workspace-service', ALL_WS), false],
    ['a user key of the workspace’s admin', { ...key('workspace-user', ['workspaces.update']), userId: 'wa' }, false],
  ])('%s: %s', (_, caller, allowed) => {
    expect(workspaceLimitsRefusal(caller, facts, WS) === null).toBe(allowed);
  });
});
