// Test stand-in for Electron's utilityProcess.fork: Node's child_process.fork gives the same
// private channel (an IPC pipe only the parent holds) and the same output streams. Electron itself
// cannot run on the machines that test this project; the server picks process.send over
// process.parentPort when it runs under this (server/desktop/shellChannel.ts).
import { type ChildProcess, fork as forkNode } from 'node:child_process';
import type { Fork, ServerHandle } from '../../main/serverProcess.ts';

export interface ForkedProcesses {
  fork: Fork;
  /** Every child started, newest last, with how it ended. */
  children: { proc: ChildProcess; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }[];
}

export function nodeFork(): ForkedProcesses {
  const children: ForkedProcesses['children'] = [];
  const fork: Fork = (entry, env) => {
    const proc = forkNode(entry, [], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      proc.on('exit', (code, signal) => resolve({ code, signal })),
    );
    children.push({ proc, exit });
    const handle: ServerHandle = {
      postMessage: (message) => {
        if (proc.connected) proc.send(message as never);
      },
      onMessage: (listener) => void proc.on('message', listener),
      // utilityProcess reports a kill as an exit code; so does this.
      onExit: (listener) => void exit.then(({ code, signal }) => listener(code ?? (signal ? 128 : null))),
      onOutput: (listener) => {
        proc.stdout?.on('data', (d: Buffer) => listener(d.toString('utf8')));
        proc.stderr?.on('data', (d: Buffer) => listener(d.toString('utf8')));
      },
      kill: () => void proc.kill('SIGKILL'),
    };
    return handle;
  };
  return { fork, children };
}
