// POST /v1/feedback and PUT /v1/feedback/{id} (spec §2.16, OAS FeedbackRequest): scope logs.write.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireScope } from '../identity/auth.ts';
import type { FeedbackStore } from './feedback.ts';

const Value = Type.Integer({ minimum: -10, maximum: 10 });
const Weight = Type.Number({ minimum: 0, maximum: 1 });
const Metadata = Type.Record(Type.String(), Type.Unknown());

const FeedbackRequest = Type.Object({
  trace_id: Type.String({ minLength: 1, maxLength: 256 }),
  value: Value,
  weight: Type.Optional(Weight),
  metadata: Type.Optional(Metadata),
});

// No default weight on update: leaving it out keeps the weight given before.
const FeedbackUpdate = Type.Object({ value: Value, weight: Type.Optional(Weight), metadata: Type.Optional(Metadata) });

const FeedbackResponse = Type.Object({ status: Type.String(), message: Type.String(), feedback_ids: Type.Array(Type.String()) });

export function feedbackRoutes(feedback: FeedbackStore): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/feedback',
      {
        schema: {
          body: Type.Union([FeedbackRequest, Type.Array(FeedbackRequest, { minItems: 1, maxItems: 100 })]),
          response: { 200: FeedbackResponse },
        },
      },
      async (req) => {
        requireScope(req.caller, 'logs.write');
        const inputs = Array.isArray(req.body) ? req.body : [req.body];
        const ids = await feedback.create(req.caller, inputs);
        return { status: 'success', message: `${ids.length} feedback saved`, feedback_ids: ids };
      },
    );

    app.put(
      '/feedback/:id',
      {
        schema: { params: Type.Object({ id: Type.String({ maxLength: 128 }) }), body: FeedbackUpdate, response: { 200: FeedbackResponse } },
      },
      async (req) => {
        requireScope(req.caller, 'logs.write');
        await feedback.update(req.caller, req.params.id, req.body);
        return { status: 'success', message: 'feedback updated', feedback_ids: [req.params.id] };
      },
    );
  };
}
