// GET /v1/logs/:id (Portkey's log shape) and GET /v1/logs (a first filter: trace_id; the
// observability issue extends it). Reads flush the batch writer first, so a log is readable as
// soon as its request has answered.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { forbidden, notFound } from '../errors.ts';
import { hasScope, type AuthContext } from '../identity/auth.ts';
import { paging } from '../http/paging.ts';
import { AnyObject, PageQuery } from '../http/schemas.ts';
import type { LogWriter } from './writer.ts';
import { logView, type LogsRepository } from './repository.ts';

const READ_SCOPES = ['logs.view', 'logs.read', 'logs.write', 'completions.write'];

function canRead(auth: AuthContext, scopes: string[]) {
  if (!scopes.some((s) => hasScope(auth, s))) throw forbidden(`This API key needs one of these scopes: ${scopes.join(', ')}`);
}

export function logRoutes(repo: LogsRepository, writer: LogWriter): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/logs/:id',
      { schema: { params: Type.Object({ id: Type.String() }), response: { 200: AnyObject } } },
      async (req) => {
        const auth = req.auth!;
        canRead(auth, READ_SCOPES);
        await writer.flush();
        const found = await repo.get(req.params.id);
        // A log of another workspace is as invisible as one that does not exist.
        if (!found || (auth.workspaceId !== null && found.row.workspace_id !== auth.workspaceId)) {
          throw notFound(`Log "${req.params.id}" was not found`);
        }
        return logView(found.row, found.bodies);
      },
    );

    app.get(
      '/logs',
      {
        schema: {
          querystring: Type.Object({ ...PageQuery, trace_id: Type.Optional(Type.String()), workspace_id: Type.Optional(Type.String()) }),
          response: { 200: Type.Object({ object: Type.Literal('list'), total: Type.Integer(), data: Type.Array(AnyObject) }) },
        },
      },
      async (req) => {
        const auth = req.auth!;
        canRead(auth, ['logs.list', 'logs.view']);
        await writer.flush();
        const page = paging(req.query.current_page, req.query.page_size, 50);
        let workspaceId = auth.workspaceId;
        if (workspaceId === null && req.query.workspace_id) {
          workspaceId = app.services.repos.workspaces.get(req.query.workspace_id)?.id ?? req.query.workspace_id;
        }
        const { total, rows } = await repo.list({ workspaceId, traceId: req.query.trace_id, ...page });
        return { object: 'list' as const, total, data: rows.map((r) => logView(r, null)) };
      },
    );
  };
}
