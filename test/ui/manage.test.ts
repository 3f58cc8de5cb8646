// Management pages as an admin uses them: an API key created (secret shown once, and it works),
// edited, rotated (the new secret works), revoked (it stops working); a config created through a
// refused attempt whose error lands on the right line, saved again as a new version, compared with
// the first, and deleted.
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dumpPage, eventually, ownerWithPassword, signIn, startUi, type Ui, type UiPage } from './harness.ts';

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
    const drawer = page.getByRole('dialog');
    await drawer.getByText('Copy this key now: you will not see it again').waitFor();
    const secret = (await drawer.getByLabel('API key "billing-service"').textContent())!.trim();
    expect((await chat(secret)).choices[0]!.message.content).toBe('echo: ping');
    await drawer.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Open key billing-service' }).click();
    const detail = page.getByRole('dialog');
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
    const confirm = page.getByRole('dialog', { name: /Revoke "billing-service-v2"\?/ });
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await eventually(() => page.getByRole('table', { name: 'API keys' }).getByText('billing-service-v2').count()).toBe(0);
    await expect(chat(rotated)).rejects.toThrow(/401|Invalid API key/i);
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
    await diff.waitFor();
    expect(
      await diff.getByRole('row').filter({ hasText: '"mode": "loadbalance"' }).getByRole('cell').first().getAttribute('aria-label'),
    ).toBe('added');
    expect(await diff.getByRole('row').filter({ hasText: '"mode": "fallback"' }).getByRole('cell').first().getAttribute('aria-label')).toBe(
      'removed',
    );

    // The saved config routes requests.
    const res = await fetch(`${ui.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'x-portkey-api-key': ui.creds.workspace_api_key, 'x-portkey-config': slug, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'llama-3.1-8b', messages: [{ role: 'user', content: 'through the config' }] }),
    });
    expect(res.status).toBe(200);

    await page.getByRole('button', { name: 'Delete config' }).click();
    await page
      .getByRole('dialog', { name: /Delete "Fallback to backup"\?/ })
      .getByRole('button', { name: 'Delete config' })
      .click();
    await page.waitForURL((url) => url.pathname === '/configs');
    await eventually(() => page.getByRole('table', { name: 'Configs' }).getByText('Fallback to backup').count()).toBe(0);
    expect(page.problems).toEqual([]);
  });
});
