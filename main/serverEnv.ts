// The desktop server's configuration, which it reads from its environment only: loopback, a fixed
// port (the gateway URL SDK clients keep), the data folder under the OS user-data folder. The
// user's own settings (TLS_CERT_FILE, LOG_LEVEL, …) pass through; the desktop's three are forced.
import path from 'node:path';

/** Variables that would let the environment run code or move the listener; the shell decides these. */
const DROPPED = ['NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE', 'HOST', 'PORT', 'APPLIANCE_DATA_DIR'];

export const DESKTOP_PORT = '8787';

export function serverEnvironment(env: NodeJS.ProcessEnv, userDataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && !DROPPED.includes(key)) out[key] = value;
  return {
    ...out,
    HOST: '127.0.0.1',
    // AIRGAP_DESKTOP_PORT moves it when 8787 is taken (say, by a headless install on the same machine).
    PORT: env.AIRGAP_DESKTOP_PORT?.trim() || DESKTOP_PORT,
    APPLIANCE_DATA_DIR: path.join(userDataDir, 'data'),
    NODE_ENV: 'production',
  };
}
