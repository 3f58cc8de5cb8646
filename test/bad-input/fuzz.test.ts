// Property-based fuzzing of the running appliance (issue 12 item 13): for every route family in
// app.routeTable, generated requests with malformed ids, query strings, headers, JSON headers and
// bodies (wrong types, broken JSON, deep nesting, random bytes, odd framing, broken HTTP) are sent
// as raw bytes over TCP. Each must get an answer in the envelope of its surface, and never a 5xx,
// except the one 5xx the gateway documents for an upstream it cannot reach (see `allowed5xx`).
// FUZZ_SEED=<n> replays a run (FUZZ_SEED=random draws a new one); FUZZ_RUNS=<n> sets the requests per family.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { sendRaw, type RawAnswer } from '../helpers/rawHttp.ts';
import type { RegisteredRoute } from '../../server/identity/permissions.ts';

const RUNS_PER_FAMILY = Number(process.env.FUZZ_RUNS ?? 80);
// A fixed seed by default, so the suite (and CI) is repeatable; FUZZ_SEED=random explores new inputs.
const SEED = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20261207);

let g: GatewayFixture;
beforeAll(async () => {
  // Every upstream a fuzzed request can name through the catalog is the loopback mock, which
  // answers 200. Short client timeouts, so a request whose framing promises more bytes than it
  // sends is answered (408) quickly.
  // REQUEST_TIMEOUT is short so that an upstream that never answers shows as a failing 504 rather
  // than a stalled test; the mock always answers, so no 504 is allowed.
  g = await startGateway({ env: { CLIENT_HEADERS_TIMEOUT_MS: '2000', CLIENT_REQUEST_TIMEOUT_MS: '2000', REQUEST_TIMEOUT: '5000' } });
  await g.addProvider({ slug: 'local-openai' });
});
afterAll(async () => {
  await g.close();
});

// ---- what a request is made of ----

/**
 * A break of HTTP itself, which Node's parser refuses. All but the bad chunk are in the request
 * line or headers, so no route is known yet and the admin envelope applies; a bad chunk is in the
 * body, which a route may answer before reading (an unknown path, a bad key), in its own envelope.
 */
const BREAKS = [
  'method token',
  'NUL in a header value',
  'control character in a header name',
  'two Content-Lengths',
  'Content-Length and chunked',
  'bad chunk size',
  'space in the path',
  'unknown HTTP version',
  'headers over 16 KB',
  'CONNECT',
] as const;
type Break = (typeof BREAKS)[number];

interface FuzzRequest {
  route: RegisteredRoute;
  method: string;
  path: string;
  query: string;
  auth: 'none' | 'admin' | 'workspace' | 'bearer' | 'forged';
  headers: [string, string][];
  contentType: string | null;
  body: Buffer | null;
  chunked: boolean;
  httpBreak: Break | null;
}

/** Header-safe text: printable ASCII and latin1 (what HTTP allows in a value), no control bytes. */
const headerText = (maxLength: number) =>
  fc
    .array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })), { maxLength })
    .map((codes) => String.fromCharCode(...codes).trim());

/**
 * Text as a client can put it in a header (bytes, written as latin1): characters HTTP does not
 * allow in a value (controls, and anything above one byte) escaped as \uXXXX, which keeps JSON
 * the same JSON inside strings.
 */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e\x80-\xff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Text that reads like JSON but nests past the limit, or is cut off, or is not JSON at all. */
const nastyJsonText = fc.oneof(
  fc.integer({ min: 100, max: 6000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 100, max: 2000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.json({ maxDepth: 3 }).chain((text) => fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => text.slice(0, cut))),
  fc.constantFrom('{', '[', '"', '{"a":}', '{"a" 1}', 'nul', 'NaN', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '\u0000'),
);

const KNOWN_IDS = () => [g.credentials.workspace.id, g.credentials.workspace.slug, 'local-openai', 'default', 'pc-nothing'];

/** A path parameter: real ids now and then, else long, odd, percent-broken or unicode text. */
const idArb = fc.oneof(
  fc.constantFrom(...['', '0', '-1', '..', '%2e%2e', '%00', '%ff%fe', '%', '%zz', 'null', 'undefined', '__proto__']),
  fc.uuid(),
  fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).map(encodeURIComponent),
  fc.string({ minLength: 90, maxLength: 300, unit: 'grapheme-ascii' }).map(encodeURIComponent),
  fc.constant(null).chain(() => fc.constantFrom(...KNOWN_IDS())),
);

/** Query strings: the paging and filter names routes read, with values of every wrong kind. */
const queryArb = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'workspace_id',
        'current_page',
        'page_size',
        'metadata',
        'cursor',
        'trace_id',
        'time_of_generation_min',
        'status',
        'provider',
        'limit',
        'offset',
        'search',
        'x',
        'slugs',
      ),
      fc.oneof(
        headerText(40),
        fc.integer().map(String),
        fc.constantFrom('/chat/completions', '/v1/api-keys', '-1', '1e309', 'NaN', '[]', '{}'),
        nastyJsonText.filter((s) => s.length < 800),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`));

/** The gateway's own headers, with valid, broken and deep JSON in the JSON ones. */
const portkeyHeaderArb = fc.oneof(
  fc.tuple(
    fc.constant('x-portkey-config'),
    fc.oneof(
      nastyJsonText.filter((s) => s.length < 3500),
      fc.json({ maxDepth: 3 }),
      fc.constantFrom(
        'pc-nothing',
        '{"provider":"@local-openai"}',
        '{"strategy":{"mode":"fallback"},"targets":[{"provider":"@local-openai"},{"provider":"@nope"}]}',
        '{"retry":{"attempts":2},"override_params":{"model":"gpt-4o"}}',
      ),
    ),
  ),
  fc.tuple(
    fc.constant('x-portkey-metadata'),
    fc.oneof(
      nastyJsonText.filter((s) => s.length < 3500),
      fc.json({ maxDepth: 2 }),
    ),
  ),
  fc.tuple(
    fc.constantFrom('x-portkey-provider', 'x-portkey-virtual-key'),
    fc.oneof(fc.constantFrom('@local-openai', 'local-openai', 'openai', '@nope'), headerText(60)),
  ),
  fc.tuple(
    fc.constantFrom(
      'x-portkey-trace-id',
      'x-portkey-span-id',
      'x-portkey-request-timeout',
      'x-portkey-cache-force-refresh',
      'x-portkey-forward-headers',
    ),
    headerText(300),
  ),
  fc.tuple(fc.constantFrom('content-encoding', 'accept', 'x-api-key', 'authorization', 'cookie', 'x-csrf-token'), headerText(120)),
);

/** Field names routes read, so generated bodies reach validators and services, not only parsers. */
const FIELDS = [
  'name',
  'slug',
  'scopes',
  'workspace_id',
  'user_id',
  'model',
  'messages',
  'prompt',
  'input',
  'stream',
  'max_tokens',
  'config',
  'metadata',
  'defaults',
  'configurations',
  'usage_limits',
  'rate_limits',
  'value',
  'weight',
  'trace_id',
  'request',
  'response',
  'email',
  'role',
  'key',
  'ai_provider_id',
  'models',
  'status',
  'type',
];

const jsonBodyArb = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }).map((o) => JSON.stringify(o)),
  fc
    .record({
      model: fc.constantFrom('@local-openai/gpt-4o', 'gpt-4o', '@nope/x', ''),
      messages: fc.array(
        fc.record({ role: fc.constantFrom('user', 'system', 'assistant', 'tool', 'x'), content: fc.jsonValue({ maxDepth: 2 }) }),
        {
          maxLength: 3,
        },
      ),
      stream: fc.boolean(),
    })
    .map((o) => JSON.stringify(o)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ unit: 'binary', maxLength: 200 }).map((s) => JSON.stringify({ name: s, messages: [{ role: 'user', content: s }] })),
  nastyJsonText,
);

const bodyArb: fc.Arbitrary<Buffer | null> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 6, arbitrary: jsonBodyArb.map((s) => Buffer.from(s, 'utf8')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)) },
);

/** `arb` in `n` of `outOf` requests, null in the others. */
const sometimes = <T>(n: number, outOf: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: outOf - n, arbitrary: fc.constant(null) }, { weight: n, arbitrary: arb });

const requestArb = (routes: RegisteredRoute[]): fc.Arbitrary<FuzzRequest> =>
  fc
    .record({
      route: fc.constantFrom(...routes),
      otherMethod: sometimes(1, 6, fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND')),
      ids: fc.array(idArb, { minLength: 3, maxLength: 3 }),
      tail: fc.array(idArb, { maxLength: 3 }),
      query: queryArb,
      auth: fc.constantFrom('none', 'admin', 'workspace', 'workspace', 'bearer', 'forged'),
      headers: fc.array(portkeyHeaderArb, { maxLength: 3 }),
      contentType: sometimes(
        7,
        8,
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'APPLICATION/JSON',
          'text/plain',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
          'application/octet-stream',
          'json',
        ),
      ),
      body: bodyArb,
      chunked: fc.boolean(),
      httpBreak: sometimes(1, 8, fc.constantFrom(...BREAKS)),
    })
    .map(({ route, otherMethod, ids, tail, query, auth, headers, contentType, body, chunked, httpBreak }) => {
      let i = 0;
      const path = route.url.replace(/:[A-Za-z]+/g, () => ids[i++ % ids.length] ?? 'x').replace(/\*$/, () => tail.join('/') || 'x');
      return { route, method: otherMethod ?? route.method, path, query, auth, headers, contentType, body, chunked, httpBreak };
    });

// ---- the request as bytes ----

function toBytes(r: FuzzRequest): Buffer {
  const keys = {
    none: [],
    admin: [['x-portkey-api-key', g.credentials.admin_api_key]],
    workspace: [['x-portkey-api-key', g.credentials.workspace_api_key]],
    bearer: [['authorization', `Bearer ${g.credentials.workspace_api_key}`]],
    forged: [['x-portkey-api-key', 'pk-forged-0000000000000000000000000000']],
  }[r.auth] as [string, string][];
  const headers: [string, string][] = [
    ['host', '127.0.0.1'],
    ['connection', 'close'],
    ...keys,
    ...r.headers.map(([name, value]): [string, string] => [name, headerSafe(value)]),
  ];
  if (r.contentType) headers.push(['content-type', r.contentType]);
  const body = r.body ?? Buffer.alloc(0);
  let framed = body;
  if (r.body !== null) {
    if (r.chunked) {
      headers.push(['transfer-encoding', 'chunked']);
      framed = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
    } else headers.push(['content-length', String(body.length)]);
  }
  let method = r.method;
  let target = `${r.path}${r.query}`;
  let version = 'HTTP/1.1';
  switch (r.httpBreak) {
    case 'method token':
      method = 'FR\u00f6B';
      break;
    case 'NUL in a header value':
      headers.push(['x-broken', 'a\u0000b']);
      break;
    case 'control character in a header name':
      headers.push(['x-bro\u0001ken', 'a']);
      break;
    case 'two Content-Lengths':
      headers.push(['content-length', String(body.length + 1)], ['content-length', String(body.length)]);
      break;
    case 'Content-Length and chunked':
      headers.push(['content-length', String(framed.length)], ['transfer-encoding', 'chunked']);
      break;
    case 'bad chunk size':
      headers.push(['transfer-encoding', 'chunked']);
      framed = Buffer.concat([Buffer.from('zz\r\n'), body, Buffer.from('\r\n0\r\n\r\n')]);
      break;
    case 'space in the path':
      target = `${r.path} x${r.query}`;
      break;
    case 'unknown HTTP version':
      version = 'HTTP/7.3';
      break;
    case 'headers over 16 KB':
      headers.push(['x-big', 'b'.repeat(17_000)]);
      break;
    case 'CONNECT':
      method = 'CONNECT';
      break;
  }
  const head = `${method} ${target} ${version}\r\n${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), framed]);
}

// ---- what every answer must be ----

/**
 * The only 5xx a fuzzed request may get (and only as a 502): a gateway route naming a provider whose public host this
 * air-gapped machine cannot reach (an inline `openai` provider) answers 502 `upstream_unreachable`,
 * the gateway's documented error for it. Nothing else: the catalog's only upstream is the mock,
 * which answers every request (a 400 for one it cannot read, as a provider would), so neither an
 * upstream 5xx nor the 504 of REQUEST_TIMEOUT can happen.
 */
function allowed5xx(envelope: Envelope, body: unknown): boolean {
  const error = (body as { error?: { code?: unknown; type?: unknown; message?: unknown } }).error;
  if (envelope === 'openai') return error?.code === 'upstream_unreachable' && error.type === 'upstream_error';
  // Anthropic's shape has no code: the same error, as it reads there.
  return (
    envelope === 'anthropic' &&
    error?.type === 'api_error' &&
    typeof error.message === 'string' &&
    error.message.startsWith('Could not reach ')
  );
}

/** Anthropic's Messages API answers errors in Anthropic's shape, for the Anthropic SDK. */
const ANTHROPIC_ROUTES = new Set(['POST /v1/messages']);

type Envelope = 'admin' | 'openai' | 'anthropic';

function envelopeProblem(envelope: Envelope, body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return 'the body is not a JSON object';
  if (envelope === 'anthropic') {
    const b = body as { type?: unknown; error?: { type?: unknown; message?: unknown } };
    if (Object.keys(body).sort().join(',') !== 'error,type' || b.type !== 'error') return 'not the Anthropic envelope';
    if (typeof b.error?.type !== 'string' || typeof b.error.message !== 'string' || b.error.message === '')
      return 'the Anthropic envelope has no type or message';
    return null;
  }
  if (envelope === 'admin') {
    const b = body as { success?: unknown; data?: { message?: unknown; errorCode?: unknown } };
    const keys = Object.keys(body).sort().join(',');
    if (keys !== 'data,success' || b.success !== false) return `not the admin envelope (keys ${keys})`;
    if (typeof b.data?.message !== 'string' || b.data.message === '') return 'the admin envelope has no message';
    if (typeof b.data.errorCode !== 'string' || !/^AB0\d$/.test(b.data.errorCode)) return 'the admin envelope has no AB0x errorCode';
    return null;
  }
  const e = (body as { error?: Record<string, unknown> }).error;
  if (Object.keys(body).join(',') !== 'error' || typeof e !== 'object' || e === null) return 'not the OpenAI envelope';
  if (typeof e.message !== 'string' || e.message === '') return 'the OpenAI envelope has no message';
  if (typeof e.type !== 'string') return 'the OpenAI envelope has no type';
  if (!(e.param === null || typeof e.param === 'string') || !(e.code === null || typeof e.code === 'string'))
    return 'param/code are not string or null';
  return null;
}

/**
 * The page an invite link opens is for a person's browser: its own answers (an unknown or used
 * token included) are HTML pages. Errors raised before its handler runs are in the admin envelope.
 */
const HTML_PAGES = new Set(['GET /invite/:token']);
const isHtmlPage = (r: FuzzRequest, answer: RawAnswer) =>
  HTML_PAGES.has(`${r.route.method} ${r.route.url}`) &&
  r.method === r.route.method &&
  answer.status! < 500 &&
  answer.headers['content-type'] === 'text/html; charset=utf-8' &&
  answer.body.startsWith('<!doctype html>');

let sent = 0;
/** How many answers had each status: a run that only ever reaches 401 fuzzes nothing. */
const statuses = new Map<number | null, number>();

async function check(r: FuzzRequest): Promise<void> {
  sent++;
  const answer = await sendRaw(g.url, toBytes(r), 10_000);
  const what = `${r.method} ${r.path.slice(0, 80)}${r.query.slice(0, 60)} (${r.route.method} ${r.route.url}, auth ${r.auth}${r.httpBreak ? `, ${r.httpBreak}` : ''})`;
  statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  if (answer.status === null) throw new Error(`no answer to ${what}: ${JSON.stringify(answer.raw.slice(0, 200))}`);
  // A broken HTTP request never reaches a route: the admin envelope applies. Otherwise the route's.
  const surface =
    r.httpBreak === null
      ? r.route.surface
      : r.httpBreak !== 'bad chunk size' || answer.body.includes('Malformed HTTP request')
        ? 'admin'
        : r.route.surface;
  if (answer.status < 400 || r.method === 'HEAD' || isHtmlPage(r, answer)) {
    if (answer.status >= 500) throw new Error(`${answer.status} for ${what}`);
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    throw new Error(`${answer.status} with a body that is not JSON for ${what}: ${JSON.stringify(answer.body.slice(0, 200))}`);
  }
  const envelope: Envelope =
    surface === 'admin'
      ? 'admin'
      : ANTHROPIC_ROUTES.has(`${r.route.method} ${r.route.url}`) && r.method === r.route.method
        ? 'anthropic'
        : 'openai';
  if (answer.status >= 500 && !(answer.status === 502 && allowed5xx(envelope, body)))
    throw new Error(`${answer.status} for ${what}: ${answer.body.slice(0, 300)}`);
  const problem = envelopeProblem(envelope, body);
  if (problem) throw new Error(`${answer.status} for ${what}: ${problem}: ${answer.body.slice(0, 300)}`);
  if (!answer.headers['content-type']?.startsWith('application/json'))
    throw new Error(`${answer.status} for ${what}: content-type ${answer.headers['content-type']}`);
}

// ---- the run ----

/** Route families: the first path segment under /v1 (`api-keys`, `chat`, `files`, …), or the top one. */
function families(): Map<string, RegisteredRoute[]> {
  const byFamily = new Map<string, RegisteredRoute[]>();
  for (const route of g.app.routeTable) {
    if (route.method === 'HEAD') continue;
    const parts = route.url.split('/').filter(Boolean);
    const family = parts[0] === 'v1' ? (parts[1] ?? 'v1') : (parts[0] ?? '/');
    byFamily.set(family, [...(byFamily.get(family) ?? []), route]);
  }
  return byFamily;
}

describe('fuzzing every route family', () => {
  it('covers the route table: admin and gateway families, every registered route in some family', () => {
    const all = [...families().values()].flat();
    expect(all.length).toBe(g.app.routeTable.filter((r) => r.method !== 'HEAD').length);
    const surfaces = new Set(all.map((r) => r.surface));
    expect(surfaces).toEqual(new Set(['admin', 'gateway']));
    // Each family speaks one surface, so a request that misses its route still expects the family's.
    for (const [family, routes] of families()) expect(new Set(routes.map((r) => r.surface)).size, family).toBe(1);
  });

  it('malformed ids, query strings, headers and bodies never get a 5xx or the wrong envelope', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    for (const [family, routes] of families()) {
      const run = await fc.check(
        fc.asyncProperty(requestArb(routes), (r) => check(r)),
        { numRuns: RUNS_PER_FAMILY, seed: SEED },
      );
      if (run.failed) {
        const error = run.errorInstance instanceof Error ? run.errorInstance.message : String(run.errorInstance);
        failures.push(`${family}: ${error} (replay: FUZZ_SEED=${run.seed}, path ${run.counterexamplePath})`);
      }
    }
    const histogram = [...statuses].sort(([a], [b]) => (a ?? 0) - (b ?? 0)).map(([status, n]) => `${status}: ${n}`);
    console.log(`fuzz: ${sent} requests over ${families().size} route families; answers by status: ${histogram.join(', ')}`);
    expect(failures).toEqual([]);
    const health = await fetch(`${g.url}/v1/health`);
    expect(health.status).toBe(200);
  });
});
