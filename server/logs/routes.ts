// Logs (spec §2.10): GET /v1/logs (the filtered list the UI pages through), GET /v1/logs/{id}
// (Portkey's log shape, bodies unless logged metrics-only), POST /v1/logs (custom log ingest).
// Reads flush the batch writer first, so a log is readable as soon as its request has answered.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { forbidden, notFound } from '../errors.ts';
import { hasScope, requireCompletionsAccess, requireScope, type AuthContext } from '../identity/auth.ts';
import { AnyObject } from '../http/schemas.ts';
import { FILTER_NAMES, parseLogFilter } from './filters.ts';
import { decodeCursor, feedbackKey, logView } from './repository.ts';
import { customLogEvent } from './ingest.ts';
import type { LogsRuntime } from './runtime.ts';

/** GET /logs/{id}: spec §2.10 lets any of these read one log. */
const READ_SCOPES = ['logs.view', 'logs.read', 'logs.write', 'completions.write'];
export const MAX_LIST_PAGE = 100;
export const MAX_INGEST_BATCH = 1000;

function requireAnyScope(auth: AuthContext, scopes: string[]) {
  if (!scopes.some((s) => hasScope(auth, s))) {
    throw forbidden(
      `You do not have enough permissions to execute this request (this API key needs one of the scopes ${scopes.join(', ')})`,
    );
  }
}

// Every filter arrives as text; parseLogFilter checks each and refuses unknown names.
const ListQuery = Type.Object({
  ...Object.fromEntries(FILTER_NAMES.map((name) => [name, Type.Optional(Type.String())])),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIST_PAGE })),
});

const Headers = Type.Record(Type.String(), Type.Unknown());
const CustomLog = Type.Object({
  request: Type.Object({
    url: Type.String({ minLength: 1, maxLength: 4096 }),
    method: Type.Optional(Type.String({ maxLength: 16 })),
    headers: Type.Optional(Headers),
    body: Type.Unknown(),
    provider: Type.Optional(Type.String({ maxLength: 64 })),
  }),
  response: Type.Object({
    status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
    headers: Type.Optional(Headers),
    body: Type.Unknown(),
    response_time: Type.Optional(Type.Number({ minimum: 0 })),
    time: Type.Optional(Type.Number({ minimum: 0 })),
    streamingMode: Type.Optional(Type.Boolean()),
  }),
  metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

const Ingested = Type.Object({ status: Type.Literal('success'), message: Type.String(), log_ids: Type.Array(Type.String()) });

export function logRoutes(rt: LogsRuntime): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { repo, writer, visibility, feedback } = rt;

    app.get(
      '/logs/:id',
      { schema: { params: Type.Object({ id: Type.String({ maxLength: 128 }) }), response: { 200: AnyObject } } },
      async (req) => {
        const auth = req.caller;
        requireAnyScope(auth, READ_SCOPES);
        await writer.flush();
        const found = await repo.get(req.params.id);
        // A log the caller may not see is as absent as one that does not exist.
        if (!found || !visibility.canSee(auth, found.row)) throw notFound(`Log "${req.params.id}" was not found`);
        const { row } = found;
        const items = await feedback.forTrace((row.workspace_id as string | null) ?? null, String(row.trace_id));
        return { ...logView(row, found.bodies, found.feedback, found.lateHooks), feedback: items };
      },
    );

    app.get(
      '/logs',
      {
        schema: {
          querystring: ListQuery,
          response: {
            200: Type.Object({
              object: Type.Literal('list'),
              total: Type.Integer(),
              has_more: Type.Boolean(),
              next_cursor: Type.Union([Type.String(), Type.Null()]),
              data: Type.Array(AnyObject),
            }),
          },
        },
      },
      async (req) => {
        const auth = req.caller;
        requireScope(auth, 'logs.list');
        const query = req.query as Record<string, unknown>;
        const filter = parseLogFilter(query, { extra: ['cursor', 'page_size'] });
        const cursor = req.query.cursor ? decodeCursor(req.query.cursor) : undefined;
        const workspace = rt.ws.named(auth, filter.workspace);
        await writer.flush();
        const page = await repo.list(filter, visibility.scopeFor(auth, workspace?.id ?? null), {
          pageSize: req.query.page_size ?? 50,
          cursor,
        });
        return {
          object: 'list' as const,
          total: page.total,
          has_more: page.nextCursor !== null,
          next_cursor: page.nextCursor,
          data: page.rows.map((r) => logView(r, null, page.feedback.get(feedbackKey(r.workspace_id, r.trace_id)))),
        };
      },
    );

    app.post(
      '/logs',
      {
        schema: {
          body: Type.Union([CustomLog, Type.Array(CustomLog, { minItems: 1, maxItems: MAX_INGEST_BATCH })]),
          response: { 200: Ingested },
        },
      },
      async (req) => {
        // Spec §2.10: custom logs need both completions.write and logs.write.
        const auth = requireCompletionsAccess(req.auth);
        requireScope(auth, 'logs.write');
        const workspace = rt.workspaces.get(auth.workspaceId!);
        if (!workspace || workspace.status !== 'active') throw forbidden('This API key belongs to a workspace that is archived or gone');
        const logs = Array.isArray(req.body) ? req.body : [req.body];
        const header = req.headers['x-portkey-trace-id'];
        const ctx = {
          auth,
          workspace,
          now: rt.now(),
          metricsOnly: rt.metricsOnly(workspace.id),
          traceId: typeof header === 'string' && header.trim() ? header.trim() : null,
          cost: rt.cost,
        };
        // Every entry is checked before any is written: a bad entry rejects the whole batch.
        const events = logs.map((log, i) => customLogEvent(log, i, ctx));
        for (const event of events) writer.write(event);
        return {
          status: 'success' as const,
          message: `${events.length} log${events.length === 1 ? '' : 's'} inserted`,
          log_ids: events.map((e) => e.id),
        };
      },
    );
  };
}
