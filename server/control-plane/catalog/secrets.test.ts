// Provider keys and secret configuration fields are sealed at rest and masked in every response:
// the SQLite file is opened directly and searched for the raw values, and every API answer is too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { call, sqliteDump, sqliteFileBytes, type Reply } from '../../../test/kits/catalogTestKit.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

// Distinctive values, so that a hit can only be a leak.
const SECRETS = {
  integrationKey: 'sk-proj-LEAKCHECK-integration-key-0001',
  rotatedKey: 'sk-proj-LEAKCHECK-rotated-key-0002',
  awsSecret: 'LEAKCHECK/aws+secret/access/key/0003',
  entraSecret: 'LEAKCHECK~entra~client~secret~0004',
  headerToken: 'Bearer LEAKCHECK-header-token-0005',
  serviceAccountKey: '-----BEGIN PRIVATE KEY-----LEAKCHECK0006-----END PRIVATE KEY-----',
  modelHeader: 'LEAKCHECK-model-header-0007',
  virtualKey: 'vk-LEAKCHECK-virtual-key-0008',
  legacySecret: 'LEAKCHECK-legacy-aws-secret-0009',
  updatedHeader: 'LEAKCHECK-updated-header-0010',
};

function expectNoSecrets(where: string, text: string) {
  for (const [name, value] of Object.entries(SECRETS)) {
    expect(text.includes(value), `${name} appears in ${where}`).toBe(false);
  }
}

describe('secrets at rest and in responses', () => {
  it('never stores or returns a raw key or secret configuration field', async () => {
    const replies: Array<[string, Reply]> = [];
    const record = async (label: string, res: Promise<Reply>) => {
      const r = await res;
      expect(r.status, `${label}: ${r.text}`).toBe(200);
      replies.push([label, r]);
      return r.body;
    };

    await record(
      'create bedrock integration',
      call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'Bedrock',
        slug: 'bedrock',
        ai_provider_id: 'bedrock',
        key: SECRETS.integrationKey,
        configurations: {
          aws_auth_type: 'accessKey',
          aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE',
          aws_secret_access_key: SECRETS.awsSecret,
          aws_region: 'us-east-1',
          custom_headers: { authorization: SECRETS.headerToken },
        },
      }),
    );
    await record(
      'create azure integration',
      call(t, 'POST', '/v1/integrations', t.workspace, {
        name: 'Azure',
        slug: 'azure',
        ai_provider_id: 'azure-openai',
        configurations: { azure_auth_mode: 'entra', azure_entra_tenant_id: 'tenant', azure_entra_client_secret: SECRETS.entraSecret },
      }),
    );
    await record(
      'create vertex integration',
      call(t, 'POST', '/v1/integrations', t.admin, {
        name: 'Vertex',
        slug: 'vertex',
        ai_provider_id: 'vertex-ai',
        configurations: {
          vertex_auth_type: 'serviceAccount',
          vertex_region: 'europe-west4',
          vertex_service_account_json: { type: 'service_account', project_id: 'p', private_key: SECRETS.serviceAccountKey },
        },
      }),
    );
    await record(
      'put models',
      call(t, 'PUT', '/v1/integrations/bedrock/models', t.admin, {
        models: [
          {
            slug: 'custom-model',
            enabled: true,
            is_custom: true,
            configurations: { custom_headers: { 'x-api-key': SECRETS.modelHeader } },
          },
        ],
      }),
    );
    await record(
      'grant',
      call(t, 'PUT', '/v1/integrations/bedrock/workspaces', t.admin, { workspaces: [{ id: t.credentials.workspace.id, enabled: true }] }),
    );
    const vk = await record(
      'create virtual key',
      call(t, 'POST', '/v1/virtual-keys', t.workspace, {
        name: 'Legacy',
        provider: 'bedrock',
        key: SECRETS.virtualKey,
        awsSecretAccessKey: SECRETS.legacySecret,
        awsRegion: 'eu-west-1',
      }),
    );
    await record(
      'rotate key',
      call(t, 'PUT', '/v1/integrations/bedrock', t.admin, {
        key: SECRETS.rotatedKey,
        configurations: { custom_headers: { authorization: SECRETS.updatedHeader } },
      }),
    );
    await record(
      'update virtual key',
      call(t, 'PUT', `/v1/virtual-keys/${vk.data.slug}`, t.workspace, { note: 'n', awsRegion: 'eu-west-2' }),
    );

    // Every read the API offers.
    for (const [label, url, headers] of [
      ['list integrations', '/v1/integrations', t.admin],
      ['get bedrock', '/v1/integrations/bedrock', t.admin],
      ['get azure', '/v1/integrations/azure', t.admin],
      ['get vertex', '/v1/integrations/vertex', t.admin],
      ['get virtual key integration', `/v1/integrations/${vk.data.slug}`, t.workspace],
      ['models', '/v1/integrations/bedrock/models', t.admin],
      ['workspaces', '/v1/integrations/bedrock/workspaces', t.admin],
      ['providers', '/v1/providers', t.workspace],
      ['provider', '/v1/providers/bedrock', t.workspace],
      ['virtual keys', '/v1/virtual-keys', t.workspace],
      ['virtual key', `/v1/virtual-keys/${vk.data.slug}`, t.workspace],
      ['virtual key of an org integration', '/v1/virtual-keys/bedrock', t.workspace],
    ] as const) {
      await record(label, call(t, 'GET', url, headers));
    }
    for (const [label, r] of replies) expectNoSecrets(`the response to "${label}"`, r.text);

    // Masked forms are what the reads show instead.
    const bedrock = replies.find(([l]) => l === 'get bedrock')![1].body;
    expect(bedrock.masked_key).toMatch(/^sk-p\*+0002$/);
    expect(bedrock.configurations).toEqual({
      aws_auth_type: 'accessKey',
      aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE',
      aws_region: 'us-east-1',
      masked_aws_secret_access_key: expect.stringMatching(/^LEAK\*+0003$/),
      masked_custom_headers: { authorization: expect.stringMatching(/^LEAK\*+0010$/) },
    });
    const vertex = replies.find(([l]) => l === 'get vertex')![1].body;
    expect(vertex.configurations.masked_vertex_service_account_json).toEqual({
      type: 'se*********ount',
      project_id: '*',
      private_key: expect.stringMatching(/^-{4}\*+-{4}$/),
    });
    const models = replies.find(([l]) => l === 'models')![1].body;
    expect(models.models[0].configurations).toEqual({ masked_custom_headers: { 'x-api-key': expect.stringMatching(/^LEAK\*+0007$/) } });
    const legacy = replies.find(([l]) => l === 'virtual key')![1].body;
    expect(legacy.masked_api_key).toMatch(/^vk-L\*+0008$/);
    expect(legacy.model_config).toEqual({ masked_awsSecretAccessKey: expect.stringMatching(/^LEAK\*+0009$/), awsRegion: 'eu-west-2' });

    // At rest: neither any column of any table, nor the database files' bytes, hold a raw value.
    expectNoSecrets('the SQLite tables', sqliteDump(t));
    expectNoSecrets('the SQLite files', sqliteFileBytes(t));

    // Yet they were kept: the gateway's resolver opens them.
    const resolved = t.app.services.catalog.resolveProvider(t.credentials.workspace.id, '@bedrock')!;
    expect(resolved.integration.key).toBe(SECRETS.rotatedKey);
    expect(resolved.integration.configurations.aws_secret_access_key).toBe(SECRETS.awsSecret);
    expect(resolved.integration.customHeaders).toEqual({ authorization: SECRETS.updatedHeader });
    expect(resolved.models.get('custom-model')!.configurations.custom_headers).toEqual({ 'x-api-key': SECRETS.modelHeader });
    const legacyResolved = t.app.services.catalog.resolveProvider(t.credentials.workspace.id, vk.data.slug)!;
    expect(legacyResolved.integration.key).toBe(SECRETS.virtualKey);
    expect(legacyResolved.integration.configurations).toMatchObject({
      aws_secret_access_key: SECRETS.legacySecret,
      aws_region: 'eu-west-2',
    });
  });

  it('keeps sealed secrets when an update leaves them out, and does not echo them in errors', async () => {
    const created = await call(t, 'POST', '/v1/integrations', t.admin, {
      name: 'Keep',
      slug: 'keep',
      ai_provider_id: 'openai',
      key: SECRETS.integrationKey,
      configurations: { custom_headers: { 'x-api-key': SECRETS.headerToken } },
    });
    expect(created.status).toBe(200);
    // A refused update (bad custom_host) changes nothing and says nothing secret.
    const refused = await call(t, 'PUT', '/v1/integrations/keep', t.admin, {
      key: SECRETS.rotatedKey,
      configurations: { custom_host: 'ftp://files.example.com' },
    });
    expect(refused.status).toBe(400);
    expectNoSecrets('the refusal', refused.text);
    await call(t, 'PUT', '/v1/integrations/keep', t.admin, { name: 'Kept', configurations: { openai_project: 'p1' } });
    const resolved = t.app.services.catalog.repos.integrations.get(t.credentials.organisation_id, 'keep')!;
    expect(t.stores.secrets.decrypt(resolved.key_encrypted!)).toBe(SECRETS.integrationKey);
    const got = (await call(t, 'GET', '/v1/integrations/keep', t.admin)).body;
    expect(got.configurations).toEqual({
      openai_project: 'p1',
      masked_custom_headers: { 'x-api-key': expect.stringMatching(/^Bear\*+0005$/) },
    });
  });
});
