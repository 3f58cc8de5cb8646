// Sends exact bytes to a listening server over a plain TCP socket (for requests no HTTP client
// would produce) and reads back what came, until the server closes or the wait runs out.
import net from 'node:net';

export interface RawAnswer {
  status: number | null;
  headers: Record<string, string>;
  /** The body as text (a chunked body is not decoded). */
  body: string;
  /** Everything the server sent. */
  raw: string;
  /** Whether the server closed the connection before the wait ran out. */
  closed: boolean;
}

export function parseRawAnswer(raw: string, closed: boolean): RawAnswer {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: status ? Number(status[1]) : null, headers, body: end === -1 ? '' : raw.slice(end + 4), raw, closed };
}

/** `base` is the server's http://host:port. */
export function sendRaw(base: string, bytes: string | Buffer, waitMs = 5000, options: { localAddress?: string } = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port), localAddress: options.localAddress });
    let raw = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseRawAnswer(raw, closed));
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (raw += d));
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('connect', () => socket.write(bytes));
  });
}
