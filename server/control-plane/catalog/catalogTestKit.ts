// Helpers for the catalog tests: JSON calls through app.inject(), and a second workspace with its
// own service key (the workspace-create API arrives later, so the row is inserted directly).
import type { TestApp } from '../../../test/helpers/testApp.ts';
import { isoNow } from '../../db/rows.ts';
import { newId } from '../../ids.ts';
import { SCOPES_BY_KEY_TYPE } from '../api-keys/scopes.ts';
import type { WorkspaceRow } from '../workspaces/repository.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type Headers = Record<string, string>;

export interface Reply {
  status: number;
  // Response bodies are whatever JSON the route sent; tests read them field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

export async function call(t: TestApp, method: Method, url: string, headers: Headers, payload?: unknown): Promise<Reply> {
  const res = await t.app.inject({ method, url, headers, payload: payload as object | undefined });
  return { status: res.statusCode, body: res.body ? res.json() : undefined, text: res.body };
}

export function addWorkspace(t: TestApp, slug: string): WorkspaceRow {
  const at = isoNow();
  const row: WorkspaceRow = {
    id: newId(),
    organisation_id: t.credentials.organisation_id,
    slug,
    name: `Workspace ${slug}`,
    description: null,
    is_default: 0,
    status: 'active',
    defaults: '{}',
    usage_limits: '[]',
    rate_limits: '[]',
    created_at: at,
    last_updated_at: at,
  };
  t.app.services.repos.workspaces.insert(row);
  return row;
}

/** A workspace service key with every scope such a key may hold. */
export async function workspaceKey(t: TestApp, workspaceId: string, scopes = [...SCOPES_BY_KEY_TYPE['workspace-service']]): Promise<Headers> {
  const res = await call(t, 'POST', '/v1/api-keys/workspace/service', t.admin, { name: 'test key', workspace_id: workspaceId, scopes });
  if (res.status !== 200) throw new Error(`could not create a workspace key: ${res.text}`);
  return { 'x-portkey-api-key': res.body.key };
}

/** Every row of every catalog table, as one string to search for leaked secrets. */
export function catalogDump(t: TestApp): string {
  const tables = ['integrations', 'integration_workspaces', 'integration_models', 'providers'];
  return tables.map((table) => JSON.stringify(t.stores.db.prepare(`SELECT * FROM ${table}`).all())).join('\n');
}
