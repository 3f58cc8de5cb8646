// Sends exact bytes to a listening server over a plain TCP socket (for requests no HTTP client
// would produce) and reads back what came, until the server closes or the wait runs out.
import net from 'node:net';

export interface RawAnswer {
  status: number | null;
  headers: Record<string, string>;
  /** The first answer's body as UTF-8 text (a chunked body decoded). */
  body: string;
  /** Everything the server sent, as latin1 text. */
  raw: string;
  /** Whether the server closed the connection before the wait ran out. */
  closed: boolean;
}

/** Joins the chunks of a chunked body; what follows the last chunk (a next answer) is dropped. */
function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

export function parseRawAnswer(received: string | Buffer, closed: boolean): RawAnswer {
  const bytes = typeof received === 'string' ? Buffer.from(received, 'latin1') : received;
  const raw = bytes.toString('latin1');
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = end === -1 ? Buffer.alloc(0) : bytes.subarray(end + 4);
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  else if (headers['content-length'] !== undefined) body = body.subarray(0, Number(headers['content-length']));
  return { status: status ? Number(status[1]) : null, headers, body: body.toString('utf8'), raw, closed };
}

/** `base` is the server's http://host:port. */
export function sendRaw(base: string, bytes: string | Buffer, waitMs = 5000, options: { localAddress?: string } = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port), localAddress: options.localAddress });
    const received: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseRawAnswer(Buffer.concat(received), closed));
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (d: Buffer) => received.push(d));
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('connect', () => socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes));
  });
}
