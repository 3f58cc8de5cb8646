// The desktop window's security with Electron's objects replaced by stand-ins (Electron cannot
// run on the machines that test this project): web preferences, session permission and request
// filters, navigation guards, and the preload verbs' sender check.
import { describe, expect, it } from 'vitest';
import { registerVerbs } from './verbs.ts';
import { type ContentsLike, hardenContents, hardenSession, mayRequest, secureWebPreferences } from './windowSecurity.ts';

const URL_ = 'http://127.0.0.1:8787';

/** Enough of Electron's WebContents to see what the guards let through. */
class FakeContents implements ContentsLike {
  private readonly listeners = new Map<string, ((event: { preventDefault(): void; url?: string }, url: string) => void)[]>();
  on(event: string, listener: (event: { preventDefault(): void; url?: string }, url: string) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler() {}
  navigate(url: string): boolean {
    let prevented = false;
    for (const l of this.listeners.get('will-navigate') ?? []) l({ preventDefault: () => (prevented = true), url }, url);
    return !prevented;
  }
}

describe('window and session security', () => {
  it('isolates and sandboxes the renderer, with no Node', () => {
    expect(secureWebPreferences('/app/dist/main/preload.cjs')).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('denies every permission and cancels requests to anywhere but the appliance', () => {
    const granted: boolean[] = [];
    let check: ((c: unknown, p: string) => boolean) | null = null;
    let filter: ((d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void) | null = null;
    hardenSession(
      {
        setPermissionRequestHandler: (h) =>
          ['media', 'geolocation', 'notifications', 'clipboard-read'].forEach((p) => h(null, p, (g) => granted.push(g))),
        setPermissionCheckHandler: (h) => (check = h),
        webRequest: { onBeforeRequest: (l) => (filter = l) },
      },
      () => URL_,
    );
    expect(granted).toEqual([false, false, false, false]);
    expect(check!(null, 'media')).toBe(false);
    const verdict = (url: string) => {
      let cancelled: boolean | undefined;
      filter!({ url }, (r) => (cancelled = r.cancel));
      return cancelled === true ? 'cancel' : 'allow';
    };
    expect(verdict(`${URL_}/assets/index.js`)).toBe('allow');
    expect(verdict('https://cdn.example.com/react.js')).toBe('cancel');
    expect(verdict('http://127.0.0.1:9999/')).toBe('cancel');
    expect(mayRequest('data:text/html,x', URL_)).toBe(true);
  });

  it('offers the preload verbs to the appliance’s own page only', async () => {
    const handlers = new Map<string, (e: { senderFrame: { url: string } | null }) => unknown>();
    let copied = 0;
    registerVerbs({ handle: (channel, h) => void handlers.set(channel, h) }, () => URL_, {
      copyGatewayUrl: () => {
        copied += 1;
        return `${URL_}/v1`;
      },
      openDataFolder: () => undefined,
    });
    const copy = handlers.get('appliance:copy-gateway-url')!;
    expect(copy({ senderFrame: { url: `${URL_}/settings` } })).toBe(`${URL_}/v1`);
    expect(() => copy({ senderFrame: { url: 'https://evil.example/' } })).toThrow(/may not use the desktop shell/);
    expect(() => copy({ senderFrame: null })).toThrow(/may not use the desktop shell/);
    expect(copied).toBe(1);
    expect([...handlers.keys()].sort()).toEqual(['appliance:copy-gateway-url', 'appliance:open-data-folder']);
  });
});

describe('hardenContents', () => {
  it('reads the origin on every check, so a server restarted on another port stays trusted', () => {
    let origin = 'http://127.0.0.1:8787';
    const contents = new FakeContents();
    hardenContents(
      contents,
      () => origin,
      () => undefined,
    );
    expect(contents.navigate('http://127.0.0.1:9797/')).toBe(false);
    origin = 'http://127.0.0.1:9797';
    expect(contents.navigate('http://127.0.0.1:9797/')).toBe(true);
  });
});

describe('hardenContents, twice', () => {
  it('guards once: an external link opens one browser tab, not two', () => {
    const opened: string[] = [];
    const contents = new FakeContents();
    hardenContents(
      contents,
      () => URL_,
      (url) => opened.push(url),
    );
    hardenContents(
      contents,
      () => URL_,
      (url) => opened.push(url),
    );
    expect(contents.navigate('https://docs.example.com/')).toBe(false);
    expect(opened).toEqual(['https://docs.example.com/']);
  });
});
