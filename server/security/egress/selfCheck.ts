// The start-up self-check behind the air-gap report's statement: every outbound client the
// appliance has is probed with a destination nobody allowed and must refuse it before DNS, and the
// kernel's list of the process's sockets must hold no outbound connection the allow-list does not
// explain. What the appliance never does (telemetry, update checks, downloads) is stated beside it.
import dns from 'node:dns';
import { isoNow } from '../../db/rows.ts';
import { type EgressGuard, EgressRefused, SELF_CHECK_HOST } from './guard.ts';
import { processSockets } from './sockets.ts';

/** A name under .invalid (RFC 6761) never resolves: even a broken guard could not reach anything. */
export const PROBE_URL = `https://${SELF_CHECK_HOST}/`;

export interface SelfCheckResult {
  ran_at: string;
  mode: 'allow-list' | 'open';
  /** Every probe refused before DNS and no unexplained outbound socket. */
  ok: boolean;
  statement: string;
  clients: { name: string; purpose: string; refuses_unlisted: boolean | null; detail: string }[];
  sockets: {
    /** False where the kernel's socket list cannot be read (not Linux). */
    available: boolean;
    listening: string[];
    outbound: { protocol: string; remote: string; state: string; allowed: boolean }[];
  };
  dns: { resolvers: string[]; note: string };
  never: string[];
}

export interface SelfCheckFacts {
  /** Folders pricing and capability files are read from (never downloaded). */
  localFolders: string[];
  /** The OTLP collector, when one is configured. */
  collector: string | null;
}

function refusedByGuard(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if (e instanceof EgressRefused || (e as { code?: unknown }).code === 'EGRESS_REFUSED') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function runSelfCheck(guard: EgressGuard, facts: SelfCheckFacts): Promise<SelfCheckResult> {
  const clients: SelfCheckResult['clients'] = [];
  for (const client of guard.clients()) {
    if (guard.mode === 'open') {
      clients.push({
        name: client.name,
        purpose: client.purpose,
        refuses_unlisted: null,
        detail: 'not probed: EGRESS_MODE=open allows every destination',
      });
      continue;
    }
    try {
      await guard.probe(() => client.probe(PROBE_URL));
      clients.push({ name: client.name, purpose: client.purpose, refuses_unlisted: false, detail: 'the probe was not refused' });
    } catch (err) {
      const refused = refusedByGuard(err);
      clients.push({
        name: client.name,
        purpose: client.purpose,
        refuses_unlisted: refused,
        detail: refused ? 'refused before DNS by the egress check' : `failed otherwise: ${describe(err)}`,
      });
    }
  }

  const sockets = processSockets();
  const listeningPorts = new Set((sockets ?? []).filter((s) => s.state === 'LISTEN').map((s) => s.localPort));
  // A connection whose far end is a socket of this process too never leaves it.
  const ownEnds = new Set((sockets ?? []).map((s) => `${s.localAddress}:${s.localPort}`));
  const bracket = (a: string) => (a.includes(':') ? `[${a}]` : a);
  const outbound = (sockets ?? [])
    .filter(
      (s) =>
        s.state !== 'LISTEN' &&
        s.state !== 'UNCONN' &&
        s.state !== 'TIME_WAIT' &&
        !listeningPorts.has(s.localPort) &&
        !ownEnds.has(`${s.remoteAddress}:${s.remotePort}`),
    )
    .map((s) => ({
      protocol: s.protocol,
      remote: `${bracket(s.remoteAddress)}:${s.remotePort}`,
      state: s.state,
      allowed: guard.allows(s.remoteAddress, s.remotePort),
    }));
  const listening = (sockets ?? [])
    .filter((s) => s.state === 'LISTEN' || (s.protocol === 'udp' && s.state === 'UNCONN'))
    .map((s) => `${s.protocol} ${bracket(s.localAddress)}:${s.localPort}`);

  const probesOk = guard.mode === 'open' || clients.every((c) => c.refuses_unlisted === true);
  const socketsOk = outbound.every((s) => s.allowed);
  const ok = guard.mode === 'allow-list' && probesOk && socketsOk;
  const statement =
    guard.mode === 'open'
      ? 'EGRESS_MODE=open: the appliance may connect to any destination a request or an admin names. Outbound connections are counted, not restricted.'
      : [
          `Every outbound client of the appliance (${clients.length}) ${probesOk ? 'refused' : 'did NOT all refuse'} a destination that is not allowed, before any DNS lookup.`,
          sockets === null
            ? 'The kernel socket list could not be read on this platform.'
            : socketsOk
              ? `The kernel listed ${outbound.length === 0 ? 'no outbound connection' : `${outbound.length} outbound connection(s), all to allowed destinations`} at the time of the check.`
              : `The kernel listed outbound connections to destinations that are NOT allowed: ${outbound
                  .filter((o) => !o.allowed)
                  .map((o) => o.remote)
                  .join(', ')}.`,
          'The appliance makes no connection of its own: no telemetry, no update check, no pricing or model download; DNS is asked only for the names of allowed destinations.',
        ].join(' ');

  return {
    ran_at: isoNow(),
    mode: guard.mode,
    ok,
    statement,
    clients,
    sockets: { available: sockets !== null, listening, outbound },
    dns: {
      resolvers: dns.getServers(),
      note: 'Resolvers from the system configuration. The appliance looks up only host names of allowed destinations, after the egress check; IP addresses need no lookup.',
    },
    never: [
      'No telemetry or usage reporting to anyone.',
      'No update or licence check.',
      `No pricing or model-capability download: files are read from ${facts.localFolders.join(', ') || 'the bundled folders'}.`,
      facts.collector
        ? `Traces are sent only to the configured collector ${facts.collector}, through the egress check.`
        : 'No traces or metrics are pushed anywhere (Prometheus scrapes /metrics; no OTLP collector is configured).',
    ],
  };
}
