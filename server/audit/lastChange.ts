// Who last changed a resource, from the audit log: the egress report says who saved the
// integration behind each allowed destination. Names come from lookups the caller passes in.
import type { AuditRepository } from './repository.ts';

export interface ChangeAuthor {
  by: string | null;
  at: string;
}

export interface AuthorNames {
  user(id: string): string | null;
  apiKey(id: string): string | null;
}

export function lastChange(repo: AuditRepository, names: AuthorNames) {
  return (organisationId: string, resourceType: string, refs: string[]): ChangeAuthor | null => {
    let latest: { user_id: string | null; api_key_id: string | null; user_type: string | null; timestamp: string } | null = null;
    for (const ref of refs) {
      const { rows } = repo.list({ organisationId, resourceType, resourceId: ref }, { limit: 5, offset: 0 });
      // Refused attempts changed nothing.
      const row = rows.find((r) => r.response_status_code < 400);
      if (row && (latest === null || row.timestamp > latest.timestamp)) latest = row;
    }
    if (latest === null) return null;
    const by =
      latest.user_type === 'user' && latest.user_id
        ? (names.user(latest.user_id) ?? `user ${latest.user_id}`)
        : latest.api_key_id
          ? `API key ${names.apiKey(latest.api_key_id) ?? latest.api_key_id}`
          : null;
    return { by, at: latest.timestamp };
  };
}
