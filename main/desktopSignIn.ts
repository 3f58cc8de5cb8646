// Signs the desktop window in without a password (docs/adr/0013): a one-time token from the server
// over the private channel, redeemed on loopback; the session cookie the server answers with goes
// into the window's cookie jar. The token is never in a URL, a file or another process's reach.

export interface CookieDetails {
  url: string;
  name: string;
  value: string;
  path: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'lax' | 'strict' | 'no_restriction';
  expirationDate?: number;
}

export interface SignInDeps {
  /** Over the private channel: `supervisor.request({ type: 'sign-in-token' })`. */
  requestToken(): Promise<{ token: string }>;
  /** The window session's cookie jar (Electron `session.cookies`). */
  setCookie(details: CookieDetails): Promise<void>;
  fetch?: typeof fetch;
  now?: () => number;
}

/** One Set-Cookie header as the jar takes it; null when it is not a cookie to keep. */
export function parseSetCookie(header: string, url: string, nowMs: number): CookieDetails | null {
  const [pair, ...attributes] = header.split(';').map((p) => p.trim());
  const eq = pair?.indexOf('=') ?? -1;
  if (!pair || eq <= 0) return null;
  const cookie: CookieDetails = {
    url,
    name: pair.slice(0, eq),
    value: pair.slice(eq + 1),
    path: '/',
    httpOnly: false,
    secure: false,
    sameSite: 'lax',
  };
  for (const attribute of attributes) {
    const [key = '', value = ''] = attribute.split('=');
    switch (key.toLowerCase()) {
      case 'httponly':
        cookie.httpOnly = true;
        break;
      case 'secure':
        cookie.secure = true;
        break;
      case 'path':
        cookie.path = value || '/';
        break;
      case 'samesite':
        cookie.sameSite = value.toLowerCase() === 'strict' ? 'strict' : value.toLowerCase() === 'none' ? 'no_restriction' : 'lax';
        break;
      case 'max-age': {
        const seconds = Number(value);
        if (Number.isFinite(seconds)) cookie.expirationDate = Math.floor(nowMs / 1000) + seconds;
        break;
      }
    }
  }
  return cookie.value === '' || (cookie.expirationDate !== undefined && cookie.expirationDate * 1000 <= nowMs) ? null : cookie;
}

/** True when the window now holds a session; false leaves it on the login page. */
export async function signInWindow(baseUrl: string, deps: SignInDeps): Promise<boolean> {
  const doFetch = deps.fetch ?? fetch;
  const now = deps.now ?? Date.now;
  const { token } = await deps.requestToken();
  const res = await doFetch(`${baseUrl}/v1/auth/desktop`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
    redirect: 'manual',
  });
  await res.arrayBuffer();
  if (res.status !== 200) return false;
  const cookies = res.headers
    .getSetCookie()
    .map((h) => parseSetCookie(h, baseUrl, now()))
    .filter((c): c is CookieDetails => c !== null);
  for (const cookie of cookies) await deps.setCookie(cookie);
  return cookies.length > 0;
}
