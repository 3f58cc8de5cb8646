// The window's URL trust: a table of hostile URLs that must never load inside the app.
import { describe, expect, it } from 'vitest';
import { isExternalWebLink, isTrustedUrl } from './trustedUrl.ts';

const ORIGIN = 'http://127.0.0.1:8787';

describe('isTrustedUrl', () => {
  it.each([
    'http://127.0.0.1:8787',
    'http://127.0.0.1:8787/',
    'http://127.0.0.1:8787/logs?workspace=ws-default#top',
    'HTTP://127.0.0.1:8787/settings',
    'http://127.0.0.1:8787/a/../b',
  ])('trusts %s', (url) => expect(isTrustedUrl(url, ORIGIN)).toBe(true));

  it.each([
    // Other origins that look alike.
    'http://127.0.0.1:8788/',
    'https://127.0.0.1:8787/',
    'http://localhost:8787/',
    'http://[::1]:8787/',
    'http://127.0.0.2:8787/',
    'http://127.0.0.1/',
    'http://127.0.0.1:8787.evil.example/',
    'http://127.0.0.1.nip.io:8787/',
    'http://evil.example/http://127.0.0.1:8787/',
    'http://evil.example/?next=http://127.0.0.1:8787',
    // Credentials and parser confusion.
    'http://127.0.0.1:8787@evil.example/',
    'http://user:pass@127.0.0.1:8787/',
    'http://evil.example\\@127.0.0.1:8787/',
    'http:\\\\127.0.0.1:8787\\',
    ' http://127.0.0.1:8787/',
    'http://127.0.0.1:8787/\n',
    '\thttp://127.0.0.1:8787/',
    'http://127.0.0.1:8787/%0d%0a'.replace('%0d%0a', '\r\n'),
    '//127.0.0.1:8787/',
    '/relative/path',
    '',
    // Schemes that run code or read files.
    'javascript:alert(1)',
    'JavaScript:fetch("http://127.0.0.1:8787")',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'blob:http://127.0.0.1:8787/1b6d0e0a-8a7e-4c1e-9a2a-3f1d0c3b2a10',
    'about:blank',
    'view-source:http://127.0.0.1:8787/',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'ws://127.0.0.1:8787/',
    'ftp://127.0.0.1:8787/',
    'smb://evil.example/share',
    'airgap-ai-gateway://open',
    // Remote content.
    'https://cdn.example.com/react.js',
    'http://192.168.1.10:8787/',
  ])('refuses %j', (url) => expect(isTrustedUrl(url, ORIGIN)).toBe(false));

  it('refuses everything when the origin itself is not an http(s) origin', () => {
    expect(isTrustedUrl('file:///x', 'file:///')).toBe(false);
    expect(isTrustedUrl('http://127.0.0.1:8787/', 'not a url')).toBe(false);
  });
});

describe('isExternalWebLink', () => {
  it.each([
    ['https://docs.example.com/guide', true],
    ['http://intranet.local/wiki', true],
    ['file:///etc/passwd', false],
    ['smb://host/share', false],
    ['javascript:alert(1)', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['https://user:pw@example.com/', false],
    [' https://example.com', false],
  ])('%s -> %s', (url, ok) => expect(isExternalWebLink(url)).toBe(ok));
});
