// First-load times of the console's data pages in Chromium over a data dir full of logs:
//
//   APPLIANCE_DATA_DIR=/tmp/demo npm run gen-logs -- --rows 1000000
//   APPLIANCE_DATA_DIR=/tmp/demo npm run bench:ui
//
// Starts the appliance on the dir (as `npm start` does), signs in as the owner (setting a password
// on a fresh dir), and times, per page and range, from navigation until every figure is on screen:
// the first visit after sign-in (page chunks not yet cached), then the median of three reloads. The
// dashboard is "loaded" when its headline figures and their charts are on screen; "whole page" scrolls to the
// sections below the fold, which load as they come into view.
// Also prints the JS and CSS bytes the first dashboard visit fetched (after the sign-in page, which
// loaded the shell), as sent (gzip).
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startChild } from '../test/helpers/childServer.ts';
import { CHROMIUM } from '../test/ui/harness.ts';

const PASSWORD = 'benchmark password 1234';
const dataDir = process.env.APPLIANCE_DATA_DIR;
if (!dataDir) throw new Error('Set APPLIANCE_DATA_DIR to a data dir filled by npm run gen-logs');

const server = await startChild({ APPLIANCE_DATA_DIR: dataDir }, 120_000);
const creds = JSON.parse(fs.readFileSync(path.join(dataDir, 'first-run-credentials.json'), 'utf8')) as {
  owner: { email: string; password: string };
};
// A fresh dir's owner must change the first-run password before anything else.
const login = await fetch(`${server.url}/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: creds.owner.email, password: creds.owner.password }),
});
if (login.ok) {
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrf_token } = (await login.json()) as { csrf_token: string };
  await fetch(`${server.url}/v1/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf_token },
    body: JSON.stringify({ current_password: creds.owner.password, new_password: PASSWORD }),
  });
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  let bytes = 0;
  // Bytes as they came over the wire (gzip), from the network layer: a gzip answer has no length header.
  page.on('requestfinished', async (req) => {
    if (!/\/assets\/.*\.(js|css)$/.test(req.url())) return;
    const sizes = await req.sizes().catch(() => null);
    if (sizes && sizes.responseBodySize > 0) bytes += sizes.responseBodySize;
  });
  await page.goto('/login');
  await page.getByLabel('Email').fill(creds.owner.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');

  // First load: the headline figures and their charts (one overview call). Feedback and the top
  // lists load as they scroll into view; "whole page" also scrolls down and waits for them.
  // Polled in the page on every frame: each headline figure is on screen with its chart drawn.
  const HEADLINES = ['Requests', 'Cost', 'Tokens', 'Latency', 'Errors', 'Error rate', 'Cache hit rate', 'Users'];
  type Element = { querySelector(s: string): Element | null; textContent: string | null };
  const dashboardReady = (p: Page) =>
    p.waitForFunction(
      (titles) =>
        titles.every((title) => {
          // Runs in the page (this script is typed without the DOM).
          const { document } = globalThis as unknown as { document: { querySelector(s: string): Element | null } };
          const region = document.querySelector(`section[aria-label="${title}"]`);
          const summary = region?.querySelector('[data-testid="summary"]');
          return summary && !summary.textContent!.includes('—') && region!.querySelector('svg.recharts-surface path');
        }),
      HEADLINES,
      { polling: 'raf', timeout: 60_000 },
    );
  const dashboardWhole = async (p: Page) => {
    await dashboardReady(p);
    await p.mouse.wheel(0, 3000);
    await p
      .getByRole('region', { name: 'Feedback', exact: true })
      .getByTestId('summary')
      .filter({ hasNotText: '—' })
      .waitFor({ timeout: 60_000 });
    await p.getByRole('table', { name: 'Requests by API key' }).waitFor({ timeout: 60_000 });
  };
  const logsReady = (p: Page) => p.getByRole('table', { name: 'Request logs' }).getByRole('row').nth(1).waitFor({ timeout: 60_000 });

  async function time(url: string, ready: (p: Page) => Promise<unknown>): Promise<number> {
    const started = Date.now();
    await page.goto(url);
    await ready(page);
    return Date.now() - started;
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`Appliance ${server.url}, data dir ${dataDir}`);
  for (const [label, url, ready] of [
    ['dashboard, last 24 hours', '/dashboard?range=24h&refresh=0', dashboardReady],
    ['  whole page, scrolled', '/dashboard?range=24h&refresh=0', dashboardWhole],
    ['dashboard, last 30 days', '/dashboard?range=30d&refresh=0', dashboardReady],
    ['  whole page, scrolled', '/dashboard?range=30d&refresh=0', dashboardWhole],
    ['logs, last 30 days', '/logs?range=30d', logsReady],
  ] as const) {
    bytes = 0;
    const first = await time(url, ready);
    const again = [await time(url, ready), await time(url, ready), await time(url, ready)];
    console.log(`${label.padEnd(28)} first load ${String(first).padStart(5)} ms, reload median ${String(median(again)).padStart(5)} ms`);
    if (label.startsWith('dashboard, last 24'))
      console.log(`  (JS and CSS sent for the first dashboard load: ${(bytes / 1024).toFixed(0)} KiB)`);
  }
} finally {
  await browser.close();
  await server.stop();
}
