// Finds the workspace an audited request acted in, by reading (never writing) the tables that
// hold the resources. Runs before the handler, so a deleted resource is still there to be read.
// A lookup that fails (a table another migration renamed) just leaves the workspace unknown.
import type { Sqlite } from '../db/sqlite.ts';

type Lookup = (ref: string) => string | null;

/** Resources an organisation key may name without saying their workspace, and where to look. */
const OWNER_QUERIES: Readonly<Record<string, string>> = {
  api_key: 'SELECT workspace_id AS ws FROM api_keys WHERE id = @ref',
  config: 'SELECT workspace_id AS ws FROM configs WHERE id = @ref OR slug = @ref',
  integration: 'SELECT workspace_id AS ws FROM integrations WHERE id = @ref OR slug = @ref',
  provider: 'SELECT workspace_id AS ws FROM providers WHERE id = @ref',
  virtual_key: 'SELECT workspace_id AS ws FROM providers WHERE id = @ref',
};

export function workspaceLocator(db: Sqlite) {
  const cache = new Map<string, Lookup>();
  const lookup = (name: string, sql: string): Lookup => {
    let fn = cache.get(name);
    if (!fn) {
      let stmt: ReturnType<Sqlite['prepare']> | null = null;
      fn = (ref) => {
        try {
          stmt ??= db.prepare(sql);
          const row = stmt.get({ ref }) as { ws: string | null } | undefined;
          return row?.ws ?? null;
        } catch {
          return null;
        }
      };
      cache.set(name, fn);
    }
    return fn;
  };
  return {
    /** A workspace id or slug -> its id; unknown refs come back as they are. */
    workspace(ref: string): string {
      return lookup('workspace', 'SELECT id AS ws FROM workspaces WHERE id = @ref OR slug = @ref')(ref) ?? ref;
    },
    /** The workspace of a resource named by id or slug, when the type is one that lives in one. */
    ownerOf(resourceType: string, ref: string): string | null {
      const sql = OWNER_QUERIES[resourceType];
      return sql ? lookup(resourceType, sql)(ref) : null;
    },
  };
}

export type WorkspaceLocator = ReturnType<typeof workspaceLocator>;
