// Where saved integrations send requests: the host and port of each active integration's base URL
// (its custom_host, or the provider's default, Azure's from its resource name) and of its models'
// own custom_hosts. Saving an integration is how an admin allows its destination (docs/adr/0023).
import { parseJson } from '../../db/rows.ts';
import type { Sqlite } from '../../db/sqlite.ts';
import { providerSpec } from '../../provider-specs/registry.ts';
import { baseUrl } from '../../provider-specs/request.ts';
import type { AllowedDestination } from '../../security/egress/guard.ts';

export interface IntegrationDestination {
  /** `host:port`, as the egress allow-list writes it. */
  destination: string;
  integrationId: string;
  integrationSlug: string;
  /** The integration's model whose own custom_host this is, or null for the integration's. */
  model: string | null;
  updatedAt: string;
}

interface Row {
  id: string;
  slug: string;
  ai_provider_id: string;
  configurations: string;
  last_updated_at: string;
}

interface ModelRow {
  integration_id: string;
  slug: string;
  ai_provider_id: string;
  integration_slug: string;
  configurations: string;
  last_updated_at: string;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

function hostPort(url: string): string | null {
  try {
    const u = new URL(url);
    const port = u.port === '' ? DEFAULT_PORTS[u.protocol] : Number(u.port);
    return port === undefined ? null : `${u.hostname}:${port}`;
  } catch {
    return null;
  }
}

export function integrationDestinations(db: Sqlite) {
  const integrations = db.prepare<[], Row>(
    "SELECT id, slug, ai_provider_id, configurations, last_updated_at FROM integrations WHERE status = 'active'",
  );
  const models = db.prepare<[], ModelRow>(
    `SELECT m.integration_id, m.slug, i.ai_provider_id, i.slug AS integration_slug, m.configurations, m.last_updated_at
     FROM integration_models m JOIN integrations i ON i.id = m.integration_id
     WHERE i.status = 'active' AND m.configurations IS NOT NULL AND m.configurations LIKE '%custom_host%'`,
  );

  /** The base URL the gateway would call for these settings, or null when it could not call any. */
  function urlOf(providerId: string, configurations: Record<string, unknown>): string | null {
    const spec = providerSpec(providerId);
    if (!spec) return null;
    const customHost = typeof configurations.custom_host === 'string' && configurations.custom_host ? configurations.custom_host : null;
    try {
      return baseUrl({ spec, customHost, configurations, apiKey: null, customHeaders: {} });
    } catch {
      return null;
    }
  }

  return (): IntegrationDestination[] => {
    const out: IntegrationDestination[] = [];
    for (const row of integrations.all()) {
      const url = urlOf(row.ai_provider_id, parseJson<Record<string, unknown>>(row.configurations, {}));
      const destination = url && hostPort(url);
      if (destination) {
        out.push({ destination, integrationId: row.id, integrationSlug: row.slug, model: null, updatedAt: row.last_updated_at });
      }
    }
    for (const row of models.all()) {
      const host = parseJson<Record<string, unknown>>(row.configurations, {}).custom_host;
      if (typeof host !== 'string' || !host) continue;
      const url = urlOf(row.ai_provider_id, { custom_host: host });
      const destination = url && hostPort(url);
      if (destination) {
        out.push({
          destination,
          integrationId: row.integration_id,
          integrationSlug: row.integration_slug,
          model: row.slug,
          updatedAt: row.last_updated_at,
        });
      }
    }
    return out;
  };
}

/** The same, as the egress check's allowed destinations (who saved them comes from the audit log). */
export function asAllowedDestinations(list: IntegrationDestination[]): Omit<AllowedDestination, 'id'>[] {
  return list.map((d) => ({
    destination: d.destination,
    source: 'integration' as const,
    detail: d.model === null ? `integration ${d.integrationSlug}` : `integration ${d.integrationSlug}, model ${d.model}`,
    configured_by: null,
    configured_at: d.updatedAt,
    reference: { kind: 'integration' as const, id: d.integrationId, slug: d.integrationSlug },
  }));
}
