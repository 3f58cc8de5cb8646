// Reads the appliance's configuration from the environment once, at start, and fails with a
// message that names every bad variable instead of limping on with a half-valid setup.
import fs from 'node:fs';
import path from 'node:path';
import { normaliseTrustedHost } from './security/customHost.ts';
import { parseEgressEntry } from './security/egress/rules.ts';
import type { EgressMode } from './security/egress/guard.ts';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface FeatureFlags {
  guardrails: boolean;
  apiAccess: boolean;
  dataExports: boolean;
  usageLimits: boolean;
  auditLogs: boolean;
  scim: boolean;
  policy: boolean;
}

export interface AppConfig {
  host: string;
  port: number;
  dataDir: string;
  logLevel: LogLevel;
  /** Used as the organisation admin key on first start only (scripted installs). */
  adminApiKey: string | null;
  apiKeyPrefix: string;
  ownerEmail: string;
  bodyLimitBytes: number;
  /** MODEL_CONFIGS_PRICING_LOCAL_PATH: a folder of `<provider>.json` pricing files overriding the bundled ones. */
  pricingLocalPath: string | null;
  /** Hosts a request may name inline as a custom host although they are private (docs/custom-hosts.md). */
  trustedCustomHosts: string[];
  /** HEADERS_TO_METADATA: request headers copied into log metadata (names lower-cased). */
  headersToMetadata: string[];
  /** REQUEST_TIMEOUT: bound on a whole gateway response when the request names none (ms). */
  requestTimeoutMs: number;
  /** BLOCK_INLINE_CONFIG: refuse inline configs, providers, custom hosts and forwarded headers. */
  blockInlineConfig: boolean;
  /** RETRY_BACKOFF_BASE_MS: the first retry's wait; each further retry doubles it (with jitter). */
  retryBackoffBaseMs: number;
  /** CACHE_MAX_MB: size cap of the response cache (<data dir>/cache.db); least recently used entries go first. */
  cacheMaxBytes: number;
  /** SEMANTIC_CACHE_EMBEDDING_MODEL (`@provider/model`) and SEMANTIC_CACHE_THRESHOLD for `cache.mode: semantic`. */
  semanticCache: { embedder: string; threshold: number } | null;
  /** LOG_FLUSH_INTERVAL_MS: how often the request-log writer moves journaled rows into DuckDB when no batch has filled. */
  logFlushIntervalMs: number;
  /** LOG_RETENTION_DISPLAY: days request and response bodies are kept in the log database. */
  logRetentionDays: number;
  /** METRICS_RETENTION_DISPLAY: days log rows (metrics, feedback) are kept. */
  metricsRetentionDays: number;
  /** How long clients may take and hold connections (docs/adr/0011). */
  clients: ClientLimits;
  /** CONCURRENCY_QUEUE_TIMEOUT_MS: how long a request waits for a max_concurrent_requests slot before its 429. */
  concurrencyQueueTimeoutMs: number;
  features: FeatureFlags;
  /** TLS and the LAN listener (server/network/, docs/adr/0014). */
  network: NetworkConfig;
  /** Outbound connections (server/security/egress/, docs/adr/0023). */
  egress: EgressConfig;
  /** OTLP/HTTP trace export to a collector the admin runs; null when none is configured. */
  tracing: TracingConfig | null;
  /** MODEL_CONFIGS_CAPABILITIES_LOCAL_PATH: a folder of `<provider>.json` capability files over the bundled general/ ones. */
  capabilitiesLocalPath: string | null;
}

export interface EgressConfig {
  /** EGRESS_MODE: `allow-list` (default) or `open` (any destination, the behaviour before the allow-list). */
  mode: EgressMode;
  /** EGRESS_ALLOW: destinations allowed by the operator (host, host:port, *.domain, CIDR), canonical. */
  allow: string[];
}

export interface TracingConfig {
  /** Where spans are POSTed: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
  endpoint: string;
  /** OTEL_EXPORTER_OTLP_HEADERS (`name=value,…`): e.g. the collector's authorization. */
  headers: Record<string, string>;
  /** OTEL_SERVICE_NAME (default airgap-ai-gateway). */
  serviceName: string;
  /**
   * The share of requests traced, from OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG: 1 (always_on,
   * the default), 0 (always_off), or traceidratio's argument. Decided by the trace id, so a trace is
   * kept or dropped whole, as other services sampling by ratio decide it.
   */
  sampleRatio: number;
}

export interface NetworkConfig {
  /** TLS_CERT_FILE and TLS_KEY_FILE (PEM): the administrator's certificate, else the local CA's. */
  tlsFiles: { certFile: string; keyFile: string } | null;
  /** LAN_HOST and LAN_PORT: where the TLS listener for the LAN goes when LAN exposure is on. */
  lanHost: string;
  lanPort: number;
  /** LAN_HOST_NAMES: more DNS names for the local CA's server certificate (beside the host name). */
  lanHostNames: string[];
}

export interface ClientLimits {
  /** CLIENT_HEADERS_TIMEOUT_MS: a request's headers must all arrive within this (Node's headersTimeout). */
  headersTimeoutMs: number;
  /** CLIENT_REQUEST_TIMEOUT_MS: the whole request, body included, must arrive within this (Node's requestTimeout). It does not bound the answer. */
  requestTimeoutMs: number;
  /** CLIENT_KEEP_ALIVE_TIMEOUT_MS: an idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** MAX_CONNECTIONS_PER_IP: open connections one client address may hold; 0 lifts the cap. */
  maxConnectionsPerIp: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const FLAG_VARS: Record<keyof FeatureFlags, string> = {
  guardrails: 'GUARDRAILS_ENABLED',
  apiAccess: 'API_ACCESS_ENABLED',
  dataExports: 'DATA_EXPORTS_ENABLED',
  usageLimits: 'USAGE_LIMITS_ENABLED',
  auditLogs: 'AUDIT_LOGS_ENABLED',
  scim: 'SCIM_ENABLED',
  policy: 'POLICY_ENABLED',
};

type Env = Record<string, string | undefined>;

/** A small reader that records problems instead of throwing at the first one. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string, check?: (v: string) => string | null): string {
    const value = this.raw(name) ?? fallback;
    const problem = check?.(value);
    if (problem) this.problems.push(`${name}=${JSON.stringify(value)}: ${problem}`);
    return value;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.problems.push(`${name}=${JSON.stringify(value)}: must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return Number(value);
  }

  /** Feature flags are ON unless explicitly turned OFF; other switches pass their own default. */
  flag(name: string, fallback = true): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const v = value.toLowerCase();
    if (['on', 'true', '1', 'yes'].includes(v)) return true;
    if (['off', 'false', '0', 'no'].includes(v)) return false;
    this.problems.push(`${name}=${JSON.stringify(value)}: must be ON or OFF`);
    return fallback;
  }
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const r = new EnvReader(env);
  const host = r.string('HOST', '127.0.0.1', (v) => (/^[A-Za-z0-9.:[\]-]+$/.test(v) ? null : 'must be a host name or IP address'));
  const port = r.int('PORT', 8787, 0, 65535);
  const dataDir = path.resolve(cwd, r.string('APPLIANCE_DATA_DIR', './data'));
  const logLevel = r.string('LOG_LEVEL', 'info', (v) =>
    LOG_LEVELS.includes(v as LogLevel) ? null : `must be one of ${LOG_LEVELS.join(', ')}`,
  ) as LogLevel;
  const adminKey = r.raw('APPLIANCE_ADMIN_API_KEY');
  if (adminKey !== undefined && !/^[\x21-\x7e]{32,256}$/.test(adminKey)) {
    r.problems.push('APPLIANCE_ADMIN_API_KEY: must be 32 to 256 printable characters without spaces');
  }
  const apiKeyPrefix = r.string('API_KEY_PREFIX', 'pk-', (v) =>
    /^[A-Za-z0-9_-]{1,16}$/.test(v) ? null : 'must be 1 to 16 letters, digits, "-" or "_"',
  );
  const ownerEmail = r.string('APPLIANCE_OWNER_EMAIL', 'owner@appliance.local', (v) =>
    /^[^\s@]+@[^\s@]+$/.test(v) ? null : 'must be an email address',
  );
  const bodyLimitMb = r.int('BODY_LIMIT_MB', 20, 1, 1024);
  const pricingLocalPath = existingFolder(r, 'MODEL_CONFIGS_PRICING_LOCAL_PATH', cwd);
  const trustedCustomHosts = trustedHosts(r);
  const headersToMetadata = headerList(r, 'HEADERS_TO_METADATA');
  const requestTimeoutMs = r.int('REQUEST_TIMEOUT', 600_000, 1, 86_400_000);
  const blockInlineConfig = r.flag('BLOCK_INLINE_CONFIG', false);
  const retryBackoffBaseMs = r.int('RETRY_BACKOFF_BASE_MS', 1000, 1, 60_000);
  const cacheMaxMb = r.int('CACHE_MAX_MB', 512, 1, 1_048_576);
  const embedder = r.string('SEMANTIC_CACHE_EMBEDDING_MODEL', '', (v) =>
    v === '' || /^@[^/\s]+\/\S+$/.test(v) ? null : 'must look like @provider-slug/embedding-model',
  );
  const thresholdText = r.raw('SEMANTIC_CACHE_THRESHOLD') ?? '0.95';
  const threshold = Number(thresholdText);
  if (!(threshold > 0 && threshold <= 1))
    r.problems.push(`SEMANTIC_CACHE_THRESHOLD=${JSON.stringify(thresholdText)}: must be a number above 0 and at most 1`);
  const logFlushIntervalMs = r.int('LOG_FLUSH_INTERVAL_MS', 250, 10, 3_600_000);
  const logRetentionDays = r.int('LOG_RETENTION_DISPLAY', 90, 1, 36_500);
  const metricsRetentionDays = r.int('METRICS_RETENTION_DISPLAY', 365, 1, 36_500);
  const clients = clientLimits(r);
  const concurrencyQueueTimeoutMs = r.int('CONCURRENCY_QUEUE_TIMEOUT_MS', 30_000, 1, 3_600_000);
  const features = Object.fromEntries(Object.entries(FLAG_VARS).map(([key, name]) => [key, r.flag(name)])) as unknown as FeatureFlags;
  const network = networkConfig(r, cwd);
  const egress = egressConfig(r);
  const tracing = tracingConfig(r);
  const capabilitiesLocalPath = existingFolder(r, 'MODEL_CONFIGS_CAPABILITIES_LOCAL_PATH', cwd);

  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return {
    host,
    port,
    dataDir,
    logLevel,
    adminApiKey: adminKey ?? null,
    apiKeyPrefix,
    ownerEmail,
    bodyLimitBytes: bodyLimitMb * 1024 * 1024,
    pricingLocalPath,
    trustedCustomHosts,
    headersToMetadata,
    requestTimeoutMs,
    blockInlineConfig,
    retryBackoffBaseMs,
    cacheMaxBytes: cacheMaxMb * 1024 * 1024,
    semanticCache: embedder ? { embedder, threshold } : null,
    logFlushIntervalMs,
    logRetentionDays,
    metricsRetentionDays,
    clients,
    concurrencyQueueTimeoutMs,
    features,
    network,
    egress,
    tracing,
    capabilitiesLocalPath,
  };
}

/** EGRESS_MODE and EGRESS_ALLOW (docs/adr/0023). */
function egressConfig(r: EnvReader): EgressConfig {
  const mode = r.string('EGRESS_MODE', 'allow-list', (v) =>
    v === 'allow-list' || v === 'open' ? null : 'must be allow-list (the default) or open',
  ) as EgressMode;
  const allow: string[] = [];
  for (const entry of (r.raw('EGRESS_ALLOW') ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const parsed = parseEgressEntry(entry);
    if (parsed.ok) {
      if (!allow.includes(parsed.canonical)) allow.push(parsed.canonical);
    } else r.problems.push(`EGRESS_ALLOW: ${parsed.message}`);
  }
  return { mode, allow };
}

/** The OpenTelemetry variables for trace export over OTLP/HTTP (JSON or protobuf is the collector's choice of port). */
function tracingConfig(r: EnvReader): TracingConfig | null {
  const traces = r.raw('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const base = r.raw('OTEL_EXPORTER_OTLP_ENDPOINT');
  const name = traces !== undefined ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
  const given = traces ?? base;
  const headers: Record<string, string> = {};
  for (const pair of (r.raw('OTEL_EXPORTER_OTLP_HEADERS') ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? '' : pair.slice(0, eq).trim();
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(key)) {
      r.problems.push('OTEL_EXPORTER_OTLP_HEADERS: must be name=value pairs separated by commas');
      break;
    }
    const value = pair.slice(eq + 1).trim();
    try {
      headers[key] = decodeURIComponent(value);
    } catch {
      headers[key] = value;
    }
  }
  const serviceName = r.string('OTEL_SERVICE_NAME', 'airgap-ai-gateway');
  if (given === undefined) return null;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    r.problems.push(`${name}=${JSON.stringify(given)}: must be an http:// or https:// URL`);
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    r.problems.push(`${name}=${JSON.stringify(given)}: must be an http:// or https:// URL`);
    return null;
  }
  const endpoint = traces !== undefined ? url.href : `${url.href.replace(/\/+$/, '')}/v1/traces`;
  return { endpoint, headers, serviceName, sampleRatio: sampleRatio(r) };
}

/** OTEL_TRACES_SAMPLER (and _ARG) as the OpenTelemetry SDKs read them; our spans are roots, so parentbased_* are the same. */
function sampleRatio(r: EnvReader): number {
  const sampler = (r.raw('OTEL_TRACES_SAMPLER') ?? 'always_on')
    .trim()
    .toLowerCase()
    .replace(/^parentbased_/, '');
  const arg = r.raw('OTEL_TRACES_SAMPLER_ARG');
  if (sampler === 'always_on') return 1;
  if (sampler === 'always_off') return 0;
  if (sampler !== 'traceidratio') {
    r.problems.push(
      `OTEL_TRACES_SAMPLER=${JSON.stringify(r.raw('OTEL_TRACES_SAMPLER'))}: must be always_on, always_off, traceidratio or their parentbased_ forms`,
    );
    return 1;
  }
  if (arg === undefined || arg.trim() === '') return 1;
  const ratio = Number(arg);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    r.problems.push(`OTEL_TRACES_SAMPLER_ARG=${JSON.stringify(arg)}: must be a number from 0 to 1`);
    return 1;
  }
  return ratio;
}

/** Slow and idle clients: every wait has a bound (docs/adr/0011). */
function clientLimits(r: EnvReader): ClientLimits {
  const headersTimeoutMs = r.int('CLIENT_HEADERS_TIMEOUT_MS', 15_000, 100, 600_000);
  const requestTimeoutMs = r.int('CLIENT_REQUEST_TIMEOUT_MS', 120_000, 100, 3_600_000);
  if (requestTimeoutMs < headersTimeoutMs) {
    r.problems.push(
      `CLIENT_REQUEST_TIMEOUT_MS=${requestTimeoutMs}: must be at least CLIENT_HEADERS_TIMEOUT_MS (${headersTimeoutMs}), since the headers are part of the request`,
    );
  }
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: r.int('CLIENT_KEEP_ALIVE_TIMEOUT_MS', 65_000, 100, 600_000),
    maxConnectionsPerIp: r.int('MAX_CONNECTIONS_PER_IP', 1024, 0, 1_000_000),
  };
}

/** TRUSTED_CUSTOM_HOSTS: a comma-separated list that replaces the defaults, as in Portkey's gateway. */
function trustedHosts(r: EnvReader): string[] {
  const value = r.raw('TRUSTED_CUSTOM_HOSTS') ?? 'localhost,127.0.0.1,::1';
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const hosts: string[] = [];
  for (const entry of entries) {
    const host = normaliseTrustedHost(entry);
    if (host === null) {
      r.problems.push(
        `TRUSTED_CUSTOM_HOSTS=${JSON.stringify(value)}: ${JSON.stringify(entry)} is not a host name or IP address (write hosts only: no scheme, port or path; IPv4 in dotted decimal)`,
      );
    } else if (!hosts.includes(host)) {
      hosts.push(host);
    }
  }
  return hosts;
}

/** An optional folder that must exist when set, resolved against the working directory. */
function existingFolder(r: EnvReader, name: string, cwd: string): string | null {
  const value = r.raw(name);
  if (value === undefined) return null;
  const folder = path.resolve(cwd, value);
  let isFolder = false;
  try {
    isFolder = fs.statSync(folder).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isFolder) r.problems.push(`${name}=${JSON.stringify(value)}: no such folder (${folder})`);
  return folder;
}

/** A comma-separated list of HTTP header names, lower-cased. */
function headerList(r: EnvReader, name: string): string[] {
  const value = r.raw(name);
  if (value === undefined) return [];
  const names = value
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  const bad = names.filter((n) => !/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(n));
  if (bad.length > 0)
    r.problems.push(`${name}=${JSON.stringify(value)}: ${bad.map((b) => JSON.stringify(b)).join(', ')} is not a header name`);
  return [...new Set(names)];
}

/** TLS files (both or neither, readable), the LAN listener's address, extra certificate names. */
function networkConfig(r: EnvReader, cwd: string): NetworkConfig {
  const certFile = r.raw('TLS_CERT_FILE');
  const keyFile = r.raw('TLS_KEY_FILE');
  if ((certFile === undefined) !== (keyFile === undefined)) r.problems.push('TLS_CERT_FILE and TLS_KEY_FILE: set both or neither');
  const readable = (name: string, value: string) => {
    const file = path.resolve(cwd, value);
    try {
      fs.accessSync(file, fs.constants.R_OK);
      if (!fs.statSync(file).isFile()) throw new Error('not a file');
    } catch {
      r.problems.push(`${name}=${JSON.stringify(value)}: no readable file at ${file}`);
    }
    return file;
  };
  const tlsFiles =
    certFile !== undefined && keyFile !== undefined
      ? { certFile: readable('TLS_CERT_FILE', certFile), keyFile: readable('TLS_KEY_FILE', keyFile) }
      : null;
  const lanHost = r.string('LAN_HOST', '0.0.0.0', (v) => (/^[A-Za-z0-9.:[\]-]+$/.test(v) ? null : 'must be a host name or IP address'));
  const lanPort = r.int('LAN_PORT', 8443, 0, 65535);
  const lanHostNames = (r.raw('LAN_HOST_NAMES') ?? '')
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  const badName = lanHostNames.find((n) => !/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$/.test(n));
  if (badName !== undefined) r.problems.push(`LAN_HOST_NAMES: ${JSON.stringify(badName)} is not a DNS name`);
  return { tlsFiles, lanHost, lanPort, lanHostNames };
}
