// GET /v1/usage (a caller's own budget and rate-limit headroom, with its own key) and
// GET /v1/notifications (budget alerts and exhaustion, for admins and the UI).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { paging } from '../http/paging.ts';
import { AnyObject, PageQuery } from '../http/schemas.ts';
import type { SelfService } from './selfService.ts';

const NotificationsQuery = Type.Object({
  ...PageQuery,
  since: Type.Optional(Type.String({ format: 'date-time' })),
  workspace_id: Type.Optional(Type.String()),
});
const NotificationList = Type.Object({ object: Type.Literal('list'), total: Type.Integer(), data: Type.Array(AnyObject) });

export function selfRoutes(self: SelfService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/usage', { schema: { response: { 200: AnyObject } } }, async (req) => self.usage(req.auth));
    app.get('/notifications', { schema: { querystring: NotificationsQuery, response: { 200: NotificationList } } }, async (req) =>
      self.notifications(req.caller, req.query, paging(req.query.current_page, req.query.page_size, 50)),
    );
  };
}
