// `npm run gen:api-types`: writes renderer/src/api/schema.d.ts from the server's route schemas.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../test/helpers/childServer.ts';
import { SCHEMA_TYPES_FILE, SCOPES_FILE, openapiDocument, schemaTypes, scopeCatalog } from './openapiDocument.ts';

const file = path.join(ROOT, SCHEMA_TYPES_FILE);
fs.writeFileSync(file, await schemaTypes(await openapiDocument()));
fs.writeFileSync(path.join(ROOT, SCOPES_FILE), scopeCatalog());
console.log(`Wrote ${SCHEMA_TYPES_FILE} and ${SCOPES_FILE}`);
