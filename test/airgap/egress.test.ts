// The egress allow-list end to end: a request can reach only what an admin allowed (saved
// integrations' hosts, the allow-list, TRUSTED_CUSTOM_HOSTS), is refused before DNS with a message
// that says how to allow it, and the air-gap report lists allowed, contacted and refused
// destinations with who and when. Real appliance over HTTP, real mock LLMs on loopback.
import dns from 'node:dns';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { startMockLlm, type MockLlm } from '../helpers/mockLlm.ts';
import { guardProcessDefaults } from '../../server/security/egress/clients.ts';
import { EgressRefused } from '../../server/security/egress/guard.ts';

const messages = [{ role: 'user', content: 'hello' }];
let g: GatewayFixture;
/** A second LLM server on loopback that no integration names. */
let other: MockLlm;

async function admin(method: string, path: string, body?: unknown) {
  const res = await fetch(`${g.url}${path}`, {
    method,
    headers: { ...g.admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // Response bodies are whatever JSON the route sent; tests read them field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

beforeAll(async () => {
  // Loopback is not trusted from the environment here, so saved integrations and the allow-list
  // are what let requests reach the mocks.
  g = await startGateway({ env: { TRUSTED_CUSTOM_HOSTS: 'trusted.lan', EGRESS_ALLOW: 'llm.partner.example:8443,10.99.0.0/16' } });
  other = await startMockLlm();
  await g.addProvider({ slug: 'local', key: 'sk-local' });
});
afterAll(async () => {
  await other.close();
  await g.close();
});

describe('egress allow-list', () => {
  it('lets a saved integration reach its host without any allow-list entry', async () => {
    const res = await g.post('/v1/chat/completions', { model: '@local/gpt-4o', messages });
    expect(res.status).toBe(200);
  });

  it('refuses an inline provider to a destination nobody allowed, before DNS, naming the host and how to allow it', async () => {
    const lookup = vi.spyOn(dns, 'lookup');
    const before = g.mock.requests.length;
    const res = await g.post(
      '/v1/chat/completions',
      { model: 'gpt-4o', messages },
      { 'x-portkey-provider': 'openai', authorization: 'Bearer sk-inline' },
    );
    const body = (await res.json()) as { error: { message: string; code: string } };
    expect(res.status).toBe(403);
    expect(body.error.code).toBe('egress_refused');
    expect(body.error.message).toContain('api.openai.com:443');
    expect(body.error.message).toContain('POST /v1/admin/egress/allow-list');
    expect(body.error.message).toContain('EGRESS_ALLOW');
    expect(lookup.mock.calls.filter((c) => String(c[0]).includes('openai'))).toEqual([]);
    lookup.mockRestore();
    expect(g.mock.requests.length).toBe(before);
  });

  it('refuses an inline custom host on another port of a saved host, and allows it once listed', async () => {
    const inline = { 'x-portkey-provider': 'openai', authorization: 'Bearer sk-inline', 'x-portkey-custom-host': `${other.url}/v1` };
    // The inline custom-host rules trust 127.0.0.1 (a saved host), but the egress check wants host and port.
    const refused = await g.post('/v1/chat/completions', { model: 'gpt-4o', messages }, inline);
    expect(refused.status).toBe(403);
    const port = new URL(other.url).port;
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(`127.0.0.1:${port}`);
    expect(other.requests).toHaveLength(0);

    const added = await admin('POST', '/v1/admin/egress/allow-list', {
      destination: `127.0.0.1:${port}`,
      description: 'second test server',
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ destination: `127.0.0.1:${port}`, created_by: expect.stringContaining('API key') });
    const allowed = await g.post('/v1/chat/completions', { model: 'gpt-4o', messages }, inline);
    expect(allowed.status).toBe(200);
    expect(other.requests).toHaveLength(1);

    const removed = await admin('DELETE', `/v1/admin/egress/allow-list/${added.body.id}`);
    expect(removed.status).toBe(200);
    const again = await g.post('/v1/chat/completions', { model: 'gpt-4o', messages }, inline);
    expect(again.status).toBe(403);
    expect(other.requests).toHaveLength(1);
  });

  it('allows what an integration saved a moment ago, and forgets it when the integration goes', async () => {
    const port = new URL(other.url).port;
    const inline = { 'x-portkey-provider': 'openai', authorization: 'Bearer sk-inline', 'x-portkey-custom-host': `${other.url}/v1` };
    await g.addProvider({ slug: 'second', customHost: `${other.url}/v1` });
    expect((await g.post('/v1/chat/completions', { model: 'gpt-4o', messages }, inline)).status).toBe(200);
    const report = await admin('GET', '/v1/admin/egress');
    const entry = report.body.allowed.find((a: { destination: string }) => a.destination === `127.0.0.1:${port}`);
    expect(entry).toMatchObject({ source: 'integration', detail: 'integration second', configured_by: expect.stringContaining('API key') });
    const deleted = await admin('DELETE', '/v1/integrations/second');
    expect(deleted.status).toBe(200);
    expect((await g.post('/v1/chat/completions', { model: 'gpt-4o', messages }, inline)).status).toBe(403);
  });

  it('refuses bad and repeated allow-list entries with a message naming the problem', async () => {
    const bad = await admin('POST', '/v1/admin/egress/allow-list', { destination: 'ftp://files.example.org' });
    expect(bad.status).toBe(400);
    expect(bad.body.data.message).toMatch(/ftp:\/\/files\.example\.org.*http/);
    const first = await admin('POST', '/v1/admin/egress/allow-list', { destination: 'https://models.example.org' });
    expect(first.status).toBe(200);
    expect(first.body.destination).toBe('models.example.org:443');
    const twice = await admin('POST', '/v1/admin/egress/allow-list', { destination: 'models.example.org:443' });
    expect(twice.status).toBe(409);
    const list = await admin('GET', '/v1/admin/egress/allow-list');
    expect(list.body.data.map((e: { destination: string }) => e.destination)).toContain('models.example.org:443');
    // The change is in the audit log, with who made it.
    const audit = await admin('GET', '/v1/audit-logs?resource_type=egress_allow_entry');
    expect(audit.body.records.length).toBeGreaterThanOrEqual(1);
  });
});

describe('the air-gap report', () => {
  it('lists listeners, allowed destinations with their source, what was contacted and what was refused with the caller', async () => {
    const { status, body } = await admin('GET', '/v1/admin/egress');
    expect(status).toBe(200);
    expect(body.mode).toBe('allow-list');
    expect(body.listeners[0]).toMatchObject({ name: 'main', listening: true, tls: false, port: Number(new URL(g.url).port) });
    const sources = body.allowed.map((a: { destination: string; source: string; detail: string }) => [a.destination, a.source, a.detail]);
    expect(sources).toEqual(
      expect.arrayContaining([
        ['llm.partner.example:8443', 'environment', 'EGRESS_ALLOW'],
        ['10.99.0.0/16', 'environment', 'EGRESS_ALLOW'],
        ['trusted.lan', 'environment', 'TRUSTED_CUSTOM_HOSTS'],
        [`127.0.0.1:${new URL(g.mock.url).port}`, 'integration', 'integration local'],
      ]),
    );
    const contacted = body.contacted.find((c: { destination: string }) => c.destination === `127.0.0.1:${new URL(g.mock.url).port}`);
    expect(contacted).toMatchObject({ feature: 'gateway', allowed_now: true });
    expect(contacted.requests).toBeGreaterThanOrEqual(1);
    const refusal = body.refused.rows.find((r: { destination: string }) => r.destination === 'api.openai.com:443');
    expect(refusal).toMatchObject({ feature: 'gateway', caller_type: 'api_key', workspace_id: g.credentials.workspace.id });
    expect(refusal.caller_name).toBeTruthy();
    expect(refusal.trace_id).toBeTruthy();
    // The self-check probed the gateway's upstream pool, which refused before DNS.
    expect(body.self_check).toMatchObject({ ok: true, sockets: { outbound: [] } });
    expect(body.self_check.clients).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Gateway upstream pool (undici)', refuses_unlisted: true })]),
    );
    expect(body.self_check.sockets.available).toBe(true);
    expect(body.self_check.statement).toMatch(/no telemetry, no update check/);
  });

  it('is a printable page with every value escaped and nothing loaded from elsewhere', async () => {
    await admin('POST', '/v1/admin/egress/allow-list', { destination: '10.1.2.3', description: '<script>alert(1)</script>' });
    const res = await fetch(`${g.url}/v1/admin/egress/report.html?download=true`, { headers: g.admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="air-gap-report-.*\.html"/);
    const html = await res.text();
    expect(html).toContain('Air-gap report');
    expect(html).toContain('api.openai.com:443');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('is refused to workspace keys', async () => {
    const res = await fetch(`${g.url}/v1/admin/egress`, { headers: g.workspace });
    expect(res.status).toBe(403);
  });
});

describe('EGRESS_MODE=open', () => {
  it('restores the old behaviour: an unlisted public host is tried (and fails on DNS here), not refused', async () => {
    const open = await startGateway({ env: { EGRESS_MODE: 'open' } });
    try {
      const res = await open.post(
        '/v1/chat/completions',
        { model: 'gpt-4o', messages },
        { 'x-portkey-provider': 'openai', authorization: 'Bearer sk-inline', 'x-portkey-custom-host': 'http://no-such-host.invalid/v1' },
      );
      const body = (await res.json()) as { error: { code: string } };
      expect(res.status).toBe(502);
      expect(body.error.code).toBe('upstream_unreachable');
      const report = (await fetch(`${open.url}/v1/admin/egress`, { headers: open.admin }).then((r) => r.json())) as {
        mode: string;
        self_check: { statement: string };
      };
      expect(report.mode).toBe('open');
      expect(report.self_check.statement).toMatch(/EGRESS_MODE=open/);
    } finally {
      await open.close();
    }
  });
});

describe('the process defaults', () => {
  it('fetch() and Node http agents are refused like the gateway once guarded, before DNS', async () => {
    const lookup = vi.spyOn(dns, 'lookup');
    const restore = guardProcessDefaults(g.app.services.egress);
    try {
      const viaFetch = await fetch('http://telemetry.example.com/collect').then(
        () => null,
        (err: Error & { cause?: unknown }) => err.cause,
      );
      expect(viaFetch).toBeInstanceOf(EgressRefused);
      const viaHttp = await new Promise<unknown>((resolve) => {
        http.get('http://updates.example.com/latest', () => resolve(null)).on('error', resolve);
      });
      expect(viaHttp).toBeInstanceOf(EgressRefused);
      expect(lookup.mock.calls.filter((c) => /example\.com/.test(String(c[0])))).toEqual([]);
    } finally {
      restore();
      lookup.mockRestore();
    }
    const refused = await admin('GET', '/v1/admin/egress');
    const features = refused.body.refused.rows.filter((r: { destination: string }) => /example\.com/.test(r.destination));
    expect(features.map((r: { feature: string }) => r.feature)).toEqual(['unattributed', 'unattributed']);
  });

  it("the self-check's probes of them are refused without being listed as refused attempts", async () => {
    const restore = guardProcessDefaults(g.app.services.egress);
    try {
      // Through inject: this test process's own fetch() is guarded too until restored.
      const body = (await g.app.inject({ url: '/v1/admin/egress?recheck=true', headers: g.admin })).json();
      const probed = body.self_check.clients.filter((c: { name: string }) => /default/.test(c.name));
      expect(probed.map((c: { refuses_unlisted: boolean }) => c.refuses_unlisted)).toEqual([true, true]);
      const rows = body.refused.rows.map((r: { destination: string }) => r.destination);
      expect(rows.filter((d: string) => d.startsWith('egress-self-check.invalid'))).toEqual([]);
    } finally {
      restore();
    }
  });
});
