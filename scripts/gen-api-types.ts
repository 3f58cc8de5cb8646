// `npm run gen:api-types`: writes renderer/src/api/schema.d.ts from the server's route schemas.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../test/helpers/childServer.ts';
import { SCHEMA_TYPES_FILE, openapiDocument, schemaTypes } from './openapiDocument.ts';

const file = path.join(ROOT, SCHEMA_TYPES_FILE);
fs.writeFileSync(file, await schemaTypes(await openapiDocument()));
console.log(`Wrote ${SCHEMA_TYPES_FILE}`);
