// The desktop window's security, as Electron's guidance and the anchors have it: isolated and
// sandboxed renderers without Node, navigation and new windows kept to the appliance's origin,
// every permission request denied, and no request leaving for anywhere else. Electron objects are
// passed in by shape, so tests can hand in stand-ins.
import { isExternalWebLink, isTrustedUrl } from './trustedUrl.ts';

export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  } as const;
}

interface Preventable {
  preventDefault(): void;
}

export interface ContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: Preventable & { url?: string }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface SessionLike {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void): void;
  };
}

/** Contents already guarded: main.ts guards every contents, the shell its window; once is enough. */
const hardened = new WeakSet<ContentsLike>();

/** `origin` is read on each check: the server's URL can change when it restarts on another port. */
export function hardenContents(contents: ContentsLike, origin: () => string, openExternal: (url: string) => void): void {
  // Twice would open an external link twice.
  if (hardened.has(contents)) return;
  hardened.add(contents);
  const guard = (event: Preventable & { url?: string }, url: string) => {
    const target = event.url ?? url;
    if (isTrustedUrl(target, origin())) return;
    event.preventDefault();
    if (isExternalWebLink(target)) openExternal(target);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebLink(url) && !isTrustedUrl(url, origin())) openExternal(url);
    return { action: 'deny' };
  });
}

/** What the window may fetch: its own origin and the shell's own data: pages, nothing remote. */
export function mayRequest(url: string, origin: string): boolean {
  return isTrustedUrl(url, origin) || url.startsWith('data:');
}

export function hardenSession(session: SessionLike, origin: () => string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback(mayRequest(details.url, origin()) ? {} : { cancel: true }));
}
