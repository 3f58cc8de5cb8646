// Runs the key lifecycle (ended transitions, expired keys, scheduled rotations) on an interval in
// the server process. buildApp starts it and stops it when the app closes.
import type { KeyLifecycle, TickSummary } from './lifecycle.ts';

export const KEY_WORKER_INTERVAL_MS = 60_000;

export interface WorkerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export function startKeyLifecycleWorker(lifecycle: KeyLifecycle, options: { intervalMs?: number; log: WorkerLog }) {
  const { log } = options;
  const report = (s: TickSummary) => {
    if (s.rotated.length) log.info({ keys: s.rotated }, 'API keys rotated by their schedule');
    if (s.expired.length) log.info({ keys: s.expired }, 'API keys marked expired');
    const failed = s.skipped.filter((k) => k.reason !== 'expired');
    if (failed.length) log.warn({ keys: failed }, 'scheduled API key rotations failed; retrying on the next pass');
  };
  const timer = setInterval(() => {
    try {
      report(lifecycle.tick());
    } catch (err) {
      log.error({ err }, 'API key lifecycle pass failed; retrying on the next pass');
    }
  }, options.intervalMs ?? KEY_WORKER_INTERVAL_MS);
  // The worker never keeps the process alive on its own.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
