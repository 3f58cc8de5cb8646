// A table of hostile and ordinary custom hosts, for both rules: saved by an admin, and inline in a request.
import { describe, expect, it } from 'vitest';
import { checkInlineCustomHost, checkSavedCustomHost, normaliseTrustedHost } from './customHost.ts';

const DEFAULT_TRUSTED = ['localhost', '127.0.0.1', '::1'];

function saved(url: string) {
  const r = checkSavedCustomHost(url);
  return r.ok ? 'ok' : r.message;
}

function inline(url: string, extra: string[] = []) {
  const r = checkInlineCustomHost(url, DEFAULT_TRUSTED, new Set(extra));
  return r.ok ? 'ok' : r.message;
}

describe('both rules refuse', () => {
  it.each([
    ['credentials', 'http://u:p@x', 'custom_host "http://***@x" must not contain credentials'],
    ['a user name alone', 'http://admin@10.0.0.5/v1', /must not contain credentials/],
    ['an empty user part that hides the host', 'http://@evil.example.com', /must not contain credentials/],
    ['another scheme', 'ftp://files.example.com', /must use http or https/],
    ['file URLs', 'file:///etc/passwd', /must use http or https/],
    ['javascript URLs', 'javascript:alert(1)', /must use http or https/],
    ['gopher', 'gopher://127.0.0.1:6379/_FLUSHALL', /must use http or https/],
    ['a fragment', 'https://api.example.com/v1#frag', /must not contain a fragment/],
    ['an empty fragment', 'https://api.example.com/v1#', /must not contain a fragment/],
    ['a scheme without slashes', 'http:api.example.com', /must be an absolute URL/],
    ['backslashes for slashes', 'http:\\\\api.example.com', /must be an absolute URL/],
    ['no scheme', 'api.example.com/v1', /must be an absolute URL/],
    ['garbage', 'http://exa mple.com', /must not contain spaces/],
    ['a newline smuggled in', 'http://example.com\n.evil.com', /control characters/],
    ['an unparseable URL', 'http://[::1', /is not a valid URL/],
    ['an empty value', '', /must be a non-empty URL/],
    ['AWS metadata', 'http://169.254.169.254/latest/meta-data/', /cloud metadata endpoint/],
    ['AWS metadata over IPv6', 'http://[fd00:ec2::254]/latest', /cloud metadata endpoint/],
    ['GCP metadata by name', 'http://metadata.google.internal/computeMetadata/v1/', /cloud metadata endpoint/],
    ['GCP metadata with a trailing dot', 'http://metadata.google.internal./', /cloud metadata endpoint/],
    ['GCP metadata, upper case', 'http://METADATA.GOOGLE.INTERNAL/', /cloud metadata endpoint/],
    ['Alibaba metadata', 'http://100.100.100.200/latest/meta-data', /cloud metadata endpoint/],
    ['ECS credentials', 'http://169.254.170.2/v2/credentials', /cloud metadata endpoint/],
    ['metadata through IPv4-mapped IPv6', 'http://[::ffff:169.254.169.254]/', /cloud metadata endpoint/],
    ['metadata in hex', 'http://0xa9fea9fe/', /cloud metadata endpoint/],
    [
      'decimal IPv4',
      'http://2130706433/',
      'custom_host "http://2130706433/" spells an IPv4 address in an unusual form; write it as 127.0.0.1',
    ],
    ['hex IPv4', 'http://0x7f.1/', /unusual form; write it as 127\.0\.0\.1/],
    ['octal IPv4', 'http://0177.0.0.1/', /unusual form; write it as 127\.0\.0\.1/],
    ['shortened IPv4', 'http://127.1/', /unusual form; write it as 127\.0\.0\.1/],
    ['a bare zero', 'http://0/', /unusual form; write it as 0\.0\.0\.0/],
    ['percent-encoded IPv4', 'http://127.0.0.%31/', /unusual form/],
    ['full-width dots', 'http://10。0。0。1/', /unusual form; write it as 10\.0\.0\.1/],
  ])('%s', (_, url, expected) => {
    for (const result of [saved(url), inline(url)]) {
      if (typeof expected === 'string') expect(result).toBe(expected);
      else expect(result).toMatch(expected);
    }
  });
});

describe('messages never quote a password', () => {
  it.each([
    ['http://svc:Hunter2@10.0.0.5/v1', 'custom_host "http://***@10.0.0.5/v1" must not contain credentials'],
    ['ftp://svc:Hunter2@files.example.com', 'custom_host "ftp://***@files.example.com" must use http or https'],
    ['http://svc:Hunter2@evil@10.0.0.5', 'custom_host "http://***@10.0.0.5" must not contain credentials'],
    [
      'http:\\\\svc:Hunter2@api.example.com',
      'custom_host "http:\\\\***@api.example.com" must be an absolute URL starting with http:// or https://',
    ],
    ['https://svc:Hunter2@api.example.com/v1#frag', 'custom_host "https://***@api.example.com/v1#frag" must not contain credentials'],
  ])('%s', (url, expected) => {
    for (const result of [saved(url), inline(url)]) {
      expect(result).toBe(expected);
      expect(result).not.toContain('Hunter2');
    }
  });

  it('quotes a URL without credentials as it was written, @ in the path included', () => {
    expect(saved('ftp://example.com/a@b')).toBe('custom_host "ftp://example.com/a@b" must use http or https');
  });
});

describe('saved custom hosts (set by an admin on an integration)', () => {
  it.each([
    'http://10.0.0.5:8000/v1',
    'http://172.16.4.2:11434',
    'http://192.168.1.20/v1',
    'http://127.0.0.1:11434',
    'http://localhost:8080/v1',
    'http://[::1]:8000',
    'http://vllm.local:8000/v1',
    'https://llm.corp.internal/v1',
    'http://ollama:11434',
    'https://my-resource.openai.azure.com/openai',
    'https://api.example.com/v1?api-version=2024-02-01',
  ])('allows %s (LAN, loopback and public hosts)', (url) => {
    expect(saved(url)).toBe('ok');
  });
});

describe('inline custom hosts (x-portkey-custom-host or a config custom_host)', () => {
  it.each([
    ['a LAN address', 'http://10.0.0.5:8000/v1', /points at a private \(LAN\) address/],
    ['a 172.16/12 address', 'http://172.31.255.1/', /private \(LAN\) address/],
    ['a 192.168/16 address', 'http://192.168.0.10/', /private \(LAN\) address/],
    ['loopback outside the trusted list', 'http://127.0.0.2:8000', /loopback address/],
    ['unspecified IPv4', 'http://0.0.0.0:8000', /reserved \("this network"\) address/],
    ['link-local', 'http://169.254.10.1/', /link-local address/],
    ['CGNAT', 'http://100.64.1.1/', /carrier-grade NAT address/],
    ['multicast', 'http://239.1.1.1/', /multicast address/],
    ['the broadcast address', 'http://255.255.255.255/', /reserved address/],
    ['IPv6 ULA', 'http://[fd12:3456::1]/', /unique local \(ULA\) address/],
    ['IPv6 link-local', 'http://[fe80::1]/', /link-local address/],
    ['IPv6 unspecified', 'http://[::]:8000/', /unspecified address/],
    ['a LAN address through IPv4-mapped IPv6', 'http://[::ffff:10.0.0.1]/', /private \(LAN\) address/],
    ['loopback through IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/', /loopback address/],
    ['a LAN address through NAT64', 'http://[64:ff9b::10.0.0.1]/', /private \(LAN\) address/],
    ['a .local name', 'http://vllm.local:8000', /LAN-only host name/],
    ['an .internal name', 'https://llm.corp.internal', /LAN-only host name/],
    ['a single-label name', 'http://ollama:11434', /single-label \(LAN\) host name/],
    ['a *.localhost name', 'http://api.localhost/', /loopback host name/],
  ])('refuses %s', (_, url, expected) => {
    expect(inline(url)).toMatch(expected);
    expect(inline(url)).toMatch(/TRUSTED_CUSTOM_HOSTS/);
  });

  it.each(['https://api.openai.com/v1', 'https://my-resource.openai.azure.com/openai', 'http://8.8.8.8/', 'http://[2606:4700::1111]/'])(
    'allows the public host %s',
    (url) => {
      expect(inline(url)).toBe('ok');
    },
  );

  it.each(['http://localhost:11434/v1', 'http://127.0.0.1:8000', 'http://[::1]:8000/v1', 'http://LOCALHOST./'])(
    'allows %s because it is in the default TRUSTED_CUSTOM_HOSTS',
    (url) => {
      expect(inline(url)).toBe('ok');
    },
  );

  it('allows a private host that is the host of a custom_host saved in the workspace', () => {
    expect(inline('http://10.0.0.5:9000/other', ['10.0.0.5'])).toBe('ok');
    expect(inline('http://vllm.local:8000', ['VLLM.local'])).toBe('ok');
    expect(inline('http://10.0.0.6:9000', ['10.0.0.5'])).toMatch(/private \(LAN\) address/);
  });

  it('never lets a trusted entry open the metadata endpoint or an odd spelling', () => {
    const r = checkInlineCustomHost('http://169.254.169.254/', ['169.254.169.254']);
    expect(r.ok).toBe(false);
    expect(checkInlineCustomHost('http://2130706433/', ['127.0.0.1']).ok).toBe(false);
  });

  it('names the header when asked to', () => {
    const r = checkInlineCustomHost('http://10.0.0.1', [], [], 'x-portkey-custom-host');
    expect(r.ok ? '' : r.message).toMatch(/^x-portkey-custom-host "http:\/\/10\.0\.0\.1" points at/);
  });
});

describe('normaliseTrustedHost (TRUSTED_CUSTOM_HOSTS entries)', () => {
  it.each([
    ['localhost', 'localhost'],
    [' VLLM.lan ', 'vllm.lan'],
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '::1'],
    ['[::1]', '::1'],
    ['10.0.0.5', '10.0.0.5'],
  ])('%s -> %s', (entry, expected) => {
    expect(normaliseTrustedHost(entry)).toBe(expected);
  });

  it.each(['http://x', 'x:8000', 'x/path', '127.1', '2130706433', 'a b', '', 'u@x'])('refuses %s', (entry) => {
    expect(normaliseTrustedHost(entry)).toBeNull();
  });
});
