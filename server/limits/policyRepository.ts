// Usage-limit and rate-limit policies in SQLite (spec §2.8): rows in, typed policies out.
import type { Sqlite } from '../db/sqlite.ts';
import { parseJson } from '../db/rows.ts';
import type { PolicyCondition, PolicyGroup } from './policyMatch.ts';
import type { RateUnit } from './windows.ts';

interface PolicyBase {
  id: string;
  organisation_id: string;
  workspace_id: string | null;
  name: string;
  description: string | null;
  conditions: PolicyCondition[];
  group_by: PolicyGroup[];
  status: 'active' | 'archived';
  created_by: string | null;
  created_at: string;
  last_updated_at: string;
}

export interface UsagePolicy extends PolicyBase {
  type: 'cost' | 'tokens' | 'requests';
  credit_limit: number;
  alert_threshold: number | null;
  periodic_reset: 'weekly' | 'monthly' | null;
  periodic_reset_days: number | null;
  next_usage_reset_at: string | null;
}

export interface RatePolicy extends PolicyBase {
  target: 'llm' | 'mcp_tools';
  type: 'requests' | 'tokens';
  unit: RateUnit;
  value: number;
}

type Row<P> = Omit<P, 'conditions' | 'group_by'> & { conditions: string; group_by: string };

const fromRow = <P>(row: Row<P>): P => ({ ...row, conditions: parseJson(row.conditions, []), group_by: parseJson(row.group_by, []) }) as P;
const toRow = <P extends PolicyBase>(p: P) => ({ ...p, conditions: JSON.stringify(p.conditions), group_by: JSON.stringify(p.group_by) });

export interface PolicyFilter {
  organisationId: string;
  /** Only these workspaces (and, with includeOrganisation, the organisation's own policies). */
  workspaceIds?: string[];
  includeOrganisation: boolean;
  status?: string;
  type?: string;
  unit?: string;
  limit: number;
  offset: number;
}

export interface EntityRow {
  id: string;
  policy_id: string;
  value_key: string;
  workspace_id: string | null;
  created_at: string;
}

function policyTable<P extends PolicyBase>(db: Sqlite, table: string, columns: string[]) {
  const all = ['id', 'organisation_id', 'workspace_id', 'name', 'description', 'conditions', 'group_by', ...columns];
  all.push('status', 'created_by', 'created_at', 'last_updated_at');
  const insert = db.prepare(`INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map((c) => `@${c}`).join(', ')})`);
  const byId = db.prepare<[string], Row<P>>(`SELECT * FROM ${table} WHERE id = ?`);
  const active = db.prepare<[], Row<P>>(`SELECT * FROM ${table} WHERE status = 'active'`);
  return {
    insert: (p: P) => void insert.run(toRow(p)),
    get: (id: string): P | null => {
      const row = byId.get(id);
      return row ? fromRow<P>(row) : null;
    },
    active: (): P[] => active.all().map((r) => fromRow<P>(r)),
    update(id: string, changes: Partial<P>): void {
      const row: Record<string, unknown> = { ...changes };
      if (changes.conditions) row.conditions = JSON.stringify(changes.conditions);
      if (changes.group_by) row.group_by = JSON.stringify(changes.group_by);
      const keys = Object.keys(row);
      if (keys.length === 0) return;
      db.prepare(`UPDATE ${table} SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...row, id });
    },
    list(f: PolicyFilter): { total: number; rows: P[] } {
      const where = ['organisation_id = ?'];
      const params: unknown[] = [f.organisationId];
      const scope: string[] = [];
      if (f.workspaceIds) {
        if (f.workspaceIds.length) scope.push(`workspace_id IN (${f.workspaceIds.map(() => '?').join(',')})`);
        params.push(...f.workspaceIds);
        if (f.includeOrganisation) scope.push('workspace_id IS NULL');
        where.push(scope.length ? `(${scope.join(' OR ')})` : '0');
      }
      for (const [column, value] of [
        ['status', f.status],
        ['type', f.type],
        ['unit', f.unit],
      ] as const) {
        if (value === undefined) continue;
        const values = value.split(',').map((v) => v.trim());
        where.push(`${column} IN (${values.map(() => '?').join(',')})`);
        params.push(...values);
      }
      const clause = where.join(' AND ');
      const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${clause}`).get(...params)!.n;
      const rows = db
        .prepare<unknown[], Row<P>>(`SELECT * FROM ${table} WHERE ${clause} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`)
        .all(...params, f.limit, f.offset)
        .map((r) => fromRow<P>(r));
      return { total, rows };
    },
  };
}

export function policyRepository(db: Sqlite) {
  const usage = policyTable<UsagePolicy>(db, 'usage_limit_policies', [
    'type',
    'credit_limit',
    'alert_threshold',
    'periodic_reset',
    'periodic_reset_days',
    'next_usage_reset_at',
  ]);
  const rate = policyTable<RatePolicy>(db, 'rate_limit_policies', ['target', 'type', 'unit', 'value']);
  const entityById = db.prepare<[string], EntityRow>('SELECT * FROM policy_entities WHERE id = ?');
  const allEntities = db.prepare<[], EntityRow>('SELECT * FROM policy_entities');
  return {
    usage,
    rate,
    entity: (id: string): EntityRow | null => entityById.get(id) ?? null,
    /** Every entity ever counted, loaded once at start. */
    allEntities: (): EntityRow[] => allEntities.all(),
    entities(policyId: string, search: string | undefined, limit: number, offset: number): { total: number; rows: EntityRow[] } {
      const where = ['policy_id = ?'];
      const params: unknown[] = [policyId];
      if (search) {
        where.push('instr(lower(value_key), lower(?)) > 0');
        params.push(search);
      }
      const clause = where.join(' AND ');
      const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM policy_entities WHERE ${clause}`).get(...params)!.n;
      const rows = db
        .prepare<unknown[], EntityRow>(`SELECT * FROM policy_entities WHERE ${clause} ORDER BY created_at, value_key LIMIT ? OFFSET ?`)
        .all(...params, limit, offset);
      return { total, rows };
    },
  };
}

export type PolicyRepository = ReturnType<typeof policyRepository>;
