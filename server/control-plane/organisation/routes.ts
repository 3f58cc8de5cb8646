// Admin API: the organisation's security settings and each workspace's own values for the sections
// the organisation opened to workspaces (spec §3.3). Both spellings of "organisation" are served.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SettingsService } from './settingsService.ts';
import { Type } from 'typebox';
import { AnyObject } from '../../http/schemas.ts';

const WorkspaceParams = Type.Object({ workspaceId: Type.String({ minLength: 1 }) });

export function organisationSettingsRoutes(settings: SettingsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    for (const spelling of ['organisation', 'organization']) {
      app.get(`/admin/${spelling}/settings`, async (req) => settings.getOrganisation(req.caller));
      app.put(`/admin/${spelling}/settings`, { schema: { body: AnyObject } }, async (req) =>
        settings.updateOrganisation(req.caller, req.body),
      );
    }

    app.get('/admin/workspaces/:workspaceId/settings', { schema: { params: WorkspaceParams } }, async (req) =>
      settings.getWorkspace(req.caller, req.params.workspaceId),
    );
    app.put('/admin/workspaces/:workspaceId/settings', { schema: { params: WorkspaceParams, body: AnyObject } }, async (req) =>
      settings.updateWorkspace(req.caller, req.params.workspaceId, req.body),
    );
  };
}
