// Audit events of things the appliance notices rather than requests it answers: a pricing file
// dropped into a folder (added, changed, removed, or refused with the field at fault). No actor:
// whoever wrote the file did so outside the appliance.
import { newId } from '../ids.ts';
import type { PricingFileEvent } from '../pricing/tables.ts';
import type { AuditEvent } from './events.ts';

export function pricingFileAuditEvent(organisationId: string, e: PricingFileEvent): AuditEvent {
  return {
    organisation_id: organisationId,
    workspace_id: null,
    actor: null,
    // Not an HTTP request: the method says where the change came from.
    method: 'FILE',
    uri: e.file,
    request_id: newId(),
    request_body: { layer: e.layer, sha256: e.sha256, previous_sha256: e.previous_sha256, models: e.models, error: e.error },
    response_status_code: e.action === 'reject' ? 400 : 200,
    resource_type: 'pricing_file',
    resource_id: `${e.layer}/${e.file.split(/[\\/]/).pop()}`,
    action: e.action,
  };
}

/** A scheduled backup, written (or failed) with no request behind it. */
export function scheduledBackupAuditEvent(
  organisationId: string,
  r: { ok: boolean; name: string | null; error: string | null },
): AuditEvent {
  return {
    organisation_id: organisationId,
    workspace_id: null,
    actor: null,
    method: 'POST',
    uri: '/v1/admin/backups/schedule',
    request_id: newId(),
    request_body: { scheduled: true, file: r.name, error: r.error },
    response_status_code: r.ok ? 200 : 500,
    resource_type: 'backup',
    resource_id: r.name,
    action: 'create',
  };
}
