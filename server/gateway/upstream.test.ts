// splitUrl skips `new URL` for plain upstream URLs: whatever the URL, it must give the origin and
// path that undici's request(url) would have taken from `new URL`. Messages about upstreams name
// their origin only and quote what they sent safely.
import { describe, expect, it } from 'vitest';
import { QUOTE_CHARS, originOf, quoteUpstream, splitUrl } from './upstream.ts';

describe('splitUrl', () => {
  it.each([
    'http://127.0.0.1:8080/v1/chat/completions',
    'https://api.openai.com/v1/chat/completions',
    'HTTPS://API.Example.COM:443/v1/models?limit=2&after=x',
    'http://host:80/a/b',
    'http://host',
    'http://host?x=1',
    'http://host/a b/c',
    'http://host/a/../b',
    'http://host/a/%2e%2E/b',
    'http://host/./a',
    "http://host/a?q=it's",
    'http://host/a?q="x"',
    'http://host/a#frag',
    'http://host/a\\b',
    'http://user:pw@host/a',
    'http://[::1]:3000/v1/x?y=%20',
    'http://host/é/ü?ä=1',
    'http://host/a/%zz/b',
    'http://host/v1/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
  ])('%s', (url) => {
    const u = new URL(url);
    expect(splitUrl(url)).toEqual({ origin: u.origin, path: `${u.pathname}${u.search}` });
  });

  it('refuses what new URL refuses, and other protocols', () => {
    expect(() => splitUrl('not a url')).toThrow();
    expect(() => splitUrl('ftp://host/a')).toThrow(/protocol/);
  });
});

describe('quoteUpstream', () => {
  it('keeps a short answer as it is, white space made single spaces', () => {
    expect(quoteUpstream('<html>\n  <body>Bad  Gateway</body>\r\n</html>')).toBe('<html> <body>Bad Gateway</body> </html>');
  });

  it('cuts a long answer at QUOTE_CHARS, never inside a surrogate pair', () => {
    const long = quoteUpstream('a'.repeat(10_000));
    expect(long).toBe(`${'a'.repeat(QUOTE_CHARS)}…`);
    const emoji = quoteUpstream(`${'a'.repeat(QUOTE_CHARS - 1)}😀tail`);
    expect(emoji).toBe(`${'a'.repeat(QUOTE_CHARS - 1)}…`);
  });

  it('drops control, escape and bidirectional-override characters (no terminal or log tricks)', () => {
    expect(quoteUpstream('ok\u001b[2J\u0000\u0007\u202egnirts\u2066x')).toBe('ok [2J gnirts x');
  });

  it("masks the target's own key", () => {
    expect(quoteUpstream('invalid key sk-secret-12345 given', 'sk-secret-12345')).toBe('invalid key ******** given');
  });
});

describe('originOf', () => {
  it('names scheme, host and port, never credentials, path or query', () => {
    expect(originOf('https://user:pw@llm.lan:8443/v1/chat?key=abc')).toBe('https://llm.lan:8443');
    expect(originOf('not a url')).toBe('(an invalid URL)');
  });
});
