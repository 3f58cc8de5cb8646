// The Organisation pages as an owner uses them, on one appliance: workspaces created, renamed,
// archived, restored and deleted (typing the name, with what depends on it); a person invited (the
// link handed over and used), made a member, given roles, removed; invites renewed and cancelled;
// security settings changed for the organisation and one workspace, a refused value marked on its
// field; the audit log filtered down to those changes; and the pricing page's unpriced models.
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dialogNamed, dumpPage, eventually, ownerWithPassword, setSwitch, signIn, startUi, type Ui, type UiPage } from './harness.ts';

let ui: Ui;
let page: UiPage;
const ws = () => ui.creds.workspace.id;

beforeAll(async () => {
  ui = await startUi();
  await ui.admin('POST', '/v1/integrations', {
    name: 'LAN vLLM',
    slug: 'lan-vllm',
    ai_provider_id: 'vllm',
    workspace_id: ws(),
    configurations: { custom_host: `${ui.mock.url}/v1` },
  });
  const owner = await ownerWithPassword(ui);
  const context = await ui.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  page = await ui.newPage(context);
  await signIn(page, owner.email, owner.password);
  await page.waitForURL((url) => url.pathname === '/dashboard');
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') console.log('page dump:', await dumpPage(page, ctx.task.name));
});
afterAll(() => ui?.close());

type Row = Record<string, unknown>;

/** Someone invited over the Admin API who has set their password: a member of the organisation. */
async function personJoins(email: string, password: string): Promise<void> {
  const invite = await ui.admin<{ invite_link: string }>('POST', '/v1/admin/users/invites', { email, role: 'member' });
  const token = decodeURIComponent(new URL(invite.invite_link).pathname.replace(/^\/invite\//, ''));
  const accepted = await fetch(`${ui.url}/v1/auth/invites/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password, first_name: email.split('@')[0] }),
  });
  if (!accepted.ok) throw new Error(`invite accept: ${accepted.status} ${await accepted.text()}`);
}

describe('workspaces', () => {
  it('creates, renames, archives, restores and deletes a workspace, typing its name', async () => {
    await page.goto('/workspaces');
    await page.getByRole('table', { name: 'Workspaces' }).getByText('Default').first().waitFor();
    await page.getByRole('button', { name: 'Create workspace' }).click();
    const form = page.getByRole('form', { name: 'Create a workspace' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Research');
    await form.getByRole('textbox', { name: 'Description' }).fill('Model evaluation');
    await form.getByRole('button', { name: 'Create workspace' }).click();
    // Anchored: the delete confirmation's title names it too (and the name grows to "Research lab").
    const drawer = dialogNamed(page, /^Research/);
    await drawer.getByRole('table', { name: 'Workspace facts' }).waitFor();
    // It is in the workspace switcher at once.
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Workspace' }).click();
    await page.getByRole('option', { name: 'Research' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('table', { name: 'Workspaces' }).getByRole('button', { name: 'Open workspace Research' }).click();

    await drawer.getByRole('textbox', { name: 'Name' }).fill('Research lab');
    await drawer.getByRole('button', { name: 'Save changes' }).click();
    await drawer.getByText('Saved.').waitFor();
    const table = page.getByRole('table', { name: 'Workspaces' });
    await table.getByText('Research lab').waitFor();

    await drawer.getByRole('button', { name: 'Archive workspace' }).click();
    await drawer.waitFor({ state: 'detached' });
    await eventually(() => table.getByText('Research lab').count()).toBe(0);
    // check(): the switch must turn at once, though its state lives in the URL.
    await page.getByRole('switch', { name: 'Show archived' }).check();
    await table
      .getByRole('row', { name: /Research lab/ })
      .getByText('archived')
      .waitFor();
    await table.getByRole('button', { name: 'Open workspace Research lab' }).click();
    await drawer.getByRole('button', { name: 'Restore workspace' }).click();
    await table
      .getByRole('row', { name: /Research lab/ })
      .getByText('active')
      .waitFor();

    // A key in it: the first delete is refused, naming what depends on it, until that goes too.
    const created = await ui.admin<{ data: Row[] }>('GET', '/v1/admin/workspaces?name=Research');
    const id = String(created.data[0]!.id);
    await ui.admin('POST', '/v1/api-keys/workspace/service', { name: 'lab key', workspace_id: id, scopes: ['completions.write'] });
    await drawer.getByRole('button', { name: 'Delete workspace' }).click();
    const confirm = dialogNamed(page, 'Delete "Research lab"?');
    expect(await confirm.getByRole('button', { name: 'Delete workspace' }).isDisabled()).toBe(true);
    await confirm.getByRole('textbox', { name: 'Type "Research lab" to confirm' }).fill('Research lab');
    await confirm.getByRole('button', { name: 'Delete workspace' }).click();
    await confirm
      .getByRole('alert')
      .getByText(/force_delete|Delete them first/)
      .waitFor();
    await confirm.getByRole('checkbox', { name: 'Also delete its API keys, configs and providers' }).check();
    await confirm.getByRole('button', { name: 'Delete workspace' }).click();
    await eventually(() => table.getByText('Research lab').count()).toBe(0);
    await expect(ui.admin('GET', `/v1/admin/workspaces/${id}`)).rejects.toThrow(/404/);
    expect(page.problems).toEqual([]);
  });
});

describe('people', () => {
  it('invites a person with a link they use, then changes their workspace role, removes and re-adds them', async () => {
    await page.goto('/members');
    await page.getByRole('button', { name: 'Invite person' }).click();
    const form = page.getByRole('form', { name: 'Invite a person' });
    await form.getByRole('textbox', { name: 'Email' }).fill('dana@example.com');
    await form.getByRole('combobox', { name: 'Workspace role' }).click();
    await page.getByRole('option', { name: /^Manager/ }).click();
    await form.getByRole('button', { name: 'Create invite link' }).click();
    const inviting = dialogNamed(page, 'Invite a person');
    const handover = inviting.getByRole('status').filter({ hasText: 'Invite link for dana@example.com' });
    await handover.getByText(/No mail leaves this appliance/).waitFor();
    const link = (await handover.getByText(/\/invite\//).textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${ui.url}/invite/`));
    await handover.getByRole('button', { name: 'Copy invite link' }).click();
    await eventually(() => page.evaluate('navigator.clipboard.readText()')).toBe(link);
    await inviting.getByRole('button', { name: 'Done' }).click();
    await inviting.waitFor({ state: 'detached' });
    await page
      .getByRole('table', { name: 'Invites' })
      .getByRole('row', { name: /dana@example.com/ })
      .getByText('pending')
      .waitFor();

    // Dana opens the link in her own browser and sets her name and password.
    const dana = await ui.newPage(await ui.newContext());
    await dana.goto(link);
    await dana.getByLabel('First name').fill('Dana');
    await dana.getByLabel('Password (at least 8 characters)').fill('dana password 123');
    await dana.getByLabel('Repeat the password').fill('dana password 123');
    await dana.getByRole('button', { name: 'Create my account' }).click();
    await dana.getByRole('heading', { name: 'Your account is ready' }).waitFor();

    await page.getByRole('tab', { name: /Members of/ }).click();
    const members = page.getByRole('table', { name: 'Workspace members' });
    await page.reload();
    await members.getByRole('row', { name: /dana@example.com/ }).waitFor();
    const role = members.getByRole('combobox', { name: 'Role of dana@example.com' });
    await eventually(() => role.inputValue()).toBe('manager');
    await role.click();
    await page.getByRole('option', { name: 'member', exact: true }).click();
    const danaId = () =>
      ui
        .admin<{ data: Row[] }>('GET', `/v1/admin/workspaces/${ws()}/users`)
        .then((r) => r.data.find((m) => m.email === 'dana@example.com'));
    await eventually(async () => (await danaId())?.role).toBe('member');

    await members.getByRole('button', { name: 'Remove dana@example.com' }).click();
    await dialogNamed(page, /Remove dana@example.com/)
      .getByRole('button', { name: 'Remove member' })
      .click();
    await eventually(() => members.getByText('dana@example.com').count()).toBe(0);

    // Someone the organisation does not know is refused, with the reason under the field.
    const add = page.getByRole('form', { name: 'Add a member' });
    await add.getByRole('combobox', { name: 'Add a person' }).fill('nobody@example.com');
    await add.getByRole('button', { name: 'Add member' }).click();
    await add.getByText(/not a member of the organisation/).waitFor();
    await add.getByRole('combobox', { name: 'Add a person' }).fill('dana@example.com');
    await add.getByRole('button', { name: 'Add member' }).click();
    await members.getByRole('row', { name: /dana@example.com/ }).waitFor();
    expect(page.problems).toEqual([]);
  });

  it('renews and cancels an invite', async () => {
    await page.goto('/members?tab=invites');
    await page.getByRole('button', { name: 'Invite person' }).click();
    const form = page.getByRole('form', { name: 'Invite a person' });
    await form.getByRole('textbox', { name: 'Email' }).fill('eve@example.com');
    await form.getByRole('button', { name: 'Create invite link' }).click();
    const inviting = dialogNamed(page, 'Invite a person');
    const first = (await inviting.getByText(/\/invite\//).textContent())!.trim();
    await inviting.getByRole('button', { name: 'Done' }).click();
    // Gone before the renewed link is looked for: while it slides out it still shows this one.
    await inviting.waitFor({ state: 'detached' });
    const invites = page.getByRole('table', { name: 'Invites' });
    await invites.getByRole('button', { name: 'New link for eve@example.com' }).click();
    const renewed = page.getByRole('status').filter({ hasText: 'Invite link for eve@example.com' });
    await renewed.waitFor();
    const second = (await renewed.getByText(/\/invite\//).textContent())!.trim();
    expect(second).not.toBe(first);
    // The old link no longer works.
    expect((await fetch(first)).status).not.toBe(200);
    await invites.getByRole('button', { name: 'Cancel invite for eve@example.com' }).click();
    await dialogNamed(page, /Cancel the invite for eve@example.com/)
      .getByRole('button', { name: 'Cancel invite' })
      .click();
    await invites
      .getByRole('row', { name: /eve@example.com/ })
      .getByText('cancelled')
      .waitFor();
    expect((await fetch(second)).status).not.toBe(200);
    expect(page.problems).toEqual([]);
  });

  it("changes a person's organisation role and removes them from the organisation", async () => {
    // Their own person, not one an earlier test made.
    await personJoins('frank@example.com', 'frank password 123');
    await page.goto('/users');
    const people = page.getByRole('table', { name: 'People' });
    await people.getByRole('button', { name: 'Open frank@example.com' }).click();
    // Anchored: the removal's confirmation names them too.
    const drawer = dialogNamed(page, /^frank@example.com/);
    await drawer.getByRole('combobox', { name: 'Organisation role' }).click();
    await page.getByRole('option', { name: 'Admin' }).click();
    await drawer.getByRole('button', { name: 'Save role' }).click();
    await drawer.getByText('Saved.').waitFor();
    await people
      .getByRole('row', { name: /frank@example.com/ })
      .getByText('admin')
      .waitFor();
    await drawer.getByRole('button', { name: 'Remove from the organisation' }).click();
    await dialogNamed(page, 'Remove frank@example.com?').getByRole('button', { name: 'Remove person' }).click();
    await eventually(() => people.getByText('frank@example.com').count()).toBe(0);
    const login = await fetch(`${ui.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'frank@example.com', password: 'frank password 123' }),
    });
    expect(login.status).toBe(401);
    expect(page.problems).toEqual([]);
  });
});

describe('security settings', () => {
  it('changes an organisation setting, opens a section to workspaces, sets a workspace value, and marks a refused value', async () => {
    await page.goto('/security');
    const logs = page.getByRole('region', { name: 'Logs', exact: true });
    await logs.getByRole('switch', { name: 'Members view logs' }).click();
    await logs.getByRole('button', { name: 'Save logs' }).click();
    await logs.getByText('Saved.').waitFor();
    const org = () => ui.admin<{ settings: Row; workspace_overrides: Row }>('GET', '/v1/admin/organisation/settings');
    expect((await org()).settings.membersViewLogs).toBe(false);

    await setSwitch(logs.getByRole('switch', { name: 'Workspaces may override' }), true);
    await eventually(async () => (await org()).workspace_overrides.logs).toBe(true);

    // A value the server refuses: the reason under that setting, nothing saved.
    const schemas = page.getByRole('region', { name: 'Metadata schemas' });
    await schemas.getByRole('textbox', { name: 'API key metadata schema' }).fill('{"type": "string"}');
    await schemas.getByRole('button', { name: 'Save metadata schemas' }).click();
    await schemas.getByText(/must be a JSON schema object with "type": "object"/).waitFor();
    await eventually(() => schemas.getByRole('textbox', { name: 'API key metadata schema' }).getAttribute('aria-invalid')).toBe('true');
    expect((await org()).settings.api_key_metadata_schema).toBeNull();

    await page.getByRole('tab', { name: /Workspace/ }).click();
    const own = page.getByRole('region', { name: 'Logs', exact: true });
    await own.getByRole('checkbox', { name: 'Own value for "membersViewLogs"' }).check();
    await own.getByRole('switch', { name: 'Members view logs' }).click();
    await own.getByRole('button', { name: 'Save logs' }).click();
    await own.getByText('Saved.').waitFor();
    const workspace = await ui.admin<{ settings: Row; effective: Row }>('GET', `/v1/admin/workspaces/${ws()}/settings`);
    expect(workspace.settings.membersViewLogs).toBe(true);
    expect(workspace.effective.membersViewLogs).toBe(true);
    expect(page.problems).toEqual([]);
  });
});

describe('audit log', () => {
  it("lists a workspace's changes, narrowed to it by a filter chip kept in the URL, and opens one", async () => {
    // Its own workspace, changed over the Admin API: created, a delete refused (a key depends on
    // it), then deleted with what depends on it.
    const made = await ui.admin<Row>('POST', '/v1/admin/workspaces', { name: 'Audit trail' });
    const id = String(made.id);
    await ui.admin('POST', '/v1/api-keys/workspace/service', { name: 'trail key', workspace_id: id, scopes: ['completions.write'] });
    await expect(ui.admin('DELETE', `/v1/admin/workspaces/${id}`, { name: 'Audit trail' })).rejects.toThrow(/409/);
    await ui.admin('DELETE', `/v1/admin/workspaces/${id}`, { name: 'Audit trail', force_delete: true });

    await page.goto('/audit?range=1h');
    const table = page.getByRole('table', { name: 'Audit records' });
    const rows = async () => (await table.getByRole('row').allTextContents()).slice(1);
    // Other changes are listed before the filter (the integration made for this file, the key).
    await eventually(async () => (await rows()).some((r) => !r.includes(id))).toBe(true);
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('combobox', { name: 'Filter' }).fill('Resource id');
    await page.getByRole('option', { name: 'Resource id', exact: true }).click();
    await page.getByRole('textbox', { name: 'Value' }).fill(id);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('resource_id') === id);
    // Only that workspace's changes, newest first: the forced delete, the refused one, the create.
    const methodAndStatus = (r: string) => `${/(POST|PUT|PATCH|DELETE)\/v1\//.exec(r)?.[1]} ${r.slice(-3)}`;
    await eventually(async () => (await rows()).map(methodAndStatus)).toEqual(['DELETE 200', 'DELETE 409', 'POST 200']);
    expect((await rows()).every((r) => r.includes('workspace'))).toBe(true);
    await table.getByRole('row').filter({ hasText: 'DELETE' }).first().click();
    const record = dialogNamed(page, /^DELETE /).getByRole('table', { name: 'Record facts' });
    await record.getByText('delete').first().waitFor();
    await eventually(() => record.textContent()).toContain(id);
    expect(page.problems).toEqual([]);
  });
});

describe('pricing', () => {
  it('shows where prices come from and the models that answered without a price', async () => {
    await new OpenAI({ baseURL: `${ui.url}/v1`, apiKey: ui.creds.workspace_api_key, maxRetries: 0 }).chat.completions.create({
      model: '@lan-vllm/llama-3.1-8b',
      messages: [{ role: 'user', content: 'what does this cost' }],
    });
    await page.goto('/pricing?range=1h');
    const unpriced = page.getByRole('table', { name: 'Unpriced models' });
    await eventually(async () => {
      await page.reload();
      await page.getByRole('region', { name: 'Models without a price' }).getByRole('heading').waitFor();
      return unpriced.getByRole('row', { name: /llama-3\.1-8b/ }).count();
    }).toBe(1);
    expect(await unpriced.getByRole('row', { name: /llama-3\.1-8b/ }).textContent()).toContain('@lan-vllm');
    await page
      .getByRole('table', { name: 'Pricing files' })
      .getByRole('row', { name: /^openai/ })
      .getByText('Bundled with the appliance')
      .waitFor();
    expect(page.problems).toEqual([]);
  });
});
