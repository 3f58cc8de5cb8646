// The first run, as the owner lives it in Chromium: sign in with the printed password, change it,
// connect a model server on the LAN (the loopback mock LLM as vLLM), test the connection with one
// real call, create an API key shown once, and send the first request with the snippet's values
// through the openai SDK; the page sees it arrive and opens it in the logs.
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NEW_PASSWORD, dialogNamed, dumpPage, eventually, signIn, startUi, type Ui, type UiPage } from './harness.ts';

let ui: Ui;
let page: UiPage;
beforeAll(async () => {
  ui = await startUi();
  page = await ui.newPage(await ui.newContext());
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') console.log('page dump:', await dumpPage(page, ctx.task.name));
});
afterAll(() => ui?.close());

describe('first run', () => {
  it('walks the owner from the first-run password to a working request', async () => {
    await signIn(page, ui.creds.owner.email, ui.creds.owner.password, NEW_PASSWORD);
    await page.getByRole('heading', { name: 'Set up the appliance' }).waitFor();

    // Connect: a bad address is refused with the server's words next to the field.
    const connect = page.getByRole('form', { name: 'Connect a model server' });
    await connect.getByRole('textbox', { name: 'Name' }).fill('LAN vLLM');
    await connect.getByRole('textbox', { name: 'Server address' }).fill('http://user:secret@10.0.0.5:8000/v1');
    await connect.getByRole('button', { name: 'Connect' }).click();
    await eventually(() => connect.getByText(/must not contain a user name or password|user name|credentials/i).count()).toBeGreaterThan(0);
    await connect.getByRole('textbox', { name: 'Server address' }).fill(`${ui.mock.url}/v1`);
    await connect.getByRole('textbox', { name: /API key/ }).fill('vllm-secret-token');
    await connect.getByRole('button', { name: 'Connect' }).click();

    // Test: the upstream's own error first, then the model's answer.
    const test = page.getByRole('region', { name: 'Test LAN vLLM (@lan-vllm)' });
    await test.waitFor();
    ui.mock.next({ status: 404, body: { error: { message: 'The model `llama-x` does not exist.' } } });
    await test.getByLabel('Model').fill('llama-x');
    await test.getByRole('button', { name: 'Test connection' }).click();
    await test.getByText('The model `llama-x` does not exist.').waitFor();
    await eventually(() => test.getByText('The server answered HTTP 404').count()).toBe(1);

    await test.getByLabel('Model').fill('llama-3.1-8b');
    await test.getByRole('button', { name: 'Test connection' }).click();
    await test.getByText(/^Connected: llama-3\.1-8b answered in/).waitFor();
    await test.getByText(/echo: Reply with one short sentence/).waitFor();
    const upstreamCall = ui.mock.requests.at(-1)!;
    expect(upstreamCall.headers.authorization).toBe('Bearer vllm-secret-token');
    await test.getByRole('button', { name: 'Continue' }).click();

    // The key: shown once, with a copy button.
    const keyStep = page.getByRole('region', { name: 'Create an API key' });
    await keyStep.getByRole('button', { name: 'Create key' }).click();
    await keyStep.getByText('Copy this key now: you will not see it again').waitFor();
    const apiKey = (await keyStep.getByLabel('API key "First application"').textContent())!.trim();
    expect(apiKey).toMatch(/^pk-/);
    await keyStep.getByRole('button', { name: 'Copy key' }).click();
    await keyStep.getByRole('button', { name: 'I have copied it: continue' }).click();

    // The snippet names this appliance, the key and the model; the openai SDK sends it as written.
    const request = page.getByRole('region', { name: 'Send a first request' });
    const snippet = () => request.getByRole('tabpanel').textContent();
    await eventually(snippet).toContain(`${ui.url}/v1/chat/completions`);
    expect(await snippet()).toContain(`x-portkey-api-key: ${apiKey}`);
    expect(await snippet()).toContain('"model":"@lan-vllm/llama-3.1-8b"');
    await request.getByRole('tab', { name: 'openai (Node)' }).click();
    await eventually(snippet).toContain(`baseURL: '${ui.url}/v1'`);
    await request.getByText('Waiting for your first request…').waitFor();

    const client = new OpenAI({ baseURL: `${ui.url}/v1`, apiKey, maxRetries: 0 });
    const answer = await client.chat.completions.create({
      model: '@lan-vllm/llama-3.1-8b',
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    expect(answer.choices[0]!.message.content).toBe('echo: Say hello');

    await request.getByText('Your first request arrived').waitFor();
    await request.getByRole('link', { name: 'Open it in the logs' }).click();
    const drawer = dialogNamed(page, /^Request /);
    await drawer.getByRole('table', { name: 'Request facts' }).getByText('@lan-vllm', { exact: true }).waitFor();
    await drawer.getByRole('tab', { name: 'Response' }).click();
    await drawer
      .getByText(/echo: Say hello/)
      .first()
      .waitFor();
    expect(page.problems).toEqual([]);
  });
});
