// Invites (spec §2.5): an organisation admin invites an email with an organisation role, workspace
// roles and, optionally, the scopes of a workspace user key; the link carries a random token that
// is stored only as a hash and lasts 7 days. Accepting creates the account (scrypt-hashed password),
// the memberships and the keys in one transaction, and uses the invite up.
import type { Static } from 'typebox';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import { isoNow, parseJson } from '../../db/rows.ts';
import type { Paging } from '../../http/paging.ts';
import { newId } from '../../ids.ts';
import { type AuthContext, hasScope, requireScope } from '../../identity/auth.ts';
import { keyRefusal } from '../../identity/authority.ts';
import { hashPassword } from '../../identity/passwords.ts';
import {
  type OrgRole,
  type RoleFacts,
  type WorkspaceRole,
  actingUserId,
  canGrantOrgRole,
  workspaceGrantCeiling,
  workspaceRoleWithin,
} from '../../identity/roles.ts';
import { invalidScopes } from '../../identity/scopes.ts';
import type { ApiKeysService } from '../api-keys/service.ts';
import { systemAuth } from '../../identity/systemAuth.ts';
import type { UsersRepository } from '../users/repository.ts';
import { userView } from '../users/views.ts';
import type { WorkspacesRepository } from '../workspaces/repository.ts';
import {
  type InviteRow,
  type InviteStatus,
  type InvitesRepository,
  effectiveStatus,
  hashInviteToken,
  newInviteToken,
} from './repository.ts';
import type { AcceptInviteBody, CreateInviteBody } from './schemas.ts';

export type CreateInviteInput = Static<typeof CreateInviteBody>;
export type AcceptInviteInput = Static<typeof AcceptInviteBody>;
type KeyDetails = NonNullable<CreateInviteInput['workspace_api_key_details']>;

export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

export interface InvitesDeps {
  repo: InvitesRepository;
  users: UsersRepository;
  workspaces: WorkspacesRepository;
  facts: RoleFacts;
  /** Creates the workspace user keys on acceptance, with the API-key rules (limits, TTLs) applied. */
  apiKeys: Pick<ApiKeysService, 'create'>;
  now: () => number;
}

/** What the invite page shows for a token. */
export type InvitePreview =
  | { state: 'pending'; email: string; role: OrgRole; expiresAt: string; workspaces: { slug: string; role: WorkspaceRole }[] }
  | { state: 'invalid' | 'expired' | 'cancelled' | 'accepted' };

const inviteLink = (baseUrl: string, token: string) => `${baseUrl.replace(/\/+$/, '')}/invite/${token}`;

/** Why an invite cannot be accepted, in words for the person holding the link. */
function refusal(row: InviteRow | null, nowIso: string): AppError | null {
  if (!row) return notFound('This invite link is not valid. Check that you copied all of it, or ask an administrator for a new invite.');
  switch (effectiveStatus(row, nowIso)) {
    case 'pending':
      return null;
    case 'accepted':
      return conflict('This invite has already been used. Sign in with the account it created.');
    case 'cancelled':
      return new AppError('AB01', 410, 'This invite was cancelled by an administrator. Ask them for a new invite.');
    case 'expired':
      return new AppError('AB01', 410, `This invite expired on ${row.expires_at}. Ask an administrator to resend it.`);
  }
}

export function invitesService(deps: InvitesDeps) {
  const { repo, users, workspaces, facts } = deps;

  function view(row: InviteRow, nowIso: string) {
    return {
      object: 'invite' as const,
      id: row.id,
      email: row.email,
      role: row.role,
      status: effectiveStatus(row, nowIso),
      created_at: row.created_at,
      expires_at: row.expires_at,
      accepted_at: row.accepted_at,
      invited_by: row.invited_by,
      workspaces: repo.workspaces(row.id).map((w) => ({ id: w.workspace_id, workspace_id: w.workspace_id, slug: w.slug, role: w.role })),
      workspace_api_key_details: parseJson<KeyDetails | null>(row.workspace_api_key_details, null),
    };
  }

  function load(auth: AuthContext, id: string): InviteRow {
    const row = repo.get(id);
    if (!row || row.organisation_id !== auth.organisationId) throw notFound(`Invite "${id}" was not found`);
    return row;
  }

  function requireOrganisationCaller(auth: AuthContext): void {
    if (auth.workspaceId !== null)
      throw forbidden('You do not have enough permissions to execute this request (invites are managed at the organisation level)');
  }

  function checkWorkspaces(auth: AuthContext, wanted: CreateInviteInput['workspaces']) {
    const seen = new Set<string>();
    return (wanted ?? []).map((w, i) => {
      const ws = workspaces.get(w.id);
      if (!ws || ws.organisation_id !== auth.organisationId) throw notFound(`workspaces.${i}: workspace "${w.id}" was not found`);
      if (ws.status !== 'active') throw badRequest(`workspaces.${i}: workspace "${ws.slug}" is archived`, { param: 'workspaces' });
      if (seen.has(ws.id)) throw badRequest(`workspaces.${i}: workspace "${w.id}" is listed twice`, { param: 'workspaces' });
      seen.add(ws.id);
      if (!workspaceRoleWithin(w.role, workspaceGrantCeiling(auth, facts, ws.id))) {
        throw forbidden(`You do not have enough permissions to execute this request (you cannot make anyone a ${w.role} of "${ws.slug}")`);
      }
      return { workspaceId: ws.id, role: w.role };
    });
  }

  function checkKeyDetails(auth: AuthContext, details: KeyDetails | null | undefined, workspaceCount: number): KeyDetails | null {
    if (!details) return null;
    if (workspaceCount === 0) {
      throw badRequest('workspace_api_key_details needs at least one workspace in workspaces: the keys are made there', {
        param: 'workspace_api_key_details',
      });
    }
    const bad = invalidScopes('workspace-user', details.scopes);
    if (bad.length) {
      throw badRequest(`A workspace-user key cannot hold these scopes: ${bad.join(', ')}`, { param: 'workspace_api_key_details.scopes' });
    }
    if (!hasScope(auth, 'workspace_user_api_keys.create')) {
      throw forbidden(
        'You do not have enough permissions to execute this request (this API key lacks the "workspace_user_api_keys.create" scope)',
      );
    }
    // The keys are made on acceptance by the appliance, so the inviter must be able to make them
    // now: no scope the inviter could not grant itself (the roles were checked above).
    const why = keyRefusal(auth, { id: null, type: 'workspace-user', scopes: details.scopes, owner: null }, 'use');
    if (why) {
      throw forbidden(`You do not have enough permissions to create the workspace_api_key_details key: ${why}`);
    }
    if (details.expires_at) {
      const at = Date.parse(details.expires_at);
      const param = 'workspace_api_key_details.expires_at';
      if (Number.isNaN(at)) throw badRequest(`${param} is not an ISO 8601 date-time`, { param });
      if (at <= deps.now() + INVITE_TTL_MS) throw badRequest(`${param} must be after the invite expires (7 days from now)`, { param });
    }
    return { ...details, scopes: [...new Set(details.scopes)] };
  }

  function create(auth: AuthContext, input: CreateInviteInput, baseUrl: string) {
    requireScope(auth, 'organisation_users.create');
    requireOrganisationCaller(auth);
    if (!canGrantOrgRole(auth, facts, input.role)) {
      throw forbidden(`You do not have enough permissions to execute this request (you cannot invite an ${input.role})`);
    }
    const email = input.email.trim().toLowerCase();
    const now = deps.now();
    const nowIso = isoNow(now);
    if (users.getByEmail(auth.organisationId, email)) throw conflict(`"${email}" is already a member of the organisation`);
    const pending = repo.pendingFor(auth.organisationId, email, nowIso);
    if (pending) throw conflict(`"${email}" already has a pending invite (${pending.id}): resend or cancel it instead`);
    const grants = checkWorkspaces(auth, input.workspaces);
    const keyDetails = checkKeyDetails(auth, input.workspace_api_key_details, grants.length);

    const token = newInviteToken();
    const row: InviteRow = {
      id: newId(),
      organisation_id: auth.organisationId,
      email,
      role: input.role,
      token_hash: hashInviteToken(token),
      status: 'pending',
      workspace_api_key_details: keyDetails ? JSON.stringify(keyDetails) : null,
      invited_by: actingUserId(auth),
      invited_by_api_key_id: auth.kind === 'api_key' ? auth.key.id : null,
      accepted_user_id: null,
      expires_at: isoNow(now + INVITE_TTL_MS),
      accepted_at: null,
      cancelled_at: null,
      created_at: nowIso,
      last_updated_at: nowIso,
    };
    repo.insert(row, grants);
    return { ...view(row, nowIso), invite_link: inviteLink(baseUrl, token) };
  }

  function list(auth: AuthContext, query: { status?: InviteStatus; role?: 'admin' | 'member'; email?: string }, page: Paging) {
    requireScope(auth, 'organisation_users.list');
    requireOrganisationCaller(auth);
    const nowIso = isoNow(deps.now());
    const { total, rows } = repo.list({
      organisationId: auth.organisationId,
      nowIso,
      status: query.status,
      role: query.role,
      email: query.email?.trim(),
      ...page,
    });
    return { total, object: 'list' as const, data: rows.map((r) => view(r, nowIso)) };
  }

  function get(auth: AuthContext, id: string) {
    requireScope(auth, 'organisation_users.read');
    requireOrganisationCaller(auth);
    return view(load(auth, id), isoNow(deps.now()));
  }

  /** Cancels the invite: its link stops working. The row stays, so the list can show it. */
  function cancel(auth: AuthContext, id: string) {
    requireScope(auth, 'organisation_users.delete');
    requireOrganisationCaller(auth);
    const row = load(auth, id);
    if (row.status === 'accepted') throw conflict(`Invite "${id}" has been accepted; remove the user instead`);
    if (row.status !== 'cancelled') repo.cancel(row.id, isoNow(deps.now()));
    return {};
  }

  /** A new link (the old one stops working) valid for another 7 days. */
  function resend(auth: AuthContext, id: string, baseUrl: string) {
    requireScope(auth, 'organisation_users.create');
    requireOrganisationCaller(auth);
    const row = load(auth, id);
    if (row.status === 'accepted' || row.status === 'cancelled') {
      throw conflict(`Invite "${id}" is ${row.status} and cannot be resent: create a new invite`);
    }
    const now = deps.now();
    const other = repo.pendingFor(auth.organisationId, row.email, isoNow(now));
    if (other && other.id !== row.id) throw conflict(`"${row.email}" has a newer pending invite (${other.id}): resend that one`);
    if (users.getByEmail(auth.organisationId, row.email)) throw conflict(`"${row.email}" is already a member of the organisation`);
    const token = newInviteToken();
    const expiresAt = isoNow(now + INVITE_TTL_MS);
    repo.renew(row.id, hashInviteToken(token), expiresAt, isoNow(now));
    const link = inviteLink(baseUrl, token);
    return { id: row.id, inviteLink: link, invite_link: link, expires_at: expiresAt };
  }

  /** For the invite page: what the token stands for, without using it up. */
  function preview(token: string): InvitePreview {
    const row = repo.getByTokenHash(hashInviteToken(token));
    if (!row) return { state: 'invalid' };
    const status = effectiveStatus(row, isoNow(deps.now()));
    if (status !== 'pending') return { state: status };
    return {
      state: 'pending',
      email: row.email,
      role: row.role,
      expiresAt: row.expires_at,
      workspaces: repo.workspaces(row.id).map((w) => ({ slug: w.slug, role: w.role })),
    };
  }

  async function accept(input: AcceptInviteInput) {
    const tokenHash = hashInviteToken(input.token);
    const first = repo.getByTokenHash(tokenHash);
    const early = refusal(first, isoNow(deps.now()));
    if (early) throw early;
    // Hashing takes tens of milliseconds and runs off the event loop; the checks run again below,
    // inside the transaction, in case the invite was used or cancelled meanwhile.
    const passwordHash = await hashPassword(input.password);

    return repo.transaction(() => {
      const nowIso = isoNow(deps.now());
      const row = repo.getByTokenHash(tokenHash);
      const late = refusal(row, nowIso);
      if (late) throw late;
      const invite = row!;
      if (users.getByEmail(invite.organisation_id, invite.email)) {
        throw conflict(`An account for "${invite.email}" already exists. Sign in with it instead.`);
      }
      const userId = newId();
      users.insert({
        id: userId,
        organisation_id: invite.organisation_id,
        email: invite.email,
        first_name: input.first_name.trim(),
        last_name: input.last_name?.trim() || null,
        role: invite.role,
        status: 'active',
        password_hash: passwordHash,
        must_change_password: 0,
        created_at: nowIso,
        last_updated_at: nowIso,
      });
      if (!repo.markAccepted(invite.id, userId, nowIso)) throw conflict('This invite has already been used.');
      const grants = repo.workspaces(invite.id);
      for (const g of grants) users.addMember(g.workspace_id, userId, g.role, nowIso);

      const details = parseJson<KeyDetails | null>(invite.workspace_api_key_details, null);
      const system = systemAuth(invite.organisation_id);
      const apiKeys = details
        ? grants
            .filter((g) => g.status === 'active')
            .map((g) => {
              const created = deps.apiKeys.create(
                system,
                'workspace',
                'user',
                {
                  name: details.name ?? invite.email,
                  description: details.description ?? null,
                  workspace_id: g.workspace_id,
                  user_id: userId,
                  scopes: details.scopes,
                  defaults: details.metadata ? { metadata: details.metadata } : undefined,
                  expires_at: details.expires_at ?? undefined,
                },
                { creationMode: 'auto' },
              );
              return { id: created.id, key: created.key, workspace_id: g.workspace_id, workspace_slug: g.slug, scopes: details.scopes };
            })
        : [];
      return {
        user: userView(
          users.get(userId)!,
          grants.map((g) => g.workspace_id),
        ),
        api_keys: apiKeys,
      };
    });
  }

  return { create, list, get, cancel, resend, preview, accept };
}

export type InvitesService = ReturnType<typeof invitesService>;
