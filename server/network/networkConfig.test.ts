// The TLS and LAN variables, read once at start with every problem named (server/config/env.ts).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../env.ts';
import { makeTempDir, removeDir } from '../../test/helpers/dataDir.ts';

const dir = makeTempDir('netcfg');
afterAll(() => removeDir(dir));
fs.writeFileSync(path.join(dir, 'cert.pem'), 'x');
fs.writeFileSync(path.join(dir, 'key.pem'), 'x');

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env, dir);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('network configuration', () => {
  it('defaults to no certificate files and a LAN listener on 0.0.0.0:8443', () => {
    expect(loadConfig({}, dir).network).toEqual({ tlsFiles: null, lanHost: '0.0.0.0', lanPort: 8443, lanHostNames: [] });
  });

  it('resolves the certificate files against the working directory', () => {
    const network = loadConfig(
      { TLS_CERT_FILE: 'cert.pem', TLS_KEY_FILE: 'key.pem', LAN_PORT: '9443', LAN_HOST_NAMES: 'Gateway.corp.example, gw' },
      dir,
    ).network;
    expect(network).toEqual({
      tlsFiles: { certFile: path.join(dir, 'cert.pem'), keyFile: path.join(dir, 'key.pem') },
      lanHost: '0.0.0.0',
      lanPort: 9443,
      lanHostNames: ['gateway.corp.example', 'gw'],
    });
  });

  it.each([
    [{ TLS_CERT_FILE: 'cert.pem' }, /TLS_CERT_FILE and TLS_KEY_FILE: set both or neither/],
    [{ TLS_KEY_FILE: 'key.pem' }, /TLS_CERT_FILE and TLS_KEY_FILE: set both or neither/],
    [{ TLS_CERT_FILE: 'missing.pem', TLS_KEY_FILE: 'key.pem' }, /TLS_CERT_FILE="missing.pem": no readable file at/],
    [{ TLS_CERT_FILE: 'cert.pem', TLS_KEY_FILE: '.' }, /TLS_KEY_FILE=".": no readable file at/],
    [{ LAN_PORT: '70000' }, /LAN_PORT="70000": must be a whole number from 0 to 65535/],
    [{ LAN_HOST: 'a b' }, /LAN_HOST="a b": must be a host name or IP address/],
    [{ LAN_HOST_NAMES: 'ok.example,bad_name' }, /LAN_HOST_NAMES: "bad_name" is not a DNS name/],
  ])('%o is refused', (env, message) => {
    expect(problems(env).join('\n')).toMatch(message);
  });
});
