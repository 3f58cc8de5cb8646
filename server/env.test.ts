import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.ts';

describe('loadConfig', () => {
  it('defaults to loopback:8787, ./data and every feature on', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8787, dataDir: '/srv/app/data', logLevel: 'info', apiKeyPrefix: 'pk-' });
    expect(Object.values(c.features).every(Boolean)).toBe(true);
    expect(c.adminApiKey).toBeNull();
  });

  it('turns a feature off only with OFF (any case)', () => {
    const c = loadConfig({ AUDIT_LOGS_ENABLED: 'off', SCIM_ENABLED: 'OFF', POLICY_ENABLED: 'ON' });
    expect(c.features).toMatchObject({ auditLogs: false, scim: false, policy: true, guardrails: true });
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        GUARDRAILS_ENABLED: 'maybe',
        API_KEY_PREFIX: 'has space',
        APPLIANCE_ADMIN_API_KEY: 'short',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'LOG_LEVEL', 'GUARDRAILS_ENABLED', 'API_KEY_PREFIX', 'APPLIANCE_ADMIN_API_KEY']) {
      expect(message).toContain(name);
    }
    expect((error as ConfigError).problems).toHaveLength(5);
  });

  it('keeps log bodies 90 days and metrics 365 days unless LOG_RETENTION_DISPLAY / METRICS_RETENTION_DISPLAY say otherwise', () => {
    expect(loadConfig({})).toMatchObject({ logRetentionDays: 90, metricsRetentionDays: 365 });
    expect(loadConfig({ LOG_RETENTION_DISPLAY: '7', METRICS_RETENTION_DISPLAY: '30' })).toMatchObject({
      logRetentionDays: 7,
      metricsRetentionDays: 30,
    });
    expect(() => loadConfig({ LOG_RETENTION_DISPLAY: '0', METRICS_RETENTION_DISPLAY: 'a year' })).toThrowError(
      /LOG_RETENTION_DISPLAY="0": must be a whole number from 1 to 36500[\s\S]*METRICS_RETENTION_DISPLAY="a year"/,
    );
  });

  it('samples traces as OTEL_TRACES_SAMPLER says: every request by default, a ratio, or none', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(loadConfig(endpoint).tracing?.sampleRatio).toBe(1);
    expect(
      loadConfig({ ...endpoint, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' }).tracing?.sampleRatio,
    ).toBe(0.1);
    expect(loadConfig({ ...endpoint, OTEL_TRACES_SAMPLER: 'always_off' }).tracing?.sampleRatio).toBe(0);
    expect(() => loadConfig({ ...endpoint, OTEL_TRACES_SAMPLER: 'jaeger_remote' })).toThrowError(
      /OTEL_TRACES_SAMPLER="jaeger_remote": must be/,
    );
    expect(() => loadConfig({ ...endpoint, OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '2' })).toThrowError(
      /OTEL_TRACES_SAMPLER_ARG="2": must be a number from 0 to 1/,
    );
  });

  it('flushes request logs every 250 ms unless LOG_FLUSH_INTERVAL_MS says otherwise', () => {
    expect(loadConfig({}).logFlushIntervalMs).toBe(250);
    expect(loadConfig({ LOG_FLUSH_INTERVAL_MS: '2000' }).logFlushIntervalMs).toBe(2000);
    expect(() => loadConfig({ LOG_FLUSH_INTERVAL_MS: '5' })).toThrowError(
      /LOG_FLUSH_INTERVAL_MS="5": must be a whole number from 10 to 3600000/,
    );
  });

  it('bounds slow and idle clients unless CLIENT_*_TIMEOUT_MS / MAX_CONNECTIONS_PER_IP say otherwise', () => {
    expect(loadConfig({}).clients).toEqual({
      headersTimeoutMs: 15_000,
      requestTimeoutMs: 120_000,
      keepAliveTimeoutMs: 65_000,
      maxConnectionsPerIp: 1024,
    });
    expect(
      loadConfig({
        CLIENT_HEADERS_TIMEOUT_MS: '5000',
        CLIENT_REQUEST_TIMEOUT_MS: '5000',
        CLIENT_KEEP_ALIVE_TIMEOUT_MS: '1000',
        MAX_CONNECTIONS_PER_IP: '0',
      }).clients,
    ).toEqual({ headersTimeoutMs: 5000, requestTimeoutMs: 5000, keepAliveTimeoutMs: 1000, maxConnectionsPerIp: 0 });
    expect(() => loadConfig({ CLIENT_HEADERS_TIMEOUT_MS: '30000', CLIENT_REQUEST_TIMEOUT_MS: '20000' })).toThrowError(
      /CLIENT_REQUEST_TIMEOUT_MS=20000: must be at least CLIENT_HEADERS_TIMEOUT_MS \(30000\)/,
    );
    expect(() =>
      loadConfig({ CLIENT_HEADERS_TIMEOUT_MS: '0', CLIENT_KEEP_ALIVE_TIMEOUT_MS: 'forever', MAX_CONNECTIONS_PER_IP: '-1' }),
    ).toThrowError(
      /CLIENT_HEADERS_TIMEOUT_MS="0": must be a whole number from 100 to 600000[\s\S]*CLIENT_KEEP_ALIVE_TIMEOUT_MS="forever"[\s\S]*MAX_CONNECTIONS_PER_IP="-1"/,
    );
  });

  it('resolves APPLIANCE_DATA_DIR against the working directory', () => {
    expect(loadConfig({ APPLIANCE_DATA_DIR: 'state' }, '/opt/x').dataDir).toBe('/opt/x/state');
    expect(loadConfig({ APPLIANCE_DATA_DIR: '/var/lib/gw' }, '/opt/x').dataDir).toBe('/var/lib/gw');
  });
});
