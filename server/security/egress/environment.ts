// The destinations the operator allows through the environment: EGRESS_ALLOW, every host in
// TRUSTED_CUSTOM_HOSTS (any port: the only way loopback is reachable), and the OTLP collector.
import { destinationText } from './rules.ts';
import type { AllowedDestination } from './guard.ts';

const OPERATOR = 'the operator (environment variable)';

/** What of the environment's settings this reads (env.ts AppConfig has these; env.ts sits above security/). */
export interface EgressEnvironment {
  egress: { allow: readonly string[] };
  trustedCustomHosts: readonly string[];
  tracing: { endpoint: string } | null;
}

export function environmentDestinations(config: EgressEnvironment, startedAt: string): Omit<AllowedDestination, 'id'>[] {
  const out: Omit<AllowedDestination, 'id'>[] = [];
  const add = (destination: string, detail: string) =>
    out.push({ destination, source: 'environment', detail, configured_by: OPERATOR, configured_at: startedAt });
  for (const entry of config.egress.allow) add(entry, 'EGRESS_ALLOW');
  for (const host of config.trustedCustomHosts) add(host.includes(':') ? `[${host}]` : host, 'TRUSTED_CUSTOM_HOSTS');
  if (config.tracing) {
    const url = new URL(config.tracing.endpoint);
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    add(destinationText(url.hostname.replace(/^\[|\]$/g, ''), port), 'OTEL_EXPORTER_OTLP_ENDPOINT (trace collector)');
  }
  return out;
}
