// The OpenAPI document at /docs/openapi.json describes every route the app serves (from the routes'
// own schemas, with the auth each needs), and the admin UI's client types generated from it
// (renderer/src/api/schema.d.ts) are current: a route schema changed without regenerating them
// fails here, so the UI and the server cannot drift.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/testApp.ts';
import { ROOT } from '../../test/helpers/childServer.ts';
import { SCHEMA_TYPES_FILE, SCOPES_FILE, schemaTypes, scopeCatalog } from '../../scripts/openapiDocument.ts';
import { openApiPath } from './openapi.ts';

type Operation = {
  operationId: string;
  security: Record<string, string[]>[];
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: { 'application/json': { schema: { properties?: Record<string, unknown> } } } };
  responses: Record<string, unknown>;
  'x-required-scopes'?: string[];
};
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, unknown> } };

let t: TestApp;
let doc: Doc;
beforeAll(async () => {
  t = await startTestApp();
  const res = await t.app.inject({ url: '/docs/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(() => t.close());

describe('GET /docs/openapi.json', () => {
  it('describes every registered API route, and nothing of the UI file routes', () => {
    const api = t.app.routeTable.filter((r) => r.method !== 'HEAD' && r.url !== '/' && r.url !== '/*' && r.url !== '/docs/openapi.json');
    const missing = api.filter((r) => !doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()]).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    expect(doc.paths['/']).toBeUndefined();
    expect(doc.paths['/{path}']).toBeUndefined();
    const count = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(count).toBe(api.length);
  });

  it('says how each route authenticates: the API key header, a session, or nothing', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.portkeyApiKey).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-portkey-api-key' }),
    );
    const listKeys = doc.paths['/v1/api-keys']!.get!;
    expect(listKeys.security).toEqual([{ portkeyApiKey: [] }, { session: [], csrf: [] }]);
    expect(listKeys['x-required-scopes']).toContain('workspace_service_api_keys.list');
    expect(doc.paths['/v1/health']!.get!.security).toEqual([]);
    expect(doc.paths['/v1/auth/self']!.get!.security).toEqual([{ session: [], csrf: [] }]);
    const chat = doc.paths['/v1/chat/completions']!.post!;
    expect(chat.security).toEqual([{ portkeyApiKey: [] }, { bearer: [] }]);
    expect(chat.responses.default).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/GatewayError' } } },
    });
  });

  it('carries the route schemas: path and query parameters, request bodies, responses', () => {
    const login = doc.paths['/v1/auth/login']!.post!;
    expect(Object.keys(login.requestBody!.content['application/json'].schema.properties!)).toEqual(['email', 'password']);
    const key = doc.paths['/v1/api-keys/{id}']!.put!;
    expect(key.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path', required: true })]));
    const logs = doc.paths['/v1/logs']!.get!;
    expect(logs.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['cursor', 'page_size', 'search', 'status_code']));
    expect(doc.paths['/v1/audio/{path}']!.post).toBeDefined();
    expect(new Set(Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId))).size).toBe(
      Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0),
    );
  });

  it(`matches the UI client's generated types (${SCHEMA_TYPES_FILE}; run npm run gen:api-types)`, async () => {
    const committed = fs.readFileSync(path.join(ROOT, SCHEMA_TYPES_FILE), 'utf8');
    expect(committed === (await schemaTypes(doc)), `${SCHEMA_TYPES_FILE} is stale: run npm run gen:api-types`).toBe(true);
    const scopes = fs.readFileSync(path.join(ROOT, SCOPES_FILE), 'utf8');
    expect(scopes === scopeCatalog(), `${SCOPES_FILE} is stale: run npm run gen:api-types`).toBe(true);
  });
});
