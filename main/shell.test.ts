// The desktop shell's behaviour with Electron's objects replaced by stand-ins (Electron cannot run
// on the machines that test this project) and a scripted supervisor; the real supervisor and server
// are covered in serverProcess.test.ts. What is checked is what a desktop user would notice.
import { describe, expect, it } from 'vitest';
import { pageHtml } from './pages.ts';
import type { LanState, ServerStatus, ShellRequest } from './serverProcess.ts';
import { type AppLike, type SupervisorLike, type WindowLike, createShell } from './shell.ts';
import type { TrayItem } from './tray.ts';

type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }
}

class FakeApp extends Emitter implements AppLike {
  quitCalls = 0;
  exited = false;
  constructor(private readonly lock = true) {
    super();
  }
  requestSingleInstanceLock() {
    return this.lock;
  }
  /** As Electron does: with no 'window-all-closed' listener, closing the last window quits. */
  override emit(event: string, ...args: unknown[]) {
    if (event === 'window-all-closed' && !this.listeners.get(event)?.length) this.quit();
    super.emit(event, ...args);
  }
  quit() {
    this.quitCalls += 1;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.exited = true;
  }
}

class FakeContents extends Emitter {
  openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }) {
    this.openHandler = h;
  }
  /** Emits a renderer-initiated navigation; true when it was allowed. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate') {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true), url }, url);
    return !prevented;
  }
}

class FakeWindow extends Emitter implements WindowLike {
  loaded: string[] = [];
  destroyed = false;
  focused = 0;
  webContents = new FakeContents();
  async loadURL(url: string) {
    this.loaded.push(url);
  }
  show() {}
  focus() {
    this.focused += 1;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  isDestroyed() {
    return this.destroyed;
  }
  close() {
    this.destroyed = true;
    this.emit('closed');
  }
}

class FakeSupervisor implements SupervisorLike {
  status: ServerStatus = { kind: 'stopped' };
  started = 0;
  stopped = 0;
  requests: ShellRequest[] = [];
  lan: LanState = { enabled: false, listening: false, urls: [], error: null, certificate: null };
  lanError: string | null = null;
  private statusWatchers: ((s: ServerStatus) => void)[] = [];
  private lanWatchers: ((s: LanState) => void)[] = [];
  private finishStop: (() => void) | null = null;
  onStatus(w: (s: ServerStatus) => void) {
    this.statusWatchers.push(w);
  }
  onLanState(w: (s: LanState) => void) {
    this.lanWatchers.push(w);
  }
  set(status: ServerStatus) {
    this.status = status;
    this.statusWatchers.forEach((w) => w(status));
  }
  pushLan(lan: LanState) {
    this.lan = lan;
    this.lanWatchers.forEach((w) => w(lan));
  }
  start() {
    this.started += 1;
    this.set({ kind: 'starting', attempt: 0 });
  }
  stop() {
    this.stopped += 1;
    return new Promise<void>((resolve) => (this.finishStop = resolve));
  }
  /** Lets a pending stop() finish, as the server's exit would. */
  exit() {
    this.set({ kind: 'stopped' });
    this.finishStop?.();
  }
  async request<T>(req: ShellRequest): Promise<T> {
    this.requests.push(req);
    if (req.type === 'lan-exposure') {
      if (this.lanError) throw new Error(this.lanError);
      this.lan = {
        ...this.lan,
        enabled: req.enabled,
        listening: req.enabled,
        urls: req.enabled ? ['https://gw.lan:8443'] : [],
        certificate: req.enabled ? { ca: { fingerprint_sha256: 'AB:CD:EF:01:23' } } : null,
      };
    }
    return this.lan as T;
  }
}

const URL_ = 'http://127.0.0.1:8787';
const tick = () => new Promise((r) => setTimeout(r, 0));

function setUp(options: { lock?: boolean } = {}) {
  const app = new FakeApp(options.lock ?? true);
  const supervisor = new FakeSupervisor();
  const windows: FakeWindow[] = [];
  let tray: TrayItem[] = [];
  const clipboard: string[] = [];
  const opened: string[] = [];
  const external: string[] = [];
  const errors: string[] = [];
  const signIns: string[] = [];
  const shell = createShell({
    app,
    supervisor,
    dataDir: '/home/u/.config/AirGap AI Gateway/data',
    createWindow: () => {
      const w = new FakeWindow();
      windows.push(w);
      return w;
    },
    setTray: (items) => (tray = items),
    writeClipboard: (t) => clipboard.push(t),
    openPath: (p) => opened.push(p),
    openExternal: (u) => external.push(u),
    showError: (_t, m) => errors.push(m),
    signIn: async (base) => {
      signIns.push(base);
      return true;
    },
  });
  const click = (label: string) => {
    const item = tray.find((i) => i.label?.startsWith(label));
    if (!item?.click) throw new Error(`no tray item ${label}: ${tray.map((i) => i.label).join(', ')}`);
    item.click();
  };
  return { app, supervisor, windows, shell, tray: () => tray, click, clipboard, opened, external, errors, signIns };
}

describe('the desktop shell', () => {
  it('a second launch quits at once, starting nothing; the first instance shows its window', () => {
    const second = setUp({ lock: false });
    expect(second.shell).toBeNull();
    expect(second.app.quitCalls).toBe(1);
    expect(second.supervisor.started).toBe(0);
    expect(second.windows).toHaveLength(0);

    const first = setUp();
    first.shell!.start();
    first.app.emit('second-instance');
    expect(first.windows).toHaveLength(1);
    expect(first.windows[0]!.focused).toBe(1);
  });

  it('opens on the starting page, then signs in and shows the admin UI when the server is ready', async () => {
    const s = setUp();
    s.shell!.start();
    expect(s.supervisor.started).toBe(1);
    expect(pageHtml(s.windows[0]!.loaded[0]!)).toMatch(/Starting the gateway/);
    s.supervisor.set({ kind: 'running', url: URL_, port: 8787 });
    await tick();
    expect(s.signIns).toEqual([URL_]);
    expect(s.windows[0]!.loaded.at(-1)).toBe(`${URL_}/`);
  });

  it('keeps the gateway running in the tray when the window closes; the tray opens it again', async () => {
    const s = setUp();
    s.shell!.start();
    s.supervisor.set({ kind: 'running', url: URL_, port: 8787 });
    await tick();
    s.windows[0]!.close();
    s.app.emit('window-all-closed');
    expect(s.app.quitCalls).toBe(0);
    expect(s.supervisor.stopped).toBe(0);
    expect(s.tray()[0]!.label).toBe(`Running on ${URL_}`);

    s.click('Open admin UI');
    await tick();
    expect(s.windows).toHaveLength(2);
    expect(s.windows[1]!.loaded.at(-1)).toBe(`${URL_}/`);
    s.click('Copy gateway URL');
    expect(s.clipboard).toEqual([`${URL_}/v1`]);
    s.click('Open data folder');
    expect(s.opened).toEqual(['/home/u/.config/AirGap AI Gateway/data']);
  });

  it('Quit stops the server and waits for it before the app exits', async () => {
    const s = setUp();
    s.shell!.start();
    s.supervisor.set({ kind: 'running', url: URL_, port: 8787 });
    s.click('Quit');
    expect(s.supervisor.stopped).toBe(1);
    expect(s.app.exited).toBe(false);
    s.app.quit(); // a second Quit while stopping does not stop twice
    expect(s.supervisor.stopped).toBe(1);
    s.supervisor.exit();
    await tick();
    expect(s.app.exited).toBe(true);
  });

  it('says so in the window while the server restarts, and shows why when it failed, even after the window was closed', async () => {
    const s = setUp();
    s.shell!.start();
    s.supervisor.set({ kind: 'running', url: URL_, port: 8787 });
    await tick();
    s.supervisor.set({ kind: 'restarting', attempt: 2, inMs: 2000, exitCode: 134 });
    await tick();
    expect(pageHtml(s.windows[0]!.loaded.at(-1)!)).toMatch(/stopped unexpectedly[\s\S]*code 134[\s\S]*in 2 s \(attempt 2\)/);
    expect(s.tray()[0]!.label).toBe('Restarting in 2 s…');

    s.windows[0]!.close();
    s.supervisor.set({
      kind: 'failed',
      reason: 'The gateway could not start (exit code 1)',
      logTail: ['Cannot listen on 127.0.0.1:8787: EADDRINUSE'],
    });
    await tick();
    expect(s.windows).toHaveLength(2);
    const html = pageHtml(s.windows[1]!.loaded.at(-1)!);
    expect(html).toMatch(/could not start \(exit code 1\)/);
    expect(html).toMatch(/EADDRINUSE/);
    s.click('Restart gateway');
    expect(s.supervisor.started).toBe(2);
  });

  it('the tray switches LAN exposure and follows switches made elsewhere; a refusal is shown', async () => {
    const s = setUp();
    s.shell!.start();
    s.supervisor.set({ kind: 'running', url: URL_, port: 8787 });
    await tick();
    const lanItem = () => s.tray().find((i) => i.label === 'Expose on LAN (HTTPS)')!;
    expect(lanItem()).toMatchObject({ type: 'checkbox', checked: false, enabled: true });
    lanItem().click!();
    expect(lanItem().enabled).toBe(false); // while switching
    await tick();
    expect(s.supervisor.requests).toContainEqual({ type: 'lan-exposure', enabled: true });
    expect(lanItem()).toMatchObject({ checked: true, enabled: true });
    s.click('Copy gateway URL');
    expect(s.clipboard.at(-1)).toBe('https://gw.lan:8443/v1');
    s.click('Copy LAN CA fingerprint');
    expect(s.clipboard.at(-1)).toBe('AB:CD:EF:01:23');

    // Switched off through the Admin API: the server pushes the new state.
    s.supervisor.pushLan({ enabled: false, listening: false, urls: [], error: null, certificate: null });
    expect(lanItem().checked).toBe(false);
    expect(s.tray().some((i) => i.label?.startsWith('Copy LAN CA fingerprint'))).toBe(false);

    s.supervisor.lanError = 'LAN exposure was not switched on. Cannot listen on 0.0.0.0:8443: EADDRINUSE';
    lanItem().click!();
    await tick();
    expect(s.errors).toEqual([s.supervisor.lanError]);
    expect(lanItem()).toMatchObject({ checked: false, enabled: true });
  });

  it('hardens every window it makes: hostile navigation refused, web links to the system browser only', () => {
    const s = setUp();
    s.shell!.start();
    s.supervisor.set({ kind: 'running', url: URL_, port: 8787 });
    const contents = s.windows[0]!.webContents;
    expect(contents.navigate(`${URL_}/logs`)).toBe(true);
    expect(contents.navigate('https://evil.example/phish')).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(false);
    expect(contents.navigate('http://127.0.0.1:8787@evil.example/', 'will-redirect')).toBe(false);
    // A plain web link opens in the system browser; file: and URLs with credentials open nowhere.
    expect(s.external).toEqual(['https://evil.example/phish']);
    expect(contents.openHandler!({ url: `${URL_}/popup` })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'smb://evil.example/share' })).toEqual({ action: 'deny' });
    expect(s.external).toEqual(['https://evil.example/phish']);
    let attached = true;
    contents.emit('will-attach-webview', { preventDefault: () => (attached = false) });
    expect(attached).toBe(false);
  });
});
