// The private channel between this process and the desktop shell that started it: Electron's
// utilityProcess parentPort, or a child_process IPC pipe. Only the parent holds the other end, so
// what is asked here (a sign-in token, switching LAN exposure, a clean stop) needs no other proof.
// The message shapes are the contract with main/serverProcess.ts (docs/adr/0013).
import type { LanExposure, LanExposureView } from '../network/lanExposure.ts';
import type { DesktopSignInTokens } from './signInTokens.ts';

export type ShellRequest =
  | { type: 'sign-in-token'; id: number }
  | { type: 'lan-exposure'; id: number; enabled: boolean }
  | { type: 'lan-state'; id: number }
  | { type: 'shutdown' };

export type ServerMessage =
  | { type: 'ready'; port: number; url: string }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'lan-state'; state: LanExposureView };

export interface ShellChannel {
  send(message: ServerMessage): void;
  onMessage(handler: (message: unknown) => void): void;
  /** The shell went away without asking us to stop (it crashed or was killed). */
  onClose?(handler: () => void): void;
}

type ParentPort = {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
};

/** The channel to the parent process, or null when nothing started us with one (systemd, a shell). */
export function parentChannel(): ShellChannel | null {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (port) return { send: (m) => port.postMessage(m), onMessage: (h) => port.on('message', (e) => h(e.data)) };
  if (process.send && process.connected) {
    return {
      // After the parent is gone there is no one to tell; sending would throw.
      send: (m) => void (process.connected && process.send?.(m)),
      onMessage: (h) => void process.on('message', h),
      onClose: (h) => void process.once('disconnect', h),
    };
  }
  return null;
}

export interface ShellHandlers {
  tokens: DesktopSignInTokens;
  lan: LanExposure;
  shutdown(): void;
}

function isRequest(m: unknown): m is ShellRequest {
  if (typeof m !== 'object' || m === null) return false;
  const { type, id } = m as { type?: unknown; id?: unknown };
  return type === 'shutdown' || (typeof id === 'number' && (type === 'sign-in-token' || type === 'lan-exposure' || type === 'lan-state'));
}

/** Answers the shell's requests; pushes the LAN state whenever it changes, whoever changed it. */
export function serveShell(channel: ShellChannel, handlers: ShellHandlers): void {
  const reply = (id: number, run: () => unknown | Promise<unknown>) => {
    Promise.resolve()
      .then(run)
      .then(
        (value) => channel.send({ type: 'reply', id, ok: true, value }),
        (err: unknown) => channel.send({ type: 'reply', id, ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
  };
  handlers.lan.subscribe((state) => channel.send({ type: 'lan-state', state }));
  // A server whose shell died would hold the port and the data dir against the next launch.
  channel.onClose?.(() => handlers.shutdown());
  channel.onMessage((message) => {
    if (!isRequest(message)) return;
    switch (message.type) {
      case 'shutdown':
        handlers.shutdown();
        return;
      case 'sign-in-token':
        return reply(message.id, () => handlers.tokens.issue());
      case 'lan-state':
        return reply(message.id, () => handlers.lan.view());
      case 'lan-exposure':
        return reply(message.id, () => handlers.lan.set(message.enabled === true));
    }
  });
}
