// Every page of the console in both themes: an axe-core scan with no serious or critical
// violations, no CSP violation or script error, keyboard basics (`/` focuses search, Esc closes
// the drawer), and a screenshot of each written to docs/screenshots/ (the README shows two).
import fs from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, dialogNamed, eventually, ownerWithPassword, settled, signIn, startUi, type Ui } from './harness.ts';
import { seriousViolations } from './axe.ts';

let ui: Ui;
let owner: { email: string; password: string };
let configSlug = '';

beforeAll(async () => {
  ui = await startUi();
  await ui.admin('POST', '/v1/integrations', {
    name: 'LAN vLLM',
    slug: 'lan-vllm',
    ai_provider_id: 'vllm',
    workspace_id: ui.creds.workspace.id,
    configurations: { custom_host: `${ui.mock.url}/v1` },
  });
  const client = new OpenAI({ baseURL: `${ui.url}/v1`, apiKey: ui.creds.workspace_api_key, maxRetries: 0 });
  for (const content of ['Hello there', 'Summarise the quarterly report', 'Translate good morning']) {
    await client.chat.completions.create(
      { model: '@lan-vllm/llama-3.1-8b', messages: [{ role: 'user', content }] },
      { headers: { 'x-portkey-metadata': '{"team":"docs"}' } },
    );
  }
  const config = await ui.admin<{ slug: string }>('POST', '/v1/configs', {
    name: 'Fallback to backup',
    workspace_id: ui.creds.workspace.id,
    config: { strategy: { mode: 'fallback' }, targets: [{ provider: '@lan-vllm' }, { provider: '@lan-vllm', retry: { attempts: 2 } }] },
  });
  await ui.admin('PUT', `/v1/configs/${config.slug}`, {
    workspace_id: ui.creds.workspace.id,
    config: {
      strategy: { mode: 'loadbalance' },
      targets: [
        { provider: '@lan-vllm', weight: 1 },
        { provider: '@lan-vllm', weight: 3 },
      ],
    },
  });
  configSlug = config.slug;
  owner = await ownerWithPassword(ui);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(() => ui?.close());

interface PageCase {
  name: string;
  url: string;
  /** What shows once the page has its data. */
  ready: (page: Page) => Promise<unknown>;
  signedIn: boolean;
}

const PAGES: PageCase[] = [
  { name: 'login', url: '/login', signedIn: false, ready: (p) => p.getByRole('heading', { name: 'Sign in' }).waitFor() },
  { name: 'api-reference', url: '/docs', signedIn: false, ready: (p) => p.getByRole('article').waitFor() },
  { name: 'welcome', url: '/welcome', signedIn: true, ready: (p) => p.getByRole('form', { name: 'Connect a model server' }).waitFor() },
  {
    name: 'dashboard',
    url: '/dashboard?range=1h',
    signedIn: true,
    ready: (p) => p.getByRole('region', { name: 'Requests', exact: true }).getByTestId('summary').getByText('3', { exact: true }).waitFor(),
  },
  { name: 'logs', url: '/logs?range=1h', signedIn: true, ready: (p) => p.getByText('3 requests · Last hour').waitFor() },
  { name: 'log-detail', url: '/logs?range=1h', signedIn: true, ready: openFirstLog },
  { name: 'export', url: '/logs?range=1h', signedIn: true, ready: openExport },
  { name: 'guardrails', url: '/guardrails', signedIn: true, ready: (p) => p.getByText('No guardrails yet').waitFor() },
  { name: 'guardrail-create', url: '/guardrails?create=1', signedIn: true, ready: guardrailDraft },
  {
    name: 'api-keys',
    url: '/api-keys',
    signedIn: true,
    ready: (p) => p.getByRole('table', { name: 'API keys' }).getByText('Default workspace key').waitFor(),
  },
  {
    name: 'api-key-create',
    url: '/api-keys?create=1',
    signedIn: true,
    ready: (p) => p.getByRole('form', { name: 'Create an API key' }).waitFor(),
  },
  {
    name: 'configs',
    url: '/configs',
    signedIn: true,
    ready: (p) => p.getByRole('table', { name: 'Configs' }).getByText('Fallback to backup').waitFor(),
  },
  {
    name: 'config-editor',
    url: '/configs/{config}',
    signedIn: true,
    ready: (p) => p.getByRole('table', { name: 'Changes from version 1 to version 2' }).waitFor(),
  },
  {
    name: 'playground',
    url: '/playground',
    signedIn: true,
    ready: (p) => p.getByRole('form', { name: 'Send a message' }).waitFor(),
  },
  {
    name: 'catalog',
    url: '/catalog',
    signedIn: true,
    ready: (p) => p.getByRole('table', { name: 'Integrations' }).getByText('LAN vLLM').waitFor(),
  },
  {
    name: 'integration',
    url: '/catalog?integration=lan-vllm',
    signedIn: true,
    ready: (p) => dialogNamed(p, 'LAN vLLM').getByRole('table', { name: 'Integration facts' }).waitFor(),
  },
  {
    name: 'budgets',
    url: '/limits',
    signedIn: true,
    ready: (p) =>
      p
        .getByRole('table', { name: 'Budgets and rate limits' })
        .getByRole('row', { name: /@lan-vllm/ })
        .waitFor(),
  },
  {
    name: 'limits-edit',
    url: '/limits?limit=workspace',
    signedIn: true,
    ready: (p) =>
      dialogNamed(p, /^Limits of workspace/)
        .getByRole('switch', { name: 'Limit spending' })
        .waitFor(),
  },
  {
    name: 'notifications',
    url: '/limits?tab=notifications',
    signedIn: true,
    ready: (p) => p.getByText(/Nothing yet in/).waitFor(),
  },
  {
    name: 'policies',
    url: '/policies',
    signedIn: true,
    ready: (p) => p.getByText(/A policy limits every request/).waitFor(),
  },
  {
    name: 'policy-create',
    url: '/policies?create=1',
    signedIn: true,
    ready: (p) => p.getByRole('form', { name: 'Create policy' }).waitFor(),
  },
  {
    name: 'workspaces',
    url: '/workspaces',
    signedIn: true,
    ready: (p) => p.getByRole('table', { name: 'Workspaces' }).getByText('Default').first().waitFor(),
  },
  {
    name: 'workspace-create',
    url: '/workspaces?create=1',
    signedIn: true,
    ready: (p) => p.getByRole('form', { name: 'Create a workspace' }).waitFor(),
  },
  {
    name: 'members',
    url: '/members',
    signedIn: true,
    ready: (p) => p.getByRole('table', { name: 'Workspace members' }).getByRole('row').nth(1).waitFor(),
  },
  {
    name: 'invite',
    url: '/members?invite=1',
    signedIn: true,
    ready: (p) => p.getByRole('form', { name: 'Invite a person' }).waitFor(),
  },
  {
    name: 'users',
    url: '/users',
    signedIn: true,
    ready: (p) => p.getByRole('table', { name: 'People' }).getByRole('row').nth(1).waitFor(),
  },
  {
    name: 'security-settings',
    url: '/security',
    signedIn: true,
    ready: (p) => p.getByRole('region', { name: 'API keys' }).waitFor(),
  },
  {
    name: 'audit-log',
    url: '/audit?range=1h',
    signedIn: true,
    ready: (p) => p.getByRole('table', { name: 'Audit records' }).getByRole('row').nth(1).waitFor(),
  },
  {
    name: 'air-gap',
    url: '/air-gap',
    signedIn: true,
    ready: (p) => p.getByRole('table', { name: 'Allowed destinations' }).getByText('integration lan-vllm').waitFor(),
  },
  { name: 'backups', url: '/backups', signedIn: true, ready: (p) => p.getByRole('form', { name: 'Backup schedule' }).waitFor() },
  {
    name: 'backup-now',
    url: '/backups?backup=1',
    signedIn: true,
    ready: (p) => p.getByRole('dialog', { name: 'Back up now' }).getByRole('form', { name: 'Back up now' }).waitFor(),
  },
  {
    name: 'pricing',
    url: '/pricing?range=1h',
    signedIn: true,
    ready: (p) => p.getByRole('table', { name: 'Unpriced models' }).getByText('llama-3.1-8b').waitFor(),
  },
  {
    name: 'pricing-file',
    url: '/pricing?range=1h&file=bundled/openai.json',
    signedIn: true,
    ready: (p) => p.getByRole('dialog').getByRole('table', { name: 'Pricing file facts' }).waitFor(),
  },
  {
    name: 'change-password',
    url: '/change-password',
    signedIn: true,
    ready: (p) => p.getByRole('heading', { name: 'Change your password' }).waitFor(),
  },
];

async function openFirstLog(page: Page) {
  await page.getByText('3 requests · Last hour').waitFor();
  await page.getByRole('table', { name: 'Request logs' }).getByRole('row').nth(1).click();
  await dialogNamed(page, /^Request /)
    .getByRole('table', { name: 'Request facts' })
    .waitFor();
}

/** The create form with checks whose fields are of every kind (switches, lists, choices, groups, JSON), tested. */
async function guardrailDraft(page: Page) {
  const form = page.getByRole('form', { name: 'Create guardrail' });
  for (const check of ['PII and secrets', 'Model rules', 'JSON Schema']) {
    await form.getByRole('combobox', { name: 'Add a check' }).click();
    await page.getByRole('option', { name: check, exact: true }).click();
  }
  await form.getByLabel('Check 2 rules defaults').fill('@lan-vllm/*');
  await page.keyboard.press('Enter');
  await form.getByLabel('Check 3 schema').fill('{"type": "object"}');
  await page.getByRole('textbox', { name: 'Sample text' }).fill('Mail jane@example.com');
  await page.getByRole('button', { name: 'Run test' }).click();
  await page.getByRole('region', { name: 'Test result' }).waitFor();
}

async function openExport(page: Page) {
  await page.getByText('3 requests · Last hour').waitFor();
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('dialog', { name: 'Export logs' }).getByRole('checkbox', { name: 'metadata' }).waitFor();
}

// A time budget per page walked (a load, an axe scan, a picture): about 2.5 s each on a loaded
// 2-core machine, so the project's 90 s would run out as pages are added.
const WALK_TIMEOUT = 30_000 + PAGES.length * 8_000;

describe.each(['light', 'dark'] as const)('every page in the %s theme', (theme) => {
  it('passes the axe scan, breaks no CSP rule, and is captured', { timeout: WALK_TIMEOUT }, async () => {
    const anonymous = await ui.newPage(await ui.newContext({ theme }));
    const signed = await ui.newPage(await ui.newContext({ theme }));
    await signIn(signed, owner.email, owner.password);
    await signed.waitForURL((url) => url.pathname === '/dashboard');
    const found: string[] = [];
    for (const c of PAGES) {
      const page = c.signedIn ? signed : anonymous;
      await page.goto(c.url.replace('{config}', configSlug));
      await c.ready(page);
      // Charts and transitions settle before the scan and the picture (a drawer sliding in is
      // translucent: its text fails the contrast check).
      await settled(page);
      found.push(...(await seriousViolations(page)).map((v) => `${c.name}: ${v}`));
      await page.screenshot({ path: path.join(SCREENSHOTS, `${c.name}-${theme}.png`), fullPage: false });
    }
    expect(found).toEqual([]);
    expect([...anonymous.problems, ...signed.problems]).toEqual([]);
  });
});

describe('keyboard', () => {
  it('focuses search with /, opens a log with Enter and closes the drawer with Esc', async () => {
    const page = await ui.newPage(await ui.newContext());
    await signIn(page, owner.email, owner.password);
    await page.goto('/logs?range=1h');
    await page.getByText('3 requests · Last hour').waitFor();
    await page.keyboard.press('/');
    await eventually(() => page.evaluate('document.activeElement.getAttribute("aria-label")')).toBe('Search logs');
    await page.getByRole('table', { name: 'Request logs' }).getByRole('row').nth(1).focus();
    await page.keyboard.press('Enter');
    const drawer = dialogNamed(page, /^Request /);
    await drawer.getByRole('table', { name: 'Request facts' }).waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/logs');
  });
});
