// The appliance's OpenAPI document, built from a fresh app on a temp data dir (no listener), and the
// TypeScript types the admin UI's client is generated from (renderer/src/api/schema.d.ts).
import openapiTS, { astToString } from 'openapi-typescript';
import { startTestApp } from '../test/helpers/testApp.ts';

export const SCHEMA_TYPES_FILE = 'renderer/src/api/schema.d.ts';

const HEADER = `// Generated from the appliance's OpenAPI document (GET /docs/openapi.json) by
// \`npm run gen:api-types\`. Do not edit: server/http/openapi.test.ts fails when it is stale.
/* eslint-disable */
`;

export async function openapiDocument(): Promise<Record<string, unknown>> {
  const t = await startTestApp();
  try {
    const res = await t.app.inject({ url: '/docs/openapi.json' });
    if (res.statusCode !== 200) throw new Error(`GET /docs/openapi.json: ${res.statusCode} ${res.body}`);
    return res.json();
  } finally {
    await t.close();
  }
}

/** The client's types for a document, as the committed file holds them. */
export async function schemaTypes(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as never, { alphabetize: true });
  return HEADER + astToString(ast);
}
