// Admin API: /v1/guardrails[/{guardrailId}] (spec §2.7; {guardrailId} is the UUID or the slug) and
// the organisation's default guardrails, /v1/admin/organisation/defaults (both spellings); and the
// console's workbench, GET /v1/guardrails/checks (the checks and their parameter schemas) and
// POST /v1/guardrails/test (a guardrail run on a sample text). Thin adapters over the guardrails
// admin service and tester. GUARDRAILS_ENABLED=OFF refuses them all with 403.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { forbidden } from '../../errors.ts';
import { paging } from '../../http/paging.ts';
import { Empty } from '../../http/schemas.ts';
import type { GuardrailsAdmin } from './service.ts';
import type { GuardrailTester } from './tester.ts';
import {
  CheckCatalogue,
  CreateGuardrailBody,
  DefaultsBody,
  DefaultsView,
  GuardrailDetail,
  GuardrailList,
  GuardrailParams,
  GuardrailWritten,
  GuardrailTestResult,
  ListGuardrailsQuery,
  TestGuardrailBody,
  UpdateGuardrailBody,
} from './schemas.ts';

export function guardrailRoutes(guardrails: GuardrailsAdmin, tester: GuardrailTester, enabled: boolean): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', async () => {
      if (!enabled) throw forbidden('Guardrails are turned off on this appliance (GUARDRAILS_ENABLED=OFF)');
    });

    app.post('/guardrails', { schema: { body: CreateGuardrailBody, response: { 200: GuardrailWritten } } }, async (req) =>
      guardrails.create(req.caller, req.body),
    );
    app.get('/guardrails', { schema: { querystring: ListGuardrailsQuery, response: { 200: GuardrailList } } }, async (req) =>
      guardrails.list(req.caller, req.query, paging(req.query.current_page, req.query.page_size, 100)),
    );
    // Static paths: they win over /guardrails/:guardrailId (a slug always starts with guard_).
    app.get('/guardrails/checks', { schema: { response: { 200: CheckCatalogue } } }, async () => tester.checks());
    app.post(
      '/guardrails/test',
      {
        config: { audit: { resource_type: 'guardrail', action: 'test' } },
        schema: { body: TestGuardrailBody, response: { 200: GuardrailTestResult } },
      },
      async (req) => tester.test(req.caller, req.body),
    );
    app.get('/guardrails/:guardrailId', { schema: { params: GuardrailParams, response: { 200: GuardrailDetail } } }, async (req) =>
      guardrails.get(req.caller, req.params.guardrailId),
    );
    app.put(
      '/guardrails/:guardrailId',
      { schema: { params: GuardrailParams, body: UpdateGuardrailBody, response: { 200: GuardrailWritten } } },
      async (req) => guardrails.update(req.caller, req.params.guardrailId, req.body),
    );
    app.delete('/guardrails/:guardrailId', { schema: { params: GuardrailParams, response: { 200: Empty } } }, async (req) =>
      guardrails.delete(req.caller, req.params.guardrailId),
    );

    for (const spelling of ['organisation', 'organization']) {
      app.get(`/admin/${spelling}/defaults`, { schema: { response: { 200: DefaultsView } } }, async (req) =>
        guardrails.getDefaults(req.caller),
      );
      app.put(`/admin/${spelling}/defaults`, { schema: { body: DefaultsBody, response: { 200: DefaultsView } } }, async (req) =>
        guardrails.putDefaults(req.caller, req.body),
      );
    }
  };
}
