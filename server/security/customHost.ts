// Decides whether a custom_host URL may be used: admins may save LAN and loopback hosts in an
// integration; hosts given inline in a request may only reach public addresses or trusted hosts.
//
// Host names are never resolved here: the request path makes no DNS lookups (DESIGN.md), so a
// public-looking name whose DNS record points at a LAN address passes the inline check. The check
// is about what the caller wrote; network egress rules remain the appliance's outer fence.

export type HostCheck = { ok: true; url: URL; host: string } | { ok: false; message: string };

const MAX_URL_LENGTH = 2048;

/** Cloud instance-metadata endpoints: they hand out credentials, so no custom_host may name them. */
const METADATA_HOSTS = new Set([
  '169.254.169.254', // AWS, Azure, GCP, OpenStack, DigitalOcean
  '169.254.170.2', // AWS ECS task credentials
  '169.254.170.23', // AWS EKS pod identity
  '100.100.100.200', // Alibaba Cloud
  'fd00:ec2::254', // AWS over IPv6
  'fd00:ec2::23', // AWS EKS pod identity over IPv6
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
]);

/** Top-level names that only ever mean something on a LAN. */
const LAN_SUFFIXES = ['.local', '.internal', '.localhost', '.lan', '.home.arpa', '.intranet', '.corp', '.private', '.localdomain'];

/** Lower-cased host without IPv6 brackets or a trailing dot: the form hosts are compared in. */
export function comparableHost(hostname: string): string {
  let h = hostname.toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/**
 * A TRUSTED_CUSTOM_HOSTS entry in comparable form, or null when it is not a bare host name or IP
 * address (no scheme, port or path; IPv4 in dotted-decimal only).
 */
export function normaliseTrustedHost(entry: string): string | null {
  const text = entry.trim();
  if (!text || /[\s/?#@]/.test(text)) return null;
  const bracketed = text.includes(':') && !text.startsWith('[') ? `[${text}]` : text;
  let url: URL;
  try {
    url = new URL(`http://${bracketed}`);
  } catch {
    return null;
  }
  if (url.port !== '') return null;
  const host = comparableHost(url.hostname);
  // An entry the URL parser rewrote (127.1, 0x7f.0.0.1) is an odd spelling: refuse it.
  if (isIpv4(host) && host !== comparableHost(text)) return null;
  return host;
}

/** For custom_host values an admin saves in an integration or a model: LAN and loopback allowed. */
export function checkSavedCustomHost(input: string, field = 'custom_host'): HostCheck {
  return parseCustomHost(input, field);
}

/**
 * For custom hosts given inline in a request (the x-portkey-custom-host header or a config's
 * custom_host): private, loopback, link-local, CGNAT, ULA and other non-public addresses and
 * LAN-only names are refused unless the host is trusted: listed in `trustedHosts`
 * (TRUSTED_CUSTOM_HOSTS) or in `extraTrustedHosts` (hosts of custom_host values saved in the
 * caller's workspace integrations, services.catalog.savedHosts). `field` names the value in messages.
 */
export function checkInlineCustomHost(
  input: string,
  trustedHosts: Iterable<string>,
  extraTrustedHosts: Iterable<string> = [],
  field = 'custom_host',
): HostCheck {
  const parsed = parseCustomHost(input, field);
  if (!parsed.ok) return parsed;
  if (isTrusted(parsed.host, trustedHosts) || isTrusted(parsed.host, extraTrustedHosts)) return parsed;
  const kind = nonPublicKind(parsed.host);
  if (kind) {
    return refuse(
      field,
      input,
      `points at ${kind}; a host given in a request may only be a public address, a host listed in TRUSTED_CUSTOM_HOSTS, or the host of a custom_host saved in one of this workspace's integrations`,
    );
  }
  return parsed;
}

function isTrusted(host: string, hosts: Iterable<string>): boolean {
  for (const h of hosts) if (comparableHost(h) === host) return true;
  return false;
}

function refuse(field: string, input: string, problem: string): HostCheck {
  return { ok: false, message: `${field} "${withoutCredentials(input)}" ${problem}` };
}

/**
 * The URL as messages quote it: a user name and password before the host become `***`. Messages
 * reach API responses and request logs, and the password in a refused URL is usually a real one.
 */
function withoutCredentials(input: string): string {
  return input.replace(/^([a-z][a-z0-9+.-]*:[/\\]*)[^/\\?#]*@/i, '$1***@');
}

/**
 * The rules both kinds of custom host share: an http(s) URL with a host and nothing hidden in it,
 * never a cloud metadata endpoint, IPv4 written only in dotted decimal.
 */
function parseCustomHost(input: string, field: string): HostCheck {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, message: `${field} must be a non-empty URL` };
  if (input.length > MAX_URL_LENGTH) return { ok: false, message: `${field} must be at most ${MAX_URL_LENGTH} characters` };
  // The URL parser silently drops tabs and newlines and trims spaces; a value that needed that is
  // not what it looks like.
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f]/.test(input)) return refuse(field, input, 'must not contain spaces or control characters');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(input)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https') return refuse(field, input, 'must use http or https');
  // `http:host` and `http:\\host` parse too; insist on the plain form so the host is what it looks like.
  if (!/^https?:\/\//i.test(input)) return refuse(field, input, 'must be an absolute URL starting with http:// or https://');
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return refuse(field, input, 'is not a valid URL');
  }
  const authority = /^https?:\/\/([^/\\?#]*)/i.exec(input)![1]!;
  if (url.username || url.password || authority.includes('@')) return refuse(field, input, 'must not contain credentials');
  if (input.includes('#')) return refuse(field, input, 'must not contain a fragment (#…)');
  const host = comparableHost(url.hostname);
  if (!host) return refuse(field, input, 'must name a host');
  // Metadata first: it is the more important thing to tell, whatever the spelling.
  const metadata = metadataProblem(host);
  if (metadata) return refuse(field, input, metadata);
  if (isIpv4(host) && comparableHost(rawHostOf(authority)) !== host) {
    return refuse(field, input, `spells an IPv4 address in an unusual form; write it as ${host}`);
  }
  return { ok: true, url, host };
}

/** The host as typed, before the URL parser normalised it. */
function rawHostOf(authority: string): string {
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1);
  const colon = authority.indexOf(':');
  return colon === -1 ? authority : authority.slice(0, colon);
}

function metadataProblem(host: string): string | null {
  const v4 = embeddedIpv4(host);
  if (METADATA_HOSTS.has(host) || (v4 !== null && METADATA_HOSTS.has(formatIpv4(v4)))) {
    return 'is a cloud metadata endpoint, which is never allowed';
  }
  return null;
}

/** Why a host is not a public address, or null when it is one (or a public-looking name). */
function nonPublicKind(host: string): string | null {
  const v4 = embeddedIpv4(host);
  if (v4 !== null) return ipv4Kind(v4);
  const v6 = parseIpv6(host);
  if (v6) return ipv6Kind(v6);
  if (host === 'localhost' || host.endsWith('.localhost')) return 'a loopback host name';
  if (!host.includes('.')) return 'a single-label (LAN) host name';
  if (LAN_SUFFIXES.some((s) => host.endsWith(s))) return 'a LAN-only host name';
  return null;
}

const IPV4_RANGES: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'a reserved ("this network") address'],
  ['10.0.0.0', 8, 'a private (LAN) address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private (LAN) address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.0.2.0', 24, 'a reserved (documentation) address'],
  ['192.168.0.0', 16, 'a private (LAN) address'],
  ['198.18.0.0', 15, 'a reserved (benchmarking) address'],
  ['198.51.100.0', 24, 'a reserved (documentation) address'],
  ['203.0.113.0', 24, 'a reserved (documentation) address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];

function ipv4Kind(ip: number): string | null {
  for (const [base, bits, kind] of IPV4_RANGES) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((ip & mask) >>> 0 === (ipv4ToNumber(base)! & mask) >>> 0) return kind;
  }
  return null;
}

function ipv6Kind(g: number[]): string | null {
  if (g.every((x) => x === 0)) return 'the unspecified address';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'a loopback address';
  const first = g[0]!;
  if ((first & 0xfe00) === 0xfc00) return 'a unique local (ULA) address';
  if ((first & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((first & 0xffc0) === 0xfec0) return 'a site-local address';
  if ((first & 0xff00) === 0xff00) return 'a multicast address';
  if (first === 0x2001 && g[1] === 0x0db8) return 'a reserved (documentation) address';
  return null;
}

function isIpv4(host: string): boolean {
  return ipv4ToNumber(host) !== null;
}

function ipv4ToNumber(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

function formatIpv4(ip: number): string {
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
}

/** The IPv4 address a host stands for: itself, or one carried in IPv4-mapped, -compatible or NAT64 IPv6. */
function embeddedIpv4(host: string): number | null {
  const v4 = ipv4ToNumber(host);
  if (v4 !== null) return v4;
  const g = parseIpv6(host);
  if (!g) return null;
  const low = ((g[6]! << 16) | g[7]!) >>> 0;
  const zeroPrefix = g.slice(0, 5).every((x) => x === 0);
  if (zeroPrefix && g[5] === 0xffff) return low; // ::ffff:a.b.c.d
  if (zeroPrefix && g[5] === 0 && g[6] !== 0) return low; // ::a.b.c.d (deprecated form)
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return low; // 64:ff9b::/96
  return null;
}

/** Eight 16-bit groups of an IPv6 address in the URL parser's serialised form, or null. */
function parseIpv6(text: string): number[] | null {
  if (!text.includes(':')) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 1 && fill !== 0) || fill < 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...tail];
  if (all.length !== 8 || all.some((h) => !/^[0-9a-f]{1,4}$/.test(h))) return null;
  return all.map((h) => parseInt(h, 16));
}
