// The appliance serves one organisation; this reads and creates it.
import type { Sqlite } from '../../db/sqlite.ts';

export interface OrganisationRow {
  id: string;
  name: string;
  settings: string;
  created_at: string;
  last_updated_at: string;
}

export function organisationRepository(db: Sqlite) {
  const first = db.prepare<[], OrganisationRow>('SELECT * FROM organisations ORDER BY created_at LIMIT 1');
  const insert = db.prepare(`INSERT INTO organisations (id, name, settings, created_at, last_updated_at)
    VALUES (@id, @name, @settings, @created_at, @last_updated_at)`);
  const writeSettings = db.prepare('UPDATE organisations SET settings = ?, last_updated_at = ? WHERE id = ?');
  return {
    get: () => first.get() ?? null,
    updateSettings: (id: string, settings: string, at: string) => void writeSettings.run(settings, at, id),
    insert: (row: OrganisationRow) => void insert.run(row),
  };
}

export type OrganisationRepository = ReturnType<typeof organisationRepository>;
