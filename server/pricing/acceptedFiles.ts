// The pricing_files table (migration 0011): admin pricing files as last accepted.
import type { Sqlite } from '../db/sqlite.ts';
import type { AcceptedFile, AcceptedFileStore } from './tables.ts';

export function acceptedPricingFiles(db: Sqlite): AcceptedFileStore {
  const all = db.prepare<[], AcceptedFile>('SELECT layer, name, sha256, content, accepted_at, refused_sha256 FROM pricing_files');
  const put = db.prepare(`INSERT INTO pricing_files (layer, name, sha256, content, accepted_at, refused_sha256)
    VALUES (@layer, @name, @sha256, @content, @accepted_at, @refused_sha256)
    ON CONFLICT (layer, name) DO UPDATE SET sha256 = excluded.sha256, content = excluded.content,
      accepted_at = excluded.accepted_at, refused_sha256 = excluded.refused_sha256`);
  const remove = db.prepare<[string, string]>('DELETE FROM pricing_files WHERE layer = ? AND name = ?');
  return {
    all: () => all.all(),
    put: (file) => void put.run(file),
    remove: (layer, name) => void remove.run(layer, name),
  };
}
