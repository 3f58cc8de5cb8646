import { describe, expect, it } from 'vitest';
import { SCOPES_BY_KEY_TYPE, invalidScopes } from './scopes.ts';
import { ORG_ROLE_SCOPES, WORKSPACE_ROLE_SCOPES } from './roleScopes.ts';

const has = (role: keyof typeof WORKSPACE_ROLE_SCOPES, scope: string) => WORKSPACE_ROLE_SCOPES[role].includes(scope);

describe('the role → scope table', () => {
  it('uses only scopes a key of the same reach may hold', () => {
    for (const scopes of Object.values(WORKSPACE_ROLE_SCOPES)) expect(invalidScopes('workspace-service', [...scopes])).toEqual([]);
    for (const scopes of Object.values(ORG_ROLE_SCOPES)) expect(invalidScopes('organisation-service', [...scopes])).toEqual([]);
  });

  it('ranks member below manager below admin', () => {
    const { member, manager, admin } = WORKSPACE_ROLE_SCOPES;
    expect(member.filter((s) => !manager.includes(s))).toEqual([]);
    expect(manager.filter((s) => !admin.includes(s))).toEqual([]);
    expect(admin.filter((s) => !manager.includes(s))).toEqual(['workspaces.update']);
  });

  it.each([
    ['member', 'configs.read', true],
    ['member', 'logs.view', true],
    ['member', 'configs.create', false],
    ['member', 'prompts.update', false],
    ['member', 'workspace_user_api_keys.list', false],
    ['member', 'workspace_users.list', false],
    ['manager', 'configs.create', true],
    ['manager', 'workspace_service_api_keys.rotate', true],
    ['manager', 'workspace_users.create', true],
    ['manager', 'workspaces.update', false],
    ['admin', 'workspaces.update', true],
    ['admin', 'workspaces.delete', false],
  ] as const)('a workspace %s holds %s: %s', (role, scope, held) => {
    expect(has(role, scope)).toBe(held);
  });

  it('gives owners and admins every admin-key scope and members none at organisation level', () => {
    expect(ORG_ROLE_SCOPES.owner).toEqual(SCOPES_BY_KEY_TYPE['organisation-service']);
    expect(ORG_ROLE_SCOPES.admin).toEqual(SCOPES_BY_KEY_TYPE['organisation-service']);
    expect(ORG_ROLE_SCOPES.member).toEqual([]);
  });
});
