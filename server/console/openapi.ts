// The OpenAPI 3.1 document of every route the app registers, built from the routes' own TypeBox
// schemas (they are JSON Schema already) as an onRoute hook sees them, so the document cannot
// drift from the server. Served at /docs/openapi.json; the admin UI's typed client is generated
// from it (renderer/src/api/schema.d.ts, checked by server/console/openapi.test.ts).
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Permission } from '../identity/permissions.ts';

type Json = Record<string, unknown>;

interface CollectedRoute {
  method: string;
  url: string;
  schema: Json;
  surface: string | undefined;
  permission: Permission | undefined;
}

/** Document metadata that does not come from the routes. */
export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
}

const ADMIN_ERROR = {
  type: 'object',
  required: ['success', 'data'],
  properties: {
    success: { const: false },
    data: {
      type: 'object',
      required: ['message', 'errorCode'],
      properties: { message: { type: 'string' }, errorCode: { type: 'string' } },
    },
  },
};

const GATEWAY_ERROR = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['message'],
      properties: {
        message: { type: 'string' },
        type: { type: 'string' },
        param: { type: ['string', 'null'] },
        code: { type: ['string', 'null'] },
      },
    },
  },
};

/** `/v1/api-keys/:id` -> `/v1/api-keys/{id}`; a trailing `*` becomes `{path}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\/\*$/, '/{path}');
}

function pathParams(url: string): string[] {
  const names = [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  return url.endsWith('/*') ? [...names, 'path'] : names;
}

/** The properties of an object schema as OpenAPI parameters. */
function parametersOf(schema: unknown, where: 'query' | 'path' | 'header'): Json[] {
  const s = schema as { properties?: Record<string, unknown>; required?: string[] } | undefined;
  if (!s?.properties) return [];
  return Object.entries(s.properties).map(([name, sub]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: sub,
  }));
}

function tagOf(url: string): string {
  const parts = url.replace(/^\/v1\//, '').split('/');
  if (parts[0] === 'admin') return parts[1] === 'users' && parts[2] === 'invites' ? 'invites' : (parts[1] ?? 'admin');
  if (parts[0] === 'analytics' || parts[0] === 'logs' || parts[0] === 'auth') return parts[0];
  return parts[0] ?? 'other';
}

/** Who may call the route, as OpenAPI security requirements plus the scopes it checks. */
function securityOf(route: CollectedRoute): { security: Json[]; scopes: string[] | null } {
  if (route.surface === 'gateway') return { security: [{ portkeyApiKey: [] }, { bearer: [] }], scopes: ['completions.write'] };
  const p = route.permission;
  if (!p || p.kind === 'public') return { security: [], scopes: null };
  if (p.kind === 'session') return { security: [{ session: [], csrf: [] }], scopes: null };
  return { security: [{ portkeyApiKey: [] }, { session: [], csrf: [] }], scopes: [...p.scopes] };
}

function operationOf(route: CollectedRoute): Json {
  const { schema } = route;
  const gateway = route.surface === 'gateway';
  const parameters = [
    ...pathParams(route.url).map((name) => {
      const declared = (schema.params as { properties?: Record<string, unknown> } | undefined)?.properties?.[name];
      return { name, in: 'path', required: true, schema: declared ?? { type: 'string' } };
    }),
    ...parametersOf(schema.querystring, 'query'),
    ...parametersOf(schema.headers, 'header'),
  ];
  const responses: Json = {};
  const declared = (schema.response ?? {}) as Record<string, unknown>;
  for (const [status, body] of Object.entries(declared)) {
    responses[status] = { description: status === '200' ? 'Success' : `HTTP ${status}`, content: { 'application/json': { schema: body } } };
  }
  if (Object.keys(responses).length === 0) {
    responses['200'] = { description: 'Success', ...(gateway ? { content: { 'application/json': { schema: {} } } } : {}) };
  }
  responses.default = {
    description: gateway ? 'Error (OpenAI shape)' : 'Error (Admin API envelope)',
    content: {
      'application/json': { schema: { $ref: gateway ? '#/components/schemas/GatewayError' : '#/components/schemas/AdminError' } },
    },
  };
  const { security, scopes } = securityOf(route);
  const op: Json = {
    operationId: `${route.method.toLowerCase()}${openApiPath(route.url)
      .replace(/[{}]/g, '')
      .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    tags: [gateway ? 'gateway' : tagOf(route.url)],
    parameters,
    responses,
    security,
  };
  if (scopes) op['x-required-scopes'] = scopes;
  if (schema.body) op.requestBody = { required: true, content: { 'application/json': { schema: schema.body } } };
  else if (gateway && route.method !== 'GET' && route.method !== 'DELETE') {
    op.requestBody = { required: false, content: { 'application/json': { schema: { type: 'object' } } } };
  }
  return op;
}

/** Collects routes as they are registered; `document()` builds (and keeps) the OpenAPI document. */
export class OpenApiCollector {
  private readonly routes: CollectedRoute[] = [];
  private built: Json | null = null;

  constructor(private readonly info: OpenApiInfo) {}

  /** Must run before the routes it should describe are registered (hooks see later routes only). */
  attach(app: FastifyInstance): void {
    app.addHook('onRoute', (route: RouteOptions) => {
      const config = (route.config ?? {}) as { surface?: string; permission?: { permission: Permission }; openapi?: false };
      if (config.openapi === false) return;
      for (const method of [route.method].flat()) {
        if (method === 'HEAD' || method === 'OPTIONS') continue;
        this.routes.push({
          method,
          url: route.url,
          schema: (route.schema ?? {}) as Json,
          surface: config.surface,
          permission: config.permission?.permission,
        });
      }
      this.built = null;
    });
  }

  document(): Json {
    if (this.built) return this.built;
    const paths: Record<string, Json> = {};
    const sorted = [...this.routes].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
    const ids = new Set<string>();
    for (const route of sorted) {
      const key = openApiPath(route.url);
      const op = operationOf(route);
      // Two spellings of one path (`cache/hit-rate`, `cache-hit-rate`) camel-case alike.
      let id = op.operationId as string;
      for (let n = 2; ids.has(id); n++) id = `${op.operationId as string}${n}`;
      ids.add(id);
      paths[key] ??= {};
      paths[key][route.method.toLowerCase()] = { ...op, operationId: id };
    }
    this.built = {
      openapi: '3.1.0',
      info: this.info,
      servers: [{ url: '/' }],
      paths,
      components: {
        securitySchemes: {
          portkeyApiKey: { type: 'apiKey', in: 'header', name: 'x-portkey-api-key', description: 'An API key of this appliance.' },
          bearer: { type: 'http', scheme: 'bearer', description: 'The same API key, as the OpenAI SDK sends it.' },
          session: { type: 'apiKey', in: 'cookie', name: 'appliance_session', description: 'A signed-in person (POST /v1/auth/login).' },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'x-csrf-token',
            description: 'With a session: the csrf_token of /v1/auth/login, on writes.',
          },
        },
        schemas: { AdminError: ADMIN_ERROR, GatewayError: GATEWAY_ERROR },
      },
    };
    return this.built;
  }
}
