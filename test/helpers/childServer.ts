// Starts the appliance the way `npm start` does (the same node command line, read from
// package.json: scripts/start.mjs, which runs the compiled dist/server/main.js) as a child process,
// and waits for it to say it is ready.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What scripts/start.mjs exports (plain JavaScript, so typed here). */
export interface StartScript {
  ENTRY: string;
  needsBuild(builtMs: number | null, inputMs: number[]): boolean;
  builtTime(entry?: string): number | null;
  inputTimes(root?: string): number[];
  /** Builds dist/ if it is missing or stale; returns whether it did. */
  ensureBuilt(): boolean;
  UI_ENTRY: string;
  uiInputTimes(root?: string): number[];
  /** Builds the admin UI (renderer/dist) if it is missing or stale; returns whether it did. */
  ensureUiBuilt(): Promise<boolean>;
}

export function loadStartScript(): Promise<StartScript> {
  return import(pathToFileURL(path.join(ROOT, 'scripts', 'start.mjs')).href) as Promise<StartScript>;
}

export function startCommand(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/);
}

export interface ChildServer {
  proc: ChildProcess;
  url: string;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

export function runToExit(env: Record<string, string>, timeoutMs = 20_000): Promise<{ code: number | null; output: string }> {
  const [cmd, ...args] = startCommand();
  const proc = spawn(cmd!, args, { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
  let output = '';
  proc.stdout.on('data', (d) => (output += d));
  proc.stderr.on('data', (d) => (output += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`process did not exit within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

export function startChild(env: Record<string, string>, timeoutMs = 20_000): Promise<ChildServer> {
  const [cmd, ...args] = startCommand();
  const proc = spawn(cmd!, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', ...env },
  });
  let output = '';
  proc.stdout.on('data', (d) => (output += d));
  proc.stderr.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not become ready within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      const match = /Appliance ready on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      proc.stdout.off('data', onData);
      resolve({
        proc,
        url: match[1]!,
        output: () => output,
        async stop(signal = 'SIGTERM') {
          const started = Date.now();
          proc.kill(signal);
          const result = await exited;
          return { ...result, ms: Date.now() - started };
        },
      });
    };
    proc.stdout.on('data', onData);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`));
    });
  });
}
