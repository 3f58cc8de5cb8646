import { describe, expect, it } from 'vitest';
import { type KeyCreator, type KeyOwner, userKeyExpiry, userKeyLimits, userKeyOwnerRefusal } from './userKeys.ts';

const person = (userId: string, orgRole: 'owner' | 'admin' | 'member', workspaceRole: 'admin' | 'manager' | 'member' | null) =>
  ({ kind: 'user', userId, orgRole, workspaceRole }) satisfies KeyCreator;
const owner = (
  orgRole: KeyOwner['orgRole'],
  workspaceRole: KeyOwner['workspaceRole'],
  status: KeyOwner['status'] = 'active',
): KeyOwner => ({
  userId: 'u-owner',
  status,
  orgRole,
  workspaceRole,
});

describe('who may create a workspace user key for whom', () => {
  it.each([
    ['a service key, for a workspace member', { kind: 'service' }, owner('member', 'member'), null],
    ['a service key, for an org admin who joined no workspace', { kind: 'service' }, owner('admin', null), null],
    ['a service key, for someone outside the workspace', { kind: 'service' }, owner('member', null), 'invalid'],
    ['a service key, for an archived member', { kind: 'service' }, owner('member', 'member', 'archived'), 'invalid'],
    ['a manager, for a member', person('u-mgr', 'member', 'manager'), owner('member', 'member'), null],
    ['a manager, for another manager', person('u-mgr', 'member', 'manager'), owner('member', 'manager'), null],
    ['a manager, for a workspace admin', person('u-mgr', 'member', 'manager'), owner('member', 'admin'), 'forbidden'],
    ['a manager, for an org owner', person('u-mgr', 'member', 'manager'), owner('owner', 'admin'), 'forbidden'],
    ['a manager, for someone outside the workspace', person('u-mgr', 'member', 'manager'), owner('member', null), 'invalid'],
    ['a workspace admin, for an org admin', person('u-wsa', 'member', 'admin'), owner('admin', null), null],
    ['an org admin who is no workspace member, for a member', person('u-oa', 'admin', null), owner('member', 'member'), null],
    ['a member, for another member', person('u-m', 'member', 'member'), owner('member', 'member'), 'forbidden'],
    ['a member, for themselves', person('u-owner', 'member', 'member'), owner('member', 'member'), null],
  ] as const)('%s', (_, creator, target, expected) => {
    expect(userKeyOwnerRefusal(creator, target)?.kind ?? null).toBe(expected);
  });
});

describe('user key lifetimes from organisation settings', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  const day = 86_400_000;
  const limits = userKeyLimits({ user_api_key_ttl: 7 * 86_400, user_api_key_max_ttl: 30 * 86_400 });

  it('reads seconds and ignores values that are not positive whole numbers', () => {
    expect(limits).toEqual({ maxPerWorkspace: null, defaultTtlMs: 7 * day, maxTtlMs: 30 * day });
    expect(userKeyLimits({ user_api_key_max_per_workspace: '3', user_api_key_ttl: -5, user_api_key_max_ttl: 1.5 })).toEqual({
      maxPerWorkspace: null,
      defaultTtlMs: null,
      maxTtlMs: null,
    });
  });

  it.each([
    ['no expiry asked: the default', undefined, true, now + 7 * day],
    ['an expiry within the maximum', now + 10 * day, true, now + 10 * day],
    ['exactly the maximum', now + 30 * day, true, now + 30 * day],
    ['an explicit "never" on update is refused while a maximum is set', null, false, 'error'],
    ['beyond the maximum', now + 31 * day, true, 'error'],
  ] as const)('%s', (_, requested, creating, expected) => {
    const run = () => userKeyExpiry(requested, now, limits, creating);
    if (expected === 'error') expect(run).toThrow(/user_api_key_max_ttl: 30 days/);
    else expect(run()).toBe(expected);
  });

  it('a default longer than the maximum is cut to the maximum; a maximum alone still bounds new keys', () => {
    expect(userKeyExpiry(undefined, now, { maxPerWorkspace: null, defaultTtlMs: 90 * day, maxTtlMs: 30 * day }, true)).toBe(now + 30 * day);
    expect(userKeyExpiry(undefined, now, { maxPerWorkspace: null, defaultTtlMs: null, maxTtlMs: 30 * day }, true)).toBe(now + 30 * day);
    expect(userKeyExpiry(undefined, now, { maxPerWorkspace: null, defaultTtlMs: null, maxTtlMs: null }, true)).toBeNull();
  });
});
