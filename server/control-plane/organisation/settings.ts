// The organisation's settings as the request path reads them: parsed once and kept in memory until
// a settings write calls invalidate().
import { parseJson } from '../../db/rows.ts';
import type { OrganisationRepository } from './repository.ts';

export interface OrganisationSettings {
  /** `metrics-only` keeps request logs without bodies or headers. */
  request_logging_mode?: 'full' | 'metrics-only';
  /** Refuse inline configs, providers, custom hosts and forwarded headers (also BLOCK_INLINE_CONFIG). */
  block_inline_config?: boolean;
  [key: string]: unknown;
}

export class OrganisationSettingsCache {
  private cached: OrganisationSettings | null = null;

  constructor(private readonly repo: OrganisationRepository) {}

  get(): OrganisationSettings {
    if (!this.cached) this.cached = parseJson<OrganisationSettings>(this.repo.get()?.settings ?? null, {});
    return this.cached;
  }

  invalidate(): void {
    this.cached = null;
  }
}
