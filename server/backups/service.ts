// Backups of the running appliance: on request (POST /v1/admin/backups), and on a schedule into a
// folder the admin names, keeping the newest N. One backup runs at a time. The schedule and its
// passphrase (sealed under the master key) are kept in appliance_settings.
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LogDatabase } from '../db/duckdb.ts';
import { isoNow } from '../db/rows.ts';
import type { Sqlite } from '../db/sqlite.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import type { SecretBox } from '../secrets/cipher.ts';
import { type BackupSummary, checkPassphrase, createBackup } from './create.ts';
import { BackupError } from './format.ts';

export const BACKUP_NAME = /^airgap-backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(-\d{3})?Z(-[a-z0-9]{1,16})?\.agbak$/;
const SETTING = 'backup_schedule';
const TICK_MS = 60_000;

export interface BackupSchedule {
  enabled: boolean;
  folder: string | null;
  interval_hours: number;
  keep: number;
  /** Sealed under the master key; never shown. */
  passphrase_sealed: string | null;
  updated_at: string | null;
  updated_by: string | null;
  last_run_at: string | null;
  last_result: { ok: boolean; name: string | null; error: string | null } | null;
}

const DEFAULT_SCHEDULE: BackupSchedule = {
  enabled: false,
  folder: null,
  interval_hours: 24,
  keep: 7,
  passphrase_sealed: null,
  updated_at: null,
  updated_by: null,
  last_run_at: null,
  last_result: null,
};

export interface BackupServiceDeps {
  dataDir: string;
  db: Sqlite;
  logs: LogDatabase;
  secrets: SecretBox;
  flushLogs(): Promise<void>;
  flushAudit(): void;
  now?: () => number;
  log?: { info(details: object, message: string): void; error(details: object, message: string): void };
  /** Told of each scheduled backup (the audit log records it). */
  onScheduled?(result: { ok: boolean; summary: BackupSummary | null; error: string | null }): void;
  /** Test seam: how often the schedule is looked at. */
  tickMs?: number;
}

/** `airgap-backup-2026-12-07T20-15-00-123Z.agbak` */
export function backupName(at: number, tag?: string): string {
  return `airgap-backup-${new Date(at).toISOString().replace(/[:.]/g, '-')}${tag ? `-${tag}` : ''}.agbak`;
}

/** A folder the appliance can write backups into, or the reason it cannot. */
export function checkFolder(folder: string): string | null {
  if (!path.isAbsolute(folder)) return 'must be an absolute path';
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const probe = path.join(folder, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, 'x', { mode: 0o600 });
    fs.rmSync(probe);
    return null;
  } catch (err) {
    return `is not writable by the appliance (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
  }
}

export function backupService(deps: BackupServiceDeps) {
  const now = deps.now ?? (() => Date.now());
  const defaultFolder = path.join(deps.dataDir, 'backups');
  const read = deps.db.prepare<[string], { value: string }>('SELECT value FROM appliance_settings WHERE key = ?');
  const write = deps.db.prepare(`INSERT INTO appliance_settings (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  let running: Promise<BackupSummary> | null = null;
  let conn: Promise<DuckDBConnection> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const schedule = (): BackupSchedule => {
    const row = read.get(SETTING);
    return row ? { ...DEFAULT_SCHEDULE, ...(JSON.parse(row.value) as Partial<BackupSchedule>) } : { ...DEFAULT_SCHEDULE };
  };
  const saveSchedule = (s: BackupSchedule) => write.run(SETTING, JSON.stringify(s), isoNow(now()));

  async function run(folder: string, passphrase: string, tag?: string): Promise<BackupSummary> {
    if (running) throw conflict('A backup is being written already; try again when it has finished.');
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const out = path.join(folder, backupName(now(), tag));
    running = createBackup(
      {
        dataDir: deps.dataDir,
        db: deps.db,
        logsConnection: () => (conn ??= deps.logs.connect()),
        flushLogs: deps.flushLogs,
        flushAudit: deps.flushAudit,
      },
      out,
      passphrase,
    );
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  function list(folder: string) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(folder).filter((n) => BACKUP_NAME.test(n));
    } catch {
      return [];
    }
    return names
      .map((name) => {
        const stat = fs.statSync(path.join(folder, name));
        return { name, size: stat.size, created_at: stat.mtime.toISOString() };
      })
      .sort((a, b) => b.name.localeCompare(a.name));
  }

  /** Keeps the newest `keep` scheduled backups in the folder. */
  function prune(folder: string, keep: number) {
    for (const old of list(folder)
      .filter((b) => b.name.endsWith('-scheduled.agbak'))
      .slice(keep)) {
      fs.rmSync(path.join(folder, old.name), { force: true });
    }
  }

  async function tick() {
    const s = schedule();
    if (!s.enabled || !s.folder || !s.passphrase_sealed || running) return;
    const due = s.last_run_at === null || now() - Date.parse(s.last_run_at) >= s.interval_hours * 3_600_000;
    if (!due) return;
    const at = isoNow(now());
    try {
      const summary = await run(s.folder, deps.secrets.decrypt(s.passphrase_sealed), 'scheduled');
      prune(s.folder, s.keep);
      saveSchedule({ ...schedule(), last_run_at: at, last_result: { ok: true, name: summary.name, error: null } });
      deps.log?.info({ file: summary.file, size: summary.size }, 'scheduled backup written');
      deps.onScheduled?.({ ok: true, summary, error: null });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      saveSchedule({ ...schedule(), last_run_at: at, last_result: { ok: false, name: null, error } });
      deps.log?.error({ err }, 'scheduled backup failed');
      deps.onScheduled?.({ ok: false, summary: null, error });
    }
  }

  const scheduleView = () => {
    const s = schedule();
    const next = s.enabled
      ? s.last_run_at === null
        ? isoNow(now())
        : isoNow(Date.parse(s.last_run_at) + s.interval_hours * 3_600_000)
      : null;
    return {
      object: 'backup_schedule' as const,
      enabled: s.enabled,
      folder: s.folder,
      interval_hours: s.interval_hours,
      keep: s.keep,
      passphrase_set: s.passphrase_sealed !== null,
      updated_at: s.updated_at,
      updated_by: s.updated_by,
      last_run_at: s.last_run_at,
      last_result: s.last_result,
      next_run_at: next,
    };
  };

  return {
    defaultFolder,
    /** A backup now, into the data dir's backups/ folder. */
    async create(passphrase: string): Promise<BackupSummary> {
      try {
        checkPassphrase(passphrase);
        return await run(defaultFolder, passphrase);
      } catch (err) {
        if (err instanceof BackupError) throw badRequest(err.message, { param: 'passphrase' });
        throw err;
      }
    },
    /** Backups in the data dir's folder, and in the schedule's folder when it is another. */
    list() {
      const s = schedule();
      const out = list(defaultFolder).map((b) => ({ ...b, folder: defaultFolder }));
      if (s.folder && path.resolve(s.folder) !== defaultFolder) out.push(...list(s.folder).map((b) => ({ ...b, folder: s.folder! })));
      return out.sort((a, b) => b.name.localeCompare(a.name));
    },
    /** The path of a listed backup, or a 404 (names only; never a path a caller chose). */
    fileOf(name: string): string {
      const found = BACKUP_NAME.test(name) ? this.list().find((b) => b.name === name) : undefined;
      if (!found) throw notFound(`No backup named ${name}`);
      return path.join(found.folder, found.name);
    },
    remove(name: string): void {
      fs.rmSync(this.fileOf(name));
    },
    schedule: scheduleView,
    setSchedule(
      input: { enabled: boolean; folder?: string | null; interval_hours?: number; keep?: number; passphrase?: string },
      by: string | null,
    ) {
      const s = schedule();
      const folder = input.folder === undefined ? s.folder : input.folder;
      if (input.enabled && !folder) throw badRequest('folder: a scheduled backup needs a folder (an absolute path)', { param: 'folder' });
      if (folder) {
        const problem = checkFolder(folder);
        if (problem) throw badRequest(`folder ${JSON.stringify(folder)} ${problem}`, { param: 'folder' });
      }
      let sealed = s.passphrase_sealed;
      if (input.passphrase !== undefined) {
        try {
          sealed = deps.secrets.encrypt(checkPassphrase(input.passphrase));
        } catch (err) {
          if (err instanceof BackupError) throw badRequest(err.message, { param: 'passphrase' });
          throw err;
        }
      }
      if (input.enabled && sealed === null) throw badRequest('passphrase: a scheduled backup needs a passphrase', { param: 'passphrase' });
      saveSchedule({
        ...s,
        enabled: input.enabled,
        folder: folder ? path.resolve(folder) : null,
        interval_hours: input.interval_hours ?? s.interval_hours,
        keep: input.keep ?? s.keep,
        passphrase_sealed: sealed,
        updated_at: isoNow(now()),
        updated_by: by,
      });
      return scheduleView();
    },
    /** Starts looking at the schedule every minute. */
    start() {
      timer ??= setInterval(() => void tick().catch(() => undefined), deps.tickMs ?? TICK_MS);
      timer.unref();
    },
    /** For tests: run the schedule's check now. */
    tick,
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}

export type BackupService = ReturnType<typeof backupService>;
