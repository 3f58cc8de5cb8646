// The process's own sockets as the kernel lists them (Linux /proc): what it listens on and which
// connections it holds, with the remote end. The egress self-check reads it to state, from the
// kernel's side, that no outbound connection is open that the allow-list does not explain.
import fs from 'node:fs';

export interface ProcessSocket {
  protocol: 'tcp' | 'udp';
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** LISTEN, ESTABLISHED, SYN_SENT, … (UDP: UNCONN or ESTABLISHED for a connected socket). */
  state: string;
}

const TCP_STATES: Record<string, string> = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '03': 'SYN_RECV',
  '04': 'FIN_WAIT1',
  '05': 'FIN_WAIT2',
  '06': 'TIME_WAIT',
  '07': 'CLOSE',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
};

/** `0100007F` -> 127.0.0.1; 32 hex digits -> an IPv6 address (each 32-bit word in host order, little-endian). */
export function procAddress(hex: string): string {
  const word = (w: string) => [w.slice(6, 8), w.slice(4, 6), w.slice(2, 4), w.slice(0, 2)].map((b) => parseInt(b, 16));
  if (hex.length === 8) return word(hex).join('.');
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 8) bytes.push(...word(hex.slice(i, i + 8)));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) return bytes.slice(12).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return new URL(`http://[${groups.join(':')}]`).hostname.slice(1, -1);
}

function ownInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/self/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // The descriptor closed while we looked.
    }
  }
  return inodes;
}

/** The sockets this process holds, or null where /proc does not list them (not Linux). */
export function processSockets(): ProcessSocket[] | null {
  let inodes: Set<string>;
  try {
    inodes = ownInodes();
  } catch {
    return null;
  }
  const out: ProcessSocket[] = [];
  for (const [file, protocol] of [
    ['tcp', 'tcp'],
    ['tcp6', 'tcp'],
    ['udp', 'udp'],
    ['udp6', 'udp'],
  ] as const) {
    let text: string;
    try {
      text = fs.readFileSync(`/proc/self/net/${file}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || !inodes.has(f[9]!)) continue;
      const [local, localPort] = f[1]!.split(':') as [string, string];
      const [remote, remotePort] = f[2]!.split(':') as [string, string];
      const st = f[3]!.toUpperCase();
      out.push({
        protocol,
        localAddress: procAddress(local),
        localPort: parseInt(localPort, 16),
        remoteAddress: procAddress(remote),
        remotePort: parseInt(remotePort, 16),
        state: protocol === 'udp' ? (st === '01' ? 'ESTABLISHED' : 'UNCONN') : (TCP_STATES[st] ?? st),
      });
    }
  }
  return out;
}
