// The appliance's OpenAPI document, built from a fresh app on a temp data dir (no listener), and the
// TypeScript types the admin UI's client is generated from (renderer/src/api/schema.d.ts).
import openapiTS, { astToString } from 'openapi-typescript';
import { startTestApp } from '../test/helpers/testApp.ts';
import { SCOPES_BY_KEY_TYPE } from '../server/identity/scopes.ts';
import { WORKSPACE_ROLE_SCOPES } from '../server/identity/roleScopes.ts';
import { CONFIG_NODE_KEYS, STRATEGY_KEYS, STRATEGY_MODES } from '../server/routing-configs/validate.ts';
import { ORGANISATION_ONLY, SECTIONS, SETTINGS } from '../server/settings/catalogue.ts';
import { EXPORT_FIELDS } from '../server/settings/exportFields.ts';
import { MIN_PASSPHRASE } from '../server/backups/create.ts';

export const SCHEMA_TYPES_FILE = 'renderer/src/api/schema.d.ts';
export const SCOPES_FILE = 'renderer/src/api/serverTables.gen.ts';

const HEADER = `// Generated from the appliance's OpenAPI document (GET /docs/openapi.json) by
// \`npm run gen:api-types\`. Do not edit: server/console/openapi.test.ts fails when it is stale.
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

/**
 * Tables of the server the forms need: the scopes each API-key type may hold and each workspace
 * role's defaults (key form), the keys a routing config takes (config editor completion), the
 * security settings with their kinds, defaults and sections (settings page), the shortest backup
 * passphrase (backups page). Code data
 * of the server rather than routes: generated with the types and checked the same way.
 */
export function scopeCatalog(): string {
  return [
    '// Generated from server/control-plane/api-keys/scopes.ts, server/identity/roleScopes.ts,',
    '// server/routing-configs/validate.ts, server/settings/catalogue.ts, exportFields.ts and server/backups/create.ts by',
    '// `npm run gen:api-types`. Do not edit: server/console/openapi.test.ts fails when it is stale.',
    `export const SCOPES_BY_KEY_TYPE = ${JSON.stringify(SCOPES_BY_KEY_TYPE, null, 2)} as const;`,
    '',
    `export const WORKSPACE_ROLE_SCOPES = ${JSON.stringify(WORKSPACE_ROLE_SCOPES, null, 2)} as const;`,
    '',
    `export const CONFIG_NODE_KEYS = ${JSON.stringify(CONFIG_NODE_KEYS)} as const;`,
    '',
    `export const CONFIG_STRATEGY_KEYS = ${JSON.stringify(STRATEGY_KEYS)} as const;`,
    '',
    `export const CONFIG_STRATEGY_MODES = ${JSON.stringify(STRATEGY_MODES)} as const;`,
    '',
    `export const SETTING_SECTIONS = ${JSON.stringify(SECTIONS)} as const;`,
    '',
    `export const ORGANISATION_ONLY_SECTIONS = ${JSON.stringify([...ORGANISATION_ONLY])} as const;`,
    '',
    `export const SETTINGS = ${JSON.stringify(SETTINGS, null, 2)} as const;`,
    '',
    `export const EXPORT_FIELDS = ${JSON.stringify(EXPORT_FIELDS)} as const;`,
    '',
    `export const BACKUP_MIN_PASSPHRASE = ${MIN_PASSPHRASE};`,
    '',
  ].join('\n');
}

/** The client's types for a document, as the committed file holds them. */
export async function schemaTypes(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as never, { alphabetize: true });
  return HEADER + astToString(ast);
}
