// splitUrl skips `new URL` for plain upstream URLs: whatever the URL, it must give the origin and
// path that undici's request(url) would have taken from `new URL`.
import { describe, expect, it } from 'vitest';
import { splitUrl } from './upstream.ts';

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
