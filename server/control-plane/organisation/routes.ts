// Admin API: the organisation's security settings and each workspace's own values for the sections
// the organisation opened to workspaces (spec §3.3). Both spellings of "organisation" are served.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SettingsService } from './settingsService.ts';
import { Type } from 'typebox';
import { AnyObject } from '../../http/schemas.ts';

const WorkspaceParams = Type.Object({ workspaceId: Type.String({ minLength: 1 }) });

/** Every known setting with its value (defaults filled in), which sections workspaces may override, and the settings of each section. */
export const OrganisationSettingsView = Type.Object({
  object: Type.Literal('organisation_settings'),
  settings: AnyObject,
  workspace_overrides: Type.Record(Type.String(), Type.Boolean()),
  sections: Type.Record(Type.String(), Type.Array(Type.String())),
});

/** A workspace's own values that count, the sections it may set, and what holds in it. */
export const WorkspaceSettingsView = Type.Object({
  object: Type.Literal('workspace_settings'),
  workspace_id: Type.String(),
  overridable: Type.Array(Type.String()),
  settings: AnyObject,
  effective: AnyObject,
});

export function organisationSettingsRoutes(settings: SettingsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    for (const spelling of ['organisation', 'organization']) {
      const response = { 200: OrganisationSettingsView };
      app.get(`/admin/${spelling}/settings`, { schema: { response } }, async (req) => settings.getOrganisation(req.caller));
      app.put(`/admin/${spelling}/settings`, { schema: { body: AnyObject, response } }, async (req) =>
        settings.updateOrganisation(req.caller, req.body),
      );
    }

    const response = { 200: WorkspaceSettingsView };
    app.get('/admin/workspaces/:workspaceId/settings', { schema: { params: WorkspaceParams, response } }, async (req) =>
      settings.getWorkspace(req.caller, req.params.workspaceId),
    );
    app.put('/admin/workspaces/:workspaceId/settings', { schema: { params: WorkspaceParams, body: AnyObject, response } }, async (req) =>
      settings.updateWorkspace(req.caller, req.params.workspaceId, req.body),
    );
  };
}
