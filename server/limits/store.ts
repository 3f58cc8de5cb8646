// Where the in-memory counters become durable: one SQLite transaction per batch (every second and
// at shutdown) writes the counters, windows, new policy entities and notifications that changed,
// and mirrors each budget's usage and status onto the row the Admin API reads it from.
import type { Sqlite } from '../db/sqlite.ts';
import { isoNow, parseJson } from '../db/rows.ts';
import type { BudgetDef, BudgetRecord } from './budget.ts';
import type { WindowState } from './windows.ts';

export interface CounterRow {
  counter_key: string;
  cost: number;
  tokens: number;
  requests: number;
  status: 'active' | 'exhausted';
  threshold_alert_sent: number;
  exhausted_alert_sent: number;
  last_reset_at: string | null;
  next_reset_at: string | null;
  anchor: string;
  definition: string | null;
  updated_at: string;
}

export interface NotificationRow {
  id: string;
  organisation_id: string;
  workspace_id: string | null;
  type: string;
  subject_type: string;
  subject_id: string;
  message: string;
  data: string;
  created_at: string;
}

export interface Batch {
  counters: { key: string; record: BudgetRecord; mirror: number }[];
  windows: { key: string; state: WindowState }[];
  entities: { id: string; policy_id: string; value_key: string; workspace_id: string | null; created_at: string }[];
  notifications: NotificationRow[];
}

const iso = (t: number | null) => (t === null ? null : isoNow(t));
const ms = (t: string | null) => (t === null ? null : Date.parse(t));

export function recordOf(row: CounterRow): BudgetRecord {
  return {
    cost: row.cost,
    tokens: row.tokens,
    requests: row.requests,
    status: row.status,
    thresholdSent: row.threshold_alert_sent === 1,
    exhaustedSent: row.exhausted_alert_sent === 1,
    lastResetAt: ms(row.last_reset_at),
    nextResetAt: ms(row.next_reset_at),
    anchor: Date.parse(row.anchor),
    def: parseJson<BudgetDef | null>(row.definition, null),
  };
}

export function limitsStore(db: Sqlite, now: () => number) {
  const upsertCounter = db.prepare(`INSERT INTO usage_counters (counter_key, cost, tokens, requests, status, threshold_alert_sent,
      exhausted_alert_sent, last_reset_at, next_reset_at, anchor, definition, updated_at)
    VALUES (@counter_key, @cost, @tokens, @requests, @status, @threshold_alert_sent, @exhausted_alert_sent, @last_reset_at,
      @next_reset_at, @anchor, @definition, @updated_at)
    ON CONFLICT (counter_key) DO UPDATE SET cost = excluded.cost, tokens = excluded.tokens, requests = excluded.requests,
      status = excluded.status, threshold_alert_sent = excluded.threshold_alert_sent,
      exhausted_alert_sent = excluded.exhausted_alert_sent, last_reset_at = excluded.last_reset_at,
      next_reset_at = excluded.next_reset_at, anchor = excluded.anchor, definition = excluded.definition,
      updated_at = excluded.updated_at`);
  const upsertWindow = db.prepare(`INSERT INTO rate_windows (window_key, state, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (window_key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`);
  const insertEntity = db.prepare(`INSERT OR IGNORE INTO policy_entities (id, policy_id, value_key, workspace_id, created_at)
    VALUES (@id, @policy_id, @value_key, @workspace_id, @created_at)`);
  const insertNotification = db.prepare(`INSERT INTO notifications (id, organisation_id, workspace_id, type, subject_type, subject_id,
      message, data, created_at) VALUES (@id, @organisation_id, @workspace_id, @type, @subject_type, @subject_id, @message, @data, @created_at)`);
  // The rows the Admin API shows usage on. An expired key keeps `expired`. A provider's status is
  // not mirrored: the catalog caches it and the gateway refuses a provider whose row says
  // `exhausted` (gateway/target.ts), so a mirrored status would outlive the reset that lifted it.
  // The views show the live status instead.
  const mirrors: Record<string, (id: string, usage: number, status: string, lastReset: string | null) => void> = {
    api_key: mirror(
      db,
      `UPDATE api_keys SET current_usage = ?, status = CASE WHEN status = 'expired' THEN status ELSE ? END,
        last_reset_at = coalesce(?, last_reset_at) WHERE id = ?`,
    ),
    provider: mirror(db, `UPDATE providers SET current_usage = ?, last_reset_at = coalesce(?, last_reset_at) WHERE id = ?`, false),
    allocation: (key, usage, status, lastReset) => {
      const [integrationId, workspaceId] = key.split(':');
      allocationMirror.run(usage, status, lastReset, integrationId, workspaceId);
    },
    workspace: (key, usage, _status, lastReset) => {
      const [id, index] = key.split('#');
      // The row has one counter: the first budget's.
      if (index === '0') workspaceMirror.run(usage, lastReset, id);
    },
  };
  const allocationMirror = db.prepare(
    `UPDATE integration_workspaces SET current_usage = ?, status = ?, last_reset_at = coalesce(?, last_reset_at)
     WHERE integration_id = ? AND workspace_id = ?`,
  );
  const workspaceMirror = db.prepare('UPDATE workspaces SET current_usage = ?, last_reset_at = coalesce(?, last_reset_at) WHERE id = ?');

  const write = db.transaction((batch: Batch) => {
    const at = isoNow(now());
    for (const { key, record, mirror: usage } of batch.counters) {
      upsertCounter.run({
        counter_key: key,
        cost: record.cost,
        tokens: record.tokens,
        requests: record.requests,
        status: record.status,
        threshold_alert_sent: record.thresholdSent ? 1 : 0,
        exhausted_alert_sent: record.exhaustedSent ? 1 : 0,
        last_reset_at: iso(record.lastResetAt),
        next_reset_at: iso(record.nextResetAt),
        anchor: isoNow(record.anchor),
        definition: record.def ? JSON.stringify(record.def) : null,
        updated_at: at,
      });
      const colon = key.indexOf(':');
      mirrors[key.slice(0, colon)]?.(key.slice(colon + 1), usage, record.status, iso(record.lastResetAt));
    }
    for (const w of batch.windows) upsertWindow.run(w.key, JSON.stringify(w.state), at);
    for (const e of batch.entities) insertEntity.run(e);
    for (const n of batch.notifications) insertNotification.run(n);
  });

  return {
    counters: (): CounterRow[] => db.prepare<[], CounterRow>('SELECT * FROM usage_counters').all(),
    windows: (): { window_key: string; state: string }[] =>
      db.prepare<[], { window_key: string; state: string }>('SELECT window_key, state FROM rate_windows').all(),
    write: (batch: Batch) => write(batch),
    notifications(filter: { organisationId: string; workspaceId: string | null; since?: string; limit: number; offset: number }) {
      const where = ['organisation_id = ?'];
      const params: unknown[] = [filter.organisationId];
      if (filter.workspaceId) {
        where.push('workspace_id = ?');
        params.push(filter.workspaceId);
      }
      if (filter.since) {
        where.push('created_at >= ?');
        params.push(filter.since);
      }
      const clause = where.join(' AND ');
      const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM notifications WHERE ${clause}`).get(...params)!.n;
      const rows = db
        .prepare<unknown[], NotificationRow>(`SELECT * FROM notifications WHERE ${clause} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`)
        .all(...params, filter.limit, filter.offset);
      return { total, rows };
    },
  };
}

function mirror(db: Sqlite, sql: string, withStatus = true) {
  const statement = db.prepare(sql);
  return (id: string, usage: number, status: string, lastReset: string | null) =>
    void (withStatus ? statement.run(usage, status, lastReset, id) : statement.run(usage, lastReset, id));
}

export type LimitsStore = ReturnType<typeof limitsStore>;
