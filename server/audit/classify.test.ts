import { describe, expect, it } from 'vitest';
import { classifyRoute } from './classify.ts';

describe('classifyRoute', () => {
  it.each([
    ['POST', '/v1/api-keys/:type/:subType', 'api_key', 'create', null],
    ['PUT', '/v1/api-keys/:id', 'api_key', 'update', 'id'],
    ['DELETE', '/v1/api-keys/:id', 'api_key', 'delete', 'id'],
    ['POST', '/v1/api-keys/:id/rotate', 'api_key', 'rotate', 'id'],
    ['POST', '/v2/api-keys/:id/rotate', 'api_key', 'rotate', 'id'],
    ['POST', '/v1/api-keys/:id/reset-usage', 'api_key', 'reset_usage', 'id'],
    ['POST', '/v1/api-keys/:id/reveal', 'api_key', 'reveal', 'id'],
    ['POST', '/v1/admin/workspaces', 'workspace', 'create', null],
    ['PUT', '/v1/admin/workspaces/:workspaceId', 'workspace', 'update', 'workspaceId'],
    ['DELETE', '/v1/admin/workspaces/:workspaceId', 'workspace', 'delete', 'workspaceId'],
    ['POST', '/v1/admin/workspaces/:workspaceId/archive', 'workspace', 'archive', 'workspaceId'],
    ['POST', '/v1/admin/workspaces/:workspaceId/users', 'workspace_member', 'create', null],
    ['PUT', '/v1/admin/workspaces/:workspaceId/users/:userId', 'workspace_member', 'update', 'userId'],
    ['DELETE', '/v1/admin/workspaces/:workspaceId/users/:userId', 'workspace_member', 'delete', 'userId'],
    ['PUT', '/v1/admin/users/:userId', 'user', 'update', 'userId'],
    ['DELETE', '/v1/admin/users/:userId', 'user', 'delete', 'userId'],
    ['POST', '/v1/admin/users/invites', 'user_invite', 'create', null],
    ['POST', '/v1/admin/users/invites/:inviteId/resend', 'user_invite', 'resend', 'inviteId'],
    ['DELETE', '/v1/admin/users/invites/:inviteId', 'user_invite', 'delete', 'inviteId'],
    ['POST', '/v1/integrations', 'integration', 'create', null],
    ['PUT', '/v1/integrations/:slug', 'integration', 'update', 'slug'],
    ['PUT', '/v1/integrations/:slug/workspaces', 'integration', 'manage', 'slug'],
    ['PUT', '/v1/integrations/:slug/models', 'integration', 'manage', 'slug'],
    ['DELETE', '/v1/integrations/:slug/models', 'integration', 'manage', 'slug'],
    ['POST', '/v1/providers', 'provider', 'create', null],
    ['PUT', '/v1/providers/:slug', 'provider', 'update', 'slug'],
    ['DELETE', '/v1/virtual-keys/:slug', 'virtual_key', 'delete', 'slug'],
    ['POST', '/v1/configs', 'config', 'create', null],
    ['PUT', '/v1/configs/:slug', 'config', 'update', 'slug'],
    ['POST', '/v1/prompts/:promptId/versions/:versionId/publish', 'prompt', 'publish', 'versionId'],
    ['POST', '/v1/prompts/partials', 'prompt_partial', 'create', null],
    ['POST', '/v1/labels', 'label', 'create', null],
    ['POST', '/v1/guardrails', 'guardrail', 'create', null],
    ['PUT', '/v1/policies/usage-limits/:id', 'usage_limit_policy', 'update', 'id'],
    ['POST', '/v1/logs/exports', 'log_export', 'export', null],
    ['POST', '/v1/logs/exports/:exportId/start', 'log_export', 'export', 'exportId'],
    ['PUT', '/v1/logs/exports/:exportId', 'log_export', 'update', 'exportId'],
    ['POST', '/v1/logs/exports/:exportId/cancel', 'log_export', 'cancel', 'exportId'],
    ['PUT', '/v1/admin/organisation/settings', 'organisation', 'update', null],
    // A route the table does not know is still recorded, under a type read from its path.
    ['POST', '/v1/secret-references', 'secret_reference', 'create', null],
    ['PATCH', '/v1/admin/deployment-targets/:id', 'deployment_target', 'update', 'id'],
  ])('%s %s -> %s %s', (method, url, resource_type, action, idParam) => {
    expect(classifyRoute({ method, url })).toMatchObject({ resource_type, action, idParam });
  });

  it('names the workspace parameter of workspace routes', () => {
    expect(classifyRoute({ method: 'DELETE', url: '/v1/admin/workspaces/:workspaceId/users/:userId' })?.workspaceParam).toBe('workspaceId');
    expect(classifyRoute({ method: 'PUT', url: '/v1/configs/:slug' })?.workspaceParam).toBeNull();
  });

  it.each([
    ['GET', '/v1/configs'],
    ['GET', '/v1/audit-logs'],
    ['HEAD', '/v1/configs/:slug'],
    ['POST', '/v1/chat/completions'],
    ['POST', '/v1/completions'],
    ['POST', '/v1/embeddings'],
    ['POST', '/v1/messages'],
    ['POST', '/v1/responses/*'],
    ['DELETE', '/v1/files/*'],
    ['POST', '/v1/prompts/:promptId/completions'],
    ['POST', '/v1/prompts/:promptId/render'],
    ['POST', '/v1/logs'],
    ['POST', '/v1/feedback'],
    ['PUT', '/v1/feedback/:id'],
  ])('does not record %s %s', (method, url) => {
    expect(classifyRoute({ method, url })).toBeNull();
  });

  it('never records gateway-surface routes, and public routes only when they ask to be', () => {
    expect(classifyRoute({ method: 'POST', url: '/v1/anything', config: { surface: 'gateway' } })).toBeNull();
    expect(classifyRoute({ method: 'POST', url: '/v1/auth/login', config: { auth: 'public' } })).toBeNull();
    expect(classifyRoute({ method: 'POST', url: '/v1/auth/login', config: { auth: 'public', audit: {} } })).toMatchObject({
      resource_type: 'session',
      action: 'login',
    });
  });

  it('follows a route override, or its opt-out', () => {
    expect(classifyRoute({ method: 'POST', url: '/v1/configs/:slug/import', config: { audit: { action: 'import' } } })).toMatchObject({
      resource_type: 'config',
      action: 'import',
      idParam: 'slug',
    });
    expect(classifyRoute({ method: 'PUT', url: '/v1/configs/:slug', config: { audit: false } })).toBeNull();
  });
});
