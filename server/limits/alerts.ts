// A budget crossing its alert threshold or running out: an audit-log event now (the audit log
// batches its own writes) and an in-app notification, written with the next counter batch and
// listed by GET /v1/notifications. Portkey also emails; the appliance sends no mail.
import { isoNow } from '../db/rows.ts';
import { newId } from '../ids.ts';
import type { BudgetEvent } from './budget.ts';
import type { NotificationRow } from './store.ts';

/** Whose budget or window it is, for messages, notifications and audit events. */
export interface Owner {
  kind: 'api_key' | 'workspace' | 'provider' | 'allocation' | 'policy' | 'rate_policy';
  id: string;
  /** As messages name it: `API key "ci"`, `provider @vllm`, `usage limit policy "x" (metadata._user:alice)`. */
  name: string;
  organisationId: string;
  workspaceId: string | null;
  valueKey?: string;
  entityId?: string;
}

/** The audit log, as the limits engine records into it (audit/recorder.ts AuditLog fits). */
export interface AuditSink {
  record(event: {
    organisation_id: string;
    workspace_id: string | null;
    actor: null;
    method: string;
    uri: string;
    request_id: string;
    request_body: unknown;
    response_status_code: number;
    resource_type: string;
    resource_id: string;
    action: string;
  }): void;
}

const RESOURCE_TYPE: Record<Owner['kind'], string> = {
  api_key: 'api_key',
  workspace: 'workspace',
  provider: 'provider',
  allocation: 'integration_workspace',
  policy: 'usage_limit_policy',
  rate_policy: 'rate_limit_policy',
};

const UNIT: Record<string, string> = { cost: 'USD', tokens: 'tokens', requests: 'requests' };

function shown(type: string, value: number): string {
  return type === 'cost' ? `$${Number(value.toFixed(6))}` : `${value} ${type}`;
}

export class Alerts {
  private queue: NotificationRow[] = [];

  constructor(
    private readonly audit: AuditSink,
    private readonly now: () => number,
  ) {}

  crossed(e: BudgetEvent, owner: Owner, req: { traceId: string; path: string }, status: number): void {
    const def = e.budget.def!;
    const exhausted = e.kind === 'exhausted';
    const message = exhausted
      ? `The budget of ${owner.name} is exhausted: ${shown(def.type, e.usage)} used of ${shown(def.type, e.at)}. Requests it covers are refused with 412 until it resets or an admin raises its limit.`
      : `The budget of ${owner.name} reached its alert threshold: ${shown(def.type, e.usage)} used (threshold ${shown(def.type, e.at)}, limit ${def.limit === null ? 'none' : shown(def.type, def.limit)}).`;
    const data = {
      subject_type: RESOURCE_TYPE[owner.kind],
      subject_id: owner.id,
      value_key: owner.valueKey ?? null,
      entity_id: owner.entityId ?? null,
      budget_type: def.type,
      unit: UNIT[def.type],
      usage: e.usage,
      credit_limit: def.limit,
      alert_threshold: def.alertThreshold,
      // Requests admitted before it ran out and still running: they are counted when they finish.
      in_flight: e.budget.inflight,
      trace_id: req.traceId,
    };
    const at = this.now();
    this.queue.push({
      id: newId(),
      organisation_id: owner.organisationId,
      workspace_id: owner.workspaceId,
      type: exhausted ? 'usage_limit.exhausted' : 'usage_limit.threshold_reached',
      subject_type: data.subject_type,
      subject_id: owner.id,
      message,
      data: JSON.stringify(data),
      created_at: isoNow(at),
    });
    this.audit.record({
      organisation_id: owner.organisationId,
      workspace_id: owner.workspaceId,
      actor: null,
      method: 'POST',
      uri: `/v1${req.path}`,
      request_id: req.traceId,
      request_body: { message, ...data },
      response_status_code: status,
      resource_type: data.subject_type,
      resource_id: owner.id,
      action: exhausted ? 'usage_exhausted' : 'usage_threshold_reached',
    });
  }

  /** The notifications not yet written, handed to the next batch. */
  take(): NotificationRow[] {
    const out = this.queue;
    this.queue = [];
    return out;
  }

  putBack(rows: NotificationRow[]): void {
    this.queue.unshift(...rows);
  }
}
