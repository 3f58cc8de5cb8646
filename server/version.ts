// The appliance's version, read once from package.json.
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const VERSION: string = pkg.version;
export const SERVICE_ID = 'airgap-ai-gateway';
