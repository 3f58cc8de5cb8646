// A TLS listener that hands its requests to the same fastify app as the loopback listener, with
// the app's own server settings (timeouts, client-error handling), so both listeners answer alike.
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** How long in-flight requests may finish when a listener stops before their connections are cut. */
const CLOSE_GRACE_MS = 5000;

export interface TlsListener {
  readonly host: string;
  readonly port: number;
  /** Serves a new key and certificate to new connections, without closing the socket. */
  setCertificate(material: { key: string; cert: string }): void;
  close(): Promise<void>;
}

const TLS_OPTIONS = { minVersion: 'TLSv1.2' } as const;

export async function startTlsListener(
  app: FastifyInstance,
  material: { key: string; cert: string },
  host: string,
  port: number,
): Promise<TlsListener> {
  await app.ready();
  const server = https.createServer({ ...TLS_OPTIONS, key: material.key, cert: material.cert }, (req, res) => app.routing(req, res));
  // The settings fastify gave its own server (server/app.ts), so the LAN gets the same limits.
  const model = app.server;
  server.keepAliveTimeout = model.keepAliveTimeout;
  server.requestTimeout = model.requestTimeout;
  server.headersTimeout = model.headersTimeout;
  server.timeout = model.timeout;
  if (model.maxRequestsPerSocket) server.maxRequestsPerSocket = model.maxRequestsPerSocket;
  for (const listener of model.listeners('clientError')) server.on('clientError', listener as (err: Error, socket: Socket) => void);
  // A LAN client that does not trust the CA yet fails its handshake: its problem, not a server error.
  server.on('tlsClientError', (err) => app.log.debug({ err: err.message }, 'TLS handshake failed'));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => app.log.error({ err }, 'TLS listener error'));
  const address = server.address() as AddressInfo;

  let closing: Promise<void> | null = null;
  return {
    host,
    port: address.port,
    setCertificate: (next) => server.setSecureContext({ ...TLS_OPTIONS, key: next.key, cert: next.cert }),
    close() {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
