// The guardrails page as an admin uses it: a guardrail created through the form generated from the
// check's parameter schema (the server's refusal under the parameter it names), tested on sample
// text before it is saved, attached to the workspace's defaults, then a request through the openai
// SDK that it denies (446) and its verdicts in the log drawer; edited into a new version; deleted
// once no default names it (the refusal before that shown in the server's words). And a workspace
// manager: no organisation defaults to change, and the server's refusal when the security settings
// take guardrail writes from managers; an organisation guardrail attached to the organisation's defaults.
import OpenAI, { APIError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dumpPage, eventually, ownerWithPassword, signIn, startUi, type Ui, type UiPage } from './harness.ts';

let ui: Ui;
let page: UiPage;
let current: UiPage;

beforeAll(async () => {
  ui = await startUi();
  await ui.admin('POST', '/v1/integrations', {
    name: 'LAN vLLM',
    slug: 'lan-vllm',
    ai_provider_id: 'vllm',
    workspace_id: ui.creds.workspace.id,
    configurations: { custom_host: `${ui.mock.url}/v1` },
  });
  const owner = await ownerWithPassword(ui);
  page = await ui.newPage(await ui.newContext());
  current = page;
  await signIn(page, owner.email, owner.password);
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') console.log('page dump:', await dumpPage(current, ctx.task.name));
});
afterAll(() => ui?.close());

const chat = (content: string) =>
  new OpenAI({ baseURL: `${ui.url}/v1`, apiKey: ui.creds.workspace_api_key, maxRetries: 0 }).chat.completions.create({
    model: '@lan-vllm/llama-3.1-8b',
    messages: [{ role: 'user', content }],
  });

describe('an admin', () => {
  it('creates a guardrail through the form, tests it, attaches it to the workspace defaults, and sees the 446 in the log drawer', async () => {
    await page.goto('/guardrails');
    await page.getByText('No guardrails yet').waitFor();
    await page.getByRole('button', { name: 'Create guardrail' }).click();
    const drawer = page.getByRole('dialog', { name: 'Create a guardrail' });
    const form = drawer.getByRole('form', { name: 'Create guardrail' });
    await form.getByRole('textbox', { name: 'Name' }).fill('No falcon talk');
    await form.getByRole('combobox', { name: 'Add a check' }).click();
    await page.getByRole('option', { name: 'Regex match' }).click();

    // The form comes from the check's schema: the rule required, described, `not` off by default.
    const check = form.getByRole('group', { name: 'Check 1: Regex match' });
    const rule = check.getByRole('textbox', { name: 'Check 1 rule' });
    expect(await rule.getAttribute('required')).not.toBeNull();
    await check.getByText(/A JavaScript regular expression/).waitFor();
    await check.getByText('Type: on or off · default false').waitFor();

    // A pattern that could stall the appliance is refused by the server, under the rule.
    await rule.fill('(a+)+');
    await check.getByRole('switch', { name: 'Check 1 not' }).check();
    await form.getByRole('switch', { name: 'Deny the request' }).check();
    await form.getByRole('button', { name: 'Create guardrail' }).click();
    await eventually(() => rule.getAttribute('aria-invalid')).toBe('true');
    await check.getByText(/rule is refused because/).waitFor();
    // A test of the same draft is refused alike, and says so where it was asked.
    const test = drawer.getByRole('region', { name: 'Test on sample text' });
    await test.getByRole('textbox', { name: 'Sample text' }).fill('Tell me about falcon');
    await test.getByRole('button', { name: 'Run test' }).click();
    await test
      .getByRole('alert')
      .getByText(/rule is refused because/)
      .waitFor();
    await rule.fill('\\bfalcon\\b');

    // Tested before it is saved: as a request would meet it.
    await test.getByRole('button', { name: 'Run test' }).click();
    const result = test.getByRole('region', { name: 'Test result' });
    await result.getByText('A request would be denied (446).').waitFor();
    const verdicts = result.getByRole('table', { name: 'Check verdicts' });
    expect(await verdicts.getByRole('row').nth(1).textContent()).toMatch(
      /^Regex matchFailedThe text matches the pattern \(at character 14\)[\d.]+ ms$/,
    );
    await test.getByRole('textbox', { name: 'Sample text' }).fill('Tell me about eagles');
    await test.getByRole('button', { name: 'Run test' }).click();
    await result.getByText('A request would pass.').waitFor();
    expect(ui.mock.requests).toHaveLength(0);

    await form.getByRole('button', { name: 'Create guardrail' }).click();
    const detail = page.getByRole('dialog', { name: 'No falcon talk' });
    const facts = detail.getByRole('table', { name: 'Guardrail facts' });
    await facts.getByText('1', { exact: true }).waitFor();
    const slug = (await facts.getByRole('row', { name: /Slug/ }).getByRole('cell').textContent())!.trim();
    expect(slug).toMatch(/^guard_no-falcon-talk-[0-9a-f]{6}$/);
    expect(await detail.getByRole('textbox', { name: 'Check 1 rule' }).inputValue()).toBe('\\bfalcon\\b');

    // Not attached yet: requests pass.
    expect((await chat('Tell me about falcon')).choices[0]!.message.content).toBe('echo: Tell me about falcon');

    const everyRequest = detail.getByRole('switch', { name: /^Check every request in workspace/ });
    await everyRequest.check();
    await detail.getByText('Defaults saved: from the next request on.').waitFor();
    await page.getByRole('table', { name: 'Guardrails' }).getByText('Workspace requests').waitFor();
    // Only organisation guardrails can be organisation defaults.
    expect(await detail.getByRole('switch', { name: /every workspace/ }).count()).toBe(0);

    const denied = await chat('Tell me about falcon').catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(APIError);
    expect((denied as APIError).status).toBe(446);
    expect((await chat('Tell me about eagles')).choices[0]!.message.content).toBe('echo: Tell me about eagles');

    // The log drawer says the request was denied, by which guardrail and check, and why.
    await eventually(async () => (await ui.admin<{ data: unknown[] }>('GET', '/v1/logs?page_size=10')).data.length).toBe(3);
    await page.goto('/logs?range=1h');
    const logs = page.getByRole('table', { name: 'Request logs' });
    const withStatus = (status: string) => logs.getByRole('row').filter({ has: page.getByText(status, { exact: true }) });
    await eventually(() => withStatus('446').count()).toBe(1);
    await withStatus('446').click();
    const log = page.getByRole('dialog');
    await log.getByText('Denied by a guardrail (446): no answer was returned.').waitFor();
    await eventually(() => log.getByRole('tab', { name: 'Guardrails' }).getAttribute('aria-selected')).toBe('true');
    const guardrail = log.getByRole('group', { name: 'Guardrail No falcon talk' });
    await guardrail.getByText('Failed', { exact: true }).first().waitFor();
    await guardrail.getByText('Attached in workspace defaults').waitFor();
    const checks = guardrail.getByRole('table', { name: 'Checks of No falcon talk' });
    expect(await checks.getByRole('row').nth(1).textContent()).toMatch(
      /^Regex matchFailedThe text matches the pattern \(at character 14\)[\d.]+ ms$/,
    );
    await page.keyboard.press('Escape');
    await eventually(() => page.getByRole('dialog').count()).toBe(0);

    // The request that passed shows its verdicts too, and was answered.
    // Newest first: the request that passed after the guardrail was attached.
    await withStatus('200').first().click();
    await page.getByRole('dialog').getByRole('tab', { name: 'Guardrails' }).click();
    await page
      .getByRole('dialog')
      .getByRole('group', { name: 'Guardrail No falcon talk' })
      .getByText('Passed', { exact: true })
      .first()
      .waitFor();
    expect(page.problems).toEqual([]);
  });

  it('edits the guardrail into a new version, and deletes it once no default names it', async () => {
    await page.goto('/guardrails');
    await page.getByRole('button', { name: 'Open guardrail No falcon talk' }).click();
    const detail = page.getByRole('dialog', { name: 'No falcon talk' });
    const form = detail.getByRole('form', { name: 'Save new version' });
    await form.getByRole('textbox', { name: 'Name' }).fill('No birds of prey');
    await form.getByRole('combobox', { name: 'Add a check' }).click();
    await page.getByRole('option', { name: 'Word count' }).click();
    await form.getByRole('textbox', { name: 'Check 2 maxWords' }).fill('50');
    await form.getByRole('button', { name: 'Save new version' }).click();
    // The drawer now bears the new name.
    const renamed = page.getByRole('dialog', { name: 'No birds of prey' });
    await renamed.getByRole('form', { name: 'Save new version' }).getByText('Saved.').waitFor();
    await renamed
      .getByRole('table', { name: 'Guardrail facts' })
      .getByRole('row', { name: /Version/ })
      .getByText('2')
      .waitFor();
    await page.getByRole('table', { name: 'Guardrails' }).getByText('No birds of prey').waitFor();
    const saved = await ui.admin<{ checks: { id: string; parameters: Record<string, unknown> }[]; version: number }>(
      'GET',
      `/v1/guardrails/${(await renamed.getByRole('table', { name: 'Guardrail facts' }).getByRole('row', { name: /Slug/ }).getByRole('cell').textContent())!.trim()}`,
    );
    expect(saved.checks).toEqual([
      { id: 'default.regexMatch', parameters: { rule: '\\bfalcon\\b', not: true } },
      { id: 'default.wordCount', parameters: { maxWords: 50 } },
    ]);

    // The workspace defaults still name it: the server refuses, in its words.
    await renamed.getByRole('button', { name: 'Delete guardrail' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete "No birds of prey"?' });
    await confirm.getByRole('button', { name: 'Delete guardrail' }).click();
    await confirm
      .getByRole('alert')
      .getByText(/is named in the defaults of workspace .*: remove it there before deleting it/)
      .waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await eventually(() => confirm.count()).toBe(0);

    await renamed.getByRole('switch', { name: /^Check every request in workspace/ }).uncheck();
    await renamed.getByText('Defaults saved: from the next request on.').waitFor();
    await renamed.getByRole('button', { name: 'Delete guardrail' }).click();
    await confirm.getByRole('button', { name: 'Delete guardrail' }).click();
    await page.getByText('No guardrails yet').waitFor();
    expect((await chat('Tell me about falcon')).choices[0]!.message.content).toBe('echo: Tell me about falcon');
    expect(page.problems).toEqual([]);
  });
});

describe('a workspace manager', () => {
  it('cannot touch organisation guardrails or defaults, and sees the refusal when the settings take guardrail writes away', async () => {
    await ui.admin('POST', '/v1/guardrails', {
      name: 'Organisation PII',
      checks: [{ id: 'default.pii', parameters: { redact: true } }],
    });
    // The owner makes it check every answer of every workspace.
    await page.goto('/guardrails');
    await page.getByRole('button', { name: 'Open guardrail Organisation PII' }).click();
    const owned = page.getByRole('dialog', { name: 'Organisation PII' });
    await owned.getByRole('switch', { name: 'Check every answer in every workspace' }).check();
    await owned.getByText('Defaults saved: from the next request on.').waitFor();
    await page.getByRole('table', { name: 'Guardrails' }).getByText('Organisation answers').waitFor();
    expect((await ui.admin<{ output_guardrails: string[] }>('GET', '/v1/admin/organisation/defaults')).output_guardrails).toEqual([
      expect.stringMatching(/^guard_organisation-pii-/),
    ]);

    const invite = await ui.admin<{ invite_link: string }>('POST', '/v1/admin/users/invites', {
      email: 'mia@example.com',
      role: 'member',
      workspaces: [{ id: ui.creds.workspace.id, role: 'manager' }],
    });
    const token = invite.invite_link.split('/invite/')[1]!;
    const accepted = await fetch(`${ui.url}/v1/auth/invites/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: 'mia password 123', first_name: 'Mia' }),
    });
    expect(accepted.status).toBe(200);
    const mia = await ui.newPage(await ui.newContext());
    current = mia;
    await signIn(mia, 'mia@example.com', 'mia password 123');

    await mia.goto('/guardrails');
    await mia.getByRole('button', { name: 'Open guardrail Organisation PII' }).click();
    const detail = mia.getByRole('dialog', { name: 'Organisation PII' });
    await detail.getByText('Organisation guardrails are changed by organisation admins.').waitFor();
    expect(await detail.getByRole('button', { name: 'Save new version' }).count()).toBe(0);
    expect(await detail.getByRole('button', { name: 'Delete guardrail' }).count()).toBe(0);
    // A manager changes neither the workspace's defaults nor the organisation's.
    await detail.getByText('Not attached to any defaults here.').waitFor();
    expect(await detail.getByRole('switch', { name: /^Check every/ }).count()).toBe(0);
    // The saved guardrail can still be tried, as saved.
    const test = detail.getByRole('region', { name: 'Test on sample text' });
    await test.getByRole('textbox', { name: 'Sample text' }).fill('write to mia@example.com');
    await test.getByRole('button', { name: 'Run test' }).click();
    await test.getByText('write to [REDACTED_EMAIL]').waitFor();
    await mia.keyboard.press('Escape');
    await eventually(() => mia.getByRole('dialog').count()).toBe(0);

    // The organisation takes guardrail writes away from managers: the button is there (the role
    // allows it), the server refuses, and the form says so.
    await ui.admin('PUT', '/v1/admin/organisation/settings', { managersWriteGuardrails: false });
    await mia.getByRole('button', { name: 'Create guardrail' }).click();
    const form = mia.getByRole('form', { name: 'Create guardrail' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Mine');
    await form.getByRole('combobox', { name: 'Add a check' }).click();
    await mia.getByRole('option', { name: 'Word count' }).click();
    await form.getByRole('button', { name: 'Create guardrail' }).click();
    await form
      .getByRole('alert')
      .getByText(/guardrails\.create/)
      .waitFor();
    expect(mia.problems).toEqual([]);
  });
});
