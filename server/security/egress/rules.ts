// The egress allow-list's language: an entry is a host (any port), host:port, a `*.suffix` name
// pattern, an IP range in CIDR form, or a URL (its host and port). Pure functions: parsing an
// entry an admin typed, and matching a destination (host and port, never resolved) against one.
import net from 'node:net';

export type EgressRule =
  | { kind: 'host'; host: string; port: number | null }
  | { kind: 'suffix'; suffix: string; port: number | null }
  | { kind: 'cidr'; bytes: Buffer; prefix: number };

export type ParsedEntry = { ok: true; rule: EgressRule; canonical: string } | { ok: false; message: string };

const NAME = /^(?=.{1,253}$)(?!-)[a-z0-9_-]{1,63}(?<!-)(\.(?!-)[a-z0-9_-]{1,63}(?<!-))*$/;
const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** Lower case, no IPv6 brackets, no trailing dot: the form hosts are compared in. */
export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  // IPv6 in one spelling (the URL parser's), so `::1` and `0:0::1` are the same destination.
  if (net.isIPv6(h)) h = new URL(`http://[${h}]`).hostname.slice(1, -1);
  return h;
}

/** 4 or 16 bytes of an IP address (IPv4-mapped IPv6 as its IPv4), or null for a name. */
export function addressBytes(host: string): Buffer | null {
  const h = normaliseHost(host);
  if (net.isIPv4(h)) return Buffer.from(h.split('.').map(Number));
  if (!net.isIPv6(h)) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped) return Buffer.from(mapped[1]!.split('.').map(Number));
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return Buffer.from([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  }
  const [head, tail] = h.split('::') as [string, string | undefined];
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  return out;
}

function inPrefix(address: Buffer, base: Buffer, prefix: number): boolean {
  if (address.length !== base.length) return false;
  for (let bit = 0; bit < prefix; bit += 8) {
    const take = Math.min(8, prefix - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((address[bit >> 3]! & mask) !== (base[bit >> 3]! & mask)) return false;
  }
  return true;
}

export function isLoopbackAddress(host: string): boolean {
  const h = normaliseHost(host);
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const bytes = addressBytes(h);
  if (!bytes) return false;
  return bytes.length === 4 ? bytes[0] === 127 : bytes.subarray(0, 15).every((b) => b === 0) && bytes[15] === 1;
}

function port(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : null;
}

const refuse = (entry: string, why: string): ParsedEntry => ({ ok: false, message: `${JSON.stringify(entry)} ${why}` });

/** Splits `host:port`, `[v6]:port`, a bare IPv6 address or a bare host. */
function hostAndPort(text: string): { host: string; port: string | null } | null {
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    if (end === -1) return null;
    const rest = text.slice(end + 1);
    if (rest !== '' && !rest.startsWith(':')) return null;
    return { host: text.slice(1, end), port: rest === '' ? null : rest.slice(1) };
  }
  if (net.isIPv6(text)) return { host: text, port: null };
  const colon = text.lastIndexOf(':');
  if (colon === -1) return { host: text, port: null };
  if (text.indexOf(':') !== colon) return null;
  return { host: text.slice(0, colon), port: text.slice(colon + 1) };
}

const withPort = (host: string, p: number | null) => {
  const shown = host.includes(':') ? `[${host}]` : host;
  return p === null ? shown : `${shown}:${p}`;
};

/**
 * One allow-list entry as an admin wrote it: `llm.example.org`, `10.0.0.5:8000`, `[fd00::5]:443`,
 * `*.openai.azure.com`, `10.20.0.0/16`, `fd00::/8`, or a URL such as `https://llm.example.org`
 * (its host and port, the scheme's default when it names none).
 */
export function parseEgressEntry(input: string): ParsedEntry {
  const entry = input.trim();
  if (entry === '') return { ok: false, message: 'an entry must not be empty' };
  if (entry.length > 300) return refuse(entry.slice(0, 40), 'is longer than 300 characters');
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f]/.test(entry)) return refuse(entry, 'must not contain spaces or control characters');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return refuse(entry, 'is not a valid URL');
    }
    const fallback = DEFAULT_PORTS[url.protocol];
    if (fallback === undefined) return refuse(entry, 'must be an http:// or https:// URL, or a host, host:port or CIDR range');
    if (url.username || url.password) return refuse(entry, 'must not contain credentials');
    const host = normaliseHost(url.hostname);
    const p = url.port === '' ? fallback : Number(url.port);
    return { ok: true, rule: { kind: 'host', host, port: p }, canonical: withPort(host, p) };
  }
  const slash = entry.indexOf('/');
  if (slash !== -1) {
    const address = entry.slice(0, slash);
    const bits = entry.slice(slash + 1);
    const bytes = addressBytes(address);
    if (!bytes || !net.isIP(normaliseHost(address))) return refuse(entry, 'is not a CIDR range (write it like 10.20.0.0/16 or fd00::/8)');
    const max = bytes.length * 8;
    if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return refuse(entry, `must have a prefix length from 0 to ${max}`);
    const prefix = Number(bits);
    if (prefix === 0) return refuse(entry, 'would allow every address; name the ranges the appliance may reach');
    const base = Buffer.from(bytes);
    for (let bit = prefix; bit < max; bit++) base[bit >> 3]! &= ~(0x80 >> (bit & 7));
    const shown = bytes.length === 4 ? [...base].join('.') : normaliseHost(ipv6Text(base));
    return { ok: true, rule: { kind: 'cidr', bytes: base, prefix }, canonical: `${shown}/${prefix}` };
  }
  const split = hostAndPort(entry);
  if (!split) return refuse(entry, 'is not a host, host:port, URL or CIDR range');
  let p: number | null = null;
  if (split.port !== null) {
    p = port(split.port);
    if (p === null) return refuse(entry, 'has a port that is not a number from 1 to 65535');
  }
  const host = normaliseHost(split.host);
  if (host.startsWith('*.')) {
    const suffix = host.slice(2);
    if (!NAME.test(suffix) || !suffix.includes('.')) return refuse(entry, 'must be *. followed by a domain with at least two labels');
    return { ok: true, rule: { kind: 'suffix', suffix, port: p }, canonical: withPort(`*.${suffix}`, p) };
  }
  if (!net.isIP(host) && !NAME.test(host)) return refuse(entry, 'is not a host name or IP address');
  if (net.isIPv4(host) === false && /^[\d.]+$/.test(host)) return refuse(entry, 'is not an IPv4 address in dotted decimal');
  return { ok: true, rule: { kind: 'host', host, port: p }, canonical: withPort(host, p) };
}

function ipv6Text(bytes: Buffer): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
  return groups.join(':');
}

/** Whether a destination (host as normaliseHost writes it, and port) is what the rule allows. */
export function ruleMatches(rule: EgressRule, host: string, destPort: number): boolean {
  switch (rule.kind) {
    case 'host':
      return rule.host === host && (rule.port === null || rule.port === destPort);
    case 'suffix':
      return host.endsWith(`.${rule.suffix}`) && (rule.port === null || rule.port === destPort);
    case 'cidr': {
      // Names are never resolved to be matched against a range: only an address written as one is.
      const bytes = addressBytes(host);
      return bytes !== null && inPrefix(bytes, rule.bytes, rule.prefix);
    }
  }
}

/** `host:port` as the report and messages write a destination. */
export function destinationText(host: string, destPort: number): string {
  return withPort(host, destPort);
}
