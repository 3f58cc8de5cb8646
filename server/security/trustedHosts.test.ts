// TRUSTED_CUSTOM_HOSTS as the appliance reads it at start (server/env.ts).
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../env.ts';

describe('TRUSTED_CUSTOM_HOSTS', () => {
  it('defaults to loopback only', () => {
    expect(loadConfig({}).trustedCustomHosts).toEqual(['localhost', '127.0.0.1', '::1']);
  });

  it('replaces the defaults with a normalised, de-duplicated list', () => {
    expect(loadConfig({ TRUSTED_CUSTOM_HOSTS: ' vllm.lan, 10.0.0.5 ,[::1],VLLM.lan' }).trustedCustomHosts).toEqual([
      'vllm.lan',
      '10.0.0.5',
      '::1',
    ]);
  });

  it('stops start-up naming an entry that is not a bare host', () => {
    let error: unknown;
    try {
      loadConfig({ TRUSTED_CUSTOM_HOSTS: 'localhost,http://10.0.0.5:8000' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'TRUSTED_CUSTOM_HOSTS="localhost,http://10.0.0.5:8000": "http://10.0.0.5:8000" is not a host name or IP address (write hosts only: no scheme, port or path; IPv4 in dotted decimal)',
    ]);
  });
});
