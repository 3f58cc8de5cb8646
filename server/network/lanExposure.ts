// LAN exposure: a persisted switch that starts or stops the TLS listener for the LAN while the
// loopback listener keeps serving. Switches run one at a time; the setting is saved only once the
// listener is up (switching on) or down (off), so a failed switch leaves everything as it was.
import type { FastifyInstance } from 'fastify';
import type { NetworkConfig } from '../env.ts';
import { isoNow } from '../db/rows.ts';
import type { Sqlite } from '../db/sqlite.ts';
import { AppError } from '../errors.ts';
import type { HostIdentity } from './hostIdentity.ts';
import { isLoopbackHost } from './ipAddress.ts';
import { type CertificateFacts, loadTlsMaterial } from './tlsMaterial.ts';
import { type TlsListener, startTlsListener } from './tlsListener.ts';

export const CA_CERTIFICATE_PATH = '/tls/ca.crt';
const SETTING = 'lan_exposure';

export interface LanExposureView {
  object: 'lan_exposure';
  /** The saved setting: whether the appliance should listen on the LAN. */
  enabled: boolean;
  /** Whether the LAN listener is up right now (false with `error` when it could not start). */
  listening: boolean;
  host: string;
  port: number;
  /** Where LAN clients reach the appliance, by name and by address. */
  urls: string[];
  certificate: (CertificateFacts & { ca: (NonNullable<CertificateFacts['ca']> & { download_url: string }) | null }) | null;
  error: string | null;
}

export function applianceSettingsStore(db: Sqlite) {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM appliance_settings WHERE key = ?');
  const write = db.prepare(`INSERT INTO appliance_settings (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  return {
    lanExposure: () => read.get(SETTING)?.value === 'true',
    setLanExposure: (on: boolean, at: string) => void write.run(SETTING, JSON.stringify(on), at),
  };
}

export interface LanExposureDeps {
  app: FastifyInstance;
  db: Sqlite;
  network: NetworkConfig;
  dataDir: string;
  now?: () => number;
  /** Test seam: the machine's names and addresses (default: os.hostname and the interfaces). */
  identity?: () => HostIdentity;
}

function urlsFor(host: string, port: number, facts: CertificateFacts): string[] {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]';
  const hosts = wildcard ? [...facts.dns_names, ...facts.ip_addresses] : [host];
  return hosts
    .filter((h) => !isLoopbackHost(h))
    .map((h) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h))
    .map((h) => `https://${h}:${port}`);
}

export function lanExposure(deps: LanExposureDeps) {
  const { app, network } = deps;
  const store = applianceSettingsStore(deps.db);
  const now = deps.now ?? Date.now;
  let listener: TlsListener | null = null;
  let facts: CertificateFacts | null = null;
  let lastError: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const watchers = new Set<(state: LanExposureView) => void>();
  const changed = () => {
    const state = view();
    for (const watch of watchers) watch(state);
  };

  /** Runs switches one after another, whatever their callers do meanwhile. */
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  }

  /** Starts the listener, or gives a running one the current certificate. */
  async function listen(): Promise<void> {
    const material = loadTlsMaterial(network, deps.dataDir, deps.identity?.());
    if (listener) listener.setCertificate(material);
    else listener = await startTlsListener(app, material, network.lanHost, network.lanPort);
    facts = material.facts;
    lastError = null;
    if (material.newCa) {
      app.log.warn(
        { ca_fingerprint_sha256: material.facts.ca?.fingerprint_sha256 },
        `A new local certificate authority was made: LAN clients must trust it (download ${CA_CERTIFICATE_PATH}, check its fingerprint)`,
      );
    }
    app.log.info({ urls: urlsFor(listener.host, listener.port, facts) }, 'listening on the LAN over TLS');
  }

  function view(): LanExposureView {
    const port = listener?.port ?? network.lanPort;
    return {
      object: 'lan_exposure',
      enabled: store.lanExposure(),
      listening: listener !== null,
      host: network.lanHost,
      port,
      urls: listener && facts ? urlsFor(network.lanHost, port, facts) : [],
      certificate: facts && {
        ...facts,
        ca: facts.ca && { ...facts.ca, download_url: CA_CERTIFICATE_PATH },
      },
      error: lastError,
    };
  }

  const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

  return {
    view,
    /** At process start: listens on the LAN if the setting says so. A failure is logged and shown, never fatal. */
    resume: () =>
      serial(async () => {
        if (!store.lanExposure()) return;
        try {
          await listen();
        } catch (err) {
          lastError = `Cannot listen on ${network.lanHost}:${network.lanPort}: ${describe(err)}`;
          app.log.error(lastError);
        }
        changed();
      }),
    /** Switches LAN exposure on or off and saves the setting; refused (409) when the listener cannot start. */
    set: (enabled: boolean) =>
      serial(async () => {
        if (enabled) {
          try {
            await listen();
          } catch (err) {
            lastError = `Cannot listen on ${network.lanHost}:${network.lanPort}: ${describe(err)}`;
            changed();
            throw new AppError('AB07', 409, `LAN exposure was not switched on. ${lastError}`);
          }
        } else {
          await listener?.close();
          listener = null;
          facts = null;
          lastError = null;
        }
        store.setLanExposure(enabled, isoNow(now()));
        changed();
        return view();
      }),
    /** Called with the new state after every switch, from the Admin API, the tray or start-up. */
    subscribe(watch: (state: LanExposureView) => void): () => void {
      watchers.add(watch);
      return () => watchers.delete(watch);
    },
    /** Stops the LAN listener (process shutdown); the setting stays as it is. */
    close: () =>
      serial(async () => {
        await listener?.close();
        listener = null;
      }),
  };
}

export type LanExposure = ReturnType<typeof lanExposure>;
