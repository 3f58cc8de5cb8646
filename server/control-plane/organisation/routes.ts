// Admin API: the organisation's security settings and each workspace's own values for the sections
// the organisation opened to workspaces (spec §3.3). Both spellings of "organisation" are served.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AnyObject } from '../../http/schemas.ts';

const WorkspaceParams = Type.Object({ workspaceId: Type.String({ minLength: 1 }) });

export const organisationSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = app.services.settingsApi;

  for (const spelling of ['organisation', 'organization']) {
    app.get(`/admin/${spelling}/settings`, async (req) => settings.getOrganisation(req.auth!));
    app.put(`/admin/${spelling}/settings`, { schema: { body: AnyObject } }, async (req) =>
      settings.updateOrganisation(req.auth!, req.body),
    );
  }

  app.get('/admin/workspaces/:workspaceId/settings', { schema: { params: WorkspaceParams } }, async (req) =>
    settings.getWorkspace(req.auth!, req.params.workspaceId),
  );
  app.put('/admin/workspaces/:workspaceId/settings', { schema: { params: WorkspaceParams, body: AnyObject } }, async (req) =>
    settings.updateWorkspace(req.auth!, req.params.workspaceId, req.body),
  );
};
