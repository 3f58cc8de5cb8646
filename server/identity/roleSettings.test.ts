// The role toggles as scopes: off takes scopes from managers or members, the members' write toggles
// give scopes only up to a workspace admin's, and admins are never touched.
import { describe, expect, it } from 'vitest';
import { workspaceRoleScopes } from './roleScopes.ts';
import { ROLE_TOGGLES, scopesUnderSettings } from './roleSettings.ts';
import { SETTINGS } from '../settings/catalogue.ts';

const under = (role: 'admin' | 'manager' | 'member', settings: Record<string, unknown>) =>
  scopesUnderSettings(role, workspaceRoleScopes(role), workspaceRoleScopes('admin'), settings);

describe('scopesUnderSettings', () => {
  it('hands back the role defaults unchanged when every toggle has its default', () => {
    const defaults = Object.fromEntries(Object.entries(SETTINGS).map(([name, spec]) => [name, spec.default]));
    for (const role of ['admin', 'manager', 'member'] as const) expect(under(role, defaults)).toBe(workspaceRoleScopes(role));
  });

  it('takes the named scopes away from the named role only', () => {
    const settings = { managersWriteConfigs: false, membersViewLogs: false };
    const manager = under('manager', settings);
    expect(['configs.create', 'configs.update', 'configs.delete'].filter((s) => manager.has(s))).toEqual([]);
    expect(manager.has('configs.read')).toBe(true);
    const member = under('member', settings);
    expect(member.has('logs.list') || member.has('logs.view')).toBe(false);
    expect(member.has('configs.read')).toBe(true);
    expect(under('admin', settings)).toBe(workspaceRoleScopes('admin'));
  });

  it("gives members write scopes when turned on, never beyond an admin's", () => {
    const member = under('member', { membersWriteConfigs: true, membersWritePrompts: true });
    expect(member.has('configs.create') && member.has('prompts.publish')).toBe(true);
    const ceiling = new Set(['configs.create']);
    const capped = scopesUnderSettings('member', workspaceRoleScopes('member'), ceiling, { membersWriteConfigs: true });
    expect([capped.has('configs.create'), capped.has('configs.delete')]).toEqual([true, false]);
  });

  it('names only settings of the catalogue, as booleans', () => {
    for (const name of Object.keys(ROLE_TOGGLES)) expect([name, SETTINGS[name]?.kind]).toEqual([name, 'boolean']);
  });
});
