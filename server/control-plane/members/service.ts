// Workspace members (spec §2.4): add, list, read, change role, remove. A user must belong to the
// organisation before joining a workspace, and nobody hands out (or takes away) a workspace role
// above their own (server/identity/roles.ts). Batches are all-or-nothing.
import type { Static } from 'typebox';
import { badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import { isoNow } from '../../db/rows.ts';
import type { Paging } from '../../http/paging.ts';
import { type AuthContext, requireScope } from '../../identity/auth.ts';
import { type RoleFacts, type WorkspaceRole, isOrgAdminRole, workspaceGrantCeiling, workspaceRoleWithin } from '../../identity/roles.ts';
import type { OwnedKeys } from '../users/ownedKeys.ts';
import type { MemberRow, UserRow, UsersRepository } from '../users/repository.ts';
import type { VisibleWorkspace } from '../../identity/workspaces.ts';
import type { WorkspaceRecord } from '../workspaces/repository.ts';
import type { AddMembersBody } from './schemas.ts';
import { memberView } from './views.ts';

export type AddMembersInput = Static<typeof AddMembersBody>;

export interface MembersDeps {
  users: UsersRepository;
  facts: RoleFacts;
  visible: VisibleWorkspace<WorkspaceRecord>;
  ownedKeys: OwnedKeys;
  forgetKeys: (ids: string[]) => void;
  now: () => number;
}

export function membersService(deps: MembersDeps) {
  const { users, facts, visible } = deps;

  /** Refuses a role the caller may not hand out in this workspace. */
  function requireGrantable(auth: AuthContext, ws: WorkspaceRecord, role: WorkspaceRole, verb: string): void {
    const ceiling = workspaceGrantCeiling(auth, facts, ws.id);
    if (!workspaceRoleWithin(role, ceiling)) {
      throw forbidden(
        ceiling === null
          ? 'You do not have enough permissions to execute this request (you are not a member of this workspace)'
          : `You do not have enough permissions to execute this request (${
              auth.kind === 'api_key' && auth.key.type === 'workspace-service'
                ? 'a workspace service key stands where a workspace manager does and'
                : `a workspace ${ceiling}`
            } cannot ${verb} a workspace ${role})`,
      );
    }
  }

  function activeWorkspace(auth: AuthContext, ref: string): WorkspaceRecord {
    const ws = visible(auth, ref);
    if (ws.status !== 'active') throw badRequest(`Workspace "${ws.slug}" is archived: restore it before changing its members`);
    return ws;
  }

  function orgUser(auth: AuthContext, ref: string): UserRow {
    const user = users.find(auth.organisationId, ref);
    if (!user || user.status !== 'active') {
      throw notFound(`User "${ref}" is not a member of the organisation: invite them to the organisation first`);
    }
    return user;
  }

  function existingMember(auth: AuthContext, ws: WorkspaceRecord, userRef: string): MemberRow {
    const user = users.find(auth.organisationId, userRef);
    const row = user ? users.member(ws.id, user.id) : null;
    if (!row) throw notFound(`User "${userRef}" is not a member of workspace "${ws.slug}"`);
    return row;
  }

  function add(auth: AuthContext, workspaceRef: string, input: AddMembersInput) {
    requireScope(auth, 'workspace_users.create');
    const ws = activeWorkspace(auth, workspaceRef);
    const seen = new Set<string>();
    const additions = input.users.map((entry, i) => {
      const user = orgUser(auth, entry.id);
      if (seen.has(user.id)) throw badRequest(`users.${i}: user "${entry.id}" is listed twice`, { param: 'users' });
      seen.add(user.id);
      if (users.workspaceRole(ws.id, user.id)) {
        throw conflict(`User "${entry.id}" is already a member of workspace "${ws.slug}": change their role with PUT instead`);
      }
      requireGrantable(auth, ws, entry.role, 'add');
      return { userId: user.id, role: entry.role };
    });
    const at = isoNow(deps.now());
    users.transaction(() => {
      for (const a of additions) users.addMember(ws.id, a.userId, a.role, at);
    });
    return {};
  }

  function list(auth: AuthContext, workspaceRef: string, query: { role?: WorkspaceRole; email?: string }, page: Paging) {
    requireScope(auth, 'workspace_users.list');
    const ws = visible(auth, workspaceRef);
    const { total, rows } = users.members({ workspaceId: ws.id, role: query.role, email: query.email, ...page });
    return { total, object: 'list' as const, data: rows.map(memberView) };
  }

  function get(auth: AuthContext, workspaceRef: string, userRef: string) {
    requireScope(auth, 'workspace_users.read');
    const ws = visible(auth, workspaceRef);
    return memberView(existingMember(auth, ws, userRef));
  }

  function update(auth: AuthContext, workspaceRef: string, userRef: string, role: WorkspaceRole) {
    requireScope(auth, 'workspace_users.update');
    const ws = activeWorkspace(auth, workspaceRef);
    const member = existingMember(auth, ws, userRef);
    if (member.role === role) return {};
    requireGrantable(auth, ws, member.role, 'change the role of');
    requireGrantable(auth, ws, role, 'grant the role of');
    users.setMemberRole(ws.id, member.user_id, role, isoNow(deps.now()));
    return {};
  }

  function remove(auth: AuthContext, workspaceRef: string, userRef: string) {
    requireScope(auth, 'workspace_users.delete');
    const ws = visible(auth, workspaceRef);
    const member = existingMember(auth, ws, userRef);
    requireGrantable(auth, ws, member.role, 'remove');
    // A member who reached the workspace only through membership loses their user keys there.
    // Owners and admins stay workspace admins everywhere, so their keys keep working.
    const keepsAccess = isOrgAdminRole(member.org_role);
    let removedKeys: string[] = [];
    users.transaction(() => {
      users.removeMember(ws.id, member.user_id);
      if (!keepsAccess) removedKeys = deps.ownedKeys.remove(member.user_id, ws.id);
    });
    deps.forgetKeys(removedKeys);
    return {};
  }

  return { add, list, get, update, delete: remove };
}

export type MembersService = ReturnType<typeof membersService>;
