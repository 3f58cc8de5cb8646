// Starts a worker thread on one of our modules: the compiled .js in dist, or, from the sources
// (tests, development), the .ts file through tsx, as the main thread loads it.
import { Worker } from 'node:worker_threads';

export function moduleWorker(url: URL, workerData: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
