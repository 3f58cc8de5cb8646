// custom_host as an admin saves it through the catalog API (docs/custom-hosts.md): http(s) only, no
// credentials, no metadata endpoints; LAN and loopback hosts are the point of the appliance and pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { call, catalogCounts, expectAdminError } from '../../../test/kits/catalogTestKit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // One integration to update and add models to.
  const res = await call(t, 'POST', '/v1/integrations', t.admin, { name: 'Target', slug: 'target', ai_provider_id: 'openai' });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

const REFUSED: Array<[string, string, RegExp]> = [
  ['credentials', 'http://user:pw@10.0.0.5:8000/v1', /must not contain credentials/],
  ['a user name alone', 'https://admin@llm.example.com', /must not contain credentials/],
  ['ftp', 'ftp://files.example.com/models', /must use http or https/],
  ['file', 'file:///etc/passwd', /must use http or https/],
  ['no scheme', '10.0.0.5:8000/v1', /must be an absolute URL starting with http:\/\/ or https:\/\//],
  ['a fragment', 'http://10.0.0.5:8000/v1#x', /must not contain a fragment/],
  ['the AWS metadata endpoint', 'http://169.254.169.254/latest/meta-data/', /cloud metadata endpoint/],
  ['GCP metadata by name', 'http://metadata.google.internal/computeMetadata/v1', /cloud metadata endpoint/],
  ['a decimal IPv4', 'http://2130706433:8000/', /unusual form; write it as 127\.0\.0\.1/],
];

describe('a custom_host an admin saves', () => {
  it.each(REFUSED)('is refused on integration create when it has %s, naming the field', async (_, host, problem) => {
    const before = catalogCounts(t);
    const res = await call(t, 'POST', '/v1/integrations', t.admin, {
      name: 'x',
      ai_provider_id: 'openai',
      configurations: { custom_host: host },
    });
    expectAdminError(res, 400, 'AB01', new RegExp(`^configurations\\.custom_host "[^"]*" .*${problem.source}`));
    expect(catalogCounts(t)).toEqual(before);
  });

  it.each(REFUSED)('is refused on integration update, on a model and on a virtual key when it has %s', async (_, host, problem) => {
    const before = catalogCounts(t);
    const update = await call(t, 'PUT', '/v1/integrations/target', t.admin, { configurations: { custom_host: host } });
    expectAdminError(update, 400, 'AB01', new RegExp(`^configurations\\.custom_host "[^"]*" .*${problem.source}`));
    const model = await call(t, 'PUT', '/v1/integrations/target/models', t.admin, {
      models: [{ slug: 'm', enabled: true, is_custom: true, configurations: { custom_host: host } }],
    });
    expectAdminError(model, 400, 'AB01', new RegExp(`^models\\.0\\.configurations\\.custom_host "[^"]*" .*${problem.source}`));
    const legacy = await call(t, 'POST', '/v1/virtual-keys', t.workspace, { provider: 'openai', customHost: host });
    expectAdminError(legacy, 400, 'AB01', new RegExp(`^customHost "[^"]*" .*${problem.source}`));
    const legacyNested = await call(t, 'POST', '/v1/virtual-keys', t.workspace, { provider: 'openai', model_config: { customHost: host } });
    expectAdminError(legacyNested, 400, 'AB01', new RegExp(`^customHost "[^"]*" .*${problem.source}`));
    expect(catalogCounts(t)).toEqual(before);
    expect((await call(t, 'GET', '/v1/integrations/target', t.admin)).body.configurations).not.toHaveProperty('custom_host');
  });

  it('does not repeat the password of a refused URL back', async () => {
    const res = await call(t, 'POST', '/v1/integrations', t.admin, {
      name: 'x',
      ai_provider_id: 'openai',
      configurations: { custom_host: 'http://svc-user:Hunter2-pass@10.0.0.5:8000/v1' },
    });
    expectAdminError(res, 400, 'AB01', 'configurations.custom_host "http://***@10.0.0.5:8000/v1" must not contain credentials');
    expect(res.text).not.toContain('Hunter2');
    const legacy = await call(t, 'POST', '/v1/virtual-keys', t.workspace, { provider: 'openai', customHost: 'ftp://u:Hunter2-pass@files' });
    expectAdminError(legacy, 400, 'AB01', 'customHost "ftp://***@files" must use http or https');
  });

  it.each([
    'http://10.0.0.5:8000/v1',
    'http://192.168.1.20:11434',
    'http://172.16.4.2/v1',
    'http://127.0.0.1:8080/v1',
    'http://localhost:11434/v1',
    'http://[::1]:8000/v1',
    'http://ollama:11434',
    'http://vllm.local:8000/v1',
    'https://llm.corp.internal/v1',
    'https://my-resource.openai.azure.com/openai',
  ])('accepts %s (LAN, loopback and public hosts) and shows it as saved', async (host) => {
    const created = await call(t, 'POST', '/v1/integrations', t.admin, {
      name: 'LAN',
      ai_provider_id: 'openai',
      configurations: { custom_host: host },
    });
    expect(created.status, created.text).toBe(200);
    const got = await call(t, 'GET', `/v1/integrations/${created.body.slug}`, t.admin);
    expect(got.body.configurations).toEqual({ custom_host: host });
  });

  it('accepts LAN hosts on models and virtual keys too', async () => {
    const model = await call(t, 'PUT', '/v1/integrations/target/models', t.admin, {
      models: [{ slug: 'lan-model', enabled: true, is_custom: true, configurations: { custom_host: 'http://10.9.8.7:9000/v1' } }],
    });
    expect(model.status, model.text).toBe(200);
    const vk = await call(t, 'POST', '/v1/virtual-keys', t.workspace, { provider: 'openai', customHost: 'http://192.168.0.42:8000/v1' });
    expect(vk.status, vk.text).toBe(200);
    expect((await call(t, 'GET', `/v1/virtual-keys/${vk.body.data.slug}`, t.workspace)).body.model_config).toEqual({
      customHost: 'http://192.168.0.42:8000/v1',
    });
  });
});
