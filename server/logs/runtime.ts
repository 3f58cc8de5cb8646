// The log side of the app past the request path, built once by buildApp: who sees which rows,
// feedback, exports (and their background runner), retention (and its hourly job), and the routes
// over them. start() and close() bracket the background work with the app's life.
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps, Services } from '../services.ts';
import type { PricingService } from '../pricing/service.ts';
import type { UsageUnits } from '../pricing/types.ts';
import type { WorkspaceFacts as CachedWorkspace } from '../identity/workspaces.ts';
import { workspaceAccess, type WorkspaceAccess } from '../identity/workspaces.ts';
import { roleFacts } from '../control-plane/users/repository.ts';
import type { LogWriter } from './writer.ts';
import type { LogsRepository } from './repository.ts';
import { dataVisibility, type DataVisibility } from './visibility.ts';
import { feedbackStore, type FeedbackStore } from './feedback.ts';
import { RetentionJob } from './retention.ts';
import { ExportRunner } from './exports/runner.ts';
import { exportsRepository } from './exports/repository.ts';
import { exportsService, type ExportsService } from './exports/service.ts';
import { exportRoutes } from './exports/routes.ts';
import { feedbackRoutes } from './feedbackRoutes.ts';
import { logRoutes } from './routes.ts';

/** Test seams for the background jobs. */
export interface LogJobOptions {
  exportChunkRows?: number;
  /** Awaited before each export chunk, so a test can hold an export mid-way. */
  beforeExportChunk?: (exportId: string, chunk: number) => Promise<void>;
  retentionStartDelayMs?: number;
  retentionIntervalMs?: number;
  retentionBatchRows?: number;
  /** Awaited after each full retention batch, so a test can act while a pass is mid-way. */
  betweenRetentionBatches?: (table: string, deleted: number) => Promise<void>;
}

export interface LogsRuntime {
  repo: LogsRepository;
  writer: LogWriter;
  visibility: DataVisibility;
  feedback: FeedbackStore;
  exports: ExportsService;
  exportRunner: ExportRunner;
  retention: RetentionJob;
  ws: WorkspaceAccess;
  workspaces: { get(id: string): CachedWorkspace | null };
  now: () => number;
  /** Organisation setting `request_logging_mode: metrics-only`. */
  metricsOnly: (workspaceId: string) => boolean;
  cost(provider: string, model: string, usage: UsageUnits): { cents: number; priced: boolean };
  routes: FastifyPluginAsyncTypebox;
  start(): void;
  close(): Promise<void>;
}

export interface LogsRuntimeDeps {
  deps: AppDeps;
  services: Services;
  writer: LogWriter;
  pricing: PricingService;
  log: { error(details: object, message: string): void };
}

export function createLogsRuntime({ deps, services, writer, pricing, log }: LogsRuntimeDeps): LogsRuntime {
  const { config } = deps;
  const jobs = deps.logJobs ?? {};
  const now = services.now;
  const visibility = dataVisibility({ db: deps.db, facts: roleFacts(services.repos.users), settings: services.settings });
  const feedback = feedbackStore(deps.logs, visibility, now);
  const ws = workspaceAccess(services.repos.workspaces);
  const exportsDir = path.join(config.dataDir, 'exports');
  const exportsRepo = exportsRepository(deps.db);

  // The runner reads each export's job from the service, which in turn queues exports on the runner.
  let exports: ExportsService | null = null;
  const exportRunner = new ExportRunner({
    db: deps.logs,
    repo: exportsRepo,
    dir: exportsDir,
    flush: () => writer.flush(),
    jobOf: (row) => exports!.jobOf(row),
    now,
    chunkRows: jobs.exportChunkRows,
    beforeChunk: jobs.beforeExportChunk,
    onError: (err, exportId) => log.error({ err, exportId }, 'log export failed'),
  });
  exports = exportsService({
    repo: exportsRepo,
    runner: exportRunner,
    visibility,
    ws,
    dir: exportsDir,
    count: (filter, scope) => services.logs.count(filter, scope),
    // export_settings is organisation-wide today (catalogue.ts ORGANISATION_ONLY); reading the
    // settings that hold in the workspace keeps this right if workspaces may ever override it.
    deniedFields: (workspaceId) =>
      (services.settings.forWorkspace(workspaceId).export_settings as { deniedFields?: string[] } | undefined)?.deniedFields ?? [],
    now,
  });
  const retention = new RetentionJob(deps.logs, {
    logDays: config.logRetentionDays,
    metricsDays: config.metricsRetentionDays,
    now,
    startDelayMs: jobs.retentionStartDelayMs,
    intervalMs: jobs.retentionIntervalMs,
    batchRows: jobs.retentionBatchRows,
    betweenBatches: jobs.betweenRetentionBatches,
    onError: (err) => log.error({ err }, 'log retention pass failed; the next pass tries again'),
  });

  const runtime: LogsRuntime = {
    repo: services.logs,
    writer,
    visibility,
    feedback,
    exports,
    exportRunner,
    retention,
    ws,
    workspaces: services.workspaceCache,
    now,
    metricsOnly: (workspaceId: string) => services.settings.forWorkspace(workspaceId).request_logging_mode === 'metrics-only',
    cost: (provider, model, usage) => pricing.cost(provider, model, usage),
    routes: async (v1) => {
      await v1.register(logRoutes(runtime));
      await v1.register(feedbackRoutes(feedback));
      await v1.register(exportRoutes(exports!, config.features.dataExports));
    },
    start() {
      exportRunner.recover();
      retention.start();
    },
    async close() {
      await exportRunner.close();
      await retention.stop();
    },
  };
  return runtime;
}
