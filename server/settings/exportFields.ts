// The fields a log export may ask for (OAS LogExportsRequestedData), in their export order: the
// names the export_settings.deniedFields setting is checked against (logs/exports/fields.ts builds them).

export const EXPORT_FIELDS = [
  'id',
  'trace_id',
  'created_at',
  'request',
  'response',
  'is_success',
  'ai_org',
  'ai_model',
  'req_units',
  'res_units',
  'total_units',
  'request_url',
  'cost',
  'cost_currency',
  'response_time',
  'response_status_code',
  'mode',
  'config',
  'prompt_slug',
  'metadata',
] as const;

export type ExportField = (typeof EXPORT_FIELDS)[number];
