// The main listener on HOST:PORT. Plain HTTP only on a loopback address; any other HOST gets TLS
// (the administrator's certificate or the local CA's), so plain HTTP never reaches the network.
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../env.ts';
import { isLoopbackHost } from './ipAddress.ts';
import { loadTlsMaterial } from './tlsMaterial.ts';
import { type TlsListener, startTlsListener } from './tlsListener.ts';

export interface MainListener {
  port: number;
  url: string;
  tls: boolean;
}

const bracketed = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/** Listens; throws (with the reason) when it cannot. Call before the app is ready; a TLS listener closes with the app. */
export async function listenMain(app: FastifyInstance, config: AppConfig): Promise<MainListener> {
  if (isLoopbackHost(config.host)) {
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    app.listeners.recordMain({ address: config.host, port, tls: false });
    return { port, url: `http://${bracketed(config.host)}:${port}`, tls: false };
  }
  const material = loadTlsMaterial(config.network, config.dataDir);
  // Hooks can only be added before the app is ready, which starting the listener makes it.
  let listener: TlsListener | null = null;
  app.addHook('onClose', async () => listener?.close());
  listener = await startTlsListener(app, material, config.host, config.port);
  if (material.facts.ca) {
    app.log.info(
      { ca_fingerprint_sha256: material.facts.ca.fingerprint_sha256 },
      `HOST ${config.host} is served over TLS with the local CA`,
    );
  }
  app.listeners.recordMain({ address: config.host, port: listener.port, tls: true });
  return { port: listener.port, url: `https://${bracketed(config.host)}:${listener.port}`, tls: true };
}
