// One error type for every failed API call: the server's own words (Admin API envelope or the
// gateway's OpenAI shape), its status, and the field it names, so forms can mark that field.
export class ApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the appliance could not be reached at all. */
    readonly status: number,
    /** The server's errorCode (AB01…) or error.code/type, when it sent one. */
    readonly code: string | null = null,
    /** The request field the message is about (`email`, `configurations.custom_host`…), when it names one. */
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

type Envelope = {
  data?: { message?: unknown; errorCode?: unknown };
  error?: { message?: unknown; param?: unknown; code?: unknown; type?: unknown };
};

/**
 * The field a message names: schema errors read "Invalid request: body.email must …" (or "body must
 * have the property \"name\""), filters "Filter cost_min must …", settings 'Setting "x" must …', the
 * services start with the field
 * ("configurations.custom_host \"…\" is private", "current_password is not …").
 */
export function fieldOf(message: string): string | null {
  const missing = /\b(?:body|querystring|params)((?:\.[\w-]+)*) must have the property "([\w-]+)"/.exec(message);
  if (missing) return `${missing[1]!.slice(1)}${missing[1] ? '.' : ''}${missing[2]!}`;
  const validation = /\b(?:body|querystring|params)\.([\w.-]+)/.exec(message);
  if (validation) return validation[1]!;
  const filter = /^Filter (\w+) must/.exec(message);
  if (filter) return filter[1]!;
  // The security settings: 'Setting "session_settings.max_session_ttl" must …', 'Unknown setting "x"'.
  const setting = /^(?:Setting|Unknown setting) "([\w.]+)"/.exec(message);
  if (setting) return setting[1]!;
  // Paths with an index, as the guardrail compiler writes them: 'checks[1].parameters.rule …', and
  // 'checks[0].parameters needs "rule"' for a missing parameter.
  const indexed = /^([a-z]\w*(?:\.[\w-]+)*\[\d+\](?:\[\d+\]|\.[\w-]+)*)(?: needs "([\w-]+)"| (?:"|must|is|has|takes|lists))/.exec(message);
  if (indexed) return indexed[2] ? `${indexed[1]!}.${indexed[2]}` : indexed[1]!;
  const leading = /^([a-z][a-z0-9]*(?:[._][a-z0-9]+)+|[a-z]+) (?:"|must|is|has|takes|lists)/.exec(message);
  return leading ? leading[1]! : null;
}

export function apiErrorFrom(status: number, body: unknown): ApiError {
  const e = (body ?? {}) as Envelope;
  const message =
    (typeof e.data?.message === 'string' && e.data.message) ||
    (typeof e.error?.message === 'string' && e.error.message) ||
    (typeof body === 'string' && body) ||
    `The appliance answered HTTP ${status}`;
  const code = typeof e.data?.errorCode === 'string' ? e.data.errorCode : typeof e.error?.code === 'string' ? e.error.code : null;
  const field = typeof e.error?.param === 'string' ? e.error.param : fieldOf(message);
  return new ApiError(message, status, code, field);
}

/** What to tell a person about any error thrown by a query or mutation. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
