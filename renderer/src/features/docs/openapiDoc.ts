// The parts of the OpenAPI document the explorer reads, and how it lists operations.
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema?: Record<string, unknown>;
}

export interface Operation {
  operationId: string;
  tags: string[];
  parameters: Parameter[];
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  responses: Record<string, { description: string; content?: { 'application/json': { schema: unknown } } }>;
  security: Record<string, string[]>[];
  'x-required-scopes'?: string[];
}

export interface OpenApiDocument {
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Operation>>;
}

export interface Entry {
  method: string;
  path: string;
  op: Operation;
}

export function entries(doc: OpenApiDocument): Entry[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

/** Operations by tag, tags sorted, each list by path. */
export function byTag(list: Entry[]): [string, Entry[]][] {
  const groups = new Map<string, Entry[]>();
  for (const e of list) {
    const tag = e.op.tags[0] ?? 'other';
    groups.set(tag, [...(groups.get(tag) ?? []), e]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

export function authOf(op: Operation): string {
  if (op.security.length === 0) return 'None (public)';
  const kinds = op.security.map((s) => Object.keys(s).join(' + '));
  const names: Record<string, string> = {
    portkeyApiKey: 'x-portkey-api-key header',
    bearer: 'Authorization: Bearer',
    'session + csrf': 'session cookie (+ x-csrf-token on writes)',
  };
  return kinds.map((k) => names[k] ?? k).join(', or ');
}

export const METHOD_COLORS: Record<string, string> = { GET: 'blue', POST: 'green', PUT: 'orange', PATCH: 'yellow', DELETE: 'red' };
