// Admin API: /v1/admin/users/invites[/{inviteId}][/resend] (spec §2.5), the public acceptance call
// /v1/auth/invites/accept, and (registered at the root) the page an invite link opens.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { InvitesService } from './service.ts';
import type { FastifyRequest } from 'fastify';
import { paging } from '../../http/paging.ts';
import { Empty } from '../../http/schemas.ts';
import { renderInvitePage } from './page.ts';
import {
  AcceptInviteBody,
  AcceptedInvite,
  CreateInviteBody,
  CreatedInvite,
  Invite,
  InviteList,
  InviteParams,
  ListInvitesQuery,
  ResentInvite,
  TokenParams,
} from './schemas.ts';

/** Invite links point back at the address the admin used to reach the appliance. */
const baseUrlOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export function inviteRoutes(invites: InvitesService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/admin/users/invites', { schema: { body: CreateInviteBody, response: { 200: CreatedInvite } } }, async (req) =>
      invites.create(req.caller, req.body, baseUrlOf(req)),
    );

    app.get('/admin/users/invites', { schema: { querystring: ListInvitesQuery, response: { 200: InviteList } } }, async (req) =>
      invites.list(req.caller, req.query, paging(req.query.currentPage, req.query.pageSize)),
    );

    app.get('/admin/users/invites/:inviteId', { schema: { params: InviteParams, response: { 200: Invite } } }, async (req) =>
      invites.get(req.caller, req.params.inviteId),
    );

    app.delete('/admin/users/invites/:inviteId', { schema: { params: InviteParams, response: { 200: Empty } } }, async (req) =>
      invites.cancel(req.caller, req.params.inviteId),
    );

    app.post('/admin/users/invites/:inviteId/resend', { schema: { params: InviteParams, response: { 200: ResentInvite } } }, async (req) =>
      invites.resend(req.caller, req.params.inviteId, baseUrlOf(req)),
    );

    // No API key: the invite token is the credential. Recorded in the audit log (token and
    // password masked) although public, since it creates a user and keys.
    app.post(
      '/auth/invites/accept',
      {
        config: { auth: 'public', audit: { resource_type: 'user_invite', action: 'accept' } },
        schema: { body: AcceptInviteBody, response: { 200: AcceptedInvite } },
      },
      async (req) => invites.accept(req.body),
    );
  };
}

export function invitePageRoutes(invites: InvitesService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/invite/:token', { config: { auth: 'public' }, schema: { params: TokenParams } }, async (req, reply) => {
      const page = renderInvitePage(invites.preview(req.params.token));
      return reply.code(page.status).headers(page.headers).send(page.html);
    });
  };
}
