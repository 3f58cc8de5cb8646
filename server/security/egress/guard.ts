// The one egress check (docs/adr/0023): every outbound client the appliance has asks it before it
// connects, so a destination that no admin allowed is refused before any DNS lookup or packet. It
// keeps the allowed destinations (the admins' allow-list, the environment's, saved integrations'
// hosts and other sources the composition root registers), counts what was contacted and records
// what was refused, with the caller, for the air-gap report.
import { isoNow } from '../../db/rows.ts';
import { newId } from '../../ids.ts';
import { type EgressRule, destinationText, isLoopbackAddress, normaliseHost, parseEgressEntry, ruleMatches } from './rules.ts';
import type { AllowListRow, ContactRow, EgressStore, RefusalRow } from './store.ts';

/** `allow-list`: only listed destinations (the default). `open`: anything, as before (EGRESS_MODE=open). */
export type EgressMode = 'allow-list' | 'open';

export interface EgressCaller {
  type: 'api_key' | 'user' | 'appliance';
  id: string | null;
  /** A label to show: a key's name, a person's email, the appliance's job. */
  name: string | null;
  workspaceId: string | null;
  traceId: string | null;
}

/** What asks for a connection: the feature, and (built only if it is refused) who called. */
export interface EgressRequester {
  feature: string;
  caller?: () => EgressCaller;
}

/** One allowed destination, with where it comes from and who configured it when. */
export interface AllowedDestination {
  destination: string;
  /** allow_list (Admin API), environment (an env variable), integration (a saved integration's host). */
  source: 'allow_list' | 'environment' | 'integration';
  /** What configured it: `EGRESS_ALLOW`, `integration openai-prod`, … */
  detail: string;
  configured_by: string | null;
  configured_at: string | null;
  /** The allow-list entry's id (allow_list only): what DELETE takes. */
  id: string | null;
  /** The integration behind an `integration` entry, for the report to say who saved it. */
  reference?: { kind: 'integration'; id: string; slug: string };
}

export type DestinationSource = () => Omit<AllowedDestination, 'id'>[];

export class EgressRefused extends Error {
  override name = 'EgressRefused';
  readonly code = 'EGRESS_REFUSED';
  constructor(
    readonly host: string,
    readonly port: number,
    readonly feature: string,
  ) {
    const destination = destinationText(host, port);
    const how = isLoopbackAddress(host)
      ? `Loopback destinations are allowed only for hosts listed in TRUSTED_CUSTOM_HOSTS; an administrator can add ${host} there, or allow ${JSON.stringify(destination)} on the egress allow-list`
      : `An administrator can allow it on the egress allow-list (POST /v1/admin/egress/allow-list with {"destination": ${JSON.stringify(destination)}}, or the EGRESS_ALLOW environment variable), or save an integration that uses it`;
    super(`Outbound connection to ${destination} refused: it is not an allowed destination of this appliance. ${how}.`);
  }
}

/** The egress check's refusal behind a failed fetch (undici wraps it as the error's cause), if that is what it was. */
export function egressRefusalIn(err: unknown): EgressRefused | null {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (e instanceof EgressRefused) return e;
  }
  return null;
}

export interface EgressGuardOptions {
  mode: EgressMode;
  store: EgressStore;
  /** Destinations from the environment (EGRESS_ALLOW, TRUSTED_CUSTOM_HOSTS, an OTLP collector…). */
  fixed: Omit<AllowedDestination, 'id'>[];
  /** Read again after invalidate(): saved integrations' hosts and the like. */
  sources?: DestinationSource[];
  now?: () => number;
  log?: { warn(details: object, message: string): void; error(details: object, message: string): void };
  /** How often counts and refusals are written to SQLite (ms). */
  flushIntervalMs?: number;
}

interface Destination {
  host: string;
  port: number;
  text: string;
}

interface Counter {
  requests: number;
  connections: number;
  first: number;
  last: number;
}

/** An outbound client the appliance has, and a probe proving the check sits in front of it. */
export interface EgressClient {
  name: string;
  purpose: string;
  /** Tries a destination nobody allowed through the client; must fail with EgressRefused. */
  probe(destinationUrl: string): Promise<unknown>;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };
const MAX_ORIGINS = 10_000;
const WARN_EVERY_MS = 60_000;

const SILENT_LOG = { warn() {}, error() {} };

export function egressGuard(options: EgressGuardOptions) {
  const { store, mode } = options;
  const now = options.now ?? Date.now;
  let log = options.log ?? SILENT_LOG;
  let rules: { rule: EgressRule; destination: AllowedDestination }[] | null = null;
  let listed: AllowedDestination[] = [];
  const origins = new Map<string, Destination>();
  const decisions = new Map<string, boolean>();
  const counters = new Map<string, Counter>();
  let pendingRefusals: RefusalRow[] = [];
  const lastWarned = new Map<string, number>();
  const clients: EgressClient[] = [];
  let timer: NodeJS.Timeout | null = null;
  /** Self-check probes under way: a client shared with the whole process (fetch()) probes as `unattributed`. */
  let probing = 0;

  function build() {
    const fromStore: AllowedDestination[] = store.allowList().map((row) => ({
      destination: row.destination,
      source: 'allow_list',
      detail: row.description ? `Admin API: ${row.description}` : 'Admin API',
      configured_by: row.created_by_name ?? row.created_by_id,
      configured_at: row.created_at,
      id: row.id,
    }));
    const dynamic: AllowedDestination[] = [];
    for (const source of options.sources ?? []) {
      try {
        for (const d of source()) dynamic.push({ ...d, id: null });
      } catch (err) {
        log.error({ err }, 'egress: a source of allowed destinations failed; its destinations are not allowed until it answers');
      }
    }
    listed = [...options.fixed.map((d) => ({ ...d, id: null })), ...fromStore, ...dynamic];
    const next: typeof rules = [];
    for (const destination of listed) {
      const parsed = parseEgressEntry(destination.destination);
      if (parsed.ok) next.push({ rule: parsed.rule, destination });
    }
    rules = next;
    decisions.clear();
  }

  function allowedNow(d: Destination): boolean {
    if (mode === 'open') return true;
    let decision = decisions.get(d.text);
    if (decision === undefined) {
      if (rules === null) build();
      decision = rules!.some((r) => ruleMatches(r.rule, d.host, d.port));
      if (decisions.size >= MAX_ORIGINS) decisions.clear();
      decisions.set(d.text, decision);
    }
    return decision;
  }

  function destinationOf(host: string, port: number): Destination {
    const h = normaliseHost(host);
    return { host: h, port, text: destinationText(h, port) };
  }

  /** The destination of an origin (`https://host:port`), parsed once per spelling. */
  function originDestination(origin: string): Destination {
    let d = origins.get(origin);
    if (d === undefined) {
      const url = new URL(origin);
      d = destinationOf(url.hostname, url.port === '' ? (DEFAULT_PORTS[url.protocol] ?? 0) : Number(url.port));
      if (origins.size >= MAX_ORIGINS) origins.clear();
      origins.set(origin, d);
    }
    return d;
  }

  function count(d: Destination, feature: string, requests: number, connections: number) {
    const key = `${d.text}\u0000${feature}`;
    const t = now();
    let c = counters.get(key);
    if (c === undefined) {
      c = { requests: 0, connections: 0, first: t, last: t };
      counters.set(key, c);
      timer ??= setInterval(() => flush(), options.flushIntervalMs ?? 30_000);
      timer.unref();
    }
    c.requests += requests;
    c.connections += connections;
    c.last = t;
  }

  function refuse(d: Destination, who: EgressRequester): never {
    const error = new EgressRefused(d.host, d.port, who.feature);
    // The self-check's own probes are refused like anything else but are not attempts to record.
    if (who.feature === SELF_CHECK || (probing > 0 && d.host === SELF_CHECK_HOST)) throw error;
    let caller: EgressCaller | null = null;
    try {
      caller = who.caller?.() ?? null;
    } catch {
      caller = null;
    }
    pendingRefusals.push({
      at: isoNow(now()),
      destination: d.text,
      feature: who.feature,
      caller_type: caller?.type ?? null,
      caller_id: caller?.id ?? null,
      caller_name: caller?.name ?? null,
      workspace_id: caller?.workspaceId ?? null,
      trace_id: caller?.traceId ?? null,
    });
    // Written soon, in a batch; a flood of refusals costs one transaction per turn of the loop.
    if (pendingRefusals.length === 1) setImmediate(() => flush()).unref();
    const t = now();
    if ((lastWarned.get(d.text) ?? -Infinity) + WARN_EVERY_MS <= t) {
      if (lastWarned.size > MAX_ORIGINS) lastWarned.clear();
      lastWarned.set(d.text, t);
      log.warn({ destination: d.text, feature: who.feature, caller }, error.message);
    }
    throw error;
  }

  function flush() {
    const refusals = pendingRefusals;
    pendingRefusals = [];
    const deltas: ContactRow[] = [];
    for (const [key, c] of counters) {
      const [destination, feature] = key.split('\u0000') as [string, string];
      deltas.push({
        destination,
        feature,
        requests: c.requests,
        connections: c.connections,
        first_at: isoNow(c.first),
        last_at: isoNow(c.last),
      });
    }
    counters.clear();
    if (deltas.length === 0 && refusals.length === 0) return;
    try {
      store.save(deltas, refusals);
    } catch (err) {
      log.error({ err }, 'egress: could not record contacted destinations and refusals');
    }
  }

  return {
    mode,
    /**
     * Before a request to `origin` (`https://host:port`): throws EgressRefused unless allowed, and
     * counts the request. The hot path's one call: a map lookup once the origin has been seen.
     */
    checkOrigin(origin: string, who: EgressRequester): void {
      const d = originDestination(origin);
      if (!allowedNow(d)) refuse(d, who);
      count(d, who.feature, 1, 0);
    },
    /** Before a connection (a connector hook, an http.Agent): the same check, counting a connection. */
    checkConnection(host: string, port: number, who: EgressRequester): void {
      const d = destinationOf(host, port);
      if (!allowedNow(d)) refuse(d, who);
      count(d, who.feature, 0, 1);
    },
    /** Whether a destination would be allowed, without counting or recording anything. */
    allows(host: string, port: number): boolean {
      return allowedNow(destinationOf(host, port));
    },
    /** Every allowed destination, with its source and who configured it when. */
    allowed(): AllowedDestination[] {
      if (rules === null) build();
      return listed;
    },
    /** Call when a source's destinations may have changed (an integration saved or deleted). */
    invalidate(): void {
      rules = null;
      decisions.clear();
    },
    /** Adds an admin's entry; throws with a message naming the problem when it does not parse or is listed already. */
    addAllowEntry(
      input: { destination: string; description?: string | null },
      by: { type: string; id: string | null; name: string | null },
    ) {
      const parsed = parseEgressEntry(input.destination);
      if (!parsed.ok) return { ok: false as const, reason: 'invalid' as const, message: parsed.message };
      const existing = store.allowEntryFor(parsed.canonical);
      if (existing)
        return {
          ok: false as const,
          reason: 'exists' as const,
          message: `${parsed.canonical} is on the allow-list already`,
          row: existing,
        };
      const row: AllowListRow = {
        id: newId(),
        destination: parsed.canonical,
        description: input.description ?? null,
        created_at: isoNow(now()),
        created_by_type: by.type,
        created_by_id: by.id,
        created_by_name: by.name,
      };
      store.addAllowEntry(row);
      rules = null;
      decisions.clear();
      return { ok: true as const, row };
    },
    removeAllowEntry(id: string): AllowListRow | null {
      const row = store.allowEntry(id);
      if (!row) return null;
      store.removeAllowEntry(id);
      rules = null;
      decisions.clear();
      return row;
    },
    allowEntries: (): AllowListRow[] => store.allowList(),
    /** Contacted destinations, stored and in memory, per feature. */
    contacts(): ContactRow[] {
      flush();
      return store.contacts();
    },
    refusals(limit = 500): { total: number; rows: RefusalRow[] } {
      flush();
      return { total: store.refusalCount(), rows: store.refusals(limit) };
    },
    /** Outbound clients register here, so the self-check can probe each. */
    registerClient(client: EgressClient): void {
      if (!clients.some((c) => c.name === client.name)) clients.push(client);
    },
    clients: (): readonly EgressClient[] => clients,
    /** Runs one self-check probe: its refusal of SELF_CHECK_HOST is not recorded, whichever feature the client reports. */
    async probe<T>(run: () => Promise<T>): Promise<T> {
      probing++;
      try {
        return await run();
      } finally {
        probing--;
      }
    },
    flush,
    /** Where refusals are reported (rate-limited per destination) and write failures logged: the app's logger. */
    useLogger(next: NonNullable<EgressGuardOptions['log']>): void {
      log = next;
    },
    close(): void {
      if (timer) clearInterval(timer);
      timer = null;
      flush();
    },
  };
}

export type EgressGuard = ReturnType<typeof egressGuard>;

/** The feature name of the start-up self-check's probes: refused, never recorded. */
export const SELF_CHECK = 'self_check';

/** The host the self-check probes: a name under .invalid (RFC 6761) never resolves. */
export const SELF_CHECK_HOST = 'egress-self-check.invalid';
