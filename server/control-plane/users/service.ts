// Organisation users (spec §2.5): list, read, change role, remove. Users arrive through invites
// (server/control-plane/invites), first run and, later, SSO and SCIM. The organisation always keeps
// at least one owner.
import { badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import { isoNow } from '../../db/rows.ts';
import type { Paging } from '../../http/paging.ts';
import { type AuthContext, requireScope } from '../../identity/auth.ts';
import { type OrgRole, type RoleFacts, canGrantOrgRole, canManageOrgUser } from '../../identity/roles.ts';
import type { OwnedKeys } from './ownedKeys.ts';
import type { UserRow, UsersRepository } from './repository.ts';
import { userView } from './views.ts';

export interface UsersDeps {
  users: UsersRepository;
  facts: RoleFacts;
  ownedKeys: OwnedKeys;
  forgetKeys: (ids: string[]) => void;
  now: () => number;
}

export function usersService(deps: UsersDeps) {
  const { users, facts } = deps;

  function load(auth: AuthContext, ref: string): UserRow {
    const user = users.find(auth.organisationId, ref);
    if (!user) throw notFound(`User "${ref}" was not found`);
    return user;
  }

  const view = (row: UserRow) => userView(row, users.workspaceIds(row.id));

  function requireManageable(auth: AuthContext, user: UserRow): void {
    if (!canManageOrgUser(auth, facts, user.role)) {
      throw forbidden(`You do not have enough permissions to execute this request (only an owner can change an ${user.role})`);
    }
  }

  function requireAnotherOwner(user: UserRow, verb: string): void {
    if (user.role === 'owner' && user.status === 'active' && users.ownerCount(user.organisation_id) <= 1) {
      throw conflict(`User "${user.email}" is the organisation's last owner and cannot be ${verb}`);
    }
  }

  function list(auth: AuthContext, query: { role?: OrgRole; email?: string }, page: Paging) {
    requireScope(auth, 'organisation_users.list');
    const { total, rows } = users.list({ organisationId: auth.organisationId, role: query.role, email: query.email, ...page });
    return { total, object: 'list' as const, data: rows.map(view) };
  }

  function get(auth: AuthContext, ref: string) {
    requireScope(auth, 'organisation_users.read');
    return view(load(auth, ref));
  }

  function update(auth: AuthContext, ref: string, role: OrgRole) {
    requireScope(auth, 'organisation_users.update');
    const user = load(auth, ref);
    if (user.role === role) throw badRequest(`User "${user.email}" already has the role "${role}"`, { param: 'role' });
    requireManageable(auth, user);
    if (!canGrantOrgRole(auth, facts, role)) {
      throw forbidden(`You do not have enough permissions to execute this request (you cannot grant the role "${role}")`);
    }
    requireAnotherOwner(user, 'demoted');
    users.setRole(user.id, role, isoNow(deps.now()));
    return view(users.get(user.id)!);
  }

  function remove(auth: AuthContext, ref: string) {
    requireScope(auth, 'organisation_users.delete');
    const user = load(auth, ref);
    requireManageable(auth, user);
    requireAnotherOwner(user, 'removed');
    // Memberships go by ON DELETE CASCADE; the user's API keys go here, in the same transaction.
    let removedKeys: string[] = [];
    users.transaction(() => {
      removedKeys = deps.ownedKeys.remove(user.id);
      users.delete(user.id);
    });
    deps.forgetKeys(removedKeys);
    return {};
  }

  return { list, get, update, delete: remove };
}

export type UsersService = ReturnType<typeof usersService>;
