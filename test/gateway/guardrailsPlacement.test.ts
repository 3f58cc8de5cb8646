// Where guardrails run, end to end over HTTP against the mock LLM: inline and saved in a config's
// root and in its targets (a target's deny falls back to the next), the organisation's and the
// workspace's defaults (for requests with and without a config), and what comes back: 446 with
// hook_results and no upstream call on an input deny, 246 with hook_results on a failure without
// deny, 446 on an output deny; compiled once per guardrail version.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGateway, type GatewayFixture } from '../helpers/gateway.ts';
import { startMockLlm, type MockLlm } from '../helpers/mockLlm.ts';
import { chat, saveGuardrail, setOrganisationDefaults, setWorkspaceDefaults, type HookResultsBody } from '../kits/guardrailsApi.ts';

let g: GatewayFixture;
let other: MockLlm;

beforeAll(async () => {
  g = await startGateway();
  other = await startMockLlm();
  await g.addProvider({ slug: 'primary' });
  await g.addProvider({ slug: 'secondary', customHost: `${other.url}/v1` });
});
afterAll(async () => {
  await other.close();
  await g.close();
});
beforeEach(async () => {
  g.mock.requests.length = 0;
  other.requests.length = 0;
  await setOrganisationDefaults(g, { input_guardrails: [], output_guardrails: [] });
  await setWorkspaceDefaults(g, { input_guardrails: null, output_guardrails: null });
});

const noSsn = { 'default.regexMatch': { rule: '\\d{3}-\\d{2}-\\d{4}', not: true }, deny: true };
const short = (deny: boolean) => ({ 'default.wordCount': { maxWords: 3 }, deny });

describe('in a config', () => {
  it('an inline input guardrail with deny answers 446 with hook_results and never calls the upstream', async () => {
    const res = await chat(g, 'my ssn is 123-45-6789', { input_guardrails: [noSsn] });
    expect(res.status).toBe(446);
    const body = (await res.json()) as { error: { type: string; message: string } } & HookResultsBody;
    expect(body.error.type).toBe('hooks_failed');
    expect(body.error.message).toMatch(/guardrail checks defined in the config failed/);
    expect(body.hook_results.before_request_hooks).toMatchObject([
      { verdict: false, deny: true, source: 'config.input_guardrails[0]', checks: [{ id: 'default.regexMatch', verdict: false }] },
    ]);
    expect(body.hook_results.after_request_hooks).toEqual([]);
    expect(g.mock.requests).toHaveLength(0);
    expect(res.headers.get('x-portkey-trace-id')).toBeTruthy();
  });

  it('the same request without the number passes, and the answer carries the verdicts', async () => {
    const res = await chat(g, 'hello there', { input_guardrails: [noSsn] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { choices: unknown[] } & HookResultsBody;
    expect(body.choices).toHaveLength(1);
    expect(body.hook_results.before_request_hooks[0]).toMatchObject({ verdict: true });
    expect(g.mock.requests).toHaveLength(1);
  });

  it('a failure without deny answers 246 with the upstream answer and hook_results', async () => {
    const res = await chat(g, 'this has far too many words', { input_guardrails: [short(false)] });
    expect(res.status).toBe(246);
    const body = (await res.json()) as { choices: { message: { content: string } }[] } & HookResultsBody;
    expect(body.choices[0]!.message.content).toBe('echo: this has far too many words');
    expect(body.hook_results.before_request_hooks[0]!.checks[0]!.explanation).toBe('The text has 6 words, outside 0 to 3');
  });

  it('a saved guardrail named by slug or by id, in before_request_hooks too', async () => {
    const saved = await saveGuardrail(g, { checks: [{ id: 'default.wordCount', parameters: { maxWords: 3 } }], actions: { deny: true } });
    for (const config of [
      { input_guardrails: [saved.slug] },
      { input_guardrails: [saved.id] },
      { before_request_hooks: [{ type: 'guardrail', id: saved.slug }] },
    ]) {
      const res = await chat(g, 'one two three four five', config);
      expect(res.status).toBe(446);
      expect(((await res.json()) as HookResultsBody).hook_results.before_request_hooks[0]!.id).toBe(saved.slug);
    }
    expect(g.mock.requests).toHaveLength(0);
  });

  it('an output guardrail with deny answers 446 after the upstream answered', async () => {
    const config = { output_guardrails: [{ 'default.contains': { words: ['echo'], operator: 'none' }, deny: true }] };
    const res = await chat(g, 'hi', config);
    expect(res.status).toBe(446);
    const body = (await res.json()) as HookResultsBody;
    expect(body.hook_results.after_request_hooks).toMatchObject([{ verdict: false, deny: true, checks: [{ id: 'default.contains' }] }]);
    expect(g.mock.requests).toHaveLength(1);
  });

  it("a target's own input guardrail denies that target only: the fallback answers", async () => {
    const config = {
      strategy: { mode: 'fallback' },
      targets: [{ provider: '@primary', input_guardrails: [short(true)] }, { provider: '@secondary' }],
    };
    const res = await chat(g, 'five words are too many', config);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    expect(g.mock.requests).toHaveLength(0);
    expect(other.requests).toHaveLength(1);
  });

  it('guardrails at every level bind the targets below them', async () => {
    const config = {
      input_guardrails: [{ 'default.regexMatch': { rule: 'forbidden', not: true }, deny: true }],
      strategy: { mode: 'fallback' },
      targets: [
        {
          strategy: { mode: 'single' },
          output_guardrails: [{ 'default.contains': { words: ['echo'], operator: 'none' }, deny: true }],
          targets: [{ provider: '@primary' }],
        },
        { provider: '@secondary' },
      ],
    };
    expect((await chat(g, 'forbidden words', config)).status).toBe(446);
    expect(g.mock.requests.length + other.requests.length).toBe(0);
    // The group's output guardrail denies the first target's answer; the second has none.
    const res = await chat(g, 'fine', config);
    expect(res.status).toBe(200);
    expect(g.mock.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(1);
  });

  it('a bad inline guardrail, or a missing saved one, is a 400 that names it, before any upstream call', async () => {
    const bad = await chat(g, 'x', { input_guardrails: [{ 'default.wordCount': { maxWord: 3 } }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string; param: string } }).error).toMatchObject({
      param: 'config.input_guardrails[0].checks[0].parameters',
      message: expect.stringMatching(/unknown parameter "maxWord"/),
    });
    const missing = await chat(g, 'x', { output_guardrails: ['guard_nope-000000'] });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(
      /guard_nope-000000" named in config.output_guardrails\[0\] was not found/,
    );
    const cloud = await chat(g, 'x', { input_guardrails: [{ 'portkey.pii': {} }] });
    expect(((await cloud.json()) as { error: { message: string } }).error.message).toMatch(/cannot reach: use default.pii/);
    const egress = await chat(g, 'x', { input_guardrails: [{ 'default.webhook': { webhookURL: 'http://127.0.0.1:9/x' } }] });
    expect(((await egress.json()) as { error: { message: string } }).error.message).toMatch(/only be used in a guardrail an admin saved/);
    expect(g.mock.requests).toHaveLength(0);
  });
});

describe('on every endpoint', () => {
  it('input guardrails run on pass-through routes too: a request type can be blocked; text checks skip bodies without text', async () => {
    const config = {
      provider: '@primary',
      input_guardrails: [
        { 'default.allowedRequestTypes': { blockedTypes: ['createModelResponse'] }, deny: true },
        { 'default.wordCount': { minWords: 1 }, deny: true },
      ],
    };
    const responses = await g.post('/v1/responses', { model: 'gpt-4o', input: 'hello' }, { 'x-portkey-config': JSON.stringify(config) });
    expect(responses.status).toBe(446);
    expect(((await responses.json()) as HookResultsBody).hook_results.before_request_hooks[0]!.checks[0]!.explanation).toBe(
      'Requests of type createModelResponse are blocked',
    );
    const files = await fetch(`${g.url}/v1/files`, { headers: { ...g.workspace, 'x-portkey-config': JSON.stringify(config) } });
    expect(files.status).toBe(200);
    expect(g.mock.requests.map((r) => r.path)).toEqual(['/v1/files']);
  });
});

describe('defaults', () => {
  it("the organisation's defaults apply to requests without a config, and to configs", async () => {
    const guard = await saveGuardrail(g, {
      checks: [{ id: 'default.regexMatch', parameters: { rule: 'secret', not: true } }],
      actions: { deny: true },
    });
    await setOrganisationDefaults(g, { input_guardrails: [guard.slug] });
    const plain = await chat(g, 'the secret plan');
    expect(plain.status).toBe(446);
    expect(((await plain.json()) as HookResultsBody).hook_results.before_request_hooks[0]).toMatchObject({
      id: guard.slug,
      source: 'organisation defaults',
    });
    expect((await chat(g, 'the secret plan', { retry: { attempts: 0 } })).status).toBe(446);
    expect((await chat(g, 'an open plan')).status).toBe(200);
    expect(g.mock.requests).toHaveLength(1);
  });

  it("the workspace's defaults apply to every request of the workspace, output ones too", async () => {
    const guard = await saveGuardrail(g, {
      workspace_id: g.credentials.workspace.id,
      checks: [{ id: 'default.contains', parameters: { words: ['echo'], operator: 'none' } }],
    });
    await setWorkspaceDefaults(g, { output_guardrails: [guard.slug] });
    const res = await chat(g, 'hi');
    expect(res.status).toBe(246);
    expect(((await res.json()) as HookResultsBody).hook_results.after_request_hooks[0]).toMatchObject({
      id: guard.slug,
      verdict: false,
      source: 'workspace defaults',
    });
  });

  it('a guardrail named both as a default and in the config runs once', async () => {
    const guard = await saveGuardrail(g, { checks: [{ id: 'default.wordCount', parameters: { maxWords: 100 } }] });
    await setOrganisationDefaults(g, { input_guardrails: [guard.slug] });
    await setWorkspaceDefaults(g, { input_guardrails: [guard.id] });
    const res = await chat(g, 'hi', { input_guardrails: [guard.slug] });
    expect(((await res.json()) as HookResultsBody).hook_results.before_request_hooks.map((h) => h.id)).toEqual([guard.slug]);
  });

  it('defaults may only name guardrails that exist and that the scope can use', async () => {
    const inWorkspace = await saveGuardrail(g, { workspace_id: g.credentials.workspace.id, checks: [{ id: 'default.wordCount' }] });
    const put = (body: unknown) =>
      fetch(`${g.url}/v1/admin/organisation/defaults`, {
        method: 'PUT',
        headers: { ...g.admin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ws = await put({ input_guardrails: [inWorkspace.slug] });
    expect(ws.status).toBe(400);
    expect(((await ws.json()) as { data: { message: string } }).data.message).toMatch(/only name organisation guardrails/);
    expect((await put({ output_guardrails: ['guard_missing-000000'] })).status).toBe(400);
    await expect(setWorkspaceDefaults(g, { input_guardrails: ['guard_missing-000000'] })).rejects.toThrow(/400.*was not found/);
  });

  it('a guardrail named by defaults cannot be deleted (409) until the defaults let it go', async () => {
    const guard = await saveGuardrail(g, { checks: [{ id: 'default.wordCount' }] });
    await setOrganisationDefaults(g, { output_guardrails: [guard.slug] });
    const del = () => fetch(`${g.url}/v1/guardrails/${guard.id}`, { method: 'DELETE', headers: g.admin });
    const refused = await del();
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { data: { message: string } }).data.message).toMatch(/organisation defaults/);
    await setOrganisationDefaults(g, { output_guardrails: [] });
    expect((await del()).status).toBe(200);
  });
});

describe('compiled once', () => {
  it('a saved guardrail is compiled once per version, not per request', async () => {
    const library = g.app.services.guardrailLibrary;
    const guard = await saveGuardrail(g, { checks: [{ id: 'default.regexMatch', parameters: { rule: 'x+y' } }] });
    await chat(g, 'a', { input_guardrails: [guard.slug] });
    const after = library.compiles();
    for (let i = 0; i < 5; i++) await chat(g, 'a', { input_guardrails: [guard.slug] });
    expect(library.compiles()).toBe(after);
    // An update is a new version: compiled once more, then kept.
    const put = await fetch(`${g.url}/v1/guardrails/${guard.slug}`, {
      method: 'PUT',
      headers: { ...g.admin, 'content-type': 'application/json' },
      body: JSON.stringify({ checks: [{ id: 'default.regexMatch', parameters: { rule: 'x+z' } }] }),
    });
    expect(put.status).toBe(200);
    for (let i = 0; i < 3; i++) await chat(g, 'a', { input_guardrails: [guard.slug] });
    expect(library.compiles()).toBe(after + 1);
  });
});

describe('GUARDRAILS_ENABLED=OFF', () => {
  it('requests pass unchecked: config guardrails and defaults do not run', async () => {
    const off = await startGateway({ env: { GUARDRAILS_ENABLED: 'OFF' } });
    try {
      await off.addProvider({ slug: 'primary' });
      // Defaults saved while the feature was on still exist; with it off nothing reads them.
      off.stores.db
        .prepare("INSERT INTO organisation_defaults VALUES (?, '[\"guard_gone-000000\"]', '[]', NULL, 'now')")
        .run(off.credentials.organisation_id);
      const res = await chat(off, 'my ssn is 123-45-6789', { input_guardrails: [noSsn] });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body.hook_results).toBeUndefined();
      expect(off.mock.requests).toHaveLength(1);
    } finally {
      await off.close();
    }
  });
});
