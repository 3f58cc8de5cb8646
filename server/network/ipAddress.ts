// IP addresses as bytes, address ranges, and which addresses count as loopback or private: what the
// certificate code (SANs, name constraints) and the listener rules (no plain HTTP off loopback) read.
import net from 'node:net';

export interface IpRange {
  /** The range's first address, as text ("10.0.0.0", "fc00::"). */
  address: string;
  prefix: number;
}

/** 4 or 16 bytes, or null for anything that is not an IP address. A zone ("%eth0") is dropped. */
export function ipBytes(text: string): Buffer | null {
  const address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = net.isIP(address);
  if (family === 4) return Buffer.from(address.split('.').map(Number));
  if (family !== 6) return null;
  // An IPv4 tail (::ffff:1.2.3.4) becomes two groups; then "::" expands to the missing zeros.
  let groupsText = address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (v4) {
    const b = v4[1]!.split('.').map(Number);
    groupsText = `${address.slice(0, -v4[1]!.length)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head, tail] = groupsText.split('::') as [string, string | undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  return out;
}

/** The network mask of a prefix length, as many bytes as the family has. */
export function maskBytes(prefix: number, length: 4 | 16): Buffer {
  const out = Buffer.alloc(length);
  for (let bit = 0; bit < prefix; bit++) out[bit >> 3]! |= 0x80 >> (bit & 7);
  return out;
}

export function inRange(address: string, range: IpRange): boolean {
  const a = ipBytes(address);
  const base = ipBytes(range.address);
  if (!a || !base || a.length !== base.length) return false;
  const mask = maskBytes(range.prefix, base.length as 4 | 16);
  return a.every((byte, i) => (byte & mask[i]!) === (base[i]! & mask[i]!));
}

const LOOPBACK: IpRange[] = [
  { address: '127.0.0.0', prefix: 8 },
  { address: '::1', prefix: 128 },
];

/**
 * Addresses that never leave a site: loopback, RFC 1918, shared (CGNAT), link-local, IPv6 unique
 * local and link-local. The local CA may sign for any of them (its name constraints).
 */
export const SITE_RANGES: readonly IpRange[] = [
  ...LOOPBACK,
  { address: '10.0.0.0', prefix: 8 },
  { address: '172.16.0.0', prefix: 12 },
  { address: '192.168.0.0', prefix: 16 },
  { address: '100.64.0.0', prefix: 10 },
  { address: '169.254.0.0', prefix: 16 },
  { address: 'fc00::', prefix: 7 },
  { address: 'fe80::', prefix: 10 },
];

/** Whether a listen host is loopback only: "localhost", 127.0.0.0/8, ::1 (also as ::ffff:127.x). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  return LOOPBACK.some((r) => inRange(mapped ? mapped[1]! : h, r));
}
