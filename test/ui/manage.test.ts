// Management pages as an admin uses them: an API key created (secret shown once, and it works),
// edited, rotated (the new secret works), revoked (it stops working); a config created through a
// refused attempt whose error lands on the right line, saved again as a new version, compared with
// the first, tried, and deleted; a model server connected, tested, its models and providers managed,
// renamed and deleted.
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { dialogNamed, dumpPage, eventually, ownerWithPassword, setSwitch, signIn, startUi, type Ui, type UiPage } from './harness.ts';

let ui: Ui;
let page: UiPage;

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
  const context = await ui.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  page = await ui.newPage(context);
  await signIn(page, owner.email, owner.password);
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') console.log('page dump:', await dumpPage(page, ctx.task.name));
});
afterAll(() => ui?.close());

/**
 * Replaces the editor's text by pasting, as people put JSON into an editor. (Chromium's native
 * editing of a multi-line selection adds inline style attributes the CSP refuses; a paste is
 * handled by CodeMirror itself.)
 */
async function pasteInto(editor: ReturnType<UiPage['getByRole']>, text: string) {
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
  await page.keyboard.press('Control+V');
}

const chat = (apiKey: string) =>
  new OpenAI({ baseURL: `${ui.url}/v1`, apiKey, maxRetries: 0 }).chat.completions.create({
    model: '@lan-vllm/llama-3.1-8b',
    messages: [{ role: 'user', content: 'ping' }],
  });

describe('API keys', () => {
  it('creates a key shown once, edits, rotates and revokes it', async () => {
    await page.goto('/api-keys');
    await page.getByRole('table', { name: 'API keys' }).getByText('Default workspace key').waitFor();
    await page.getByRole('button', { name: 'Create API key' }).click();
    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.getByRole('textbox', { name: 'Name' }).fill('billing-service');
    await form.getByRole('button', { name: 'Requests only' }).click();
    await form.getByText('Scopes (1 of').waitFor();
    await form.getByRole('button', { name: 'Create key' }).click();
    const drawer = dialogNamed(page, 'Create an API key');
    await drawer.getByText('Copy this key now: you will not see it again').waitFor();
    const secret = (await drawer.getByLabel('API key "billing-service"').textContent())!.trim();
    expect((await chat(secret)).choices[0]!.message.content).toBe('echo: ping');
    await drawer.getByRole('button', { name: 'Done' }).click();
    // While it slides out the drawer keeps showing the key, not an empty form (a second "Name" field).
    expect(await drawer.getByRole('form', { name: 'Create an API key' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Open key billing-service' }).click();
    // Named: the create drawer may still be sliding out, and the revoke confirmation's title names
    // the key too.
    const detail = dialogNamed(page, /^billing-service/);
    await detail.getByRole('table', { name: 'Key facts' }).waitFor();
    // The secret is never shown back: only its masked form.
    expect(await detail.getByRole('table', { name: 'Key facts' }).textContent()).not.toContain(secret);
    await detail.getByRole('textbox', { name: 'Name' }).fill('billing-service-v2');
    await detail.getByRole('button', { name: 'Save changes' }).click();
    await detail.getByText('Saved.').waitFor();
    await page.getByRole('table', { name: 'API keys' }).getByText('billing-service-v2').waitFor();

    await detail.getByRole('button', { name: 'Rotate key' }).click();
    await detail.getByText(/New secret for "billing-service/).waitFor();
    const rotated = (await detail.getByLabel(/New secret for/).textContent())!.trim();
    expect(rotated).not.toBe(secret);
    expect((await chat(rotated)).choices[0]!.message.content).toBe('echo: ping');
    // Inside the transition period the old secret still works.
    expect((await chat(secret)).choices[0]!.message.content).toBe('echo: ping');

    await detail.getByRole('button', { name: 'Revoke key' }).click();
    const confirm = dialogNamed(page, /Revoke "billing-service-v2"\?/);
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await eventually(() => page.getByRole('table', { name: 'API keys' }).getByText('billing-service-v2').count()).toBe(0);
    await expect(chat(rotated)).rejects.toThrow(/401|Invalid API key/i);

    // Opened again, the drawer starts from an empty form: the first key is not shown a second time.
    await page.getByRole('button', { name: 'Create API key' }).click();
    await eventually(() => form.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('');
    expect(await drawer.getByText('Copy this key now').count()).toBe(0);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(page.problems).toEqual([]);
  });
});

describe('configs', () => {
  it('creates a config after showing the server error on its line, versions it, diffs and deletes it', async () => {
    await page.goto('/configs');
    await page.getByRole('link', { name: 'Create config' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Fallback to backup');
    const editor = page.getByRole('textbox', { name: 'Config JSON' });
    await pasteInto(
      editor,
      JSON.stringify(
        { strategy: { mode: 'fallback' }, targets: [{ provider: '@lan-vllm' }, { provider: '@lan-vllm', weight: 'heavy' }] },
        null,
        2,
      ),
    );
    await page.getByRole('button', { name: 'Create config' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The config was not saved' });
    await alert.getByText(/config\.targets\[1\]\.weight/).waitFor();
    // "weight": "heavy" is on line 11 of the formatted JSON.
    await alert.getByText('The config was not saved: line 11').waitFor();

    await pasteInto(
      editor,
      JSON.stringify(
        { strategy: { mode: 'fallback' }, targets: [{ provider: '@lan-vllm' }, { provider: '@lan-vllm', weight: 1 }] },
        null,
        2,
      ),
    );
    await page.getByRole('button', { name: 'Create config' }).click();
    await page.waitForURL((url) => /^\/configs\/pc-/.test(url.pathname));
    const slug = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
    await page.getByText('version 1', { exact: false }).first().waitFor();

    await pasteInto(
      editor,
      JSON.stringify(
        {
          strategy: { mode: 'loadbalance' },
          targets: [
            { provider: '@lan-vllm', weight: 1 },
            { provider: '@lan-vllm', weight: 3 },
          ],
        },
        null,
        2,
      ),
    );
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText('Saved as a new version.').waitFor();
    const diff = page.getByRole('table', { name: 'Changes from version 1 to version 2' });
    const markOf = (line: string) => diff.getByRole('row').filter({ hasText: line }).getByRole('cell').first().getAttribute('aria-label');
    await eventually(() => markOf('"mode": "loadbalance"')).toBe('added');
    await eventually(() => markOf('"mode": "fallback"')).toBe('removed');

    // "Try it" sends one request through the saved version and says which target answered.
    const tryIt = page.getByRole('region', { name: 'Try it' });
    await tryIt.getByRole('textbox', { name: 'Model' }).fill('llama-3.1-8b');
    await tryIt.getByRole('button', { name: 'Send test request' }).click();
    await tryIt.getByText(/^Answered by config\.targets\[[01]\] \(@lan-vllm\) in/).waitFor();
    await eventually(() => tryIt.getByRole('table', { name: 'Routing' }).textContent()).toContain('loadbalance');

    // The saved config routes requests.
    const res = await fetch(`${ui.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'x-portkey-api-key': ui.creds.workspace_api_key, 'x-portkey-config': slug, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'llama-3.1-8b', messages: [{ role: 'user', content: 'through the config' }] }),
    });
    expect(res.status).toBe(200);

    await page.getByRole('button', { name: 'Delete config' }).click();
    await dialogNamed(page, /Delete "Fallback to backup"\?/)
      .getByRole('button', { name: 'Delete config' })
      .click();
    await page.waitForURL((url) => url.pathname === '/configs');
    await eventually(() => page.getByRole('table', { name: 'Configs' }).getByText('Fallback to backup').count()).toBe(0);
    expect(page.problems).toEqual([]);
  });
});

describe('model catalog', () => {
  it('connects a server (the refused address marked on its field), tests it, lists models, adds a provider, edits and deletes it', async () => {
    await page.goto('/catalog');
    await page.getByRole('table', { name: 'Integrations' }).getByText('LAN vLLM').waitFor();
    await page.getByRole('button', { name: 'Connect a model server' }).click();
    const form = page.getByRole('form', { name: 'Connect a model server' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Team vLLM');
    await form.getByRole('textbox', { name: 'Server address' }).fill('ftp://10.0.0.5/v1');
    await form.getByRole('button', { name: 'Connect' }).click();
    // The server's refusal, under the field it is about.
    await eventually(() => form.getByRole('textbox', { name: 'Server address' }).getAttribute('aria-invalid')).toBe('true');
    await form.getByText(/must use http or https/).waitFor();
    await form.getByRole('textbox', { name: 'Server address' }).fill(`${ui.mock.url}/v1`);
    await form.getByLabel('API key (if the server needs one)').fill('team-secret-key-123456');
    await form.getByRole('button', { name: 'Connect' }).click();

    // The new integration opens: the key only masked, a real test call, its models.
    // Anchored: the delete confirmation's title names it too.
    const drawer = dialogNamed(page, /^Team vLLM/);
    const facts = drawer.getByRole('table', { name: 'Integration facts' });
    await facts.waitFor();
    expect(await facts.textContent()).not.toContain('team-secret-key-123456');
    await drawer.getByRole('combobox', { name: 'Model' }).fill('llama-3.1-8b');
    await drawer.getByRole('button', { name: 'Test connection' }).click();
    await drawer.getByText(/Connected: llama-3.1-8b answered in/).waitFor();
    expect(ui.mock.requests.at(-1)!.headers.authorization).toBe('Bearer team-secret-key-123456');

    await drawer.getByRole('tab', { name: 'Models' }).click();
    await drawer.getByRole('combobox', { name: 'Add a model' }).fill('llama-3.1-8b');
    await drawer.getByRole('button', { name: 'Add model' }).click();
    await drawer.getByRole('table', { name: 'Models' }).getByText('llama-3.1-8b').waitFor();
    const viaTeam = (model: string) =>
      new OpenAI({ baseURL: `${ui.url}/v1`, apiKey: ui.creds.workspace_api_key, maxRetries: 0 }).chat.completions.create({
        model: `@team-vllm/${model}`,
        messages: [{ role: 'user', content: 'ping' }],
      });
    // Only the listed models once "any model" is off; then none once the listed one is off too.
    // The switches show what the server stored: they turn once it answers.
    await setSwitch(drawer.getByRole('switch', { name: /Allow any model name/ }), false);
    await eventually(() =>
      viaTeam('another-model').then(
        () => 'served',
        () => 'refused',
      ),
    ).toBe('refused');
    expect((await viaTeam('llama-3.1-8b')).choices[0]!.message.content).toBe('echo: ping');
    await setSwitch(drawer.getByRole('switch', { name: 'Enable llama-3.1-8b' }), false);
    await eventually(() =>
      viaTeam('llama-3.1-8b').then(
        () => 'served',
        () => 'refused',
      ),
    ).toBe('refused');

    await drawer.getByRole('tab', { name: 'Providers' }).click();
    await drawer.getByRole('table', { name: 'Providers' }).getByText('@team-vllm').waitFor();
    await drawer.getByRole('textbox', { name: 'Provider name' }).fill('Team B');
    await drawer.getByRole('textbox', { name: 'Slug' }).fill('team-b');
    await drawer.getByRole('button', { name: 'Add provider' }).click();
    await drawer.getByRole('table', { name: 'Providers' }).getByText('@team-b').waitFor();
    await drawer.getByRole('button', { name: 'Delete provider @team-b' }).click();
    await dialogNamed(page, 'Delete provider "@team-b"?').getByRole('button', { name: 'Delete provider' }).click();
    await eventually(() => drawer.getByRole('table', { name: 'Providers' }).getByText('@team-b').count()).toBe(0);

    await drawer.getByRole('tab', { name: 'Settings' }).click();
    await drawer.getByRole('textbox', { name: 'Name' }).fill('Team vLLM (GPU 2)');
    await drawer.getByRole('button', { name: 'Save changes' }).click();
    await drawer.getByText('Saved.').waitFor();
    await page.getByRole('table', { name: 'Integrations' }).getByText('Team vLLM (GPU 2)').waitFor();

    await drawer.getByRole('button', { name: 'Delete integration' }).click();
    const confirm = dialogNamed(page, 'Delete "Team vLLM (GPU 2)"?');
    // Deleting an integration needs its name typed first.
    expect(await confirm.getByRole('button', { name: 'Delete integration' }).isDisabled()).toBe(true);
    await confirm.getByRole('textbox', { name: 'Type "Team vLLM (GPU 2)" to confirm' }).fill('Team vLLM (GPU 2)');
    await confirm.getByRole('button', { name: 'Delete integration' }).click();
    await eventually(() => page.getByRole('table', { name: 'Integrations' }).getByText('Team vLLM (GPU 2)').count()).toBe(0);
    await expect(viaTeam('llama-3.1-8b')).rejects.toThrow();
    expect(page.problems).toEqual([]);
  });
});

describe('budgets and limits', () => {
  // The mock counts words as tokens: a long question spends a token budget in a few requests.
  const ping = (content = 'ping') =>
    new OpenAI({ baseURL: `${ui.url}/v1`, apiKey: ui.creds.workspace_api_key, maxRetries: 0 }).chat.completions
      .create({ model: '@lan-vllm/llama-3.1-8b', messages: [{ role: 'user', content }] })
      .then(
        () => 'served',
        (err: { status?: number }) => `refused ${err.status}`,
      );

  it("sets a provider's token budget (a refused threshold marked on its field), shows it used up and notified, and resets it", async () => {
    // Whatever happens below, the provider is left without a budget for the tests after this one.
    onTestFinished(async () => {
      await ui.admin('PUT', `/v1/providers/lan-vllm?workspace_id=${ui.creds.workspace.id}`, { usage_limits: null });
    });
    await page.goto('/limits');
    const table = page.getByRole('table', { name: 'Budgets and rate limits' });
    await table.getByRole('button', { name: 'Limits of Provider @lan-vllm' }).click();
    const drawer = dialogNamed(page, 'Limits of provider @lan-vllm');
    await drawer.getByRole('switch', { name: 'Limit spending' }).check();
    await drawer.getByRole('combobox', { name: 'Counts' }).click();
    await page.getByRole('option', { name: 'Tokens' }).click();
    await drawer.getByRole('textbox', { name: 'Limit (tokens)' }).fill('100');
    await drawer.getByRole('textbox', { name: /Alert at/ }).fill('200');
    await drawer.getByRole('button', { name: 'Save limits' }).click();
    await drawer.getByText('usage_limits.alert_threshold must be below credit_limit').waitFor();
    await eventually(() => drawer.getByRole('textbox', { name: /Alert at/ }).getAttribute('aria-invalid')).toBe('true');
    await drawer.getByRole('textbox', { name: /Alert at/ }).fill('50');
    await drawer.getByRole('button', { name: 'Save limits' }).click();
    await drawer.getByText('Saved.').waitFor();

    // Requests spend the budget until the provider refuses them.
    let outcome = '';
    for (let i = 0; i < 10 && !outcome.startsWith('refused'); i++) outcome = await ping('word '.repeat(60));
    expect(outcome).toMatch(/^refused 4\d\d$/);
    await page.keyboard.press('Escape');
    await eventually(async () => {
      await page.reload();
      return table.getByRole('row', { name: /@lan-vllm/ }).textContent();
    }).toMatch(/exhausted/);
    await page.getByRole('tab', { name: 'Notifications' }).click();
    await page
      .getByRole('table', { name: 'Notifications' })
      .getByText(/exhaust/i)
      .first()
      .waitFor();

    await page.getByRole('tab', { name: 'Budgets and rate limits' }).click();
    await table.getByRole('button', { name: 'Limits of Provider @lan-vllm' }).click();
    await drawer.getByRole('button', { name: 'Reset usage' }).click();
    await drawer.getByText('Usage reset.').waitFor();
    expect(await ping()).toBe('served');
    // The budget turned off again from the page.
    await drawer.getByRole('switch', { name: 'Limit spending' }).uncheck();
    await drawer.getByRole('button', { name: 'Save limits' }).click();
    await drawer.getByText('Saved.').waitFor();
    const long = () => ping('word '.repeat(60));
    await eventually(async () => [await long(), await long(), await long()]).toEqual(['served', 'served', 'served']);
    expect(page.problems).toEqual([]);
  });

  it('creates a request-count policy per API key, shows each group used up, resets it, edits and deletes it', async () => {
    await page.goto('/policies');
    await page.getByRole('button', { name: 'Create policy' }).click();
    const form = page.getByRole('form', { name: 'Create policy' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Two requests per key');
    await form.getByRole('combobox', { name: 'Counts' }).click();
    await page.getByRole('option', { name: 'Requests' }).click();
    await form.getByRole('textbox', { name: 'Limit' }).fill('2');
    await form.getByRole('button', { name: 'Create policy' }).click();
    const drawer = dialogNamed(page, /^Two requests per key/);
    await drawer.getByText('No request has matched yet.').waitFor();

    expect([await ping(), await ping(), await ping()]).toEqual(['served', 'served', expect.stringMatching(/^refused 4\d\d$/)]);
    await page.reload();
    const usage = drawer.getByRole('table', { name: 'Usage by group' });
    await usage.getByRole('row', { name: /exhausted/ }).waitFor();
    await usage.getByRole('button', { name: /Reset usage of/ }).click();
    await usage.getByRole('row', { name: /active/ }).waitFor();
    expect(await ping()).toBe('served');

    const edit = drawer.getByRole('form', { name: 'Save policy' });
    await edit.getByRole('textbox', { name: 'Name' }).fill('Two requests per key (trial)');
    await edit.getByRole('button', { name: 'Save policy' }).click();
    await page.getByRole('table', { name: 'Budget policies' }).getByText('Two requests per key (trial)').waitFor();
    await drawer.getByRole('button', { name: 'Delete policy' }).click();
    await dialogNamed(page, /Delete "Two requests per key \(trial\)"\?/)
      .getByRole('button', { name: 'Delete policy' })
      .click();
    await eventually(() => page.getByText('Two requests per key (trial)').count()).toBe(0);
    expect([await ping(), await ping(), await ping()]).toEqual(['served', 'served', 'served']);
    expect(page.problems).toEqual([]);
  });
});
