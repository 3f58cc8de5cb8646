// The desktop shell's behaviour, free of Electron: one instance, a window on the admin UI (or on
// why the gateway is not running), a tray that keeps the gateway running when the window closes,
// the LAN switch, and a quit that stops the server cleanly before the app exits. main.ts hands in
// Electron's objects; tests hand in stand-ins.
import { statusPage } from './pages.ts';
import type { LanState, ServerStatus, ShellRequest } from './serverProcess.ts';
import { gatewayUrl, trayMenu, type TrayItem, type TrayState } from './tray.ts';
import { hardenContents, type ContentsLike } from './windowSecurity.ts';

interface Preventable {
  preventDefault(): void;
}

export interface AppLike {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance' | 'window-all-closed' | 'activate', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: Preventable) => void): unknown;
  quit(): void;
}

export interface WindowLike {
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
  isDestroyed(): boolean;
  on(event: 'closed', listener: () => void): unknown;
  webContents: ContentsLike;
}

export interface SupervisorLike {
  readonly status: ServerStatus;
  onStatus(watch: (s: ServerStatus) => void): void;
  onLanState(watch: (s: LanState) => void): void;
  start(): void;
  stop(): Promise<void>;
  request<T>(req: ShellRequest): Promise<T>;
}

export interface ShellDeps {
  app: AppLike;
  supervisor: SupervisorLike;
  createWindow(): WindowLike;
  setTray(items: TrayItem[], tooltip: string): void;
  writeClipboard(text: string): void;
  openPath(path: string): void;
  openExternal(url: string): void;
  showError(title: string, message: string): void;
  /** Signs the window's session in (desktopSignIn.ts); false leaves the login page. */
  signIn(baseUrl: string): Promise<boolean>;
  dataDir: string;
  log?(message: string): void;
}

export interface Shell {
  /** After Electron's `ready`: tray, server, window. */
  start(): void;
  showWindow(): void;
  readonly window: WindowLike | null;
  readonly tray: TrayState;
}

/** Returns null when another instance runs (it is focused instead, and this one quits). */
export function createShell(deps: ShellDeps): Shell | null {
  const { app, supervisor } = deps;
  const log = deps.log ?? (() => undefined);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  let win: WindowLike | null = null;
  const tray: TrayState = { status: supervisor.status, lan: null, switching: false };
  let stopped = false;
  let stopping = false;
  const origin = () => (tray.status.kind === 'running' ? tray.status.url : 'http://127.0.0.1');

  const refreshTray = () => {
    const url = gatewayUrl(tray);
    deps.setTray(trayMenu(tray, actions), url ? `AirGap AI Gateway: ${url}` : 'AirGap AI Gateway');
  };

  /** What the window should show now: the admin UI (signed in) or the status page. */
  async function showCurrent(target: WindowLike): Promise<void> {
    const status = tray.status;
    if (status.kind !== 'running') {
      await target.loadURL(statusPage(status, deps.dataDir)).catch(() => undefined);
      return;
    }
    try {
      if (!(await deps.signIn(status.url))) log('desktop sign-in was refused; showing the login page');
    } catch (err) {
      log(`desktop sign-in failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (win === target && !target.isDestroyed()) await target.loadURL(`${status.url}/`).catch(() => undefined);
  }

  function showWindow(): void {
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
      return;
    }
    const created = deps.createWindow();
    win = created;
    hardenContents(created.webContents, origin, deps.openExternal);
    created.on('closed', () => {
      if (win === created) win = null;
    });
    void showCurrent(created);
  }

  const actions = {
    openAdminUi: showWindow,
    copyGatewayUrl() {
      const url = gatewayUrl(tray);
      if (url) deps.writeClipboard(url);
    },
    copyCaFingerprint() {
      const fingerprint = tray.lan?.certificate?.ca?.fingerprint_sha256;
      if (fingerprint) deps.writeClipboard(fingerprint);
    },
    setLanExposure(on: boolean) {
      tray.switching = true;
      refreshTray();
      supervisor
        .request<LanState>({ type: 'lan-exposure', enabled: on })
        .then((state) => (tray.lan = state))
        .catch((err: unknown) => deps.showError('LAN exposure', err instanceof Error ? err.message : String(err)))
        .finally(() => {
          tray.switching = false;
          refreshTray();
        });
    },
    openDataFolder: () => deps.openPath(deps.dataDir),
    restartGateway: () => supervisor.start(),
    quit: () => app.quit(),
  };

  supervisor.onStatus((status) => {
    tray.status = status;
    if (status.kind === 'running') {
      supervisor
        .request<LanState>({ type: 'lan-state' })
        .then((lan) => {
          tray.lan = lan;
          refreshTray();
        })
        .catch(() => undefined);
    } else {
      tray.lan = null;
    }
    refreshTray();
    // A failure is shown even if the window was closed: the user must learn why nothing answers.
    if (status.kind === 'failed') showWindow();
    if (win && !win.isDestroyed() && status.kind !== 'stopped') void showCurrent(win);
  });
  supervisor.onLanState((lan) => {
    tray.lan = lan;
    refreshTray();
  });

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  // With this listener Electron does not quit when the last window closes: the gateway stays up in the tray.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    void supervisor.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });

  return {
    start() {
      refreshTray();
      supervisor.start();
      showWindow();
    },
    showWindow,
    get window() {
      return win;
    },
    tray,
  };
}
