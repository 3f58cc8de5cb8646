// The admin UI under test: a real appliance process (`npm start`'s command line) on a temp data
// dir, the loopback mock LLM as the model server, and Debian's Chromium driven by playwright-core.
// Pages record CSP violations and script errors, which tests assert are none.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startChild, type ChildServer, ROOT } from '../helpers/childServer.ts';
import { startMockLlm, type MockLlm } from '../helpers/mockLlm.ts';
import { makeTempDir, removeDir } from '../helpers/dataDir.ts';
import type { FirstRunCredentials } from '../../server/control-plane/bootstrap.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');
export const NEW_PASSWORD = 'a much better password 42';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface UiPage extends Page {
  /** CSP violations and uncaught script errors seen so far on this page. */
  problems: string[];
}

export interface Ui {
  server: ChildServer;
  url: string;
  mock: MockLlm;
  dataDir: string;
  creds: FirstRunCredentials;
  browser: Browser;
  /** A fresh browser profile (cookies, storage) in the given theme. */
  newContext(options?: { theme?: 'light' | 'dark' }): Promise<BrowserContext>;
  newPage(context?: BrowserContext): Promise<UiPage>;
  /** An Admin API call with the organisation admin key. */
  admin<T = Record<string, unknown>>(method: string, urlPath: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startUi(env: Record<string, string> = {}): Promise<Ui> {
  const dataDir = makeTempDir('ui');
  const mock = await startMockLlm();
  const server = await startChild({ APPLIANCE_DATA_DIR: dataDir, LOG_FLUSH_INTERVAL_MS: '50', ...env }, 60_000);
  const creds = JSON.parse(fs.readFileSync(path.join(dataDir, 'first-run-credentials.json'), 'utf8')) as FirstRunCredentials;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const contexts: BrowserContext[] = [];

  const ui: Ui = {
    server,
    url: server.url,
    mock,
    dataDir,
    creds,
    browser,
    async newContext({ theme = 'light' } = {}) {
      const context = await browser.newContext({ baseURL: server.url, colorScheme: theme, viewport: { width: 1360, height: 860 } });
      await context.addInitScript(`window.localStorage.setItem('appliance-color-scheme', ${JSON.stringify(theme)})`);
      contexts.push(context);
      return context;
    },
    async newPage(context) {
      const page = (await (context ?? (await ui.newContext())).newPage()) as UiPage;
      page.problems = [];
      page.on('pageerror', (err) => page.problems.push(`script error: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() !== 'error' || !/Content Security Policy|Refused to/.test(msg.text())) return;
        const at = msg.location();
        page.problems.push(`CSP: ${msg.text()} (at ${at.url}:${at.lineNumber}:${at.columnNumber})`);
      });
      return page;
    },
    async admin(method, urlPath, body) {
      const res = await fetch(server.url + urlPath, {
        method,
        headers: { 'x-portkey-api-key': creds.admin_api_key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${urlPath}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : {}) as never;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await server.stop();
      await mock.close();
      removeDir(dataDir);
    },
  };
  return ui;
}

/**
 * Polls until the value matches (UI updates arrive asynchronously); 20 s, like a patient person.
 * Every figure, text, count or attribute a test asserts is read through this: a read made once can
 * come before the data it shows has loaded on a busy machine (Playwright waits for an element to
 * exist, not for its text to be the final one).
 */
export const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 150 });

/**
 * The dialog (drawer or modal) with this accessible name, its title. Never `getByRole('dialog')`
 * alone: a closing drawer stays in the page for its exit transition (longer on a busy machine), and
 * a drawer opens over another, so an unnamed locator can match two. A string matches a part of
 * the name, case-insensitively; anchor a RegExp (/^billing-service/) when another title contains it.
 */
export const dialogNamed = (page: Page, name: string | RegExp): Locator => page.getByRole('dialog', { name });

/**
 * Turns a switch or checkbox whose state is what the server stored (it turns once the server has
 * answered) on or off, and waits until it shows that. Playwright's check() reads the state right
 * after the click and fails on such a control; use check() for controls that turn at once.
 */
export async function setSwitch(control: Locator, on: boolean): Promise<void> {
  if ((await control.isChecked()) !== on) await control.click();
  await eventually(() => control.isChecked()).toBe(on);
}

/**
 * Waits until the page has settled: no CSS transition or finite animation running (a drawer sliding
 * in, a chart fading) and no change to the DOM for 300 ms. For an accessibility scan or a picture,
 * which a half-drawn page would fail or spoil; a fixed sleep is too short on a busy machine.
 */
export async function settled(page: Page): Promise<void> {
  // A string, so that this file is type-checked without the DOM library (as axe.ts does).
  await page.evaluate(`new Promise((resolve, reject) => {
    const quietMs = 300;
    let last = performance.now();
    const observer = new MutationObserver(() => { last = performance.now(); });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    const giveUp = setTimeout(() => { observer.disconnect(); reject(new Error('the page did not settle in 20 s')); }, 20000);
    const moving = () => document.getAnimations().some((a) => a.playState === 'running' && a.effect && a.effect.getTiming().iterations !== Infinity);
    const check = () => {
      if (moving()) last = performance.now();
      if (performance.now() - last >= quietMs) { clearTimeout(giveUp); observer.disconnect(); resolve(undefined); }
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`);
}

/** Signs in through the login page; with `newPassword`, goes through the forced change too. */
export async function signIn(page: Page, email: string, password: string, newPassword?: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  if (newPassword) {
    await page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    await page.getByLabel('Current password').fill(password);
    await page.getByRole('textbox', { name: 'New password', exact: true }).fill(newPassword);
    await page.getByLabel('Confirm new password').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
  }
}

/** Sets the owner's password over the API (first-run password -> NEW_PASSWORD), for tests past that step. */
export async function ownerWithPassword(ui: Ui): Promise<{ email: string; password: string }> {
  const login = await fetch(`${ui.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ui.creds.owner.email, password: ui.creds.owner.password }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrf_token } = (await login.json()) as { csrf_token: string };
  const changed = await fetch(`${ui.url}/v1/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf_token },
    body: JSON.stringify({ current_password: ui.creds.owner.password, new_password: NEW_PASSWORD }),
  });
  if (!changed.ok) throw new Error(`password change: ${changed.status} ${await changed.text()}`);
  return { email: ui.creds.owner.email, password: NEW_PASSWORD };
}

/** On a failed UI test: a screenshot and the page's accessibility tree in the temp dir, to see why. */
export async function dumpPage(page: Page, name: string): Promise<string> {
  const base = path.join(makeTempDir('ui-failure'), name.replace(/\W+/g, '-'));
  await page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => undefined);
  const tree = await page
    .locator('body')
    .ariaSnapshot()
    .catch((e: Error) => e.message);
  fs.writeFileSync(`${base}.txt`, `${page.url()}\n${tree}`);
  return base;
}
