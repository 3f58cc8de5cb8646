// Admin API: /v1/policies/usage-limits and /v1/policies/rate-limits (spec §2.8). Thin adapters
// over the policy service; the portkey-ai SDK has no typed methods for them (its generic
// get/post/put/delete reach them).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { paging } from '../http/paging.ts';
import { Empty } from '../http/schemas.ts';
import type { PolicyService } from './policyService.ts';
import {
  CreateRatePolicyBody,
  CreateUsagePolicyBody,
  EntitiesQuery,
  EntityList,
  EntityParams,
  GetPolicyQuery,
  ListRatePoliciesQuery,
  ListUsagePoliciesQuery,
  PolicyCreated,
  PolicyList,
  PolicyParams,
  PolicyView,
  UpdateRatePolicyBody,
  UpdateUsagePolicyBody,
} from './policySchemas.ts';

export function policyRoutes(policies: PolicyService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const usage = '/policies/usage-limits';
    app.post(usage, { schema: { body: CreateUsagePolicyBody, response: { 200: PolicyCreated } } }, async (req) =>
      policies.createUsage(req.caller, req.body),
    );
    app.get(usage, { schema: { querystring: ListUsagePoliciesQuery, response: { 200: PolicyList } } }, async (req) =>
      policies.list(req.caller, 'usage', req.query, paging(req.query.current_page, req.query.page_size, 50)),
    );
    app.get(`${usage}/:id`, { schema: { params: PolicyParams, querystring: GetPolicyQuery, response: { 200: PolicyView } } }, async (req) =>
      policies.get(req.caller, 'usage', req.params.id, req.query.include_usage === true),
    );
    app.put(`${usage}/:id`, { schema: { params: PolicyParams, body: UpdateUsagePolicyBody, response: { 200: PolicyView } } }, async (req) =>
      policies.updateUsage(req.caller, req.params.id, req.body),
    );
    app.delete(`${usage}/:id`, { schema: { params: PolicyParams, response: { 200: Empty } } }, async (req) =>
      policies.archive(req.caller, 'usage', req.params.id),
    );
    app.get(
      `${usage}/:id/entities`,
      { schema: { params: PolicyParams, querystring: EntitiesQuery, response: { 200: EntityList } } },
      async (req) => policies.entities(req.caller, req.params.id, req.query, paging(req.query.current_page, req.query.page_size, 50)),
    );
    app.put(`${usage}/:id/entities/:entityId/reset`, { schema: { params: EntityParams, response: { 200: Empty } } }, async (req) =>
      policies.resetEntity(req.caller, req.params.id, req.params.entityId),
    );

    const rate = '/policies/rate-limits';
    app.post(rate, { schema: { body: CreateRatePolicyBody, response: { 200: PolicyCreated } } }, async (req) =>
      policies.createRate(req.caller, req.body),
    );
    app.get(rate, { schema: { querystring: ListRatePoliciesQuery, response: { 200: PolicyList } } }, async (req) =>
      policies.list(req.caller, 'rate', req.query, paging(req.query.current_page, req.query.page_size, 50)),
    );
    app.get(`${rate}/:id`, { schema: { params: PolicyParams, querystring: GetPolicyQuery, response: { 200: PolicyView } } }, async (req) =>
      policies.get(req.caller, 'rate', req.params.id, false),
    );
    app.put(`${rate}/:id`, { schema: { params: PolicyParams, body: UpdateRatePolicyBody, response: { 200: PolicyView } } }, async (req) =>
      policies.updateRate(req.caller, req.params.id, req.body),
    );
    app.delete(`${rate}/:id`, { schema: { params: PolicyParams, response: { 200: Empty } } }, async (req) =>
      policies.archive(req.caller, 'rate', req.params.id),
    );
  };
}
