// What the audit log records, through the real app on real SQLite: every Admin API mutation with
// its actor, workspace, resource and status, bodies with their secrets masked, failures too; never
// reads or gateway traffic; nothing at all with AUDIT_LOGS_ENABLED=OFF; and an admin request
// still succeeds when the audit write fails.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/testApp.ts';
import { call, expectAdminError, workspaceKey, type Headers } from '../../test/kits/catalogTestKit.ts';
import { auditDump, auditLogs, auditRows, keyIdOf } from '../../test/kits/auditTestKit.ts';
import { MASK } from '../security/secretMask.ts';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

// Distinctive values, so that a hit in the audit table can only be a leak.
const SECRETS = {
  integrationKey: 'sk-proj-AUDITLEAK-integration-0001',
  awsSecret: 'AUDITLEAK/aws+secret/0002',
  password: 'AUDITLEAK-password-0003',
  headerToken: 'Bearer AUDITLEAK-header-0004',
  virtualKey: 'vk-AUDITLEAK-virtual-0005',
  inlineConfigKey: 'sk-AUDITLEAK-inline-config-0006',
  stringConfigKey: 'sk-AUDITLEAK-string-config-0007',
  legacyAwsSecret: 'AUDITLEAK-legacy-aws-0008',
};

async function ok(res: Promise<{ status: number; text: string; body: unknown }>) {
  const r = await res;
  expect(r.status, r.text).toBe(200);
  // Response bodies are whatever JSON the route sent.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return r.body as any;
}

describe('recording admin mutations', () => {
  it('records creates, updates and deletes of several resource types with the actor, workspace and resource', async () => {
    t = await startTestApp();
    const ws = t.credentials.workspace.id;
    const adminKeyId = keyIdOf(t, t.admin);
    const wsKeyId = keyIdOf(t, t.workspace);

    const integration = await ok(
      call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'Bedrock',
        slug: 'bedrock',
        ai_provider_id: 'bedrock',
        key: SECRETS.integrationKey,
        configurations: {
          aws_auth_type: 'accessKey',
          aws_region: 'us-east-1',
          aws_secret_access_key: SECRETS.awsSecret,
          password: SECRETS.password,
          custom_headers: { authorization: SECRETS.headerToken },
        },
      }),
    );
    await ok(call(t, 'PUT', '/v1/integrations/bedrock/workspaces', t.admin, { workspaces: [{ id: ws, enabled: true }] }));
    const provider = await ok(call(t, 'POST', '/v1/providers', t.workspace, { name: 'Bots', integration_id: 'bedrock', slug: 'bots' }));
    await ok(call(t, 'PUT', '/v1/providers/bots', t.workspace, { name: 'Bots 2' }));
    const vk = await ok(
      call(t, 'POST', '/v1/virtual-keys', t.workspace, {
        name: 'Legacy',
        provider: 'openai',
        key: SECRETS.virtualKey,
        awsSecretAccessKey: SECRETS.legacyAwsSecret,
      }),
    );
    const config = await ok(
      call(t, 'POST', '/v1/configs', t.workspace, { name: 'Inline', config: { provider: 'openai', api_key: SECRETS.inlineConfigKey } }),
    );
    await ok(
      call(t, 'PUT', `/v1/configs/${config.slug}`, t.workspace, {
        config: JSON.stringify({ provider: 'openai', api_key: SECRETS.stringConfigKey }),
      }),
    );
    // An organisation key names the config without its workspace: the log still finds it.
    await ok(call(t, 'DELETE', `/v1/configs/${config.slug}`, t.admin));
    const key = await ok(
      call(t, 'POST', '/v1/api-keys/workspace/service', t.admin, {
        name: 'ci',
        workspace_id: t.credentials.workspace.slug,
        scopes: ['configs.list'],
      }),
    );
    await ok(call(t, 'DELETE', `/v1/api-keys/${key.id}`, t.admin));
    await ok(call(t, 'DELETE', '/v1/providers/bots', t.workspace));

    const admin = { user_type: 'api_key', api_key_id: adminKeyId, api_key_type: 'organisation-service', user_id: null };
    const wsKey = { user_type: 'api_key', api_key_id: wsKeyId, api_key_type: 'workspace-service', user_id: null };
    const common = {
      organisation_id: t.credentials.organisation_id,
      response_status_code: 200,
      client_ip: '127.0.0.1',
      user_agent: 'lightMyRequest',
      country: null,
    };
    expect(auditRows(t)).toEqual(
      [
        {
          ...common,
          ...admin,
          method: 'POST',
          uri: '/v1/integrations',
          resource_type: 'integration',
          action: 'create',
          resource_id: integration.id,
          workspace_id: null,
        },
        {
          ...common,
          ...admin,
          method: 'PUT',
          uri: '/v1/integrations/bedrock/workspaces',
          resource_type: 'integration',
          action: 'manage',
          resource_id: 'bedrock',
          workspace_id: null,
        },
        {
          ...common,
          ...wsKey,
          method: 'POST',
          uri: '/v1/providers',
          resource_type: 'provider',
          action: 'create',
          resource_id: provider.id,
          workspace_id: ws,
        },
        {
          ...common,
          ...wsKey,
          method: 'PUT',
          uri: '/v1/providers/bots',
          resource_type: 'provider',
          action: 'update',
          resource_id: 'bots',
          workspace_id: ws,
        },
        {
          ...common,
          ...wsKey,
          method: 'POST',
          uri: '/v1/virtual-keys',
          resource_type: 'virtual_key',
          action: 'create',
          resource_id: vk.data.slug,
          workspace_id: ws,
        },
        {
          ...common,
          ...wsKey,
          method: 'POST',
          uri: '/v1/configs',
          resource_type: 'config',
          action: 'create',
          resource_id: config.id,
          workspace_id: ws,
        },
        {
          ...common,
          ...wsKey,
          method: 'PUT',
          uri: `/v1/configs/${config.slug}`,
          resource_type: 'config',
          action: 'update',
          resource_id: config.slug,
          workspace_id: ws,
        },
        {
          ...common,
          ...admin,
          method: 'DELETE',
          uri: `/v1/configs/${config.slug}`,
          resource_type: 'config',
          action: 'delete',
          resource_id: config.slug,
          workspace_id: ws,
        },
        {
          ...common,
          ...admin,
          method: 'POST',
          uri: '/v1/api-keys/workspace/service',
          resource_type: 'api_key',
          action: 'create',
          resource_id: key.id,
          workspace_id: ws,
        },
        {
          ...common,
          ...admin,
          method: 'DELETE',
          uri: `/v1/api-keys/${key.id}`,
          resource_type: 'api_key',
          action: 'delete',
          resource_id: key.id,
          workspace_id: ws,
        },
        {
          ...common,
          ...wsKey,
          method: 'DELETE',
          uri: '/v1/providers/bots',
          resource_type: 'provider',
          action: 'delete',
          resource_id: 'bots',
          workspace_id: ws,
        },
      ].map((row) => expect.objectContaining(row)),
    );

    // Bodies are kept, with every secret masked; the new key's secret, returned once, is not kept.
    const rows = auditRows(t);
    expect(JSON.parse(rows[0]!.request_body!)).toEqual({
      name: 'Bedrock',
      slug: 'bedrock',
      ai_provider_id: 'bedrock',
      key: MASK,
      configurations: {
        aws_auth_type: 'accessKey',
        aws_region: 'us-east-1',
        aws_secret_access_key: MASK,
        password: MASK,
        custom_headers: { authorization: MASK },
      },
    });
    expect(JSON.parse(rows[5]!.request_body!)).toEqual({ name: 'Inline', config: { provider: 'openai', api_key: MASK } });
    expect(JSON.parse(JSON.parse(rows[6]!.request_body!).config)).toEqual({ provider: 'openai', api_key: MASK });
    expect(JSON.parse(rows[0]!.request_headers!)).toMatchObject({ 'x-portkey-api-key': MASK, 'user-agent': 'lightMyRequest' });
    const dump = auditDump(t);
    for (const [name, value] of Object.entries({
      ...SECRETS,
      adminKey: t.credentials.admin_api_key,
      workspaceKey: t.credentials.workspace_api_key,
      createdKey: key.key,
    })) {
      expect(dump.includes(value), `${name} appears in the audit table`).toBe(false);
    }
  });

  it('records a workspace by its own id from create to delete, resolving a slug before the delete removes it', async () => {
    t = await startTestApp();
    const created = await ok(call(t, 'POST', '/v1/admin/workspaces', t.admin, { name: 'Audit Team' }));
    await ok(call(t, 'PUT', `/v1/admin/workspaces/${created.slug}`, t.admin, { description: 'renamed' }));
    await ok(call(t, 'DELETE', `/v1/admin/workspaces/${created.slug}`, t.admin));
    expect(auditRows(t).map((r) => [r.method, r.resource_type, r.action, r.resource_id, r.workspace_id])).toEqual([
      ['POST', 'workspace', 'create', created.id, created.id],
      ['PUT', 'workspace', 'update', created.slug, created.id],
      ['DELETE', 'workspace', 'delete', created.slug, created.id],
    ]);
  });

  it('records an invite and its public acceptance without the token or the password', async () => {
    t = await startTestApp();
    const invite = await ok(call(t, 'POST', '/v1/admin/users/invites', t.admin, { email: 'ada@example.com', role: 'member' }));
    const token = String(invite.invite_link).split('/invite/')[1]!;
    await ok(call(t, 'POST', '/v1/auth/invites/accept', {}, { token, password: SECRETS.password, first_name: 'Ada' }));
    const rows = auditRows(t);
    expect(rows.map((r) => [r.resource_type, r.action, r.response_status_code, r.user_type])).toEqual([
      ['user_invite', 'create', 200, 'api_key'],
      ['user_invite', 'accept', 200, null],
    ]);
    expect(JSON.parse(rows[1]!.request_body!)).toEqual({ token: MASK, password: MASK, first_name: 'Ada' });
    expect(auditDump(t)).not.toContain(token);
    expect(auditDump(t)).not.toContain(SECRETS.password);
  });

  it('records failures with their status code, including refused and unauthenticated callers', async () => {
    t = await startTestApp();
    const narrow = await workspaceKey(t, t.credentials.workspace.id, ['configs.list']);
    expectAdminError(await call(t, 'DELETE', '/v1/configs/pc-missing-000000', t.workspace), 404, 'AB08', /pc-missing-000000/);
    expect((await call(t, 'POST', '/v1/configs', t.workspace, { name: 'no config' })).status).toBe(400);
    expect((await call(t, 'POST', '/v1/configs', narrow, { name: 'x', config: { retry: { attempts: 1 } } })).status).toBe(403);
    expect((await call(t, 'POST', '/v1/configs', { 'x-portkey-api-key': 'pk-not-a-key' }, { name: 'x' })).status).toBe(401);

    const rows = auditRows(t).filter((r) => r.resource_type === 'config');
    expect(rows.map((r) => [r.method, r.action, r.response_status_code, r.api_key_id])).toEqual([
      ['DELETE', 'delete', 404, keyIdOf(t, t.workspace)],
      ['POST', 'create', 400, keyIdOf(t, t.workspace)],
      ['POST', 'create', 403, keyIdOf(t, narrow)],
      ['POST', 'create', 401, null],
    ]);
    // The unauthenticated attempt names no actor, but its organisation and source.
    expect(rows[3]).toMatchObject({
      user_type: null,
      user_id: null,
      organisation_id: t.credentials.organisation_id,
      client_ip: '127.0.0.1',
      workspace_id: null,
    });
    expect(JSON.parse(rows[3]!.request_headers!)['x-portkey-api-key']).toBe(MASK);

    const failures = await auditLogs(t, { resource_type: 'config' });
    expect(failures.records.map((r) => [r.response_status_code, r.status])).toEqual([
      [401, 'failure'],
      [403, 'failure'],
      [400, 'failure'],
      [404, 'failure'],
    ]);
  });

  it('records neither reads nor gateway traffic', async () => {
    t = await startTestApp();
    for (const url of ['/v1/configs', '/v1/providers', '/v1/integrations', '/v1/api-keys', '/v1/audit-logs']) {
      await call(t, 'GET', url, t.admin);
    }
    await call(t, 'GET', '/v1/configs', t.workspace);
    const chat = await call(t, 'POST', '/v1/chat/completions', t.workspace, {
      model: '@nowhere/gpt',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(chat.status).toBeGreaterThanOrEqual(400);
    await call(t, 'POST', '/v1/embeddings', t.workspace, { model: '@nowhere/emb', input: 'hi' });
    await call(t, 'POST', '/v1/no-such-route', t.admin, {});
    expect(auditRows(t)).toEqual([]);
  });

  it('records events other modules report through record(), such as a failed login', async () => {
    t = await startTestApp();
    t.app.services.audit.record({
      organisation_id: t.credentials.organisation_id,
      actor: null,
      method: 'POST',
      uri: '/v1/auth/login',
      request_id: 'req-login-1',
      request_body: { email: 'owner@appliance.local', password: SECRETS.password },
      response_status_code: 401,
      resource_type: 'session',
      action: 'login_failed',
      client_ip: '10.0.0.9',
    });
    const { records } = await auditLogs(t, { action: 'login_failed' });
    expect(records).toEqual([
      expect.objectContaining({
        uri: '/v1/auth/login',
        request_id: 'req-login-1',
        status: 'failure',
        client_ip: '10.0.0.9',
        resource_type: 'session',
      }),
    ]);
    expect(JSON.parse(records[0]!.request_body!)).toEqual({ email: 'owner@appliance.local', password: MASK });
    expect(auditDump(t)).not.toContain(SECRETS.password);
  });
});

describe('AUDIT_LOGS_ENABLED=OFF', () => {
  it('records nothing and answers the audit route with 403 AB03', async () => {
    t = await startTestApp({ env: { AUDIT_LOGS_ENABLED: 'OFF' } });
    const config = await ok(call(t, 'POST', '/v1/configs', t.workspace, { name: 'c', config: { retry: { attempts: 1 } } }));
    await ok(call(t, 'DELETE', `/v1/configs/${config.slug}`, t.workspace));
    t.app.services.audit.record({
      organisation_id: t.credentials.organisation_id,
      actor: null,
      method: 'POST',
      uri: '/v1/auth/login',
      request_id: 'r',
      response_status_code: 200,
      resource_type: 'session',
      action: 'login',
    });
    expect(auditRows(t)).toEqual([]);
    expectAdminError(
      await call(t, 'GET', '/v1/audit-logs', t.admin),
      403,
      'AB03',
      'Audit logs are turned off on this appliance (AUDIT_LOGS_ENABLED=OFF)',
    );
    // Authentication still comes first.
    expect((await call(t, 'GET', '/v1/audit-logs', {})).status).toBe(401);
  });
});

describe('a failed audit write', () => {
  it('is logged and does not fail the admin request', async () => {
    t = await startTestApp();
    const errors = vi.spyOn(t.app.log, 'error');
    t.stores.db.exec('DROP TABLE audit_logs');
    const headers: Headers = t.workspace;
    const created = await call(t, 'POST', '/v1/configs', headers, { name: 'still works', config: { retry: { attempts: 1 } } });
    expect(created.status, created.text).toBe(200);
    expect((await call(t, 'PUT', `/v1/configs/${created.body.slug}`, headers, { name: 'renamed' })).status).toBe(200);
    t.app.services.audit.flush();
    expect(errors).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.any(Error) }),
      expect.stringMatching(/audit log write failed/),
    );
    expect((await call(t, 'GET', `/v1/configs/${created.body.slug}`, headers)).body.name).toBe('renamed');
  });
});
