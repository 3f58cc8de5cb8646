// Shared by the log tests: the real app on real stores, rows written through the real LogWriter,
// and the people and keys the visibility rules are about.
import { isoNow } from '../../server/db/rows.ts';
import { newId } from '../../server/ids.ts';
import { startTestApp, type TestAppOptions } from '../helpers/testApp.ts';
import { makeLogEvent } from '../helpers/logEvents.ts';
import type { LogEvent } from '../../server/logs/events.ts';

export async function startLogsTestApp(options: TestAppOptions = {}) {
  const t = await startTestApp(options);
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) => {
    const res = await t.app.inject({ method, url, headers, payload: payload as object });
    // The body as parsed JSON (typed loosely, as tests read it), or null when the answer is not JSON.
    const body = res.headers['content-type']?.toString().startsWith('application/json') ? res.json() : null;
    return { status: res.statusCode, body, text: res.body, headers: res.headers };
  };
  const as = (raw: string) => ({ 'x-portkey-api-key': raw });
  const ws = t.credentials.workspace;

  async function createKey(type: 'workspace/service' | 'workspace/user', scopes: string[], extra: Record<string, unknown> = {}) {
    const res = await call('POST', `/v1/api-keys/${type}`, t.admin, {
      name: `key-${newId().slice(0, 6)}`,
      workspace_id: ws.id,
      scopes,
      ...extra,
    });
    if (res.status !== 200) throw new Error(`creating a ${type} key failed: ${res.text}`);
    return { id: res.body.id as string, key: res.body.key as string, headers: as(res.body.key as string) };
  }

  return {
    ...t,
    call,
    as,
    /** Writes events through the app's LogWriter and waits until DuckDB has them. */
    async insert(events: LogEvent[]) {
      for (const e of events) t.app.logWriter.write(e);
      await t.app.logWriter.flush();
      return events;
    },
    /** A complete event in the default workspace of this app's organisation. */
    event(overrides: Partial<LogEvent> = {}): LogEvent {
      return makeLogEvent({ organisation_id: t.credentials.organisation_id, workspace_id: ws.id, workspace_slug: ws.slug, ...overrides });
    },
    /** A user of the organisation, written straight to the database (the users API is not under test). */
    addUser(role: 'owner' | 'admin' | 'member', workspaceRole?: 'admin' | 'manager' | 'member') {
      const id = newId();
      const at = isoNow();
      t.stores.db
        .prepare('INSERT INTO users (id, organisation_id, email, role, status, created_at, last_updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, t.credentials.organisation_id, `${id}@example.test`, role, 'active', at, at);
      if (workspaceRole) {
        t.stores.db
          .prepare('INSERT INTO workspace_members (workspace_id, user_id, role, created_at, last_updated_at) VALUES (?, ?, ?, ?, ?)')
          .run(ws.id, id, workspaceRole, at, at);
      }
      return id;
    },
    userKey: (userId: string, scopes: string[]) => createKey('workspace/user', scopes, { user_id: userId }),
    serviceKey: (scopes: string[]) => createKey('workspace/service', scopes),
    /** Replaces the organisation's settings JSON (the settings API is not under test). */
    setSettings(settings: Record<string, unknown>) {
      t.stores.db
        .prepare('UPDATE organisations SET settings = ? WHERE id = ?')
        .run(JSON.stringify(settings), t.credentials.organisation_id);
      t.app.services.settings.invalidate();
    },
    /** A second workspace of the organisation. */
    addWorkspace(slug: string) {
      const at = isoNow();
      const row = {
        id: newId(),
        slug,
        organisation_id: t.credentials.organisation_id,
        name: slug,
        description: null,
        is_default: 0,
        status: 'active' as const,
        defaults: '{}',
        usage_limits: '[]',
        rate_limits: '[]',
        created_at: at,
        last_updated_at: at,
      };
      t.app.services.repos.workspaces.insert(row);
      return row;
    },
  };
}

export type LogsTestApp = Awaited<ReturnType<typeof startLogsTestApp>>;

/** Every id of a list, following next_cursor until the last page. */
export async function allPages(t: LogsTestApp, query: string, headers: Record<string, string>, pageSize = 100) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = query ? '&' : '';
    const res = await t.call('GET', `/v1/logs?${query}${sep}page_size=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`, headers);
    if (res.status !== 200) throw new Error(`GET /v1/logs?${query}: ${res.status} ${res.text}`);
    ids.push(...(res.body.data as { id: string }[]).map((d) => d.id));
    cursor = res.body.next_cursor as string | null;
    pages += 1;
  } while (cursor && pages < 1000);
  return ids;
}

/** The order the list and exports use: newest first, then id descending. */
export function newestFirst(events: LogEvent[]): string[] {
  return [...events].sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).map((e) => e.id);
}
