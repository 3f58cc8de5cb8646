// Input checks the schemas cannot express: slugs, limits, expiry, secret mappings and the
// custom_host rule for values an admin saves. Each throws a 400 that names the field.
import { badRequest } from '../../errors.ts';
import { isUuid } from '../../ids.ts';
import type { RateLimit, UsageLimits } from '../../identity/auth.ts';
import { checkSavedCustomHost } from '../../security/customHost.ts';
import type { Configurations } from './secretFields.ts';

// A type alias, not an interface, so that it fits the schemas' Record<string, unknown>.
export type SecretMapping = {
  target_field: string;
  secret_reference_id: string;
  secret_key?: string | null;
  value_format?: 'json' | 'string' | null;
};

export function checkSlug(slug: string, field: string): string {
  if (isUuid(slug))
    throw badRequest(`${field} must not look like a UUID: routes accept either, and the two must not collide`, { param: field });
  return slug;
}

/** Portkey's minimums: a cost limit of $1, a token limit of 100 tokens. */
export function checkUsageLimits(limits: UsageLimits | null | undefined, field = 'usage_limits'): UsageLimits | null {
  if (!limits) return null;
  if (limits.periodic_reset && limits.periodic_reset_days) {
    throw badRequest(`${field} takes periodic_reset or periodic_reset_days, not both`, { param: field });
  }
  if (limits.type === 'tokens' && limits.credit_limit != null && limits.credit_limit < 100) {
    throw badRequest(`${field}.credit_limit must be at least 100 for a token limit`, { param: field });
  }
  if (limits.alert_threshold != null && limits.credit_limit != null && limits.alert_threshold >= limits.credit_limit) {
    throw badRequest(`${field}.alert_threshold must be below credit_limit`, { param: field });
  }
  return limits;
}

export function checkRateLimits(limits: RateLimit[] | null | undefined, field = 'rate_limits'): RateLimit[] | null {
  if (!limits) return null;
  const seen = new Set<string>();
  for (const l of limits) {
    const key = `${l.type}/${l.unit}`;
    if (seen.has(key)) throw badRequest(`${field} lists more than one ${l.type} limit per ${l.unit}`, { param: field });
    seen.add(key);
  }
  return limits;
}

export function checkExpiry(expiresAt: string | null | undefined, now: number): string | null {
  if (expiresAt === undefined || expiresAt === null) return null;
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) throw badRequest(`expires_at "${expiresAt}" is not an ISO 8601 date-time`, { param: 'expires_at' });
  if (at <= now) throw badRequest('expires_at must be in the future', { param: 'expires_at' });
  return new Date(at).toISOString();
}

/** Mappings to secret references: `key` or `<prefix>.<field>`, each target once. */
export function checkSecretMappings(
  mappings: SecretMapping[] | null | undefined,
  prefix: 'configurations' | 'model_config',
): SecretMapping[] {
  if (!mappings) return [];
  const seen = new Set<string>();
  for (const m of mappings) {
    const ok = m.target_field === 'key' || new RegExp(`^${prefix}\\.[A-Za-z0-9_]+$`).test(m.target_field);
    if (!ok) {
      throw badRequest(`secret_mappings target_field "${m.target_field}" must be "key" or "${prefix}.<field>"`, {
        param: 'secret_mappings',
      });
    }
    if (seen.has(m.target_field)) {
      throw badRequest(`secret_mappings maps "${m.target_field}" more than once`, { param: 'secret_mappings' });
    }
    seen.add(m.target_field);
  }
  return mappings;
}

/** How messages name a configuration field: `configurations.custom_host`, or `customHost` for legacy callers. */
export type FieldName = (configField: string) => string;
export const fieldUnder =
  (prefix: string): FieldName =>
  (configField) =>
    `${prefix}.${configField}`;

/** The checks every saved configurations object passes: custom_host rule, header values as text. */
export function checkConfigurations(configs: Configurations, name: FieldName = fieldUnder('configurations')): Configurations {
  const host = configs.custom_host;
  if (host !== undefined && host !== null) {
    const field = name('custom_host');
    if (typeof host !== 'string') throw badRequest(`${field} must be a string`, { param: field });
    const result = checkSavedCustomHost(host, field);
    if (!result.ok) throw badRequest(result.message, { param: field });
  }
  const headers = configs.custom_headers;
  if (headers !== undefined && headers !== null) {
    const field = name('custom_headers');
    if (typeof headers !== 'object' || Array.isArray(headers)) {
      throw badRequest(`${field} must be an object of header names to values`, { param: field });
    }
    for (const [header, value] of Object.entries(headers)) {
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) {
        throw badRequest(`${field} has an invalid header name "${header}"`, { param: field });
      }
      if (typeof value !== 'string' || /[\r\n]/.test(value)) {
        throw badRequest(`${field}.${header} must be a single-line string`, { param: field });
      }
    }
  }
  return configs;
}
