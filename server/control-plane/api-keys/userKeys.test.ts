import { describe, expect, it } from 'vitest';
import { type KeyOwner, userKeyExpiry, userKeyLimits, userKeyOwnerProblem } from './userKeys.ts';

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

// Who may make the key for them is the authority rule's (identity/authority.test.ts).
describe('who may hold a workspace user key', () => {
  it.each([
    ['a workspace member', owner('member', 'member'), null],
    ['an org admin who joined no workspace', owner('admin', null), null],
    ['an org owner', owner('owner', null), null],
    ['someone outside the workspace', owner('member', null), /not a member of this workspace/],
    ['an archived member', owner('member', 'member', 'archived'), /not active/],
  ] as const)('%s', (_, target, expected) => {
    const problem = userKeyOwnerProblem(target);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
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
