// Where the appliance listens right now: the main listener records itself when it starts, the LAN
// listener is read from its switch. The air-gap report and the readiness view show them.
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { LanExposure } from './lanExposure.ts';

export interface ListenerFacts {
  name: 'main' | 'lan';
  address: string;
  port: number;
  tls: boolean;
  /** Whether it accepts connections now. */
  listening: boolean;
  /** Why not, when it should and does not (LAN exposure on, its port taken). */
  error: string | null;
}

export function listenerBook() {
  let main: Omit<ListenerFacts, 'name' | 'listening' | 'error'> | null = null;
  return {
    /** listenMain() calls this once the main listener is up. */
    recordMain(facts: { address: string; port: number; tls: boolean }): void {
      main = facts;
    },
    /** The main listener (recorded, else whatever the app's own server listens on) and the LAN listener. */
    all(app: FastifyInstance, lan: LanExposure | null): ListenerFacts[] {
      const out: ListenerFacts[] = [];
      const own = app.server.listening ? (app.server.address() as AddressInfo | null) : null;
      const m = main ?? (own ? { address: own.address, port: own.port, tls: false } : null);
      out.push(
        m
          ? { name: 'main', ...m, listening: true, error: null }
          : { name: 'main', address: '', port: 0, tls: false, listening: false, error: 'not listening yet' },
      );
      const view = lan?.view();
      if (view && (view.enabled || view.listening)) {
        out.push({ name: 'lan', address: view.host, port: view.port, tls: true, listening: view.listening, error: view.error });
      }
      return out;
    },
  };
}

export type ListenerBook = ReturnType<typeof listenerBook>;
