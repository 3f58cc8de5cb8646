// Which URLs the desktop window may show: only the appliance's own origin (scheme, host and port
// exactly as the server reported them). Everything else is refused in the window; plain web links
// may open in the system browser instead. Pure functions, tested with a table of hostile URLs.

function parse(url: string): URL | null {
  // Whitespace and control characters are where parsers disagree: refuse rather than guess.
  // eslint-disable-next-line no-control-regex
  if (url !== url.trim() || /[\u0000-\u001f\u007f\\]/.test(url)) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True when `url` is on `origin` (e.g. "http://127.0.0.1:8787"), with no credentials in it. */
export function isTrustedUrl(url: string, origin: string): boolean {
  const target = parse(url);
  const own = parse(origin);
  if (!target || !own) return false;
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return false;
  if (target.username !== '' || target.password !== '') return false;
  return target.origin === own.origin;
}

/** Links the system browser may open for the user: http(s) only, never file:, smb:, custom schemes. */
export function isExternalWebLink(url: string): boolean {
  const target = parse(url);
  return (
    target !== null && (target.protocol === 'https:' || target.protocol === 'http:') && target.username === '' && target.password === ''
  );
}
