// The operations pages as an owner uses them, on one appliance: the air-gap report (the model
// server's integration allowed and contacted, a request to an inline custom host nobody allowed
// refused with its caller and trace, allow-list entries added and removed with the server's refusal
// on the field, the JSON and printable exports), backups (written with a passphrase typed twice,
// listed, downloaded, deleted; the schedule with a refused folder on its field), and the pricing
// page's files (a dropped file's checksum after Reload, a refused file with its message).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Download } from 'playwright-core';
import { dumpPage, eventually, ownerWithPassword, signIn, startUi, type Ui, type UiPage } from './harness.ts';
import { makeTempDir, removeDir } from '../helpers/dataDir.ts';

let ui: Ui;
let page: UiPage;
let owner: { email: string; password: string };
let scheduleDir: string;
const mockHost = () => `127.0.0.1:${new URL(ui.mock.url).port}`;
const sha = (bytes: string | Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');
const read = async (download: Download) => fs.readFileSync((await download.path())!);

beforeAll(async () => {
  ui = await startUi();
  scheduleDir = makeTempDir('ui-scheduled-backups');
  await ui.admin('POST', '/v1/integrations', {
    name: 'LAN vLLM',
    slug: 'lan-vllm',
    ai_provider_id: 'vllm',
    workspace_id: ui.creds.workspace.id,
    configurations: { custom_host: `${ui.mock.url}/v1` },
  });
  await new OpenAI({ baseURL: `${ui.url}/v1`, apiKey: ui.creds.workspace_api_key, maxRetries: 0 }).chat.completions.create({
    model: '@lan-vllm/llama-3.1-8b',
    messages: [{ role: 'user', content: 'hello' }],
  });
  owner = await ownerWithPassword(ui);
  page = await ui.newPage(await ui.newContext());
  await signIn(page, owner.email, owner.password);
  await page.waitForURL((url) => url.pathname === '/dashboard');
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') console.log('page dump:', await dumpPage(page, ctx.task.name));
});
afterAll(async () => {
  await ui?.close();
  if (scheduleDir) removeDir(scheduleDir);
});

type Row = Record<string, unknown>;

describe('air gap', () => {
  it('shows the self-check, the integration allowed and contacted, and a refused inline custom host with its caller and trace', async () => {
    // An inline custom host that no integration, allow-list entry or trusted host names.
    const refused = await fetch(`${ui.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-portkey-api-key': ui.creds.workspace_api_key,
        'x-portkey-provider': 'openai',
        authorization: 'Bearer sk-inline',
        'x-portkey-custom-host': 'https://llm.unlisted.example/v1',
      },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }),
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('egress_refused');
    const traceId = refused.headers.get('x-portkey-trace-id')!;
    expect(traceId).toBeTruthy();

    await page.goto('/air-gap');
    const check = page.getByRole('region', { name: 'Self-check' });
    await check.getByRole('status').getByText('Self-check passed').waitFor();
    await check.getByRole('table', { name: 'Outbound clients' }).getByRole('row').nth(1).waitFor();
    await page
      .getByRole('table', { name: 'Listeners' })
      .getByRole('row', { name: new RegExp(`:${new URL(ui.url).port}\\b`) })
      .getByText('No TLS')
      .waitFor();

    const allowed = page.getByRole('table', { name: 'Allowed destinations' });
    const integration = allowed.getByRole('row', { name: new RegExp(mockHost().replace(/\./g, '\\.')) });
    await integration.getByText('integration lan-vllm').waitFor();
    expect(await integration.getByText('Integration', { exact: true }).count()).toBe(1);

    await page
      .getByRole('table', { name: 'Contacted destinations' })
      .getByRole('row', { name: new RegExp(mockHost().replace(/\./g, '\\.')) })
      .getByText('gateway')
      .waitFor();

    const refusals = page.getByRole('table', { name: 'Refused attempts' });
    const row = refusals.getByRole('row', { name: /llm\.unlisted\.example:443/ });
    await eventually(async () => {
      await page.reload();
      await check.getByRole('status').waitFor();
      return row.count();
    }).toBe(1);
    // The self-check's own probes are not among them.
    expect(await refusals.getByText('egress-self-check.invalid').count()).toBe(0);
    expect(await row.getByRole('cell').nth(3).textContent()).toContain('API key: Default workspace key');
    expect(await row.getByRole('cell').nth(4).textContent()).toBe(ui.creds.workspace.name);
    await row.getByRole('link', { name: traceId }).click();
    await page.waitForURL((url) => url.pathname === '/logs' && url.searchParams.get('trace_id') === traceId);
    await page.getByRole('table', { name: 'Request logs' }).getByRole('row').nth(1).getByText('403').waitFor();
    expect(page.problems).toEqual([]);
  });

  it('adds an allow-list entry (a refused one marked on its field) and removes it after naming it', async () => {
    await page.goto('/air-gap');
    const form = page.getByRole('form', { name: 'Allow a destination' });
    const destination = form.getByRole('textbox', { name: 'Destination' });
    await destination.fill('ftp://files.example.org');
    await form.getByRole('button', { name: 'Allow destination' }).click();
    await form.getByText(/ftp:\/\/files\.example\.org.*http/).waitFor();
    expect(await destination.getAttribute('aria-invalid')).toBe('true');

    await destination.fill('llm.partner.example:8443');
    await form.getByRole('textbox', { name: 'Description' }).fill('partner model server');
    await form.getByRole('button', { name: 'Allow destination' }).click();
    const allowed = page.getByRole('table', { name: 'Allowed destinations' });
    const entry = allowed.getByRole('row', { name: /llm\.partner\.example:8443/ });
    await entry.getByText('Allow-list').waitFor();
    expect(await entry.textContent()).toContain(owner.email);
    await eventually(async () => expect(await destination.inputValue()).toBe(''));
    const list = await ui.admin<{ data: Row[] }>('GET', '/v1/admin/egress/allow-list');
    expect(list.data.map((e) => [e.destination, e.description])).toEqual([['llm.partner.example:8443', 'partner model server']]);

    // The same destination again: refused (409), said on the field.
    await destination.fill('llm.partner.example:8443');
    await form.getByRole('button', { name: 'Allow destination' }).click();
    await eventually(async () => expect(await destination.getAttribute('aria-invalid')).toBe('true'));

    await entry.getByRole('button', { name: 'Remove llm.partner.example:8443' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove llm.partner.example:8443 from the allow-list?' });
    await confirm.getByRole('button', { name: 'Remove destination' }).click();
    await confirm.waitFor({ state: 'detached' });
    await eventually(() => entry.count()).toBe(0);
    expect((await ui.admin<{ data: Row[] }>('GET', '/v1/admin/egress/allow-list')).data).toEqual([]);
    expect(page.problems).toEqual([]);
  });

  it('downloads the report as JSON, opens the printable page, and runs the self-check again', async () => {
    await page.goto('/air-gap');
    const check = page.getByRole('region', { name: 'Self-check' });
    const checked = check.getByText(/^Checked /);
    await checked.waitFor();
    const before = await checked.textContent();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download JSON' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^air-gap-report-.*\.json$/);
    const json = JSON.parse((await read(download)).toString('utf8')) as { object: string; allowed: { destination: string }[] };
    expect(json.object).toBe('egress_report');
    expect(json.allowed.map((a) => a.destination)).toContain(mockHost());

    const [printable] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Printable report' }).click()]);
    await printable.getByRole('heading', { name: 'Air-gap report' }).waitFor();
    await printable.getByText('Self-check passed').waitFor();
    await printable.getByText('llm.unlisted.example:443').first().waitFor();
    await printable.close();

    await page.getByRole('button', { name: 'Run self-check again' }).click();
    await eventually(() => checked.textContent()).not.toBe(before);
    await check.getByRole('status').getByText('Self-check passed').waitFor();
    expect(page.problems).toEqual([]);
  });
});

describe('backups', () => {
  it('backs up with a passphrase typed twice, lists, downloads and deletes the backup', async () => {
    await page.goto('/backups');
    await page.getByText('No backups yet.').waitFor();
    await page.getByRole('button', { name: 'Back up now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Back up now' });
    const passphrase = dialog.getByRole('textbox', { name: 'Passphrase', exact: true });
    const repeat = dialog.getByRole('textbox', { name: 'Repeat the passphrase' });
    await passphrase.fill('too short');
    await repeat.fill('too short');
    await dialog.getByRole('button', { name: 'Write backup' }).click();
    await dialog.getByText('At least 12 characters', { exact: true }).waitFor();
    await passphrase.fill('correct horse battery staple');
    await repeat.fill('correct horse battery stapel');
    await dialog.getByRole('button', { name: 'Write backup' }).click();
    await dialog.getByText('The two passphrases differ').waitFor();
    await repeat.fill('correct horse battery staple');
    await dialog.getByRole('button', { name: 'Write backup' }).click();
    await dialog.getByRole('status').getByText('Backup written').waitFor({ timeout: 60_000 });
    const facts = dialog.getByRole('table', { name: 'Backup facts' });
    const name = (await facts.getByRole('row', { name: /^Name/ }).getByRole('cell').textContent())!.trim();
    expect(name).toMatch(/^airgap-backup-.*\.agbak$/);
    const file = path.join(ui.dataDir, 'backups', name);
    expect(await facts.getByRole('row', { name: /^SHA-256/ }).textContent()).toContain(sha(fs.readFileSync(file)));
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    const backups = page.getByRole('table', { name: 'Backups' });
    const row = backups.getByRole('row', { name: new RegExp(name.replace(/\./g, '\\.')) });
    await row.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: `Download ${name}` }).click()]);
    expect(download.suggestedFilename()).toBe(name);
    const bytes = await read(download);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('AIRGAPBK');
    expect(bytes.equals(fs.readFileSync(file))).toBe(true);

    await row.getByRole('button', { name: `Delete ${name}` }).click();
    const confirm = page.getByRole('dialog', { name: `Delete ${name}?` });
    await confirm.getByRole('button', { name: 'Delete backup' }).click();
    await confirm.waitFor({ state: 'detached' });
    await eventually(() => row.count()).toBe(0);
    expect(fs.existsSync(file)).toBe(false);
    await page.getByRole('region', { name: 'Restoring a backup' }).getByText('npm run restore -- FILE').waitFor();
    expect(page.problems).toEqual([]);
  });

  it('saves a schedule, marking a folder the server refuses on its field', async () => {
    await page.goto('/backups');
    const form = page.getByRole('form', { name: 'Backup schedule' });
    await form.getByRole('switch', { name: 'Back up on a schedule' }).check();
    const folder = form.getByRole('textbox', { name: 'Folder' });
    await folder.fill('relative/backups');
    await form.getByRole('textbox', { name: 'Passphrase', exact: true }).fill('correct horse battery staple');
    await form.getByRole('textbox', { name: 'Repeat the passphrase' }).fill('correct horse battery staple');
    await form.getByRole('button', { name: 'Save schedule' }).click();
    await form.getByText(/must be an absolute path/).waitFor();
    expect(await folder.getAttribute('aria-invalid')).toBe('true');
    const schedule = () => ui.admin<Row>('GET', '/v1/admin/backups/schedule');
    expect((await schedule()).enabled).toBe(false);

    await folder.fill(scheduleDir);
    await form.getByRole('button', { name: 'Save schedule' }).click();
    await form.getByRole('status').getByText('Saved.').waitFor();
    expect(await schedule()).toMatchObject({ enabled: true, folder: scheduleDir, passphrase_set: true, updated_by: owner.email });
    await form.getByText(/^Next run:/).waitFor();
    // The passphrase is kept sealed: the form now says it may stay empty.
    await form.getByText('Leave empty to keep the passphrase set before').waitFor();
    expect(page.problems).toEqual([]);
  });
});

describe('pricing files', () => {
  it("shows a dropped file's checksum after Reload and a refused file with its message", async () => {
    const folder = path.join(ui.dataDir, 'pricing');
    const good = JSON.stringify({
      'llama-3.1-8b': { pricing_config: { pay_as_you_go: { request_token: { price: 0.0001 }, response_token: { price: 0.0002 } } } },
    });
    fs.writeFileSync(path.join(folder, 'vllm.json'), good);
    fs.writeFileSync(
      path.join(folder, 'ollama.json'),
      JSON.stringify({ llama3: { pricing_config: { pay_as_you_go: { request_token: { price: 'free' } } } } }),
    );
    await page.goto('/pricing?range=1h');
    const region = page.getByRole('region', { name: 'Pricing files' });
    await region.getByRole('button', { name: 'Reload' }).click();
    const files = region.getByRole('table', { name: 'Pricing files' });
    const vllm = files.getByRole('row', { name: /^vllm/ });
    await vllm.getByText(sha(good).slice(0, 12)).waitFor();
    expect(await vllm.textContent()).toContain('Data directory');
    await vllm.getByText('in use').waitFor();
    const message = '"llama3".pricing_config.pay_as_you_go.request_token.price must be a number of at least 0 (got "free")';
    const ollama = files.getByRole('row', { name: /^ollama/ });
    await ollama.getByText('refused').waitFor();
    await ollama.getByText(message).waitFor();
    await region.getByRole('alert').getByText(message).waitFor();

    // The file's details: its full checksum.
    await vllm.getByRole('button', { name: 'Open vllm.json (Data directory)' }).click();
    const drawer = page.getByRole('dialog', { name: /vllm\.json/ });
    await drawer.getByRole('table', { name: 'Pricing file facts' }).getByText(sha(good)).first().waitFor();
    await drawer.getByRole('button', { name: 'Show the prices of vllm' }).click();
    await drawer.waitFor({ state: 'detached' });
    const prices = page.getByRole('table', { name: 'Prices' });
    const price = prices.getByRole('row', { name: /llama-3\.1-8b/ });
    await price.getByText('vllm.json').waitFor();
    expect(await price.textContent()).toContain('$1.00');
    expect(await price.textContent()).toContain('Data directory');

    // A bad replacement is refused and the accepted version stays in use.
    fs.writeFileSync(path.join(folder, 'vllm.json'), '{ "llama-3.1-8b": ');
    await region.getByRole('button', { name: 'Reload' }).click();
    await vllm.getByText('refused').waitFor();
    await vllm.getByText(new RegExp(`Still in use: .*${sha(good).slice(0, 12)}`)).waitFor();
    expect(page.problems).toEqual([]);
  });
});
