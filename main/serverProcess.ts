// Runs the compiled server in a child process (Electron's utilityProcess in the app; anything with
// the same shape in tests), configured only through its environment: waits for `ready` with a
// timeout, keeps the last lines of its output, restarts it with backoff when it dies, stops it
// cleanly, and carries requests over the private channel (server/desktop/shellChannel.ts).

/** What the shell needs of a forked server process. */
export interface ServerHandle {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  /** stdout and stderr, as text. */
  onOutput(listener: (text: string) => void): void;
  kill(): void;
}

export type Fork = (entry: string, env: Record<string, string>) => ServerHandle;

export type ServerStatus =
  | { kind: 'starting'; attempt: number }
  | { kind: 'running'; url: string; port: number }
  | { kind: 'restarting'; attempt: number; inMs: number; exitCode: number | null }
  | { kind: 'failed'; reason: string; logTail: string[] }
  | { kind: 'stopped' };

/** The LAN state the server pushes (server/network/lanExposure.ts LanExposureView), as far as the shell reads it. */
export interface LanState {
  enabled: boolean;
  listening: boolean;
  urls: string[];
  error: string | null;
  certificate: { ca: { fingerprint_sha256: string } | null } | null;
}

export type ShellRequest = { type: 'sign-in-token' } | { type: 'lan-exposure'; enabled: boolean } | { type: 'lan-state' };

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface SupervisorOptions {
  fork: Fork;
  entry: string;
  env: Record<string, string>;
  /** How long the server may take to report ready (migrations on a large data dir take a while). */
  readyTimeoutMs?: number;
  /** Waits before restart attempts 1, 2, …; the last repeats. */
  backoffMs?: readonly number[];
  /** Consecutive failed restarts before giving up and showing why. */
  maxRestarts?: number;
  /** A server that ran this long before dying starts the backoff afresh. */
  stableAfterMs?: number;
  /** How long a clean stop may take before the process is killed. */
  stopGraceMs?: number;
  requestTimeoutMs?: number;
  timers?: Timers;
}

const LOG_LINES = 200;
const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  now: () => Date.now(),
};

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: unknown;
}

export class ServerSupervisor {
  private readonly o: Required<SupervisorOptions>;
  private child: ServerHandle | null = null;
  private current: ServerStatus = { kind: 'stopped' };
  private readonly lines: string[] = [];
  private partial = '';
  private everReady = false;
  private failures = 0;
  private readyAt = 0;
  private stopping = false;
  private timer: unknown = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly statusWatchers = new Set<(s: ServerStatus) => void>();
  private readonly lanWatchers = new Set<(s: LanState) => void>();
  private exited: Promise<void> = Promise.resolve();

  constructor(options: SupervisorOptions) {
    this.o = {
      readyTimeoutMs: 60_000,
      backoffMs: [1000, 2000, 4000, 8000, 16_000, 30_000],
      maxRestarts: 5,
      stableAfterMs: 60_000,
      stopGraceMs: 10_000,
      requestTimeoutMs: 15_000,
      timers: realTimers,
      ...options,
    };
  }

  get status(): ServerStatus {
    return this.current;
  }

  /** The server's last lines of output (the failure window shows them). */
  logTail(count = 40): string[] {
    return [...this.lines, ...(this.partial ? [this.partial] : [])].slice(-count);
  }

  onStatus(watch: (s: ServerStatus) => void): void {
    this.statusWatchers.add(watch);
  }

  onLanState(watch: (s: LanState) => void): void {
    this.lanWatchers.add(watch);
  }

  /** Starts the server; after a failure (the tray's Restart) it starts afresh. */
  start(): void {
    if (this.child) return;
    this.stopping = false;
    this.failures = 0;
    this.spawn();
  }

  /** Sends a request over the private channel; rejects when the server answers with an error or dies. */
  request<T>(req: ShellRequest): Promise<T> {
    const child = this.child;
    if (!child || this.current.kind !== 'running') return Promise.reject(new Error('The gateway is not running'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = this.o.timers.setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`The gateway did not answer ${req.type} in time`));
      }, this.o.requestTimeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      child.postMessage({ ...req, id });
    });
  }

  /** Asks the server to shut down (both databases closed) and waits; kills it after the grace period. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer !== null) this.o.timers.clearTimeout(this.timer);
    this.timer = null;
    const child = this.child;
    if (child) {
      const exited = this.exited;
      child.postMessage({ type: 'shutdown' });
      const kill = this.o.timers.setTimeout(() => child.kill(), this.o.stopGraceMs);
      await exited;
      this.o.timers.clearTimeout(kill);
    }
    this.setStatus({ kind: 'stopped' });
  }

  private setStatus(status: ServerStatus): void {
    this.current = status;
    for (const watch of this.statusWatchers) watch(status);
  }

  private record(text: string): void {
    const parts = (this.partial + text).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > LOG_LINES) this.lines.splice(0, this.lines.length - LOG_LINES);
  }

  private spawn(): void {
    this.setStatus({ kind: 'starting', attempt: this.failures });
    const child = this.o.fork(this.o.entry, this.o.env);
    this.child = child;
    let resolveExit!: () => void;
    this.exited = new Promise((resolve) => (resolveExit = resolve));
    let ready = false;
    const readyTimer = this.o.timers.setTimeout(() => {
      if (ready || this.child !== child) return;
      this.record(`(the gateway did not report ready within ${Math.round(this.o.readyTimeoutMs / 1000)} s; stopping it)`);
      child.kill();
    }, this.o.readyTimeoutMs);

    child.onOutput((text) => this.record(text));
    child.onMessage((message) => {
      const m = message as {
        type?: string;
        id?: number;
        ok?: boolean;
        value?: unknown;
        error?: string;
        port?: number;
        url?: string;
        state?: LanState;
      };
      if (m.type === 'ready' && typeof m.port === 'number' && typeof m.url === 'string' && !ready) {
        ready = true;
        this.everReady = true;
        this.readyAt = this.o.timers.now();
        this.o.timers.clearTimeout(readyTimer);
        if (!this.stopping) this.setStatus({ kind: 'running', url: m.url, port: m.port });
      } else if (m.type === 'reply' && typeof m.id === 'number') {
        const waiting = this.pending.get(m.id);
        if (!waiting) return;
        this.pending.delete(m.id);
        this.o.timers.clearTimeout(waiting.timer);
        if (m.ok) waiting.resolve(m.value);
        else waiting.reject(new Error(m.error ?? 'The gateway refused the request'));
      } else if (m.type === 'lan-state' && m.state) {
        for (const watch of this.lanWatchers) watch(m.state);
      }
    });
    child.onExit((code) => {
      this.o.timers.clearTimeout(readyTimer);
      if (this.child === child) this.child = null;
      for (const [id, waiting] of this.pending) {
        this.o.timers.clearTimeout(waiting.timer);
        waiting.reject(new Error('The gateway stopped'));
        this.pending.delete(id);
      }
      resolveExit();
      if (this.stopping) return;
      this.record(`(the gateway exited with code ${code ?? 'unknown'})`);
      this.afterExit(ready, code);
    });
  }

  private afterExit(wasReady: boolean, code: number | null): void {
    // A server that never came up once will not come up by retrying (a bad setting, a busy port):
    // show why. One that ran and died is restarted, with growing waits, a few times in a row.
    if (!this.everReady) {
      this.setStatus({ kind: 'failed', reason: `The gateway could not start (exit code ${code ?? 'unknown'})`, logTail: this.logTail() });
      return;
    }
    if (wasReady && this.o.timers.now() - this.readyAt >= this.o.stableAfterMs) this.failures = 0;
    if (this.failures >= this.o.maxRestarts) {
      this.setStatus({
        kind: 'failed',
        reason: `The gateway stopped ${this.failures + 1} times in a row (last exit code ${code ?? 'unknown'})`,
        logTail: this.logTail(),
      });
      return;
    }
    const inMs = this.o.backoffMs[Math.min(this.failures, this.o.backoffMs.length - 1)]!;
    this.failures += 1;
    this.setStatus({ kind: 'restarting', attempt: this.failures, inMs, exitCode: code });
    this.timer = this.o.timers.setTimeout(() => {
      this.timer = null;
      if (!this.stopping) this.spawn();
    }, inMs);
  }
}
