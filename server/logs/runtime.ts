// The log side of the app past the request path, built once by buildApp: who sees which rows,
// feedback, exports (and their background runner) and retention (and its hourly job); buildApp
// registers the routes over them. start() and close() bracket the background work with the app's life.
import path from 'node:path';
import type { Sqlite } from '../db/sqlite.ts';
import type { LogDatabase } from '../db/duckdb.ts';
import type { UsageUnits } from '../pricing/types.ts';
import type { RoleFacts } from '../identity/roles.ts';
import type { OrganisationSettingsCache } from '../settings/settings.ts';
import {
  workspaceAccess,
  type WorkspaceAccess,
  type WorkspaceDirectory,
  type WorkspaceFacts as CachedWorkspace,
  type WorkspaceFactsSource,
  type WorkspaceRef,
} from '../identity/workspaces.ts';
import type { LogWriter } from './writer.ts';
import type { LogsRepository } from './repository.ts';
import { dataVisibility, type DataVisibility } from './visibility.ts';
import { feedbackStore, type FeedbackStore } from './feedback.ts';
import { RetentionJob } from './retention.ts';
import { ExportRunner } from './exports/runner.ts';
import { exportsRepository } from './exports/repository.ts';
import { exportsService, type ExportsService } from './exports/service.ts';

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
  start(): void;
  close(): Promise<void>;
}

export interface LogsRuntimeDeps {
  /** The metadata database (exports' jobs, who may see which rows) and the log database. */
  db: Sqlite;
  logs: LogDatabase;
  repo: LogsRepository;
  writer: LogWriter;
  dataDir: string;
  retention: { logDays: number; metricsDays: number };
  jobs?: LogJobOptions;
  now: () => number;
  facts: RoleFacts;
  settings: OrganisationSettingsCache;
  workspaces: WorkspaceDirectory<WorkspaceRef>;
  workspaceFacts: WorkspaceFactsSource;
  cost(provider: string, model: string, usage: UsageUnits): { cents: number; priced: boolean };
  log: { error(details: object, message: string): void };
}

export function createLogsRuntime(deps: LogsRuntimeDeps): LogsRuntime {
  const { writer, settings, now, log } = deps;
  const jobs = deps.jobs ?? {};
  const visibility = dataVisibility({ db: deps.db, facts: deps.facts, settings });
  const feedback = feedbackStore(deps.logs, visibility, now);
  const ws = workspaceAccess(deps.workspaces);
  const exportsDir = path.join(deps.dataDir, 'exports');
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
    count: (filter, scope) => deps.repo.count(filter, scope),
    // export_settings is organisation-wide today (catalogue.ts ORGANISATION_ONLY); reading the
    // settings that hold in the workspace keeps this right if workspaces may ever override it.
    deniedFields: (workspaceId) =>
      (settings.forWorkspace(workspaceId).export_settings as { deniedFields?: string[] } | undefined)?.deniedFields ?? [],
    now,
  });
  const retention = new RetentionJob(deps.logs, {
    logDays: deps.retention.logDays,
    metricsDays: deps.retention.metricsDays,
    now,
    startDelayMs: jobs.retentionStartDelayMs,
    intervalMs: jobs.retentionIntervalMs,
    batchRows: jobs.retentionBatchRows,
    betweenBatches: jobs.betweenRetentionBatches,
    onError: (err) => log.error({ err }, 'log retention pass failed; the next pass tries again'),
  });

  const runtime: LogsRuntime = {
    repo: deps.repo,
    writer,
    visibility,
    feedback,
    exports,
    exportRunner,
    retention,
    ws,
    workspaces: deps.workspaceFacts,
    now,
    metricsOnly: (workspaceId: string) => settings.forWorkspace(workspaceId).request_logging_mode === 'metrics-only',
    cost: deps.cost,
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
