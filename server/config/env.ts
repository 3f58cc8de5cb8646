// Reads the appliance's configuration from the environment once, at start, and fails with a
// message that names every bad variable instead of limping on with a half-valid setup.
import fs from 'node:fs';
import path from 'node:path';
import { normaliseTrustedHost } from '../security/customHost.ts';

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
  /** CONCURRENCY_QUEUE_TIMEOUT_MS: how long a request waits for a max_concurrent_requests slot before its 429. */
  concurrencyQueueTimeoutMs: number;
  features: FeatureFlags;
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
  const concurrencyQueueTimeoutMs = r.int('CONCURRENCY_QUEUE_TIMEOUT_MS', 30_000, 1, 3_600_000);
  const features = Object.fromEntries(Object.entries(FLAG_VARS).map(([key, name]) => [key, r.flag(name)])) as unknown as FeatureFlags;

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
    concurrencyQueueTimeoutMs,
    features,
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
