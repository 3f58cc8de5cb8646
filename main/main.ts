// Electron's main process: wires Electron's objects into the shell (shell.ts) and the server
// supervisor (serverProcess.ts), where the behaviour lives and is tested. Kept thin on purpose:
// nothing here knows about gateways or databases.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, Tray, app, clipboard, dialog, ipcMain, nativeImage, session, shell, utilityProcess } from 'electron';
import { signInWindow } from './desktopSignIn.ts';
import { type Fork, ServerSupervisor } from './serverProcess.ts';
import { serverEnvironment } from './serverEnv.ts';
import { createShell } from './shell.ts';
import { gatewayUrl } from './tray.ts';
import { registerVerbs } from './verbs.ts';
import { hardenContents, hardenSession, secureWebPreferences } from './windowSecurity.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// The repository root in development (`electron .`), resources/app.asar when packaged.
const appRoot = app.getAppPath();
const serverEntry = path.join(appRoot, 'dist', 'server', 'main.js');
const icons = path.join(appRoot, 'installer', 'desktop');
const env = serverEnvironment(process.env, app.getPath('userData'));
const dataDir = env.APPLIANCE_DATA_DIR!;

app.enableSandbox();

const fork: Fork = (entry, childEnv) => {
  const child = utilityProcess.fork(entry, [], { env: childEnv, stdio: 'pipe', serviceName: 'AirGap AI Gateway server' });
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', (code) => listener(code)),
    onOutput: (listener) => {
      child.stdout?.on('data', (d: Buffer) => listener(d.toString('utf8')));
      child.stderr?.on('data', (d: Buffer) => listener(d.toString('utf8')));
    },
    kill: () => void child.kill(),
  };
};

const supervisor = new ServerSupervisor({ fork, entry: serverEntry, env });
let tray: Tray | null = null;

const desktop = createShell({
  app,
  supervisor,
  dataDir,
  createWindow: () =>
    new BrowserWindow({
      width: 1280,
      height: 860,
      title: 'AirGap AI Gateway',
      icon: path.join(icons, 'icon.png'),
      autoHideMenuBar: true,
      webPreferences: { ...secureWebPreferences(path.join(here, 'preload.cjs')), devTools: !app.isPackaged },
    }),
  setTray: (items, tooltip) => {
    tray?.setContextMenu(Menu.buildFromTemplate(items));
    tray?.setToolTip(tooltip);
  },
  writeClipboard: (text) => clipboard.writeText(text),
  openPath: (folder) => void shell.openPath(folder),
  openExternal: (url) => void shell.openExternal(url),
  showError: (title, message) => dialog.showErrorBox(title, message),
  signIn: (baseUrl) =>
    signInWindow(baseUrl, {
      requestToken: () => supervisor.request<{ token: string }>({ type: 'sign-in-token' }),
      setCookie: (cookie) => session.defaultSession.cookies.set(cookie),
    }),
  log: (message) => console.warn(message),
});

if (desktop) {
  const origin = () => (desktop.tray.status.kind === 'running' ? desktop.tray.status.url : 'http://127.0.0.1');
  // Every web contents, not just the window's: nothing the app shows may navigate away or open windows.
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, origin, (url) => void shell.openExternal(url)));
  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, origin);
    registerVerbs(ipcMain, origin, {
      copyGatewayUrl: () => {
        const url = gatewayUrl(desktop.tray);
        if (url) clipboard.writeText(url);
        return url;
      },
      openDataFolder: () => void shell.openPath(dataDir),
    });
    const image = nativeImage.createFromPath(path.join(icons, process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'));
    tray = new Tray(image);
    tray.on('click', () => desktop.showWindow());
    desktop.start();
  });
}
