// The egress tables (migration 0010): the admins' allow-list, contacted destinations with their
// counts, and refused attempts (the newest REFUSALS_KEPT only, so a caller cannot fill the disk).
import type { Sqlite } from '../../db/sqlite.ts';

export const REFUSALS_KEPT = 10_000;

export interface AllowListRow {
  id: string;
  destination: string;
  description: string | null;
  created_at: string;
  created_by_type: string | null;
  created_by_id: string | null;
  created_by_name: string | null;
}

export interface ContactRow {
  destination: string;
  feature: string;
  requests: number;
  connections: number;
  first_at: string;
  last_at: string;
}

export interface RefusalRow {
  at: string;
  destination: string;
  feature: string;
  caller_type: string | null;
  caller_id: string | null;
  caller_name: string | null;
  workspace_id: string | null;
  trace_id: string | null;
}

export function egressStore(db: Sqlite) {
  const list = db.prepare<[], AllowListRow>('SELECT * FROM egress_allow_list ORDER BY created_at, destination');
  const insert =
    db.prepare(`INSERT INTO egress_allow_list (id, destination, description, created_at, created_by_type, created_by_id, created_by_name)
    VALUES (@id, @destination, @description, @created_at, @created_by_type, @created_by_id, @created_by_name)`);
  const byDestination = db.prepare<[string], AllowListRow>('SELECT * FROM egress_allow_list WHERE destination = ?');
  const remove = db.prepare<[string]>('DELETE FROM egress_allow_list WHERE id = ?');
  const byId = db.prepare<[string], AllowListRow>('SELECT * FROM egress_allow_list WHERE id = ?');
  const contacts = db.prepare<[], ContactRow>('SELECT * FROM egress_contacts ORDER BY last_at DESC');
  const upsertContact = db.prepare(`INSERT INTO egress_contacts (destination, feature, requests, connections, first_at, last_at)
    VALUES (@destination, @feature, @requests, @connections, @first_at, @last_at)
    ON CONFLICT (destination, feature) DO UPDATE SET requests = requests + excluded.requests,
      connections = connections + excluded.connections, last_at = max(last_at, excluded.last_at)`);
  const insertRefusal =
    db.prepare(`INSERT INTO egress_refusals (at, destination, feature, caller_type, caller_id, caller_name, workspace_id, trace_id)
    VALUES (@at, @destination, @feature, @caller_type, @caller_id, @caller_name, @workspace_id, @trace_id)`);
  const prune = db.prepare<[number]>('DELETE FROM egress_refusals WHERE id <= (SELECT max(id) FROM egress_refusals) - ?');
  const refusals = db.prepare<[number], RefusalRow>(
    'SELECT at, destination, feature, caller_type, caller_id, caller_name, workspace_id, trace_id FROM egress_refusals ORDER BY id DESC LIMIT ?',
  );
  const refusalCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM egress_refusals');

  return {
    allowList: (): AllowListRow[] => list.all(),
    allowEntry: (id: string): AllowListRow | null => byId.get(id) ?? null,
    allowEntryFor: (destination: string): AllowListRow | null => byDestination.get(destination) ?? null,
    addAllowEntry: (row: AllowListRow): void => void insert.run(row),
    removeAllowEntry: (id: string): boolean => remove.run(id).changes > 0,
    contacts: (): ContactRow[] => contacts.all(),
    refusals: (limit: number): RefusalRow[] => refusals.all(limit),
    refusalCount: (): number => refusalCount.get()!.n,
    /** Adds counts accumulated in memory, and refusals, in one transaction. */
    save(contactDeltas: ContactRow[], newRefusals: RefusalRow[]): void {
      db.transaction(() => {
        for (const c of contactDeltas) upsertContact.run(c);
        for (const r of newRefusals) insertRefusal.run(r);
        if (newRefusals.length > 0) prune.run(REFUSALS_KEPT);
      })();
    },
  };
}

export type EgressStore = ReturnType<typeof egressStore>;
