// The Observe pages over seeded traffic: real requests through the gateway (openai SDK) to the
// mock LLM, priced by the integration's own model prices. The dashboard shows the totals those
// requests add up to; the logs explorer lists them, filters (in the URL), searches, opens one in
// the drawer, and exports them to a JSONL file that downloads.
import fs from 'node:fs';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dialogNamed, dumpPage, eventually, ownerWithPassword, signIn, startUi, type Ui, type UiPage } from './harness.ts';

const PRICE_IN = 10; // cents per input token
const PRICE_OUT = 20; // cents per output token
const PROMPTS = ['Say hello', 'What is the capital of France', 'Count to three please', 'One more', 'The last question today'];

let ui: Ui;
let page: UiPage;
const expected = { requests: 0, errors: 0, tokens: 0, cents: 0 };

beforeAll(async () => {
  ui = await startUi();
  const ws = ui.creds.workspace.id;
  await ui.admin('POST', '/v1/integrations', {
    name: 'LAN vLLM',
    slug: 'lan-vllm',
    ai_provider_id: 'vllm',
    workspace_id: ws,
    configurations: { custom_host: `${ui.mock.url}/v1` },
  });
  await ui.admin('PUT', '/v1/integrations/lan-vllm/models', {
    models: [
      {
        slug: 'llama-3.1-8b',
        enabled: true,
        pricing_config: { type: 'static', pay_as_you_go: { request_token: { price: PRICE_IN }, response_token: { price: PRICE_OUT } } },
      },
    ],
  });
  const client = new OpenAI({ baseURL: `${ui.url}/v1`, apiKey: ui.creds.workspace_api_key, maxRetries: 0 });
  for (const [i, content] of PROMPTS.entries()) {
    const metadata = JSON.stringify({ team: i === 2 ? 'search-team' : 'chat-team', _user: `user-${i % 2}` });
    const answer = await client.chat.completions.create(
      { model: '@lan-vllm/llama-3.1-8b', messages: [{ role: 'user', content }] },
      { headers: { 'x-portkey-metadata': metadata } },
    );
    expected.requests += 1;
    expected.tokens += answer.usage!.total_tokens;
    expected.cents += answer.usage!.prompt_tokens * PRICE_IN + answer.usage!.completion_tokens * PRICE_OUT;
  }
  ui.mock.next({ status: 500, body: { error: { message: 'the model server crashed' } } });
  await expect(
    client.chat.completions.create({ model: '@lan-vllm/llama-3.1-8b', messages: [{ role: 'user', content: 'boom' }] }),
  ).rejects.toThrow();
  expected.requests += 1;
  expected.errors += 1;

  const owner = await ownerWithPassword(ui);
  page = await ui.newPage(await ui.newContext());
  await signIn(page, owner.email, owner.password);
  await page.waitForURL((url) => url.pathname === '/dashboard');
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') console.log('page dump:', await dumpPage(page, ctx.task.name));
});
afterAll(() => ui?.close());

const summary = (title: string) => page.getByRole('region', { name: title, exact: true }).getByTestId('summary');

describe('the dashboard', () => {
  it('shows the totals of the seeded traffic, in their units', async () => {
    await page.goto('/dashboard?range=1h');
    // Each figure is awaited on its own: they arrive together today, but a figure read once can be
    // read before its data has loaded (a card showing "—").
    await eventually(() => summary('Requests').textContent()).toBe(String(expected.requests));
    await eventually(() => summary('Tokens').textContent()).toBe(expected.tokens.toLocaleString('en-US'));
    await eventually(() => summary('Cost').textContent()).toBe(`$${(expected.cents / 100).toFixed(2)}`);
    await eventually(() => summary('Errors').textContent()).toBe('1');
    await eventually(() => summary('Error rate').textContent()).toBe(
      `${(Math.round((100 * expected.errors * 100) / expected.requests) / 100).toLocaleString('en-US')} %`,
    );
    await eventually(() => summary('Users').textContent()).toBe('2');
    await eventually(() => summary('Latency').textContent()).toMatch(/^p50 \d+ ms · p95 \d+ ms · p99 \d+ ms$/);
    // Charts are drawn (one SVG each); the top lists, below the fold, load as they scroll into view.
    await eventually(() => page.getByRole('region', { name: 'Requests', exact: true }).locator('svg.recharts-surface').count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Top models' }).count()).toBe(0);
    await page.getByRole('region', { name: 'Users', exact: true }).scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 2000);
    await page.getByRole('region', { name: 'Top models' }).getByText('llama-3.1-8b').first().waitFor();
    await page.getByRole('table', { name: 'Requests by API key' }).getByText('Default workspace key').waitFor();
  });

  it('filters by model through a URL chip and says why a bad filter is refused', async () => {
    await page.goto('/dashboard?range=1h&model=some-other-model');
    await eventually(() => summary('Requests').textContent()).toBe('0');
    await page.goto('/dashboard?range=1h&status_code=abc');
    await page
      .getByText(/Filter status_code must be a comma-separated list of HTTP status codes/)
      .first()
      .waitFor();
    expect(page.problems).toEqual([]);
  });
});

describe('the logs explorer', () => {
  it('lists every request newest first, filters by status in the URL, searches, and opens one', async () => {
    await page.goto('/logs?range=1h');
    const table = page.getByRole('table', { name: 'Request logs' });
    await page.getByText(`${expected.requests} requests · Last hour`).waitFor();
    // The list is virtualised: its rows are drawn once it has measured itself.
    await eventually(() => table.getByRole('row').count()).toBe(expected.requests + 1);
    // Newest first: the failed request was the last one sent.
    await eventually(() => table.getByRole('row').nth(1).getByRole('cell').nth(1).textContent()).toBe('500');

    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('combobox', { name: 'Filter' }).fill('Status');
    await page.getByRole('option', { name: 'Status' }).click();
    await page.getByRole('textbox', { name: 'Value' }).fill('5xx');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('1 request match the filters · Last hour').waitFor();
    await eventually(() => new URL(page.url()).searchParams.get('status_code')).toBe('5xx');
    await page.reload();
    await page.getByRole('button', { name: 'Edit filter Status: 5xx' }).waitFor();
    await page.getByRole('button', { name: 'Remove filter Status' }).click();
    await page.getByText(`${expected.requests} requests · Last hour`).waitFor();

    await page.keyboard.press('/');
    await page.keyboard.type('search-team');
    await page.waitForURL((url) => url.searchParams.get('search') === 'search-team');
    await page.getByText('1 request match the filters · Last hour').waitFor();
    await eventually(() => table.getByRole('row').count()).toBe(2);
    await table.getByRole('row').nth(1).click();
    const drawer = dialogNamed(page, /^Request /);
    await drawer.getByRole('table', { name: 'Metadata values' }).getByText('search-team').waitFor();
    await drawer.getByRole('tab', { name: 'Request' }).click();
    await drawer.getByRole('button', { name: 'Request headers' }).click();
    const headers = drawer.getByRole('table', { name: 'Request headers' });
    await headers.getByText('x-portkey-metadata').waitFor();
    // The key that sent it is masked: its first characters only.
    const keyRow = await headers
      .getByRole('row', { name: /x-portkey-api-key|authorization/ })
      .first()
      .textContent();
    expect(keyRow).toContain('********');
    expect(await headers.textContent()).not.toContain(ui.creds.workspace_api_key);
    await page.keyboard.press('Escape');
    await eventually(() => page.getByRole('dialog').count()).toBe(0);
    expect(page.problems).toEqual([]);
  });

  it('exports the current view with the chosen fields, shows progress, and downloads the JSONL', async () => {
    await page.goto('/logs?range=1h');
    await page.getByText(`${expected.requests} requests · Last hour`).waitFor();
    await page.getByRole('button', { name: 'Export' }).click();
    const modal = page.getByRole('dialog', { name: 'Export logs' });
    await modal.getByRole('checkbox', { name: 'metadata' }).uncheck();
    await modal.getByRole('checkbox', { name: 'request', exact: true }).check();
    await modal.getByRole('button', { name: 'Start export' }).click();
    await modal.getByText(`Export finished: ${expected.requests} requests`).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), modal.getByRole('link', { name: 'Download JSONL' }).click()]);
    const lines = fs
      .readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(expected.requests);
    expect(Object.keys(lines[0]!)).toEqual([
      'id',
      'trace_id',
      'created_at',
      'request',
      'ai_model',
      'total_units',
      'cost',
      'response_time',
      'response_status_code',
    ]);
    expect(lines.map((l) => l.response_status_code).sort()).toEqual([200, 200, 200, 200, 200, 500]);
    expect(page.problems).toEqual([]);
  });
});

// The playground's chats are logged too: these tests come after the ones above that count the
// seeded requests (vitest runs a file's tests in order).
describe('the playground', () => {
  it('streams a chat through a provider as it arrives, then shows its tokens, cost and log entry', async () => {
    let release: () => void = () => undefined;
    // The model server sends its first words, then waits: the page must show them before the rest.
    ui.mock.next({ gate: new Promise<void>((resolve) => (release = resolve)) });
    await page.goto('/playground');
    await page.getByRole('combobox', { name: 'Provider' }).click();
    await page.getByRole('option', { name: '@lan-vllm (vllm)' }).click();
    await page.getByRole('combobox', { name: 'Model' }).fill('llama-3.1-8b');
    await page.getByRole('textbox', { name: 'Message' }).fill('Hello from the playground');
    await page.getByRole('button', { name: 'Send' }).click();
    const answer = page.getByLabel('Answer 1');
    await eventually(() => answer.textContent()).toMatch(/^echo:\s*$/);
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    release();
    await eventually(() => answer.textContent()).toBe('echo: Hello from the playground');

    const facts = page.getByRole('table', { name: 'Last request facts' });
    // The usage comes with the end of the stream, after the last words.
    await eventually(() => facts.getByRole('row', { name: /Tokens/ }).textContent()).toMatch(/\d+ in · \d+ out/);
    const tokens = (await facts.getByRole('row', { name: /Tokens/ }).textContent())!;
    const [input, output] = [...tokens.matchAll(/(\d+) (?:in|out)/g)].map((m) => Number(m[1]));
    expect(input).toBeGreaterThan(0);
    expect(output).toBe(5);
    // Priced by the integration's own model price, as the request log has it.
    const cents = input! * PRICE_IN + output! * PRICE_OUT;
    await eventually(() => facts.getByRole('row', { name: /Cost/ }).textContent()).toBe(`Cost$${(cents / 100).toFixed(2)}`);
    await facts.getByRole('link', { name: 'Open the log of this request' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/logs/'));
    const drawer = dialogNamed(page, /^Request /);
    await drawer.getByRole('table', { name: 'Metadata values' }).getByText(ui.creds.owner.email).waitFor();
    expect(page.problems).toEqual([]);
  });

  it('says why the gateway refused a chat, next to the conversation', async () => {
    await page.goto('/playground');
    await page.getByRole('combobox', { name: 'Provider' }).click();
    await page.getByRole('option', { name: '@lan-vllm (vllm)' }).click();
    await page.getByRole('combobox', { name: 'Model' }).fill('llama-3.1-8b');
    await page.keyboard.press('Escape');
    await page.getByRole('switch', { name: 'Stream the answer' }).uncheck();
    ui.mock.next({ status: 400, body: { error: { message: 'context length exceeded for llama-3.1-8b' } } });
    await page.getByRole('textbox', { name: 'Message' }).fill('too long');
    await page.getByRole('button', { name: 'Send' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'The request failed' })
      .getByText(/context length exceeded/)
      .waitFor();
    expect(page.problems).toEqual([]);
  });
});
