// Outbound clients with the egress check in front: an undici Agent that asks the guard before each
// request (with the caller) and again before each connection, and Node http/https agents that ask
// before each connection. Any code that talks to another machine takes its client from here.
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { Agent, type Dispatcher, buildConnector, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import type { EgressGuard, EgressRequester } from './guard.ts';

/** Dispatch options may name who asks (`callUpstream` does); without it the agent's own feature is used. */
export interface EgressDispatchOptions {
  egress?: EgressRequester;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** undici's connector with the check first: nothing reaches DNS or a socket unless allowed. */
function guardedConnector(
  guard: EgressGuard,
  requester: EgressRequester,
  connect: buildConnector.BuildOptions = {},
): buildConnector.connector {
  const connector = buildConnector(connect);
  return (options, callback) => {
    const port = options.port === '' || options.port === undefined ? (DEFAULT_PORTS[options.protocol] ?? 0) : Number(options.port);
    try {
      guard.checkConnection(options.hostname, port, requester);
    } catch (err) {
      callback(err as Error, null);
      return;
    }
    connector(options, callback);
  };
}

/** An undici Agent whose every request and connection passes the egress check. */
export class EgressAgent extends Agent {
  constructor(
    private readonly guard: EgressGuard,
    private readonly requester: EgressRequester,
    options: Omit<Agent.Options, 'connect'> & { connect?: buildConnector.BuildOptions } = {},
  ) {
    super({ ...options, connect: guardedConnector(guard, requester, options.connect) });
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const origin = options.origin;
    // Thrown here, before anything is queued: undici's request() hands it to the caller as is.
    this.guard.checkOrigin(
      typeof origin === 'string' ? origin : String(origin),
      (options as EgressDispatchOptions).egress ?? this.requester,
    );
    return super.dispatch(options, handler);
  }
}

type ConnectionOptions = http.ClientRequestArgs & { servername?: string };
type ConnectCallback = (err: Error | null, stream: Duplex) => void;

function checkAgentConnection(guard: EgressGuard, requester: EgressRequester, host: string, port: number): Error | null {
  try {
    guard.checkConnection(host, port, requester);
    return null;
  } catch (err) {
    return err as Error;
  }
}

/** A Node http.Agent (or https.Agent) whose connections pass the egress check. */
export function guardedNodeAgent(
  guard: EgressGuard,
  requester: EgressRequester,
  secure: boolean,
  options: https.AgentOptions = {},
): http.Agent {
  return checkedNodeAgent((host, port) => checkAgentConnection(guard, requester, host, port), secure, options);
}

/**
 * The same agent for a worker thread, where the guard is not: `ask` puts each connection's host and
 * port to the main thread's guard and answers with its refusal (or null), before any DNS lookup.
 */
export function askingNodeAgent(
  ask: (host: string, port: number) => Promise<Error | null>,
  secure: boolean,
  options: https.AgentOptions = {},
): http.Agent {
  return checkedNodeAgent(ask, secure, options);
}

/** A Node agent that connects only after `check` (sync or not) found nothing to refuse in the connection's host and port. */
function checkedNodeAgent(
  check: (host: string, port: number) => Error | null | Promise<Error | null>,
  secure: boolean,
  options: https.AgentOptions,
): http.Agent {
  const Base = secure ? https.Agent : http.Agent;
  return new (class extends Base {
    override createConnection(o: ConnectionOptions, callback?: ConnectCallback): Duplex | null | undefined {
      const refused = check(o.hostname ?? o.host ?? 'localhost', o.port ? Number(o.port) : secure ? 443 : 80);
      if (refused === null) return super.createConnection(o, callback);
      if (refused instanceof Error) {
        callback?.(refused, undefined as unknown as Duplex);
        return undefined;
      }
      // Asked elsewhere: the agent takes the socket through the callback when the answer comes.
      refused.then(
        (err) => {
          if (err) callback?.(err, undefined as unknown as Duplex);
          else {
            const socket = super.createConnection(o, callback);
            if (socket) callback?.(null, socket);
          }
        },
        (err: unknown) => callback?.(err as Error, undefined as unknown as Duplex),
      );
      return undefined;
    }
  })(options);
}

/**
 * For the process (server/main.ts), not for apps built in tests: `fetch()`, undici's default
 * dispatcher and Node's default http/https agents all pass the check, so a library that makes a
 * call of its own is refused like everything else. Returns a function that puts the old ones back.
 */
export function guardProcessDefaults(guard: EgressGuard): () => void {
  const requester: EgressRequester = { feature: 'unattributed' };
  const before = { dispatcher: getGlobalDispatcher(), http: http.globalAgent, https: https.globalAgent };
  const dispatcher = new EgressAgent(guard, requester);
  setGlobalDispatcher(dispatcher);
  http.globalAgent = guardedNodeAgent(guard, requester, false, { keepAlive: true });
  https.globalAgent = guardedNodeAgent(guard, requester, true, { keepAlive: true }) as https.Agent;
  guard.registerClient({
    name: 'fetch() and undici default dispatcher',
    purpose: "The guardrails' webhook and JWT (JWKS) checks; guarded so that no library can reach out unseen",
    probe: (url) => fetch(url, { signal: AbortSignal.timeout(5000) }),
  });
  guard.registerClient({
    name: 'Node http/https default agents',
    purpose: 'Nothing in the appliance uses them; guarded so that no library can reach out unseen',
    probe: (url) =>
      new Promise((resolve, reject) => {
        const req = https.get(url, { timeout: 5000 }, resolve);
        req.on('error', reject);
      }),
  });
  return () => {
    setGlobalDispatcher(before.dispatcher);
    http.globalAgent = before.http;
    https.globalAgent = before.https;
    void dispatcher.close();
  };
}
