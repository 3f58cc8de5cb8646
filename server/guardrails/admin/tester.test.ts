// The console's guardrail workbench on a real app: the catalogue of checks with parameter schemas a
// form can be built from; a draft or saved guardrail tested on sample text as a request or an
// answer (verdicts, the status a request would get, redaction); the LLM judge asked through the
// workspace's catalog (the loopback mock) and nothing else upstream; a bad definition refused with
// the path of the parameter; stored webhook header values reachable only by who may change them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../../../test/helpers/gateway.ts';
import { call, expectAdminError, type Reply } from '../../../test/kits/catalogTestKit.ts';
import { saveGuardrail } from '../../../test/kits/guardrailsApi.ts';
import { CHECKS } from '../checks/registry.ts';

let g: GatewayFixture;
let wsId: string;

beforeAll(async () => {
  g = await startGateway();
  wsId = g.credentials.workspace.id;
  await g.addProvider({ slug: 'guard', key: null });
});
afterAll(() => g.close());
beforeEach(() => {
  g.mock.requests.length = 0;
});

const ok = (res: Reply) => {
  expect(res.status, res.text).toBe(200);
  return res.body;
};
const test = (body: Record<string, unknown>, headers = g.workspace) => call(g, 'POST', '/v1/guardrails/test', headers, body);
const noFalcon = [{ id: 'default.regexMatch', parameters: { rule: '\\bfalcon\\b', not: true } }];

describe('the catalogue of checks', () => {
  it('lists every check with where it runs and a parameter schema whose every field is described', async () => {
    const list = ok(await call(g, 'GET', '/v1/guardrails/checks', g.workspace)) as {
      data: {
        id: string;
        phases: string[];
        network: boolean;
        parameters: { properties: Record<string, { description?: string }>; required: string[] };
      }[];
    };
    expect(list.data.map((c) => c.id).sort()).toEqual([...CHECKS.keys()].sort());
    const regex = list.data.find((c) => c.id === 'default.regexMatch')!;
    expect(regex).toMatchObject({ phases: ['input', 'output'], network: false, parameters: { required: ['rule'] } });
    expect(list.data.find((c) => c.id === 'default.modelWhitelist')!.phases).toEqual(['input']);
    expect(list.data.find((c) => c.id === 'default.webhook')!.network).toBe(true);
    const undescribed = list.data.flatMap((c) =>
      Object.entries(c.parameters.properties)
        .filter(([, p]) => !p.description)
        .map(([name]) => `${c.id}.${name}`),
    );
    expect(undescribed).toEqual([]);
  });
});

describe('testing a draft', () => {
  it('says what a request would get: 446 with deny, 246 without, 200 when every check passes', async () => {
    const denied = ok(await test({ text: 'Tell me about falcon', checks: noFalcon, actions: { deny: true } }));
    expect(denied).toMatchObject({ object: 'guardrail_test', phase: 'input', verdict: false, status: 446, deny: true });
    expect(denied.checks).toEqual([
      expect.objectContaining({ id: 'default.regexMatch', verdict: false, explanation: 'The text matches the pattern (at character 14)' }),
    ]);
    expect(denied.checks[0].execution_time).toBeGreaterThanOrEqual(0);
    expect(ok(await test({ text: 'Tell me about falcon', checks: noFalcon })).status).toBe(246);
    expect(ok(await test({ text: 'Tell me about eagles', checks: noFalcon, actions: { deny: true } }))).toMatchObject({
      verdict: true,
      status: 200,
    });
    // An async guardrail never changes the answer; the test still waits for its verdict.
    expect(ok(await test({ text: 'falcon', checks: noFalcon, actions: { deny: true, async: true } }))).toMatchObject({
      verdict: false,
      status: 200,
      async: true,
    });
    expect(g.mock.requests).toHaveLength(0);
  });

  it('checks an answer as output, skipping checks that only run on requests', async () => {
    const out = ok(
      await test({
        text: 'The answer is 42.',
        phase: 'output',
        checks: [
          { id: 'default.modelWhitelist', parameters: { models: ['@guard/*'] } },
          { id: 'default.endsWith', parameters: { suffix: '42.' } },
        ],
      }),
    );
    expect(out).toMatchObject({ phase: 'output', verdict: true });
    expect(out.checks.map((c: { skipped: boolean }) => c.skipped)).toEqual([true, false]);
    // As input, the model the request would name counts.
    const input = ok(
      await test({ text: 'hi', model: '@other/gpt-4o', checks: [{ id: 'default.modelWhitelist', parameters: { models: ['@guard/*'] } }] }),
    );
    expect(input.verdict).toBe(false);
  });

  it('shows the text as redaction leaves it', async () => {
    const res = ok(
      await test({
        text: 'Mail jane.doe@example.com about it',
        checks: [{ id: 'default.pii', parameters: { categories: ['email'], redact: true } }],
      }),
    );
    expect(res.verdict).toBe(true);
    expect(res.changed_text).toBe('Mail [REDACTED_EMAIL] about it');
    expect(res.checks[0].explanation).toBe('Found 1 e-mail address; redacted the e-mail addresses');
    expect(res.checks[0].transformed).toBe(true);
    expect(JSON.stringify(res)).not.toContain('jane.doe');
  });

  it('refuses a bad definition with the path of the parameter at fault', async () => {
    const res = await test({
      text: 'x',
      checks: [
        { id: 'default.wordCount', parameters: { maxWords: 5 } },
        { id: 'default.regexMatch', parameters: { rule: '(a+)+' } },
      ],
    });
    expectAdminError(res, 400, 'AB01', /^checks\[1\]\.parameters\.rule /);
    expectAdminError(await test({ text: 'x' }), 400, 'AB01', /^checks must be a list/);
    expectAdminError(await test({ text: 'x', checks: [{ id: 'portkey.pii' }] }), 400, 'AB01', /use default\.pii/);
  });
});

describe('checks that reach out', () => {
  const guard = (content: string) => ({
    body: { id: 'g', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] },
  });

  it("asks the LLM judge through the workspace's catalog, and calls no other upstream", async () => {
    g.mock.next(guard('unsafe\nS1'));
    const res = ok(
      await test({
        text: 'how do I hurt someone',
        workspace_id: wsId,
        checks: [{ id: 'default.llmJudge', parameters: { model: '@guard/llama-guard-3-8b', mode: 'llama-guard' } }],
        actions: { deny: true },
      }),
    );
    expect(res).toMatchObject({ verdict: false, status: 446 });
    expect(res.checks[0].explanation).toBe('The guard model judged the text unsafe (S1)');
    expect(g.mock.requests).toHaveLength(1);
    expect(g.mock.requests[0]!.body).toMatchObject({
      model: 'llama-guard-3-8b',
      messages: [{ role: 'user', content: 'how do I hurt someone' }],
    });
  });

  it('uses stored webhook header values only for callers who may change that guardrail', async () => {
    const saved = await saveGuardrail(g, {
      name: 'org webhook',
      checks: [{ id: 'default.webhook', parameters: { webhookURL: `${g.mock.url}/verdict`, headers: { 'x-secret': 's3cret' } } }],
    });
    const shown = ok(await call(g, 'GET', `/v1/guardrails/${saved.id}`, g.admin));
    const draft = shown.checks.map((c: { parameters: Record<string, unknown> }) => ({
      ...c,
      parameters: { ...c.parameters, webhookURL: `${g.mock.url}/elsewhere` },
    }));
    expect(JSON.stringify(draft)).toContain('********');
    const verdict = { body: { verdict: true } };

    // As saved, anyone who may test runs it as a request would.
    g.mock.next(verdict);
    expect(ok(await test({ text: 'x', guardrail_id: saved.slug, workspace_id: wsId })).verdict).toBe(true);
    expect(g.mock.requests[0]!.headers['x-secret']).toBe('s3cret');

    // A workspace key cannot change an organisation guardrail, so cannot send its secret elsewhere.
    expectAdminError(await test({ text: 'x', guardrail_id: saved.slug, checks: draft }), 403, 'AB03', /organisation_guardrails\.update/);

    // The organisation admin's draft keeps the stored value; without guardrail_id the mask is sent as written.
    g.mock.next(verdict, verdict);
    ok(await test({ text: 'x', guardrail_id: saved.id, checks: draft, workspace_id: wsId }, g.admin));
    ok(await test({ text: 'x', checks: draft, workspace_id: wsId }, g.admin));
    expect(g.mock.requests.slice(1).map((r) => [r.path, r.headers['x-secret']])).toEqual([
      ['/elsewhere', 's3cret'],
      ['/elsewhere', '********'],
    ]);
  });
});

describe('who may test', () => {
  it('needs the scope to write a guardrail at that level', async () => {
    const reader = await g.createApiKey({ scopes: ['guardrails.read', 'guardrails.list'] });
    expectAdminError(await test({ text: 'x', checks: noFalcon }, { 'x-portkey-api-key': reader }), 403, 'AB03', /guardrails/);
    ok(await call(g, 'GET', '/v1/guardrails/checks', { 'x-portkey-api-key': reader }));
  });
});
