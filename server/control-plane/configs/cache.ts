// Saved configs as the request path sees them: (workspace, slug or id) -> the current version's
// validated tree, or null. A miss reads SQLite once; misses are remembered too, so a client that
// keeps sending an unknown slug costs no query. Every config write clears the whole cache.
import { AppError, badRequest } from '../../errors.ts';
import { parseJson } from '../../db/rows.ts';
import type { ConfigNode } from '../../routing-configs/types.ts';
import { validateConfig } from '../../routing-configs/validate.ts';
import type { ConfigsRepository, CurrentConfigRow } from './repository.ts';

export interface ResolvedConfig {
  id: string;
  slug: string;
  versionId: string;
  config: ConfigNode;
}

/** Bound on remembered lookups; unknown slugs from clients must not grow memory without end. */
const MAX_ENTRIES = 10_000;

export class ConfigCache {
  private readonly entries = new Map<string, ResolvedConfig | null>();

  constructor(private readonly repo: Pick<ConfigsRepository, 'get'>) {}

  /** The active config `ref` (slug or UUID) names in the workspace; archived and foreign ones are null. */
  resolve(workspaceId: string, ref: string): ResolvedConfig | null {
    const key = `${workspaceId}\n${ref}`;
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const row = this.repo.get(ref);
    const value = row && row.workspace_id === workspaceId && row.status === 'active' ? resolved(row) : null;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

function resolved(row: CurrentConfigRow): ResolvedConfig {
  let config: ConfigNode;
  try {
    // Saved configs passed validation when written; validating again gives the router a tree it
    // can trust even if the rules have since become stricter or the row was edited by hand.
    config = validateConfig(parseJson<unknown>(row.config, null));
  } catch (err) {
    const reason = err instanceof AppError ? err.message : String(err);
    throw badRequest(
      `Saved config "${row.slug}" (version ${row.version}) is not valid: ${reason}. Fix it with PUT /v1/configs/${row.slug}`,
      {
        param: 'x-portkey-config',
        code: 'invalid_saved_config',
      },
    );
  }
  return { id: row.id, slug: row.slug, versionId: row.current_version_id, config };
}
