// What one audit event holds, who the actor was, and how an event becomes a stored row (with its
// secrets masked). Other modules record events through AuditLog.record(), e.g. logins.
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../identity/auth.ts';
import { isoNow } from '../db/rows.ts';
import { newId } from '../ids.ts';
import { maskHeaders, maskSecrets } from '../security/secretMask.ts';

export interface AuditActor {
  user_type: 'user' | 'api_key';
  /** The person: the owner of a user key, or the logged-in user. */
  user_id: string | null;
  api_key_id: string | null;
  api_key_type: string | null;
}

export interface AuditEvent {
  /** Milliseconds since the epoch; the recorder's clock when left out. */
  timestamp?: number;
  organisation_id: string;
  workspace_id?: string | null;
  /** null when nobody was authenticated (a refused key, a failed login with an unknown name). */
  actor: AuditActor | null;
  method: string;
  /** The path without its query string. */
  uri: string;
  request_id: string;
  /** As received: masked when written. */
  request_body?: unknown;
  query_params?: unknown;
  request_headers?: Record<string, string | string[] | undefined>;
  response_status_code: number;
  resource_type: string;
  resource_id?: string | null;
  /** create, update, delete, rotate, publish, export, manage, duplicate, login, login_failed, … */
  action: string;
  client_ip?: string | null;
  user_agent?: string | null;
}

export interface AuditRow {
  id: string;
  timestamp: string;
  organisation_id: string;
  workspace_id: string | null;
  user_id: string | null;
  user_type: 'user' | 'api_key' | null;
  api_key_id: string | null;
  api_key_type: string | null;
  method: string;
  uri: string;
  request_id: string;
  request_body: string | null;
  query_params: string | null;
  request_headers: string | null;
  response_status_code: number;
  resource_type: string;
  resource_id: string | null;
  action: string;
  client_ip: string | null;
  user_agent: string | null;
  country: string | null;
}

export function actorOf(auth: AuthContext | null): AuditActor | null {
  if (auth === null) return null;
  switch (auth.kind) {
    case 'api_key':
      return { user_type: 'api_key', user_id: auth.userId, api_key_id: auth.key.id, api_key_type: auth.key.type };
    case 'session':
      return { user_type: 'user', user_id: auth.userId, api_key_id: null, api_key_type: null };
  }
}

/** The request facts every event repeats; spread into record() by routes that record their own events. */
export function requestFacts(req: FastifyRequest) {
  const ua = req.headers['user-agent'];
  return {
    method: req.method,
    uri: req.url.split('?')[0]!,
    request_id: String(req.id),
    query_params: req.query,
    request_headers: req.headers,
    client_ip: req.ip ?? null,
    user_agent: typeof ua === 'string' ? ua : null,
  };
}

/** Bodies above this many characters are stored as a summary: the log is for who did what, not for payloads. */
export const MAX_STORED_JSON = 64 * 1024;

function storedJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (Buffer.isBuffer(value)) return JSON.stringify({ _bytes: value.length });
  const text = JSON.stringify(maskSecrets(value));
  if (text === undefined) return null;
  if (text.length <= MAX_STORED_JSON) return text;
  const keys = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : undefined;
  return JSON.stringify({ _truncated: true, _length: text.length, _keys: keys });
}

export function toRow(event: AuditEvent, now: number): AuditRow {
  const actor = event.actor;
  return {
    id: newId(),
    timestamp: isoNow(event.timestamp ?? now),
    organisation_id: event.organisation_id,
    workspace_id: event.workspace_id ?? null,
    user_id: actor?.user_id ?? null,
    user_type: actor?.user_type ?? null,
    api_key_id: actor?.api_key_id ?? null,
    api_key_type: actor?.api_key_type ?? null,
    method: event.method.toUpperCase(),
    uri: event.uri,
    request_id: event.request_id,
    request_body: storedJson(event.request_body),
    query_params: storedJson(event.query_params),
    request_headers: event.request_headers ? storedJson(maskHeaders(event.request_headers)) : null,
    response_status_code: event.response_status_code,
    resource_type: event.resource_type,
    resource_id: event.resource_id ?? null,
    action: event.action,
    client_ip: event.client_ip ?? null,
    user_agent: event.user_agent ?? null,
    country: null,
  };
}
